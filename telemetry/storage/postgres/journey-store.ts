import type { JourneyEvent } from '../../../blueprint/api/journey.ts';
import type { JourneyStore, StoredJourneyEvent } from '../interface.ts';
import { journeyEventOf, journeyValues } from '../journey-rows.ts';
import type { PostgresDatabase } from './database.ts';

/**
 * The customers' journeys on PostgreSQL, keyed by account (migration 2: distributed on it under
 * Citus); details kept as the JSON text they came as, so nothing reorders or rounds them.
 */
export class PostgresJourneyStore implements JourneyStore {
  constructor(private readonly database: PostgresDatabase) {}

  async append(accountId: string, userId: string, events: readonly JourneyEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One statement, so the request's events are kept all or none, in the order they came.
    const { values, params } = journeyValues(accountId, userId, events);
    await this.database.query(
      `INSERT INTO journey_events (account_id, user_id, type, happened_at, detail, received_at)
       VALUES ${values}`,
      params,
    );
  }

  async read(
    accountId: string,
    options: { since: Date; userId?: string },
  ): Promise<StoredJourneyEvent[]> {
    const rows = await this.database.query(
      `SELECT account_id, user_id, type, happened_at AS at, detail FROM journey_events
       WHERE account_id = $1 AND happened_at >= $2 AND ($3::TEXT IS NULL OR user_id = $3)
       ORDER BY happened_at, id`,
      [accountId, options.since, options.userId ?? null],
    );
    return rows.map(journeyEventOf);
  }

  async prune(before: Date): Promise<number> {
    const rows = await this.database.query(
      'DELETE FROM journey_events WHERE happened_at < $1 RETURNING 1 AS pruned',
      [before],
    );
    return rows.length;
  }
}
