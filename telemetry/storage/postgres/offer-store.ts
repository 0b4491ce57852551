import { SqlOfferStore } from '../sql-offer-store.ts';
import type { PostgresDatabase } from './database.ts';
import { postgresEngine } from './sql-engine.ts';

/**
 * Offers shown (decisions) and what customers did with them, on PostgreSQL, keyed by account (the
 * SQL is SqlOfferStore's; migration 3: distributed and colocated on it under Citus; reactions of
 * one time keep the order they came in by their identity column).
 */
export class PostgresOfferStore extends SqlOfferStore {
  constructor(database: PostgresDatabase) {
    super(postgresEngine(database), 'id');
  }
}
