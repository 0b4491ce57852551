import type { MiddlewareHandler } from 'hono';
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

  async sourceFor(key: string): Promise<string | null> {
    const hash = hashKey(key);
    const cached = this.entries.get(hash);
    if (cached && cached.until > Date.now()) return cached.sourceId;
    const sourceId = await this.sources.sourceIdForKeyHash(hash);
    if (sourceId) {
      if (this.entries.size >= CACHE_LIMIT) this.entries.clear();
      this.entries.set(hash, { sourceId, until: Date.now() + CACHE_MS });
    }
    return sourceId;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Ingest routes: a source's write key as Basic user name or Bearer token. */
export function writeKeyAuth(): MiddlewareHandler<AppEnv> {
  return async function writeKeyAuth(c, next) {
    const key = credentialFrom(c.req.header('authorization'));
    const sourceId = key ? await c.get('services').writeKeys.sourceFor(key) : null;
    if (!sourceId) {
      c.header('WWW-Authenticate', 'Basic realm="valueprint-ingest"');
      throw new ApiError(
        401,
        'unauthorized',
        key
          ? 'the write key is unknown or revoked'
          : 'send a write key as the Basic user name or a Bearer token',
      );
    }
    c.set('sourceId', sourceId);
    await next();
  };
}
