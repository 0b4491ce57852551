import { openDuckDbStorage } from './duckdb/index.ts';
import { type Storage, StorageNotSupported } from './interface.ts';
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
  if (/^postgres(?:ql)?:\/\//i.test(config.location)) {
    // Not a file path to make a DuckDB database at: say so rather than create one named like a URL.
    return Promise.reject(
      new StorageNotSupported(
        'a PostgreSQL database is not supported as the store yet: only some of its stores exist; use a DuckDB file path',
      ),
    );
  }
  return openDuckDbStorage(
    config.location,
    config.factCacheRows === undefined ? {} : { factCacheRows: config.factCacheRows },
  );
}
