import type { Storage } from '../interface.ts';
import { Database } from './database.ts';
import { DuckDbEventStore } from './event-store.ts';
import { DuckDbHandoffStore } from './handoff-store.ts';
import { DuckDbInventoryStore } from './inventory-store.ts';
import { DuckDbJourneyStore } from './journey-store.ts';
import { DuckDbOfferStore } from './offer-store.ts';
import { DuckDbScenarioStore } from './scenario-store.ts';
import { DuckDbSourceStore } from './source-store.ts';
import { DuckDbValueStore } from './value-store.ts';
import { DuckDbWebhookStore } from './webhook-store.ts';

/** The DuckDB stores, and the database under them for this folder's own tests and tools. */
export interface DuckDbStorage extends Storage {
  database: Database;
}

/** Every store on the embedded DuckDB file (or `:memory:`): one database, one process. */
export async function openDuckDbStorage(
  path: string,
  options: { factCacheRows?: number } = {},
): Promise<DuckDbStorage> {
  const database = await Database.open(path);
  const events = new DuckDbEventStore(database);
  const values = new DuckDbValueStore(database, options);
  return {
    database,
    events,
    sources: new DuckDbSourceStore(database),
    inventory: new DuckDbInventoryStore(database),
    values,
    scenarios: new DuckDbScenarioStore(database),
    offers: new DuckDbOfferStore(database),
    journey: new DuckDbJourneyStore(database),
    webhooks: new DuckDbWebhookStore(database),
    handoffs: new DuckDbHandoffStore(database),
    async ping() {
      await database.query('SELECT 1');
    },
    async close() {
      await values.close();
      events.close();
      database.close();
    },
  };
}
