import { SqlHandoffStore } from '../sql-handoff-store.ts';
import type { PostgresDatabase } from './database.ts';
import { postgresEngine } from './sql-engine.ts';

/**
 * Hand-offs on PostgreSQL (the SQL is SqlHandoffStore's), keyed by account (migration 5:
 * distributed and colocated on it under Citus, so each change is a single-shard transaction).
 * The hourly limit per asker holds across service processes: a new hand-off first locks its
 * asker's row, then counts and inserts.
 */
export class PostgresHandoffStore extends SqlHandoffStore {
  constructor(database: PostgresDatabase) {
    super(postgresEngine(database), async (session, accountId, askedBy) => {
      // Locked until the creating transaction ends: the count after it sees every earlier one.
      await session.query(
        `INSERT INTO handoff_askers (account_id, asked_by) VALUES ($1, $2)
         ON CONFLICT (account_id, asked_by) DO UPDATE SET asked_by = excluded.asked_by`,
        [accountId, askedBy],
      );
    });
  }
}
