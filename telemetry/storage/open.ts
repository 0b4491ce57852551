import { openDuckDbStorage } from './duckdb/index.ts';
import type { Storage } from './interface.ts';
import { openMemoryStorage } from './memory/index.ts';

/** Where the data lives: `memory:` (nothing persists), or a DuckDB file path (`:memory:` too). */
export interface StorageConfig {
  location: string;
  /** Value fact rows the DuckDB store holds in memory across accounts (its default when left out). */
  factCacheRows?: number;
}

/** Keeps everything in this process's memory; for tests and trying things, never for real data. */
export const MEMORY = 'memory:';

/** Opens every store at the configured location, schema up to date. */
export function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.location === MEMORY) return Promise.resolve(openMemoryStorage());
  return openDuckDbStorage(
    config.location,
    config.factCacheRows === undefined ? {} : { factCacheRows: config.factCacheRows },
  );
}
