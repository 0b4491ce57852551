/**
 * Turns one row of a CSV or Parquet file into a Segment-shaped event. Columns named like Segment's
 * fields (camelCase or snake_case) fill those fields; `properties`, `traits` and `context` columns may
 * hold JSON text or, in Parquet, structs; dotted columns (`properties.plan`) nest; every other column
 * becomes a property (track, page, screen) or a trait (identify, group). One file's columns serve
 * every type, so `properties` cells of an identify row are its traits, and `traits` cells of a track
 * row its properties, rather than dropped. Empty cells are absent.
 */
export function rowToEvent(row: Record<string, unknown>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  const nested: Record<'properties' | 'traits' | 'context', Record<string, unknown>> = {
    properties: {},
    traits: {},
    context: {},
  };
  for (const [column, cell] of Object.entries(row)) {
    const value = plain(cell);
    if (value === undefined) continue;
    const field = FIELD_FOR_COLUMN[normalizeColumn(column)];
    if (field === 'properties' || field === 'traits' || field === 'context') {
      Object.assign(nested[field], objectFrom(value, column));
      continue;
    }
    if (field) {
      // A column of numeric ids or names arrives as numbers; Segment's fields hold them as text.
      event[field] = TEXT_FIELDS.has(field) && typeof value === 'number' ? String(value) : value;
      continue;
    }
    const dot = column.indexOf('.');
    const head = dot > 0 ? FIELD_FOR_COLUMN[normalizeColumn(column.slice(0, dot))] : undefined;
    if (head === 'properties' || head === 'traits' || head === 'context') {
      nested[head][column.slice(dot + 1)] = value;
    } else {
      extra[column] = value;
    }
  }
  event.type ??= 'track';
  const payload = event.type === 'identify' || event.type === 'group' ? 'traits' : 'properties';
  const other = payload === 'traits' ? 'properties' : 'traits';
  nested[payload] = { ...nested[other], ...nested[payload], ...extra };
  nested[other] = {};
  for (const key of ['properties', 'traits', 'context'] as const) {
    if (Object.keys(nested[key]).length > 0) event[key] = nested[key];
  }
  return event;
}

const FIELD_FOR_COLUMN: Record<string, string> = {
  type: 'type',
  messageid: 'messageId',
  userid: 'userId',
  anonymousid: 'anonymousId',
  groupid: 'groupId',
  accountid: 'groupId',
  event: 'event',
  eventname: 'event',
  name: 'name',
  category: 'category',
  timestamp: 'timestamp',
  sentat: 'sentAt',
  properties: 'properties',
  traits: 'traits',
  context: 'context',
};

/** Fields that hold text: ids, names and the type. */
const TEXT_FIELDS = new Set([
  'type',
  'messageId',
  'userId',
  'anonymousId',
  'groupId',
  'event',
  'name',
  'category',
]);

/**
 * Whether a column fills a text field, so a CSV reader should keep it as text: sniffed as a number, a
 * 20-digit id would come back as a rounded double and two users could become one.
 */
export function isTextColumn(column: string): boolean {
  const field = FIELD_FOR_COLUMN[normalizeColumn(column)];
  return field !== undefined && TEXT_FIELDS.has(field);
}

function normalizeColumn(column: string): string {
  return column.replace(/[_\s-]/g, '').toLowerCase();
}

/** DuckDB's JS values to JSON-safe ones: big integers as numbers when exact, dates as ISO text. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => plain(item) ?? null);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, plain(item) ?? null]),
    );
  }
  return value;
}

/** A JSON-text or struct cell as an object; anything else is kept under the column's name. */
function objectFrom(value: unknown, column: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON: kept as a plain value below, so the cell is not lost.
    }
  }
  return { [column]: value };
}
