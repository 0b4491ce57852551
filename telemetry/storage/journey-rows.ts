import { type JourneyEvent, journeyEventSchema } from '../../blueprint/api/journey.ts';
import type { StoredJourneyEvent } from './interface.ts';

/** What the SQL journey stores (DuckDB, PostgreSQL) share: their rows, written and read back. */

type Row = Record<string, unknown>;
type Param = string | Date;

const COLUMNS = 6;

/**
 * The VALUES list and parameters that insert `events` in one statement (all or none), columns
 * account_id, user_id, type, happened_at, detail (the JSON text as sent), received_at; `detail`
 * is how the engine takes the detail's placeholder (DuckDB casts it to JSON).
 */
export function journeyValues(
  accountId: string,
  userId: string,
  events: readonly JourneyEvent[],
  detail: (placeholder: string) => string = (placeholder) => placeholder,
): { values: string; params: Param[] } {
  const receivedAt = new Date();
  const params: Param[] = [];
  const rows = events.map((event, index) => {
    params.push(
      accountId,
      userId,
      event.type,
      new Date(event.at),
      JSON.stringify(event.detail),
      receivedAt,
    );
    const first = index * COLUMNS;
    return `($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, ${detail(`$${first + 5}`)}, $${first + 6})`;
  });
  return { values: rows.join(', '), params };
}

/** A row of account_id, user_id, type, at (ISO text), detail (JSON text), checked. */
export function journeyEventOf(row: Row): StoredJourneyEvent {
  return {
    ...journeyEventSchema.parse({
      type: row.type,
      at: row.at,
      detail: JSON.parse(String(row.detail)),
    }),
    accountId: String(row.account_id),
    userId: String(row.user_id),
  };
}
