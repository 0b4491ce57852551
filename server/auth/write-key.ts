import type { Context, MiddlewareHandler } from 'hono';
import type { SourceStore } from '../../telemetry/storage/interface.ts';
import { hashKey } from '../../telemetry/write-keys.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { credentialFrom } from './credentials.ts';

/** Positive lookups are kept briefly; revoking a key clears the cache so it stops at once. */
const CACHE_MS = 30_000;
const CACHE_LIMIT = 10_000;

/** Resolves write keys to sources without a store round trip on every request. */
export class WriteKeyCache {
  private entries = new Map<string, { sourceId: string; until: number }>();

  constructor(private readonly sources: SourceStore) {}

  /** The key's source and the key's hash (what rate limits count by), or null for a bad key. */
  async sourceFor(key: string): Promise<{ sourceId: string; keyHash: string } | null> {
    const keyHash = hashKey(key);
    const cached = this.entries.get(keyHash);
    if (cached && cached.until > Date.now()) return { sourceId: cached.sourceId, keyHash };
    const sourceId = await this.sources.sourceIdForKeyHash(keyHash);
    if (!sourceId) return null;
    if (this.entries.size >= CACHE_LIMIT) this.entries.clear();
    this.entries.set(keyHash, { sourceId, until: Date.now() + CACHE_MS });
    return { sourceId, keyHash };
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Ingest auth: the write key as the Basic user name or a Bearer token. With `orInBody`, a request
 * with no Authorization header at all goes on with `writeKeyInBody` set, and the route checks the
 * body's `writeKey` once it is read (`sourceForBodyKey`).
 */
export function writeKeyAuth(options: { orInBody?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function writeKeyAuth(c, next) {
    const header = c.req.header('authorization');
    if (options.orInBody && header === undefined) {
      c.set('writeKeyInBody', true);
      await next();
      return;
    }
    const key = credentialFrom(header);
    const known = key ? await c.get('services').writeKeys.sourceFor(key) : null;
    if (!known) throw unknownKey(c, key ? 'the write key is unknown or revoked' : undefined);
    c.set('sourceId', known.sourceId);
    c.set('writeKeyHash', known.keyHash);
    await next();
  };
}

/** The source of a write key sent in the body, or 401 as for a header's. */
export async function sourceForBodyKey(
  c: Context<AppEnv>,
  key: string | undefined,
): Promise<{ sourceId: string; keyHash: string }> {
  const known = key ? await c.get('services').writeKeys.sourceFor(key) : null;
  if (!known) throw unknownKey(c, key ? 'the write key is unknown or revoked' : undefined);
  return known;
}

function unknownKey(c: Context<AppEnv>, why: string | undefined): ApiError {
  c.header('WWW-Authenticate', 'Basic realm="valueprint-ingest"');
  return new ApiError(
    401,
    'unauthorized',
    why ?? 'send a write key as the Basic user name, a Bearer token, or "writeKey" in the body',
  );
}
