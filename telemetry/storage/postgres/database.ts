import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { StorageUnreachable, type StoreChange } from '../interface.ts';
import { ChangeFeed } from './change-feed.ts';
import { type PostgresMigration, postgresMigrations } from './migrations.ts';
import { textForPostgres } from './postgres-text.ts';

export type SqlParam = string | number | boolean | null | Date | Buffer | readonly SqlParam[];
export type Row = Record<string, unknown>;
export type CopyRows = Iterable<readonly SqlParam[]> | AsyncIterable<readonly SqlParam[]>;

/** One connection inside a transaction. */
export interface PostgresSession {
  query(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /**
   * Runs `COPY … FROM STDIN` (text format) with these rows: the bulk path. Rows that come as they
   * are read go out as they come, at the pace the server takes them.
   */
  copyFrom(sql: string, rows: CopyRows): Promise<void>;
}

/** The URL as it may be shown: its password replaced. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured PostgreSQL URL';
  }
}

/** Rows per chunk of COPY text handed to the connection. */
const COPY_CHUNK_ROWS = 1_000;

/** Rows in COPY's text format (tab between columns, \\N for NULL, escapes), in chunks. */
async function* copyText(rows: CopyRows): AsyncGenerator<string> {
  let text = '';
  let held = 0;
  for await (const row of rows) {
    text += `${row.map(copyField).join('\t')}\n`;
    if (++held === COPY_CHUNK_ROWS) {
      yield text;
      text = '';
      held = 0;
    }
  }
  if (held > 0) yield text;
}

function copyField(value: SqlParam): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return textForPostgres(value).replace(COPY_SPECIAL, escapeForCopy);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError('COPY takes text, numbers, booleans, times and NULL only');
}

const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};
const escapeForCopy = (character: string) => COPY_ESCAPES[character] ?? character;

/** Parameters as the server can take them (see textForPostgres). */
function bindable(params: readonly SqlParam[]): unknown[] {
  return params.map((param) =>
    typeof param === 'string'
      ? textForPostgres(param)
      : Array.isArray(param)
        ? bindable(param)
        : param,
  );
}

/**
 * Whether `error` is a unique violation of `constraint`. On Citus the error names the constraint
 * of the shard that raised it: the name with the shard's number after an underscore.
 */
export function violatesUnique(error: unknown, constraint: string): boolean {
  const { code, constraint: named } = error as { code?: unknown; constraint?: unknown };
  return (
    code === '23505' &&
    typeof named === 'string' &&
    (named === constraint ||
      (named.startsWith(`${constraint}_`) && /^\d+$/.test(named.slice(constraint.length + 1))))
  );
}

/** SQLSTATEs of a transaction the server failed so that another could go on: worth a retry. */
const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';

/**
 * Runs `work` again while the server fails it for a deadlock or a serialization conflict, up to
 * `retries` more times.
 */
async function retried<T>(work: () => Promise<T>, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= retries || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE)) throw error;
    }
  }
}

/** Connections a service process keeps to the database at most. */
const MAX_CONNECTIONS = 10;
/** One number for every process: whoever holds it migrates, the others wait and find it done. */
const MIGRATION_LOCK = 0x76_70_6d_67; // "vpmg"

const defaultTimestamp = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ);
/**
 * How this pool reads values: timestamps as ISO-8601 UTC text to the millisecond (what every store
 * answers with), BIGINT counts as numbers (an exact one, or an error, never a rounded one).
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.TIMESTAMPTZ)
      return (text: string) => (defaultTimestamp(text) as Date).toISOString();
    if (oid === pg.types.builtins.INT8)
      return (text: string) => {
        const value = Number(text);
        if (!Number.isSafeInteger(value))
          throw new Error(`${text} is past what a number holds exactly`);
        return value;
      };
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * A PostgreSQL database (or a Citus cluster's coordinator) and the helpers its stores share: a
 * pool of connections, parameterized queries, transactions, and numbered migrations recorded in
 * the database, applied under an advisory lock so several processes starting at once apply each
 * one once.
 */
export class PostgresDatabase {
  private constructor(
    private readonly pool: pg.Pool,
    /** True when the `citus` extension is installed: the migrations distribute the tables. */
    readonly citus: boolean,
    /** Changes between the processes sharing this database. */
    readonly changes: ChangeFeed,
  ) {}

  static async open(url: string, options: { upTo?: number } = {}): Promise<PostgresDatabase> {
    // Days are UTC days everywhere (a timestamp cast to a date, a day's bounds), whatever the server's zone.
    const connection = { connectionString: url, types, options: '-c TimeZone=UTC' };
    const pool = new pg.Pool({ ...connection, max: MAX_CONNECTIONS });
    // An idle connection the server dropped must not take the process down with it.
    pool.on('error', (error) => console.error('a PostgreSQL connection failed:', error.message));
    try {
      const [extension] = (
        await pool
          .query("SELECT 1 AS present FROM pg_extension WHERE extname = 'citus'")
          .catch((error: Error) => {
            throw new StorageUnreachable(withoutPassword(url), error.message);
          })
      ).rows;
      const database = new PostgresDatabase(
        pool,
        extension !== undefined,
        new ChangeFeed(connection),
      );
      await database.migrate(
        postgresMigrations.filter((m) => m.version <= (options.upTo ?? Number.POSITIVE_INFINITY)),
      );
      return database;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async query(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, bindable(params))).rows as Row[];
  }

  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if not. With `retries`,
   * a transaction the server failed for a deadlock or a serialization conflict runs again from
   * the start (each time on a fresh transaction), up to that many more times.
   */
  async transaction<T>(work: (session: PostgresSession) => Promise<T>, retries = 0): Promise<T> {
    return retried(() => this.once(work), retries);
  }

  /**
   * One statement, which is a transaction of its own: one round trip where BEGIN, the statement
   * and COMMIT take three. Retried like `transaction`.
   */
  async statement(sql: string, params: readonly SqlParam[], retries = 0): Promise<Row[]> {
    return retried(() => this.query(sql, params), retries);
  }

  private async once<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async (sql, params = []) =>
          (await client.query(sql, bindable(params))).rows as Row[],
        copyFrom: (sql, rows) =>
          pipeline(Readable.from(copyText(rows)), client.query(copyFrom(sql))),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs what announces `change` to the other processes: in `session`'s transaction, or now. */
  async announce(change: StoreChange, session?: PostgresSession): Promise<void> {
    const { sql, params } = this.changes.announcement(change);
    await (session ?? this).query(sql, params);
  }

  async close(): Promise<void> {
    await this.changes.close();
    await this.pool.end();
  }

  /**
   * Applies, in order, each migration the database has not recorded, each in its own transaction
   * under the migration lock; on Citus, a migration's distribution statements run with it.
   */
  private async migrate(wanted: readonly PostgresMigration[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY,
           name TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      const rows = await client.query('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const migration of wanted) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        if (this.citus && migration.citus) await client.query(migration.citus);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
    });
  }
}
