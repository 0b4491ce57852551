import { z } from 'zod';

/** Embed sessions: the vendor's backend, with the secret key, mints a token for one customer user. */

export const embedRoles = ['viewer', 'editor'] as const;
export type EmbedRole = (typeof embedRoles)[number];

const id = (name: string, what: string) =>
  z
    .string({ error: `${name} is required: ${what}` })
    .min(1, `${name} must not be empty`)
    .max(256, `${name} must be at most 256 characters`);

const locale = z
  .string({ error: 'locale must be a language tag such as "en" or "de-DE"' })
  .max(35, 'locale must be at most 35 characters')
  .regex(
    /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/,
    'locale must be a language tag such as "en" or "de-DE"',
  )
  .transform((tag, ctx) => {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      ctx.addIssue({ code: 'custom', message: `locale "${tag}" is not a valid language tag` });
      return z.NEVER;
    }
  });

/** What a vendor backend (or `valueprint embed-token`) asks a token for. */
export const embedSessionRequestSchema = z
  .object({
    accountId: id('accountId', 'the customer account (the groupId its telemetry carries)'),
    userId: id('userId', 'the signed-in user at the customer'),
    role: z
      .enum(embedRoles, { error: 'role must be "viewer" or "editor"' })
      .meta({ description: 'editor may change assumptions; viewer only reads.' }),
    locale: locale.optional().meta({ description: 'en, de or es; others fall back to en.' }),
  })
  .meta({
    id: 'EmbedSessionRequest',
    example: { accountId: 'acme-corp', userId: 'u-42', role: 'viewer', locale: 'de' },
  });
export type EmbedSessionRequest = z.input<typeof embedSessionRequestSchema>;

export const embedSessionSchema = z
  .object({
    token: z.string().meta({ description: 'Send as Authorization: Bearer <token>.' }),
    expiresAt: z.string().meta({ description: 'ISO-8601 UTC; minutes from now.' }),
  })
  .meta({
    id: 'EmbedSession',
    example: {
      token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…',
      expiresAt: '2026-12-03T10:30:00.000Z',
    },
  });
