import type { JourneyEvent } from '../../../blueprint/api/journey.ts';
import type { JourneyStore, StoredJourneyEvent } from '../interface.ts';
import { journeyEventOf, journeyValues } from '../journey-rows.ts';
import { type Database, isoText } from './database.ts';

/** The customers' journeys in DuckDB, keyed by account; details kept as the JSON they came as. */
export class DuckDbJourneyStore implements JourneyStore {
  constructor(private readonly database: Database) {}

  async append(accountId: string, userId: string, events: readonly JourneyEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One statement, so the request's events are kept all or none, in the order they came.
    const { values, params } = journeyValues(
      accountId,
      userId,
      events,
      (placeholder) => `${placeholder}::JSON`,
    );
    await this.database.query(`INSERT INTO journey_events VALUES ${values}`, params);
  }

  async read(
    accountId: string,
    options: { since: Date; userId?: string },
  ): Promise<StoredJourneyEvent[]> {
    const rows = await this.database.query(
      `SELECT account_id, user_id, type, ${isoText('happened_at')} AS at, detail FROM journey_events
       WHERE account_id = $1 AND happened_at >= $2 AND ($3::VARCHAR IS NULL OR user_id = $3)
       ORDER BY happened_at, rowid`,
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
