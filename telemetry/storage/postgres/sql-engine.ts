import type { SqlEngine, SqlValue } from '../sql-dialect.ts';
import type { PostgresDatabase } from './database.ts';

/**
 * PostgreSQL as a SqlEngine: a transaction holds one pooled client; timestamps already come back
 * as ISO text (see database.ts), and JSON documents are kept as text.
 */
export function postgresEngine(database: PostgresDatabase): SqlEngine {
  return {
    query: (sql: string, params: SqlValue[] = []) => database.query(sql, params),
    transaction: (work) => database.transaction((session) => work(session)),
    timestamp: (column, as) => (column === as ? column : `${column} AS ${as}`),
    inJsonList: (column, parameter) =>
      `${column} IN (SELECT jsonb_array_elements_text(${parameter}::jsonb))`,
    json: (parameter) => parameter,
  };
}
