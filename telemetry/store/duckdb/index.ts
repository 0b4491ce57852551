import type { TelemetryStorage } from '../interface.ts';
import { Database } from './database.ts';
import { DuckDbEventStore } from './event-store.ts';
import { DuckDbInventoryStore } from './inventory-store.ts';
import { DuckDbSourceStore } from './source-store.ts';

/** Telemetry storage on DuckDB, with the database so other stores can share the one file. */
export interface DuckDbStorage extends TelemetryStorage {
  database: Database;
}

/** Opens the embedded DuckDB file (or `:memory:`) as the telemetry storage. */
export async function openDuckDbStorage(path: string): Promise<DuckDbStorage> {
  const database = await Database.open(path);
  const events = new DuckDbEventStore(database);
  return {
    database,
    events,
    sources: new DuckDbSourceStore(database),
    inventory: new DuckDbInventoryStore(database),
    async ping() {
      await database.query('SELECT 1');
    },
    async close() {
      events.close();
      database.close();
    },
  };
}
