import type { Driver, ValueModel, WhereClause } from '../../../blueprint/value-model.ts';
import { SEGMENT_COLUMNS, SINGLE_ACCOUNT_USERS } from '../value-facts-sql.ts';
import type { SqlParam } from './database.ts';

export { SEGMENT_COLUMNS, SINGLE_ACCOUNT_USERS };

/** Builds SQL with numbered parameters, so model values never become SQL text. */
class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A top-level event property as a JSON path (the name is a parameter, quoted as a key). */
function pathOf(property: string): string {
  return `$."${property.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function propertyText(params: Params, property: string): string {
  return `json_extract_string(e.properties, ${params.add(pathOf(property))})`;
}

function propertyNumber(params: Params, property: string): string {
  return `TRY_CAST(${propertyText(params, property)} AS DOUBLE)`;
}

function condition(params: Params, clause: WhereClause): string {
  const { property, op, value } = clause;
  const numeric = typeof value === 'number';
  const text = () => propertyText(params, property);
  const number = () => propertyNumber(params, property);
  switch (op) {
    case 'exists':
      return `${text()} IS NOT NULL`;
    case 'eq':
      return numeric
        ? `${number()} = ${params.add(value)}`
        : `${text()} = ${params.add(String(value))}`;
    case 'neq':
      return numeric
        ? `${number()} IS DISTINCT FROM ${params.add(value)}`
        : `${text()} IS DISTINCT FROM ${params.add(String(value))}`;
    case 'in': {
      const list = Array.isArray(value) ? value : [value ?? ''];
      const allNumbers = list.every((item) => typeof item === 'number');
      const subject = allNumbers ? number() : text();
      const items = list.map((item) => params.add(allNumbers ? (item as number) : String(item)));
      return `${subject} IN (${items.join(', ')})`;
    }
    case 'gt':
      return `${number()} > ${params.add(Number(value))}`;
    case 'gte':
      return `${number()} >= ${params.add(Number(value))}`;
    case 'lt':
      return `${number()} < ${params.add(Number(value))}`;
    case 'lte':
      return `${number()} <= ${params.add(Number(value))}`;
  }
}

function quantityOf(params: Params, driver: Driver): string {
  if ('sum' in driver.quantity)
    return `coalesce(${propertyNumber(params, driver.quantity.sum)}, 0)`;
  // Counts and distinct users both keep one per event; distinct users are counted at read time.
  return '1.0';
}

/** Temporary table of users whose single account changed since the last refresh. */
export const REATTRIBUTED_USERS = 'value_reattributed';

function driverSelect(params: Params, model: ValueModel, driver: Driver, cursor: string): string {
  const segments = SEGMENT_COLUMNS.map((column, index) => {
    const segment = model.segments[index];
    return segment
      ? `coalesce(${propertyText(params, segment.property)}, '') AS ${column}`
      : `'' AS ${column}`;
  });
  const where = [
    cursor,
    "e.type = 'track'",
    `e.name = ${params.add(driver.event)}`,
    ...driver.where.map((clause) => `(${condition(params, clause)})`),
  ];
  return `SELECT coalesce(e.account_id, m.account_id) AS account_id,
      ${params.add(driver.id)} AS driver_id,
      CAST(e.event_time AS DATE) AS day,
      coalesce(e.user_id, e.anonymous_id, '') AS user_id,
      ${segments.join(', ')},
      ${quantityOf(params, driver)} AS quantity
    FROM events e
    -- A plain equality, so DuckDB hash-joins (a condition on e alone made it a nested loop over
    -- events × users); the event's own groupId still wins in the coalesce above.
    LEFT JOIN single_account_users m ON m.user_id = coalesce(e.user_id, e.anonymous_id)
    WHERE ${where.join(' AND ')}`;
}

/**
 * The statement that rolls events with `afterSeq < seq <= uptoSeq` into value_facts for every
 * driver of the model. Events without a groupId count for their user's account when the user
 * belongs to exactly one. `reattributedOnly` limits it to the users in REATTRIBUTED_USERS.
 */
export function factInsert(
  model: ValueModel,
  afterSeq: number,
  uptoSeq: number,
  options: { reattributedOnly?: boolean } = {},
) {
  const params = new Params();
  const cursor =
    `e.seq > ${params.add(afterSeq)} AND e.seq <= ${params.add(uptoSeq)}` +
    (options.reattributedOnly
      ? ` AND coalesce(e.user_id, e.anonymous_id, '') IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`
      : '');
  const selects = model.drivers.map((driver) => driverSelect(params, model, driver, cursor));
  const sql = `INSERT INTO value_facts
    WITH single_account_users AS (${SINGLE_ACCOUNT_USERS})
    SELECT account_id, driver_id, day, user_id, ${SEGMENT_COLUMNS.join(', ')},
           sum(quantity) AS quantity, count(*) AS events
    FROM (${selects.join('\n    UNION ALL\n    ')}) matched
    WHERE account_id IS NOT NULL
    GROUP BY ALL
    -- Stored in account order, so the min/max of each row group lets one account's reads skip the
    -- rest (a rebuild comes out fully sorted; compactFacts re-sorts what refreshes appended).
    ORDER BY account_id, day`;
  return { sql, params: params.values };
}
