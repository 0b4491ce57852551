/**
 * What a SQL store needs from its engine (DuckDB, PostgreSQL) to keep one copy of its SQL:
 * queries with `$n` parameters, transactions, and the few spellings that differ.
 */

export type SqlRow = Record<string, unknown>;
/** A value bound to a `$n` parameter. */
export type SqlValue = string | number | boolean | null | Date;

export interface SqlSession {
  query(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
}

export interface SqlEngine extends SqlSession {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if not. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** A timestamp column read back as ISO-8601 UTC text to the millisecond, named `as`. */
  timestamp(column: string, as: string): string;
  /** True when `column` is one of the JSON list of strings bound to `parameter`. */
  inJsonList(column: string, parameter: string): string;
  /** A parameter of JSON text, as the engine's JSON column takes it. */
  json(parameter: string): string;
}

/** `$1, $2, …, $count`: the parameters of one row of values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
}
