import { Hono } from 'hono';
import { adminAuth } from '../auth/admin.ts';
import { embedSessionRequestSchema, mintEmbedToken } from '../auth/embed.ts';
import { readJson } from '../body.ts';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../errors.ts';

/** Embed sessions: the vendor's backend, holding the secret key, mints a token for one customer user. */
export const embedRoutes = new Hono<AppEnv>();

embedRoutes.post('/sessions', adminAuth(), async (c) =>
  c.json(await mintSession(c.get('services'), await readJson(c)), 201),
);

/**
 * Checks a session request and signs its token with the deployment's key: the one way a token is
 * minted over HTTP (this route, and the demo host's backend).
 */
export async function mintSession(
  services: Pick<Services, 'embed'>,
  request: unknown,
): Promise<{ token: string; expiresAt: string }> {
  const session = embedSessionRequestSchema.parse(request);
  const { signingKey, ttlMinutes } = services.embed;
  // adminAuth already refuses a deployment without a secret key; this guards the invariant.
  if (!signingKey) throw new ApiError(401, 'unauthorized', 'this deployment has no secret key');
  const { token, expiresAt } = await mintEmbedToken(signingKey, session, { ttlMinutes });
  return { token, expiresAt: expiresAt.toISOString() };
}
