import { describe } from 'vitest';
import type { Storage } from '../../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../../telemetry/storage/open.ts';
import { PostgresDatabase } from '../../../telemetry/storage/postgres/database.ts';
import { describePostgres, freshPostgres } from '../../postgres.ts';

/** A store under test, and how to let it go. */
export interface OpenedStore<T> {
  store: T;
  close: () => Promise<void>;
}

/**
 * One store of every implementation, for a suite to run on each: in memory, on DuckDB, and on a
 * database of its own on PostgreSQL (skipped when none is configured). `pick` takes the store
 * from the memory and DuckDB storage; `onPostgres` makes the PostgreSQL one.
 */
export function eachStore<T>(
  pick: (storage: Storage) => T,
  onPostgres: (database: PostgresDatabase) => T,
): Array<{
  name: string;
  open: () => Promise<OpenedStore<T>>;
  suite: (title: string, body: () => void) => void;
}> {
  const fromStorage = (location: string) => async () => {
    const storage = await openStorage({ location });
    return { store: pick(storage), close: () => storage.close() };
  };
  return [
    { name: 'memory', open: fromStorage(MEMORY), suite: describe },
    { name: 'duckdb', open: fromStorage(':memory:'), suite: describe },
    {
      name: 'postgres',
      open: async () => {
        const server = await freshPostgres();
        const database = await PostgresDatabase.open(server.url);
        return {
          store: onPostgres(database),
          close: async () => {
            await database.close();
            await server.drop();
          },
        };
      },
      suite: describePostgres,
    },
  ];
}
