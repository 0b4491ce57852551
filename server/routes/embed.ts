import { Hono } from 'hono';
import { adminAuth } from '../auth/admin.ts';
import { embedSessionRequestSchema, mintEmbedToken } from '../auth/embed.ts';
import { readJson } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** Embed sessions: the vendor's backend, holding the secret key, mints a token for one customer user. */
export const embedRoutes = new Hono<AppEnv>();

embedRoutes.post('/sessions', adminAuth(), async (c) => {
  const session = embedSessionRequestSchema.parse(await readJson(c));
  const { signingKey, ttlMinutes } = c.get('services').embed;
  // adminAuth already refuses a deployment without a secret key; this guards the invariant.
  if (!signingKey) throw new ApiError(401, 'unauthorized', 'this deployment has no secret key');
  const { token, expiresAt } = await mintEmbedToken(signingKey, session, { ttlMinutes });
  return c.json({ token, expiresAt: expiresAt.toISOString() }, 201);
});
