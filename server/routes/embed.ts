import { createRoute } from '@hono/zod-openapi';
import {
  type EmbedSessionRequest,
  embedSessionRequestSchema,
  embedSessionSchema,
} from '../../blueprint/api/embed.ts';
import { adminAuth } from '../auth/admin.ts';
import { mintEmbedToken } from '../auth/embed.ts';
import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/** Embed sessions: the vendor's backend, holding the secret key, mints a token for one customer user. */
export const embedRoutes = routes();

define(
  embedRoutes,
  createRoute({
    method: 'post',
    path: '/sessions',
    tags: ['Embed sessions (secret key)'],
    summary: 'Mint a short-lived embed token for one user of one customer account',
    description:
      'Call it from your backend: the secret key never reaches a browser. The account comes from the token alone on every customer-facing route.',
    security: auth.secretKey,
    middleware: adminAuth(),
    request: { body: jsonRequest(embedSessionRequestSchema) },
    responses: { 201: json(embedSessionSchema, 'The token.'), ...errors(400, 401) },
  }),
  async (c) => c.json(await mintSession(c.get('services'), c.req.valid('json')), 201),
);

/**
 * Signs a checked session request with the deployment's key: the one way a token is minted over
 * HTTP (this route, and the demo host's backend).
 */
export async function mintSession(
  services: Pick<Services, 'embed'>,
  session: EmbedSessionRequest & { role: 'viewer' | 'editor' },
): Promise<{ token: string; expiresAt: string }> {
  const { signingKey, ttlMinutes } = services.embed;
  // adminAuth already refuses a deployment without a secret key; this guards the invariant.
  if (!signingKey) throw new ApiError(401, 'unauthorized', 'this deployment has no secret key');
  const { token, expiresAt } = await mintEmbedToken(signingKey, session, { ttlMinutes });
  return { token, expiresAt: expiresAt.toISOString() };
}
