import { openDuckDbStorage } from './duckdb/index.ts';
import type { Storage } from './interface.ts';
import { openMemoryStorage } from './memory/index.ts';
import { openPostgresStorage } from './postgres/index.ts';

/**
 * Where the data lives: `memory:` (nothing persists), a `postgres://` URL (a PostgreSQL database
 * that several service processes may share), or a DuckDB file path (`:memory:` too).
 */
export interface StorageConfig {
  location: string;
  /** Value fact rows the store holds in memory across accounts (its default when left out). */
  factCacheRows?: number;
}

/** Keeps everything in this process's memory; for tests and trying things, never for real data. */
export const MEMORY = 'memory:';

/** Opens every store at the configured location, schema up to date. */
export function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.location === MEMORY) return Promise.resolve(openMemoryStorage());
  const options = config.factCacheRows === undefined ? {} : { factCacheRows: config.factCacheRows };
  if (isPostgresUrl(config.location)) return openPostgresStorage(config.location, options);
  return openDuckDbStorage(config.location, options);
}

/** True for a PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}
