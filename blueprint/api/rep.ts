import { z } from 'zod';
import { handoffLimits, handoffReplySchema, handoffSchema, handoffStatuses } from './handoffs.ts';

/**
 * The rep side: the vendor signs its success managers in the way it signs customers in (a short
 * token minted with the secret key, naming the accounts the rep may see), and the rep console
 * reads the queue, answers, and pushes plans back with it.
 */

const id = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .min(1, `${name} must not be empty`)
    .max(256, `${name} must be at most 256 characters`);

/** Accounts one rep token may name at most (else "*"). */
export const MAX_REP_ACCOUNTS = 1_000;

export const repSessionRequestSchema = z
  .object({
    repId: id('repId'),
    name: z.string().trim().min(1, 'name is required: how customers see the rep').max(120),
    accounts: z
      .union([z.tuple([z.literal('*')]), z.array(id('an account id')).min(1).max(MAX_REP_ACCOUNTS)])
      .meta({ description: '["*"] for every account, else the account ids the rep serves.' }),
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'locale must be a language tag')
      .optional(),
  })
  .strict()
  .meta({
    id: 'RepSessionRequest',
    example: { repId: 'rep-7', name: 'Sam Rivera', accounts: ['acme-corp', 'globex'] },
  });
export type RepSessionRequest = z.infer<typeof repSessionRequestSchema>;

/** A rep token: send it as `Authorization: Bearer <token>` on the rep routes. */
export const repSessionSchema = z
  .object({
    token: z.string().meta({ description: 'Send as Authorization: Bearer <token> on /v1/rep/*.' }),
    expiresAt: z.string().meta({ description: 'ISO-8601 UTC; an hour from now by default.' }),
  })
  .meta({
    id: 'RepSession',
    example: {
      token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…',
      expiresAt: '2026-12-03T11:15:00.000Z',
    },
  });

export const repStatusChangeSchema = z
  .object({
    status: z.enum(['accepted', 'answered', 'closed'], {
      error: 'status must be accepted, answered or closed',
    }),
  })
  .strict()
  .meta({ id: 'RepStatusChange' });

export const repReplyRequestSchema = z
  .object({
    message: z
      .string({ error: 'message is required' })
      .trim()
      .min(1, 'write a few words to the customer')
      .max(handoffLimits.maxReplyChars),
    scenario: z
      .object({
        name: z.string().trim().min(1, 'name the plan').max(120),
        levers: z
          .record(z.string().min(1).max(200), z.number().finite())
          .refine((levers) => Object.keys(levers).length <= 200, 'at most 200 levers'),
        horizonMonths: z.number().int().min(1).max(36).default(12),
        rampMonths: z.number().int().min(0).max(36).default(3),
      })
      .strict()
      .optional()
      .meta({
        description: 'A plan to push: saved to the customer’s account, shared, by the rep.',
      }),
  })
  .strict()
  .meta({
    id: 'RepReplyRequest',
    example: {
      message: 'Yes, March works. Here is a plan with Finance and Ops on automations.',
      scenario: {
        name: 'Finance and Ops on automations',
        levers: { 'adoption:automation_hours': 220 },
      },
    },
  });
export type RepReplyRequest = z.infer<typeof repReplyRequestSchema>;

export const repQueueQuerySchema = z.object({
  status: z.enum(handoffStatuses).optional(),
  account: z.string().max(256).optional(),
});

/** The queue: each hand-off with the account's value at a glance (its last 90 complete days). */
export const repQueueSchema = z
  .object({
    handoffs: z.array(
      handoffSchema.omit({ brief: true, mine: true }).extend({
        glance: z
          .object({
            currency: z.string(),
            period: z.object({ from: z.string(), to: z.string() }),
            total: z.number(),
            estimated: z.boolean(),
            roi: z.number().nullable(),
            behindPromises: z.number().int(),
          })
          .nullable()
          .meta({ description: 'null when the account has no value yet.' }),
      }),
    ),
  })
  .meta({ id: 'RepQueue', description: 'Oldest open first, then the rest newest first.' });
export type RepQueue = z.infer<typeof repQueueSchema>;

export const repReplyCreatedSchema = handoffReplySchema;

/** A read-only embed token for one account the rep serves: the console shows its dashboard. */
export const repViewSchema = z
  .object({
    token: z.string().meta({
      description:
        'A viewer embed token for the account, naming the rep: it reads what a viewer reads and writes nothing (403 read_only).',
    }),
    expiresAt: z.string().meta({
      description: 'ISO-8601 UTC: the embed token lifetime, never past the rep token’s.',
    }),
  })
  .meta({
    id: 'RepView',
    example: {
      token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…',
      expiresAt: '2026-12-03T10:30:00.000Z',
    },
  });
