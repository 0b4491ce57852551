import pg from 'pg';
import { type PostgresMigration, postgresMigrations } from './migrations.ts';

export type SqlParam = string | number | boolean | null | Date;
export type Row = Record<string, unknown>;

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
  ) {}

  static async open(url: string, options: { upTo?: number } = {}): Promise<PostgresDatabase> {
    // Days are UTC days everywhere (a timestamp cast to a date, a day's bounds), whatever the server's zone.
    const pool = new pg.Pool({
      connectionString: url,
      max: MAX_CONNECTIONS,
      types,
      options: '-c TimeZone=UTC',
    });
    // An idle connection the server dropped must not take the process down with it.
    pool.on('error', (error) => console.error('a PostgreSQL connection failed:', error.message));
    try {
      const [extension] = (
        await pool.query("SELECT 1 AS present FROM pg_extension WHERE extname = 'citus'")
      ).rows;
      const database = new PostgresDatabase(pool, extension !== undefined);
      await database.migrate(
        postgresMigrations.filter((m) => m.version <= (options.upTo ?? Number.POSITIVE_INFINITY)),
      );
      return database;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async query(sql: string, params: SqlParam[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  /** Runs `work` in one transaction: committed if it resolves, rolled back if not. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
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
      const { rows } = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations',
      );
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
