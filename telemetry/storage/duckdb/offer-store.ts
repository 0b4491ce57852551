import { SqlOfferStore } from '../sql-offer-store.ts';
import type { Database } from './database.ts';
import { duckDbEngine } from './sql-engine.ts';

/**
 * Offers shown (decisions) and what customers did with them, in DuckDB, keyed by account (the SQL
 * is SqlOfferStore's; reactions of one time keep the order they came in by rowid).
 */
export class DuckDbOfferStore extends SqlOfferStore {
  constructor(database: Database) {
    super(duckDbEngine(database), 'rowid');
  }
}
