/**
 * The PostgreSQL schema, one numbered step at a time, recorded in `schema_migrations`. Laid out
 * for Citus: every table that holds a customer's data carries `account_id` first in its key, so it
 * can be distributed and colocated on it; tables the whole vendor shares (sources and keys, model
 * versions, webhooks) are reference tables. `citus` holds the distribution statements, run only
 * where the `citus` extension is installed; on plain PostgreSQL the same tables are ordinary.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
  citus?: string;
}

export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'sources and their write keys (vendor-wide: reference tables)',
    sql: `
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE write_keys (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources (id),
    key_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
  );
  CREATE INDEX write_keys_by_source ON write_keys (source_id, created_at);
  `,
    citus: `
  SELECT create_reference_table('sources');
  SELECT create_reference_table('write_keys');
  `,
  },
];
