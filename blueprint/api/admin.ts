import { z } from 'zod';
import { promisesSchema } from '../promise.ts';
import { valueModelSchema } from '../value-model.ts';
import { issueSchema } from './common.ts';
import {
  accountPromisesExample,
  createdKeyExample,
  createdSourceExample,
  inventoryExample,
  modelVersionsExample,
  publishedModelExample,
  quarantineExample,
  sourceExample,
  storedModelExample,
  writeKeyInfoExample,
} from './examples.ts';
import { rejectionCodes } from './ingest.ts';

/** The vendor's API (secret key): sources and write keys, inventory, quarantine, model, promises. */

const timestamp = z
  .string()
  .meta({ description: 'ISO-8601 UTC.', example: '2026-12-03T10:15:00.000Z' });

export const writeKeyInfoSchema = z
  .object({
    id: z.string(),
    prefix: z.string().meta({ description: 'Enough of the key to recognise it, not to use it.' }),
    createdAt: timestamp,
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: 'WriteKeyInfo', example: writeKeyInfoExample });
export type WriteKeyInfo = z.infer<typeof writeKeyInfoSchema>;

export const sourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: timestamp,
    keys: z.array(writeKeyInfoSchema),
  })
  .meta({ id: 'Source', example: sourceExample });
export type Source = z.infer<typeof sourceSchema>;

export const sourceListSchema = z
  .object({ sources: z.array(sourceSchema) })
  .meta({ id: 'Sources', example: { sources: [sourceExample] } });

export const createSourceBodySchema = z
  .object({
    name: z
      .string({
        error: 'name is required: a short name for the product or partner sending telemetry',
      })
      .trim()
      .min(1, 'name must not be empty')
      .max(100, 'name must be at most 100 characters'),
  })
  .meta({ id: 'NewSource', example: { name: 'Web app' } });

const writeKey = z.string().meta({ description: 'Shown once; stored only as a hash.' });

export const createdSourceSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: timestamp, keyId: z.string(), writeKey })
  .meta({ id: 'CreatedSource', example: createdSourceExample });

export const createdKeySchema = writeKeyInfoSchema
  .extend({ writeKey })
  .meta({ id: 'CreatedWriteKey', example: createdKeyExample });

export const jsonKinds = ['string', 'number', 'boolean', 'object', 'array', 'null'] as const;
export type JsonKind = (typeof jsonKinds)[number];

export const inventorySchema = z
  .object({
    totals: z.object({
      events: z.number().int(),
      duplicates: z.number().int(),
      quarantined: z.number().int(),
    }),
    events: z.array(
      z.object({
        name: z.string().nullable(),
        type: z.enum(['track', 'identify', 'group', 'page', 'screen']),
        count: z.number().int(),
        accounts: z.number().int(),
        users: z.number().int(),
        firstSeen: timestamp,
        lastSeen: timestamp,
        properties: z.array(
          z.object({
            key: z.string(),
            types: z.array(z.enum(jsonKinds)),
            fillRate: z.number().meta({ description: "Share of the event's occurrences with it." }),
          }),
        ),
      }),
    ),
    quarantine: z.object({
      reasons: z.array(z.object({ code: z.string(), count: z.number().int() })),
    }),
  })
  .meta({ id: 'Inventory', example: inventoryExample });
export type Inventory = z.infer<typeof inventorySchema>;
export type EventInventory = Inventory['events'][number];
export type PropertyInventory = EventInventory['properties'][number];

export const quarantineEntrySchema = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    receivedAt: timestamp,
    code: z.enum([...rejectionCodes]).or(z.string()),
    message: z.string(),
    path: z.string(),
    raw: z.string().meta({ description: 'The payload as far as it could be read.' }),
  })
  .meta({ id: 'QuarantineEntry' });
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

export const quarantineSchema = z
  .object({ events: z.array(quarantineEntrySchema) })
  .meta({ id: 'Quarantine', example: quarantineExample });

export const inventoryParamsSchema = z.object({
  source: z.string().min(1).optional().meta({ description: 'One source only.' }),
});
export const quarantineParamsSchema = inventoryParamsSchema.extend({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(1_000, 'limit must be at most 1000')
    .default(100),
});

export const storedModelSchema = z
  .object({ version: z.number().int(), model: valueModelSchema, createdAt: timestamp })
  .meta({ id: 'StoredModel', example: storedModelExample });

export const publishedModelSchema = storedModelSchema
  .extend({
    warnings: z
      .array(issueSchema)
      .meta({ description: 'Worth a look; every figure is still computable.' }),
  })
  .meta({ id: 'PublishedModel', example: publishedModelExample });

export const modelVersionsSchema = z
  .object({
    versions: z.array(
      z.object({
        version: z.number().int(),
        createdAt: timestamp,
        product: z.string(),
        drivers: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ModelVersions', example: modelVersionsExample });

export const accountPromisesSchema = z
  .object({ accountId: z.string(), promises: promisesSchema.shape.promises })
  .meta({ id: 'AccountPromises', example: accountPromisesExample });

export { promisesSchema };
export const accountIdParamSchema = z.object({
  accountId: z.string().min(1).max(256).meta({ description: 'The groupId its telemetry carries.' }),
});
