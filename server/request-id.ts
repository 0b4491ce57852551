import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every answer carries a request id (header X-Request-Id, and in error bodies). A client's own id
 * is kept only when it is a well-formed UUID; anything else (a log-injection attempt, 10 KB of
 * text) is replaced by ours, so what our logs and answers repeat is always a plain UUID.
 */
export function requestIds(): MiddlewareHandler<AppEnv> {
  return async function requestIds(c, next) {
    const given = c.req.header('x-request-id');
    const id = given !== undefined && UUID.test(given) ? given.toLowerCase() : randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
