import type { Driver, ValueModel, WhereClause } from '../../../blueprint/value-model.ts';
import { SEGMENT_COLUMNS, SINGLE_ACCOUNT_USERS } from '../value-facts-sql.ts';
import type { SqlParam } from './database.ts';

/**
 * The value facts' SQL on PostgreSQL: what duckdb/fact-sql.ts and the DuckDB store's reads
 * compute, spelled for PostgreSQL. Events keep '' for "no account" (DuckDB keeps NULL) and their
 * properties as JSONB.
 */

export { SEGMENT_COLUMNS, SINGLE_ACCOUNT_USERS };

/** Temporary table of the commits a refresh rolls in (moved out of value_pending). */
export const ROLLING_COMMITS = 'value_rolling';
/** Temporary table of users whose single account changed since the last refresh. */
export const REATTRIBUTED_USERS = 'value_reattributed';
/**
 * Temporary table of SINGLE_ACCOUNT_USERS as one refresh reads it, once: its facts and the
 * value_attribution it records must agree, and a group call committed between two reads of
 * account_users would make them differ (and no later refresh would see a change to derive again).
 */
export const SINGLE_ACCOUNTS = 'value_single_accounts';

/**
 * Which events a fact insert reads, by their commit: every commit no longer pending (a rebuild),
 * the commits this refresh rolls in, or those earlier refreshes rolled in.
 */
export type CommitsRead = 'settled' | 'rolling' | 'rolled';

const SETTLED = 'NOT EXISTS (SELECT 1 FROM value_pending p WHERE p.commit_id = e.commit_id)';
const ROLLING = `e.commit_id IN (SELECT commit_id FROM ${ROLLING_COMMITS})`;
const COMMITS: Record<CommitsRead, string> = {
  settled: SETTLED,
  rolling: ROLLING,
  rolled: `${SETTLED} AND NOT ${ROLLING}`,
};

/** Builds SQL with numbered parameters, so model values never become SQL text. */
class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** ASCII white space, which DuckDB's cast to DOUBLE skips around a number. */
const SPACE = '[ \\t\\n\\r\\f\\v]*';
const DIGITS = '[0-9]+(_[0-9]+)*';
/** A decimal number as DuckDB's TRY_CAST(… AS DOUBLE) reads one (a `_` between digits too). */
const DECIMAL = `^${SPACE}[+-]?(${DIGITS}(\\.(${DIGITS})?)?|\\.${DIGITS})([eE][+-]?${DIGITS})?${SPACE}$`;
const INFINITY = `^${SPACE}[+-]?inf(inity)?${SPACE}$`;
const NOT_A_NUMBER = `^${SPACE}[+-]?nan${SPACE}$`;
/** An exponent of five digits or more (underscores gone): past any double, either way. */
const HUGE_EXPONENT = `[eE][+-]?0*[1-9][0-9]{4,}${SPACE}$`;
/** Longer number text is not read (its numeric could overflow); none that a sender means is. */
const MAX_NUMBER_TEXT = 6000;
/** Doubles round up to infinity from here… */
const OVERFLOW = '1.797693134862315807937289714053e308';
/** …and down to zero below this (half the smallest subnormal). */
const UNDERFLOW = '2.4703282292062327208828439643411e-324';

/** A top-level event property as text (as json_extract_string reads it); NULL when absent. */
function propertyText(params: Params, property: string): string {
  return `(e.properties ->> ${params.add(property)}::text)`;
}

/**
 * Text as a double exactly as DuckDB's TRY_CAST reads it, and NULL, never an error, for text that
 * is no number: PostgreSQL has no TRY_CAST, and its own casts fail on bad text and on overflow.
 * The numeric in between holds any exponent under five digits; past that the value is 0 or ±∞.
 */
export function tryCastDouble(text: string): string {
  const plain = `replace(${text}, '_', '')`;
  const exact = `${plain}::numeric`;
  const negative = `ltrim(${text}, E' \\t\\n\\r\\f\\x0B') LIKE '-%'`;
  const infinity = `CASE WHEN ${negative} THEN '-Infinity'::float8 ELSE 'Infinity'::float8 END`;
  return `(CASE
      WHEN ${text} ~ '${DECIMAL}' THEN CASE
        WHEN length(${text}) > ${MAX_NUMBER_TEXT} THEN NULL
        WHEN ${plain} ~ '${HUGE_EXPONENT}' THEN CASE
          WHEN ${plain} !~ '^[^eE]*[1-9]' OR ${plain} ~ '[eE]-' THEN 0::float8
          ELSE ${infinity} END
        WHEN abs(${exact}) >= ${OVERFLOW} THEN ${infinity}
        WHEN abs(${exact}) < ${UNDERFLOW} THEN 0::float8
        ELSE ${exact}::float8 END
      WHEN ${text} ~* '${INFINITY}' THEN ${infinity}
      WHEN ${text} ~* '${NOT_A_NUMBER}' THEN 'NaN'::float8
    END)`;
}

function condition(params: Params, clause: WhereClause): string {
  const { property, op, value } = clause;
  const numeric = typeof value === 'number';
  const text = () => propertyText(params, property);
  const number = () => tryCastDouble(propertyText(params, property));
  switch (op) {
    case 'exists':
      return `${text()} IS NOT NULL`;
    case 'eq':
      return numeric
        ? `${number()} = ${params.add(value)}::float8`
        : `${text()} = ${params.add(String(value))}::text`;
    case 'neq':
      return numeric
        ? `${number()} IS DISTINCT FROM ${params.add(value)}::float8`
        : `${text()} IS DISTINCT FROM ${params.add(String(value))}::text`;
    case 'in': {
      const list = Array.isArray(value) ? value : [value ?? ''];
      const allNumbers = list.every((item) => typeof item === 'number');
      const subject = allNumbers ? number() : text();
      const items = list.map((item) =>
        allNumbers ? `${params.add(item as number)}::float8` : `${params.add(String(item))}::text`,
      );
      return `${subject} IN (${items.join(', ')})`;
    }
    case 'gt':
      return `${number()} > ${params.add(Number(value))}::float8`;
    case 'gte':
      return `${number()} >= ${params.add(Number(value))}::float8`;
    case 'lt':
      return `${number()} < ${params.add(Number(value))}::float8`;
    case 'lte':
      return `${number()} <= ${params.add(Number(value))}::float8`;
  }
}

function quantityOf(params: Params, driver: Driver): string {
  if ('sum' in driver.quantity)
    return `coalesce(${tryCastDouble(propertyText(params, driver.quantity.sum))}, 0)`;
  // Counts and distinct users both keep one per event; distinct users are counted at read time.
  return '1::float8';
}

/** When an event is one of a driver's, and the quantity it counts for it. */
function driverTerms(params: Params, driver: Driver): { holds: string; quantity: string } {
  const where = [
    `e.name = ${params.add(driver.event)}::text`,
    ...driver.where.map((clause) => `(${condition(params, clause)})`),
  ];
  return { holds: where.join(' AND '), quantity: quantityOf(params, driver) };
}

/**
 * The statement that rolls the events of `commits` into value_facts for every driver of the model
 * and answers the accounts whose facts it added to. Events without an account count for their
 * user's account when the user belongs to exactly one (in SINGLE_ACCOUNTS). `reattributedOnly`
 * limits it to the users in REATTRIBUTED_USERS. Each event is read once: it is joined with the
 * list of drivers, each driver's condition and quantity chosen by its place in the list, not one
 * scan of events per driver. (A lateral union of one SELECT per driver said the same; Citus cannot
 * push it down to the shards.)
 */
export function factInsert(
  model: ValueModel,
  commits: CommitsRead,
  options: { reattributedOnly?: boolean } = {},
): { sql: string; params: SqlParam[] } {
  const params = new Params();
  const segments = SEGMENT_COLUMNS.map((column, index) => {
    const segment = model.segments[index];
    return segment
      ? `coalesce(${propertyText(params, segment.property)}, '') AS ${column}`
      : `'' AS ${column}`;
  });
  const drivers = model.drivers.map((driver, index) => ({
    id: driver.id,
    index,
    ...driverTerms(params, driver),
  }));
  const list = drivers.map(({ id, index }) => `(${params.add(id)}::text, ${index})`).join(', ');
  const byDriver = (term: 'holds' | 'quantity') =>
    `CASE d.place ${drivers.map((driver) => `WHEN ${driver.index} THEN ${driver[term]}`).join(' ')} END`;
  const events = [...new Set(model.drivers.map((driver) => driver.event))];
  const where = [
    "e.type = 'track'",
    `e.name = ANY(${params.add(events)}::text[])`,
    COMMITS[commits],
    ...(options.reattributedOnly
      ? [`coalesce(e.user_id, e.anonymous_id, '') IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`]
      : []),
  ];
  const columns = `account_id, driver_id, day, user_id, ${SEGMENT_COLUMNS.join(', ')}`;
  const sql = `WITH inserted AS (
      INSERT INTO value_facts (${columns}, quantity, events)
      SELECT ${columns}, sum(quantity), count(*)
      FROM (
        SELECT coalesce(nullif(e.account_id, ''), m.account_id) AS account_id,
          d.driver_id,
          (e.event_time AT TIME ZONE 'UTC')::date AS day,
          coalesce(e.user_id, e.anonymous_id, '') AS user_id,
          ${segments.join(', ')},
          ${byDriver('quantity')} AS quantity
        FROM events e
        LEFT JOIN ${SINGLE_ACCOUNTS} m ON m.user_id = coalesce(e.user_id, e.anonymous_id)
        JOIN (VALUES ${list}) AS d (driver_id, place) ON ${byDriver('holds')}
        WHERE ${where.join(' AND ')}
      ) matched
      WHERE account_id IS NOT NULL
      GROUP BY ${columns}
      RETURNING account_id
    )
    SELECT DISTINCT account_id FROM inserted`;
  return { sql, params: params.values };
}

// The reads over value_facts.
