import type { MiddlewareHandler } from 'hono';

/**
 * Sets Cache-Control on every answer under the route, errors included, so no shared cache (a
 * proxy, a CDN) and no browser cache keeps a token or a customer's figures.
 */
export function cacheControl(value: 'no-store' | 'private, no-store'): MiddlewareHandler {
  return async function cacheControl(c, next) {
    await next();
    c.res.headers.set('Cache-Control', value);
  };
}
