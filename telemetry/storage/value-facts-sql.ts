import type { DayRange, Grain } from '../../blueprint/days.ts';
import type { BreakdownDimension, FactFilter, SeriesWindow } from './interface.ts';
import type { SqlValue } from './sql-dialect.ts';

/**
 * What the value facts' SQL is the same about on every engine (DuckDB, PostgreSQL): the columns,
 * the single-account users, and the reads over value_facts, spelled once; an engine says only how
 * it writes a day as text and how it orders text as bytes.
 */

/** Segment columns in value_facts; the model's segments map to them in order. */
export const SEGMENT_COLUMNS = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'] as const;

/**
 * Users who belong to exactly one account (from group calls), with that account: their events
 * without a groupId count for it. Keyed like account_users, by userId or else anonymousId.
 */
export const SINGLE_ACCOUNT_USERS = `SELECT user_id, min(account_id) AS account_id FROM account_users
      GROUP BY user_id HAVING count(*) = 1`;

/** Segment columns come from a fixed allow-list, never from request text. */
export function segmentColumn(index: number): string {
  const column = SEGMENT_COLUMNS[index];
  if (!column) throw new RangeError(`no segment column ${index}`);
  return column;
}

/** The column a breakdown groups by, from the allow-list; `''` for the driver alone. */
export function dimensionColumn(dimension: BreakdownDimension): string {
  if (dimension === 'user') return 'user_id';
  if (dimension === 'driver') return "''";
  return segmentColumn(dimension.segment);
}

/** How an engine spells what the reads need beyond standard SQL. */
export interface FactSqlDialect {
  /** A date (or timestamp) expression as YYYY-MM-DD text. */
  dayText(expression: string): string;
  /** What follows a text column in ORDER BY to order it by bytes ('' where that is the default). */
  bytewise: string;
}

/** A read: its statement and parameters. */
export interface FactQuery {
  sql: string;
  params: SqlValue[];
}

/** One driver's activity over the facts grouped, as every read sums it. */
const ACTIVITY = `sum(quantity)::float8 AS quantity,
  (count(DISTINCT user_id) FILTER (WHERE user_id <> ''))::float8 AS users,
  sum(events)::float8 AS events`;

/** `(index, $n::date, $m::date)` rows for each range, parameters numbered from `$first`. */
function periodsOf(ranges: readonly DayRange[], first: number) {
  return {
    sql: ranges
      .map((_, index) => `(${index}, $${first + 2 * index}::date, $${first + 2 * index + 1}::date)`)
      .join(', '),
    params: ranges.flatMap((range) => [range.from, range.to]),
    next: first + 2 * ranges.length,
  };
}

/**
 * The WHERE text and parameters for a cut, numbered from `$next`. The segment column comes from
 * the allow-list; the value and the driver ids are parameters.
 */
function cutOf(filter: FactFilter | undefined, next: number): { sql: string; params: SqlValue[] } {
  if (!filter) return { sql: '', params: [] };
  if ('segment' in filter) {
    return { sql: ` AND ${segmentColumn(filter.segment)} = $${next}`, params: [filter.value] };
  }
  if (filter.drivers.length === 0) return { sql: ' AND FALSE', params: [] };
  const list = filter.drivers.map((_, index) => `$${next + index}`).join(', ');
  return { sql: ` AND driver_id IN (${list})`, params: [...filter.drivers] };
}

/** The facts of the periods, joined to them by day. */
const IN_PERIODS = (periods: string) =>
  `value_facts JOIN (VALUES ${periods}) p(period, first_day, last_day)
     ON day BETWEEN p.first_day AND p.last_day`;

/** Each driver's activity in each range: rows of period, driver_id and the activity. */
export function activityQuery(
  dialect: FactSqlDialect,
  accountId: string,
  ranges: readonly DayRange[],
  filter?: FactFilter,
): FactQuery {
  const periods = periodsOf(ranges, 2);
  const cut = cutOf(filter, periods.next);
  return {
    sql: `SELECT p.period, driver_id, ${ACTIVITY}
          FROM ${IN_PERIODS(periods.sql)}
          WHERE account_id = $1${cut.sql}
          GROUP BY p.period, driver_id ORDER BY p.period, driver_id${dialect.bytewise}`,
    params: [accountId, ...periods.params, ...cut.params],
  };
}

/**
 * Activity per bucket (and segment value) in each window: one statement, a branch per window, each
 * truncating to a constant grain and keeping its own day range in its WHERE clause (so an engine
 * skips what lies outside it).
 */
export function seriesQuery(
  dialect: FactSqlDialect,
  accountId: string,
  windows: readonly SeriesWindow[],
  options: { segment?: number; filter?: FactFilter },
): FactQuery {
  const column = options.segment === undefined ? undefined : segmentColumn(options.segment);
  const cut = cutOf(options.filter, 2 + 2 * windows.length);
  const branches = windows.map((window, index) => {
    const bucket = dialect.dayText(`date_trunc('${GRAINS[window.grain]}', day::timestamp)`);
    return `SELECT ${index} AS period, driver_id, ${bucket} AS bucket${column ? `, ${column} AS segment_value` : ''},
              ${ACTIVITY}
            FROM value_facts
            WHERE account_id = $1 AND day BETWEEN $${2 + 2 * index}::date AND $${3 + 2 * index}::date${cut.sql}
            GROUP BY driver_id, ${bucket}${column ? `, ${column}` : ''}`;
  });
  const order = dialect.bytewise;
  return {
    sql: `SELECT * FROM (${branches.join(' UNION ALL ')}) points
          ORDER BY period, bucket${order}, driver_id${order}${column ? `, segment_value${order}` : ''}`,
    params: [
      accountId,
      ...windows.flatMap((window) => [window.range.from, window.range.to]),
      ...cut.params,
    ],
  };
}

const GRAINS: Record<Grain, string> = { day: 'day', week: 'week', month: 'month' };

/**
 * Activity per driver and key in each range, `distinct` naming the key columns (k0, k1, …): one
 * grouping set per dimension, every period and dimension in one pass over the facts.
 */
export function breakdownQuery(
  dialect: FactSqlDialect,
  accountId: string,
  ranges: readonly DayRange[],
  { keys, distinct }: { keys: readonly string[]; distinct: readonly string[] },
  filter?: FactFilter,
): FactQuery {
  const periods = periodsOf(ranges, 2);
  const cut = cutOf(filter, periods.next);
  const sets = keys.map((key) => `(p.period, driver_id${key === "''" ? '' : `, ${key}`})`);
  const which = distinct.length > 0 ? `GROUPING(${distinct.join(', ')})` : '0';
  const order = dialect.bytewise;
  return {
    sql: `SELECT * FROM (
            SELECT p.period, driver_id, ${which} AS grouping_id,
                   ${distinct.map((key, index) => `${key} AS k${index}`).join(', ') || "'' AS k0"},
                   ${ACTIVITY}
            FROM ${IN_PERIODS(periods.sql)}
            WHERE account_id = $1${cut.sql}
            GROUP BY GROUPING SETS (${[...new Set(sets)].join(', ')})
          ) contributions
          ORDER BY period, driver_id${order}${distinct.map((_, index) => `, k${index}${order}`).join('')}`,
    params: [accountId, ...periods.params, ...cut.params],
  };
}

/** The account's first and last day with facts (in the cut): one row of first_day, last_day. */
export function activeDaysQuery(
  dialect: FactSqlDialect,
  accountId: string,
  filter?: FactFilter,
): FactQuery {
  const cut = cutOf(filter, 2);
  return {
    sql: `SELECT ${dialect.dayText('min(day)')} AS first_day, ${dialect.dayText('max(day)')} AS last_day
          FROM value_facts WHERE account_id = $1${cut.sql}`,
    params: [accountId, ...cut.params],
  };
}

/** Every account's activity per driver in the range (vendor-wide). */
export function usageQuery(dialect: FactSqlDialect, range: DayRange): FactQuery {
  return {
    sql: `SELECT account_id, driver_id, ${ACTIVITY}
          FROM value_facts WHERE day BETWEEN $1::date AND $2::date
          GROUP BY account_id, driver_id ORDER BY account_id${dialect.bytewise}, driver_id${dialect.bytewise}`,
    params: [range.from, range.to],
  };
}

/** Every account's first day with facts (vendor-wide): rows of account_id, first_day. */
export function firstDaysQuery(dialect: FactSqlDialect): FactQuery {
  return {
    sql: `SELECT account_id, ${dialect.dayText('min(day)')} AS first_day
          FROM value_facts GROUP BY account_id ORDER BY account_id${dialect.bytewise}`,
    params: [],
  };
}
