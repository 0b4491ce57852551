import { SqlJourneyStore } from '../sql-journey-store.ts';
import type { PostgresDatabase } from './database.ts';
import { postgresEngine } from './sql-engine.ts';

/**
 * The customers' journeys on PostgreSQL, keyed by account (the SQL is SqlJourneyStore's;
 * migration 2: distributed on it under Citus).
 */
export class PostgresJourneyStore extends SqlJourneyStore {
  constructor(database: PostgresDatabase) {
    super(postgresEngine(database), 'id');
  }
}
