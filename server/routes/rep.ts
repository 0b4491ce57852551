import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  repSessionRequestSchema,
  repSessionSchema,
  repViewSchema,
} from '../../blueprint/api/rep.ts';
import { adminAuth } from '../auth/admin.ts';
import { mintEmbedToken, REP_USER_PREFIX } from '../auth/embed.ts';
import { mintRepToken, type RepSession, repAuth, requireRepAccount } from '../auth/rep.ts';
import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/**
 * The rep side. The vendor's backend signs a success manager in with the secret key (a rep token
 * naming the accounts they serve); the rep console, served by this service at /rep, then reads
 * with that token alone. Each route carries its own auth: sessions take the secret key, the rest
 * a rep token. No CORS: no other origin's page calls these.
 */
export const repRoutes = routes();

const tags = ['Rep console (rep token)'];

define(
  repRoutes,
  createRoute({
    method: 'post',
    path: '/sessions',
    tags: ['Rep sessions (secret key)'],
    summary: 'Sign a success manager in: a rep token naming the accounts they serve',
    description:
      'Call it from your backend: the secret key never reaches a browser. `accounts` is `["*"]` for every account, else the account ids the rep serves; rep routes show nothing outside them. The token lives VALUEPRINT_REP_TTL_MINUTES (60 by default).',
    security: auth.secretKey,
    middleware: adminAuth(),
    request: { body: jsonRequest(repSessionRequestSchema) },
    responses: { 201: json(repSessionSchema, 'The rep token.'), ...errors(400, 401, 413) },
  }),
  async (c) => c.json(await mintRepSession(c.get('services'), c.req.valid('json')), 201),
);

/** Signs a checked rep sign-in with the deployment's rep key. */
async function mintRepSession(
  services: Pick<Services, 'rep'>,
  rep: z.infer<typeof repSessionRequestSchema>,
): Promise<{ token: string; expiresAt: string }> {
  const { signingKey, ttlMinutes } = services.rep;
  // adminAuth already refuses a deployment without a secret key; this guards the invariant.
  if (!signingKey) throw new ApiError(401, 'unauthorized', 'this deployment has no secret key');
  const { token, expiresAt } = await mintRepToken(signingKey, rep, { ttlMinutes });
  return { token, expiresAt: expiresAt.toISOString() };
}

const accountParam = z.object({
  accountId: z
    .string()
    .min(1)
    .max(256)
    .meta({ description: 'An account the rep token names.', example: 'acme-corp' }),
});

define(
  repRoutes,
  createRoute({
    method: 'post',
    path: '/accounts/{accountId}/view',
    tags,
    summary: 'A read-only embed token for one account the rep serves: its dashboard, as a viewer',
    description:
      'A viewer embed token whose user is `rep:<repId>` and which names the rep: it reads everything a viewer reads (value, story, levers, projections, goal seek, recommendations, hand-offs, the journey digest), and every route that writes as the customer answers it 403 `read_only`. It lives as long as an embed token, never past the rep token. An account the token does not name is 403.',
    security: auth.repToken,
    middleware: repAuth(),
    request: { params: accountParam },
    responses: {
      201: json(repViewSchema, 'The view token.'),
      ...errors(400, 401, 403, 413),
    },
  }),
  async (c) => {
    const { accountId } = c.req.valid('param');
    const rep = c.get('rep');
    requireRepAccount(rep, accountId, `account "${accountId}"`);
    return c.json(await mintRepView(c.get('services'), rep, accountId), 201);
  },
);

/** A viewer embed token for `accountId`, naming the rep, living no longer than the rep's token. */
export async function mintRepView(
  services: Pick<Services, 'embed'>,
  rep: RepSession,
  accountId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const { signingKey, ttlMinutes } = services.embed;
  if (!signingKey) throw new ApiError(401, 'unauthorized', 'this deployment has no secret key');
  const left = (rep.expiresAt.getTime() - now.getTime()) / 60_000;
  const { token, expiresAt } = await mintEmbedToken(
    signingKey,
    {
      accountId,
      userId: `${REP_USER_PREFIX}${rep.repId}`,
      role: 'viewer',
      locale: rep.locale,
      rep: { id: rep.repId, name: rep.name },
    },
    { ttlMinutes: Math.min(ttlMinutes, left), now },
  );
  return { token, expiresAt: expiresAt.toISOString() };
}
