import { z } from 'zod';
import { embedRoles } from './embed.ts';
import { demoSessionExample, serviceIndexExample } from './examples.ts';

/** The service's own routes: its index, health, the widget's manifest and the demo host page. */

export const healthSchema = z
  .object({ status: z.enum(['ok', 'unavailable']) })
  .meta({ id: 'Health', example: { status: 'ok' } });

export const serviceIndexSchema = z
  .object({
    service: z.literal('Valueprint'),
    health: z.string(),
    docs: z.string(),
    openapi: z.string(),
    widget: z.string(),
  })
  .meta({ id: 'ServiceIndex', example: serviceIndexExample });

const pinnedFile = z.object({
  script: z.string().meta({ description: 'The content-hashed, immutable URL of the file.' }),
  integrity: z.string().meta({ description: 'Subresource Integrity: sha384-<base64>.' }),
});

export const widgetManifestSchema = pinnedFile
  .extend({
    chunks: z.array(pinnedFile).meta({
      description:
        'The pieces the widget imports when they are first shown (troubleshooting, the planner), to pin with an import map’s "integrity".',
    }),
  })
  .meta({
    id: 'WidgetManifest',
    example: {
      script: '/widget/valueprint.3f9a1c0b7d2e.js',
      integrity: 'sha384-…',
      chunks: [{ script: '/widget/explain-panel.81c4d09e2a6f.js', integrity: 'sha384-…' }],
    },
  });

export const demoAccountSchema = z.object({ id: z.string(), name: z.string() });
export const demoAccountsSchema = z.array(demoAccountSchema).meta({
  id: 'DemoAccounts',
  example: [
    { id: 'acme-corp', name: 'Acme Corp' },
    { id: 'initech', name: 'Initech' },
  ],
});

export const demoSessionBodySchema = z
  .object({
    accountId: z.string({ error: 'accountId is required: one of the demo accounts' }),
    role: z.enum(embedRoles, { error: 'role must be "viewer" or "editor"' }).optional(),
    locale: z.enum(['en', 'de', 'es'], { error: 'locale must be "en", "de" or "es"' }).optional(),
  })
  .strict()
  .meta({
    id: 'DemoSessionRequest',
    example: { accountId: 'acme-corp', role: 'editor', locale: 'en' },
  });

export const demoSessionSchema = z
  .object({ token: z.string(), expiresAt: z.string(), account: demoAccountSchema })
  .meta({ id: 'DemoSession', example: demoSessionExample });
