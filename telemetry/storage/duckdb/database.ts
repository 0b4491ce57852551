import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { StorageInUse } from '../interface.ts';
import { type Migration, migrations } from './migrations.ts';

/**
 * WAL size past which the event store checkpoints (folds the WAL into the file) after a commit.
 * DuckDB's own automatic checkpoint is turned off: it runs inside whichever commit crosses its
 * threshold, and then the ingest writer's appender, whose calls are synchronous, held the whole
 * event loop for 0.2–1.4 s. Run by the event store on its own connection, a checkpoint only keeps
 * that connection waiting (the ingest journal goes on answering). 64 MB: every ~5 s at 26,000
 * events/s; at 128 MB each checkpoint held the two cores 0.6–0.9 s and the answers given meanwhile
 * missed the ingest p99 target in 6 runs of 19, at 64 MB in none of 12. A crash replays up to this
 * much WAL (measured: 51 MB of 100,000 events in 0.45 s).
 */
export const CHECKPOINT_WAL_BYTES = 64 * 1024 * 1024;
/** What DuckDB is told, so that its own checkpoint never comes first. */
const AUTOMATIC_CHECKPOINT_OFF = '1TB';
/** Connections kept open between reads: as many as reads commonly run at once. */
const MAX_IDLE_CONNECTIONS = 8;

async function openInstance(path: string): Promise<DuckDBInstance> {
  if (path === ':memory:') return DuckDBInstance.create(path);
  try {
    return await DuckDBInstance.fromCache(path, { checkpoint_threshold: AUTOMATIC_CHECKPOINT_OFF });
  } catch (error) {
    if (/could not set lock/i.test(String(error))) throw new StorageInUse(path);
    throw error;
  }
}

export type SqlParam = string | number | boolean | null | Date;
export type Row = Record<string, unknown>;

/** A DuckDB database file and the helpers the stores share. */
export class Database {
  private readonly idle: DuckDBConnection[] = [];
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly path: string,
  ) {}

  /**
   * Opens (creating when needed) the database and brings its schema up to date; `upTo` stops the
   * migrations at a version (tests make the database of an earlier release with it).
   */
  static async open(path: string, options: { upTo?: number } = {}): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await openInstance(path);
    const database = new Database(instance, path);
    await database.migrate(migrations.filter((m) => m.version <= (options.upTo ?? Infinity)));
    return database;
  }

  /** Opens an existing file read-only, as it is (no migrations): for tools that only look. */
  static async openReadOnly(path: string): Promise<Database> {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    return new Database(instance, path);
  }

  /** Bytes in the database's write-ahead log (0 in memory, or right after a checkpoint). */
  walBytes(): number {
    if (this.path === ':memory:') return 0;
    try {
      return statSync(`${this.path}.wal`).size;
    } catch {
      return 0;
    }
  }

  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /**
   * Runs `work` on a connection of the pool (opening one costs about as much as a small query),
   * given back afterwards; one that failed mid-work is closed rather than kept, in case it was
   * left inside a transaction.
   */
  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = this.idle.pop() ?? (await this.connect());
    let healthy = false;
    try {
      const result = await work(connection);
      healthy = true;
      return result;
    } finally {
      this.release(connection, healthy);
    }
  }

  query(sql: string, params: SqlParam[] = []): Promise<Row[]> {
    return this.withConnection((connection) => queryRows(connection, sql, params));
  }

  /**
   * The rows of `sql` as `query` gives them, a chunk at a time as DuckDB reads them (2,048 rows):
   * for copying a table of any size without holding it. The connection is closed, not kept, when
   * the reader stops before the end.
   */
  async *streamRows(sql: string, params: SqlParam[] = []): AsyncGenerator<Row[]> {
    const connection = this.idle.pop() ?? (await this.connect());
    let healthy = false;
    try {
      const result = await connection.stream(sql, params.map(toDuckValue));
      for await (const rows of result.yieldRowObjectJson()) yield rows as Row[];
      healthy = true;
    } finally {
      this.release(connection, healthy);
    }
  }

  private release(connection: DuckDBConnection, healthy: boolean): void {
    if (healthy && !this.closed && this.idle.length < MAX_IDLE_CONNECTIONS)
      this.idle.push(connection);
    else connection.closeSync();
  }

  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.closeSync();
    this.instance.closeSync();
  }

  /**
   * Applies, in order, each migration the file has not recorded yet. By the recorded set, not the
   * highest version: branches number migrations in parallel, and one merged below a version a
   * file already has must still run there.
   */
  private async migrate(wanted: readonly Migration[]): Promise<void> {
    await this.withConnection(async (connection) => {
      await connection.run(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)',
      );
      const rows = await queryRows(connection, 'SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const migration of wanted) {
        if (applied.has(migration.version)) continue;
        await inTransaction(connection, async () => {
          await connection.run(migration.sql);
          await connection.run('INSERT INTO schema_migrations VALUES ($1, now())', [
            migration.version,
          ]);
        });
      }
    });
  }
}

/** Runs `work` in one transaction on `connection`: committed if it resolves, rolled back if not. */
export async function inTransaction<T>(
  connection: DuckDBConnection,
  work: () => Promise<T>,
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Rows as plain JSON-friendly objects (timestamps as text, big integers as strings). */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  params: SqlParam[] = [],
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params.map(toDuckValue));
  return reader.getRowObjectsJson() as Row[];
}

export async function execute(
  connection: DuckDBConnection,
  sql: string,
  params: SqlParam[] = [],
): Promise<void> {
  await connection.run(sql, params.map(toDuckValue));
}

export function toDuckValue(param: SqlParam): DuckDBValue {
  return param instanceof Date ? timestampValue(param) : param;
}

export function timestampValue(date: Date): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
}

/** SQL expression rendering a TIMESTAMP column as ISO-8601 UTC text. */
export function isoText(column: string): string {
  return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}
