import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { credentialFrom } from './credentials.ts';
import { sameSecret } from './keys.ts';

/** Vendor-facing routes: the deployment's secret key as a Bearer token. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuth(c, next) {
    const given = credentialFrom(c.req.header('authorization'));
    const { secretKey } = c.get('services');
    if (!given || !secretKey || !sameSecret(given, secretKey)) {
      c.header('WWW-Authenticate', 'Bearer realm="valueprint-admin"');
      throw new ApiError(
        401,
        'unauthorized',
        'this route needs the secret API key as a Bearer token',
      );
    }
    await next();
  };
}
