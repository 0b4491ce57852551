import type { JourneyEvent } from '../../blueprint/api/journey.ts';
import type { JourneyStore, StoredJourneyEvent } from './interface.ts';
import { journeyEventOf, journeyValues } from './journey-rows.ts';
import type { SqlEngine } from './sql-dialect.ts';

/**
 * The customers' journeys in a SQL database, keyed by account; details kept as the JSON text they
 * came as, so nothing reorders or rounds them. One copy of the SQL for DuckDB and PostgreSQL;
 * `insertionOrder` is the column that keeps events of one time in the order they came.
 */
export class SqlJourneyStore implements JourneyStore {
  constructor(
    private readonly sql: SqlEngine,
    private readonly insertionOrder: string,
  ) {}

  async append(accountId: string, userId: string, events: readonly JourneyEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One statement, so the request's events are kept all or none, in the order they came.
    const { values, params } = journeyValues(accountId, userId, events, (placeholder) =>
      this.sql.json(placeholder),
    );
    await this.sql.query(
      `INSERT INTO journey_events (account_id, user_id, type, happened_at, detail, received_at)
       VALUES ${values}`,
      params,
    );
  }

  async read(
    accountId: string,
    options: { since: Date; userId?: string },
  ): Promise<StoredJourneyEvent[]> {
    const rows = await this.sql.query(
      `SELECT account_id, user_id, type, ${this.sql.timestamp('happened_at', 'at')}, detail
       FROM journey_events
       WHERE account_id = $1 AND happened_at >= $2 AND ($3::VARCHAR IS NULL OR user_id = $3)
       ORDER BY happened_at, ${this.insertionOrder}`,
      [accountId, options.since, options.userId ?? null],
    );
    return rows.map(journeyEventOf);
  }

  async prune(before: Date): Promise<number> {
    const rows = await this.sql.query(
      'DELETE FROM journey_events WHERE happened_at < $1 RETURNING 1 AS pruned',
      [before],
    );
    return rows.length;
  }
}
