import { SqlJourneyStore } from '../sql-journey-store.ts';
import type { Database } from './database.ts';
import { duckDbEngine } from './sql-engine.ts';

/** The customers' journeys in DuckDB, keyed by account (the SQL is SqlJourneyStore's). */
export class DuckDbJourneyStore extends SqlJourneyStore {
  constructor(database: Database) {
    super(duckDbEngine(database), 'rowid');
  }
}
