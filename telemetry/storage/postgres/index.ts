import type { Storage } from '../interface.ts';
import { PostgresDatabase } from './database.ts';
import { PostgresEventStore } from './event-store.ts';
import { PostgresHandoffStore } from './handoff-store.ts';
import { PostgresInventoryStore } from './inventory-store.ts';
import { PostgresJourneyStore } from './journey-store.ts';
import { PostgresOfferStore } from './offer-store.ts';
import { PostgresScenarioStore } from './scenario-store.ts';
import { PostgresSourceStore } from './source-store.ts';
import { PostgresValueStore } from './value-store.ts';
import { PostgresWebhookStore } from './webhook-store.ts';

/** The PostgreSQL stores, and the database under them for this folder's own tests and tools. */
export interface PostgresStorage extends Storage {
  database: PostgresDatabase;
}

/**
 * Every store on a PostgreSQL database (or a Citus coordinator) at `url`, schema brought up to
 * date: any number of service processes may open the same one.
 */
export async function openPostgresStorage(
  url: string,
  options: { factCacheRows?: number } = {},
): Promise<PostgresStorage> {
  const database = await PostgresDatabase.open(url);
  const values = new PostgresValueStore(database, options);
  return {
    database,
    events: new PostgresEventStore(database),
    sources: new PostgresSourceStore(database),
    inventory: new PostgresInventoryStore(database),
    values,
    scenarios: new PostgresScenarioStore(database),
    offers: new PostgresOfferStore(database),
    journey: new PostgresJourneyStore(database),
    webhooks: new PostgresWebhookStore(database),
    handoffs: new PostgresHandoffStore(database),
    changes: database.changes,
    async ping() {
      await database.query('SELECT 1');
    },
    async close() {
      await values.close();
      await database.close();
    },
  };
}
