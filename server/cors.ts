import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './context.ts';

/**
 * CORS for customer-facing routes: only the deployment's configured origins (the vendor's product
 * pages) may call them from a browser. Tokens travel in the Authorization header, never in cookies,
 * so credentials stay off.
 */
export function customerCors(): MiddlewareHandler<AppEnv> {
  const handle = cors({
    origin: (origin, c) =>
      (c.get('services') as AppEnv['Variables']['services']).allowedOrigins.includes(origin)
        ? origin
        : null,
    allowMethods: ['GET', 'PUT', 'POST', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    // A page may read when to try again (a hand-off past the hourly limit) and quote the request id.
    exposeHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  return async function customerCors(c, next) {
    return handle(c, next);
  };
}
