import type { SqlEngine, SqlValue } from '../sql-dialect.ts';
import { type Database, inTransaction, isoText, queryRows } from './database.ts';

/** DuckDB as a SqlEngine: a transaction holds one pooled connection; timestamps read as ISO text. */
export function duckDbEngine(database: Database): SqlEngine {
  return {
    query: (sql: string, params: SqlValue[] = []) => database.query(sql, params),
    transaction: (work) =>
      database.withConnection((connection) =>
        inTransaction(connection, () =>
          work({
            query: (sql: string, params: SqlValue[] = []) => queryRows(connection, sql, params),
          }),
        ),
      ),
    timestamp: (column, as) => `${isoText(column)} AS ${as}`,
    inJsonList: (column, parameter) =>
      `list_contains(from_json(${parameter}::JSON, '["VARCHAR"]'), ${column})`,
    json: (parameter) => `${parameter}::JSON`,
  };
}
