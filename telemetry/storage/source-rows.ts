import type { Source, WriteKeyInfo } from './interface.ts';

/** What the SQL source stores (DuckDB, PostgreSQL) share: their rows read back as sources and keys. */

type Row = Record<string, unknown>;

/** A source row with its own keys, picked from `keys` (rows of every source's keys, in order). */
export function sourceOf(row: Row, keys: Row[]): Source {
  return {
    id: String(row.id),
    name: String(row.name),
    createdAt: String(row.created_at),
    keys: keys.filter((key) => key.source_id === row.id).map(keyOf),
  };
}

export function keyOf(row: Row): WriteKeyInfo {
  return {
    id: String(row.id),
    prefix: String(row.prefix),
    createdAt: String(row.created_at),
    revokedAt: row.revoked_at == null ? null : String(row.revoked_at),
  };
}
