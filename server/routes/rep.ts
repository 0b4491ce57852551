import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { handoffExample } from '../../blueprint/api/handoff-examples.ts';
import { handoffReplySchema, handoffSchema } from '../../blueprint/api/handoffs.ts';
import {
  repQueueQuerySchema,
  repQueueSchema,
  repReplyRequestSchema,
  repSessionRequestSchema,
  repSessionSchema,
  repStatusChangeSchema,
  repViewSchema,
} from '../../blueprint/api/rep.ts';
import { adminAuth } from '../auth/admin.ts';
import { mintEmbedToken, REP_USER_PREFIX } from '../auth/embed.ts';
import { mintRepToken, type RepSession, repAuth, requireRepAccount } from '../auth/rep.ts';
import type { AppEnv, Services } from '../context.ts';
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
      'Call it from your backend: the secret key never reaches a browser. `accounts` is `["*"]` for every account, else the account ids the rep serves; rep routes show nothing outside them. The token carries the list, in a header on every call: a list that would make it larger than 12 KB is 400 `token_too_large`. The token lives VALUEPRINT_REP_TTL_MINUTES (60 by default).',
    security: auth.secretKey,
    middleware: adminAuth(),
    request: { body: jsonRequest(repSessionRequestSchema) },
    responses: { 201: json(repSessionSchema, 'The rep token.'), ...errors(400, 401, 413) },
  }),
  async (c) => c.json(await mintRepSession(c.get('services'), c.req.valid('json')), 201),
);

/**
 * The token travels in a header on every console call, and Node takes 16 KB of headers a request:
 * a token past this would be minted only to be refused (431) on first use.
 */
const MAX_REP_TOKEN_BYTES = 12 * 1024;

/** Signs a checked rep sign-in with the deployment's rep key. */
async function mintRepSession(
  services: Pick<Services, 'rep'>,
  rep: z.infer<typeof repSessionRequestSchema>,
): Promise<{ token: string; expiresAt: string }> {
  const { signingKey, ttlMinutes } = services.rep;
  // adminAuth already refuses a deployment without a secret key; this guards the invariant.
  if (!signingKey) throw new ApiError(401, 'unauthorized', 'this deployment has no secret key');
  const { token, expiresAt } = await mintRepToken(signingKey, rep, { ttlMinutes });
  if (token.length > MAX_REP_TOKEN_BYTES) {
    throw new ApiError(
      400,
      'token_too_large',
      `a token naming these ${rep.accounts.length} accounts would take ${Math.ceil(token.length / 1024)} KB, more than the ${MAX_REP_TOKEN_BYTES / 1024} KB a request header can carry on every call; name fewer accounts, or ["*"] for every account`,
    );
  }
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

// ---------------------------------------------------------------------------------------------
// Hand-offs, as the rep reads and answers them. A hand-off of an account the token does not name
// is 404, as if it did not exist; asking for such an account by name (`?account=`) is 403.

const handoffId = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: 'The hand-off.', example: 'hof_4f1c2a9e0b7d4c21' }),
});

/** The rep token's accounts, and who the rep is: what the hand-off service checks and records. */
function repOf(c: Context<AppEnv>) {
  const { repId, name, accounts } = c.get('rep');
  return { scope: { accounts }, rep: { repId, name } };
}

define(
  repRoutes,
  createRoute({
    method: 'get',
    path: '/handoffs',
    tags,
    summary: 'The queue: hand-offs of the rep’s accounts, with each account’s value at a glance',
    description:
      'Open ones (new, accepted) oldest first, then the rest newest first; no briefs. `status` keeps one status; `account` one account, which must be among the token’s (else 403).',
    security: auth.repToken,
    middleware: repAuth(),
    request: { query: repQueueQuerySchema },
    responses: { 200: json(repQueueSchema, 'The queue.'), ...errors(400, 401, 403) },
  }),
  async (c) => {
    const { scope } = repOf(c);
    const { status, account } = c.req.valid('query');
    return c.json(await c.get('services').handoffs.queue(scope, { status, account }), 200);
  },
);

define(
  repRoutes,
  createRoute({
    method: 'get',
    path: '/handoffs/{id}',
    tags,
    summary: 'One hand-off with its brief and replies',
    security: auth.repToken,
    middleware: repAuth(),
    request: { params: handoffId },
    responses: { 200: json(handoffSchema, 'The hand-off.'), ...errors(400, 401, 404) },
  }),
  async (c) => {
    const { scope } = repOf(c);
    return c.json(await c.get('services').handoffs.getForRep(scope, c.req.valid('param').id), 200);
  },
);

define(
  repRoutes,
  createRoute({
    method: 'post',
    path: '/handoffs/{id}/status',
    tags,
    summary: 'Move a hand-off on: accepted, answered or closed',
    description: 'The vendor’s systems get `handoff.updated`.',
    security: auth.repToken,
    middleware: repAuth(),
    request: { params: handoffId, body: jsonRequest(repStatusChangeSchema) },
    responses: {
      200: json(handoffSchema, 'The hand-off after the change (without its brief).'),
      ...errors(400, 401, 404, 413),
    },
  }),
  async (c) => {
    const { scope, rep } = repOf(c);
    const { status } = c.req.valid('json');
    const handoff = await c
      .get('services')
      .handoffs.setStatus(scope, rep, c.req.valid('param').id, status);
    return c.json(handoff, 200);
  },
);

define(
  repRoutes,
  createRoute({
    method: 'post',
    path: '/handoffs/{id}/replies',
    tags,
    summary: 'Answer the customer, and push a plan into their account if you like',
    description:
      'The customer sees the reply on their hand-off. A `scenario` is saved to the customer’s account as a shared plan by the rep (their planner opens it; the saved plan names the success manager) and named on the reply. The hand-off becomes answered; the vendor’s systems get `handoff.replied`.',
    security: auth.repToken,
    middleware: repAuth(),
    request: { params: handoffId, body: jsonRequest(repReplyRequestSchema) },
    responses: {
      201: {
        description: 'The reply.',
        content: {
          'application/json': { schema: handoffReplySchema, example: handoffExample.replies[0] },
        },
      },
      ...errors(400, 401, 404, 409, 413),
    },
  }),
  async (c) => {
    const { scope, rep } = repOf(c);
    const reply = await c
      .get('services')
      .handoffs.reply(scope, rep, c.req.valid('param').id, c.req.valid('json'));
    return c.json(reply, 201);
  },
);
