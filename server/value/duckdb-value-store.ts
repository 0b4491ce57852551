import type { DuckDBConnection } from '@duckdb/node-api';
import { promiseSchema, type ValuePromise } from '../../blueprint/promise.ts';
import { type ValueModel, valueModelSchema } from '../../blueprint/value-model.ts';
import {
  type Database,
  execute,
  inTransaction,
  isoText,
  queryRows,
  type Row,
} from '../../telemetry/store/duckdb/database.ts';
import {
  factInsert,
  REATTRIBUTED_USERS,
  SEGMENT_COLUMNS,
  SINGLE_ACCOUNT_USERS,
} from './fact-sql.ts';
import type {
  AssumptionChange,
  Contribution,
  DayRange,
  DriverActivity,
  Grain,
  SeriesPoint,
  StoredModel,
  ValueStore,
} from './value-store.ts';

const ACTIVITY = `sum(quantity)::DOUBLE AS quantity,
  (count(DISTINCT user_id) FILTER (WHERE user_id <> ''))::DOUBLE AS users,
  sum(events)::DOUBLE AS events`;

/** Rows out of account order that make compactFacts re-sort: about one DuckDB row group… */
const COMPACT_MIN_UNSORTED_ROWS = 122_880;
/** …or this share of all facts, whichever is more, so big tables are not rewritten too often. */
const COMPACT_UNSORTED_SHARE = 0.02;

const GRAINS: Record<Grain, string> = { day: 'day', week: 'week', month: 'month' };

/**
 * The value engine on the embedded DuckDB file. Facts follow the events by their commit sequence:
 * `refresh` rolls in what was committed since the last call, and rebuilds everything when the model
 * version changed. Refreshes run one at a time on their own connection.
 */
export class DuckDbValueStore implements ValueStore {
  private connection: DuckDBConnection | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** Work on `connection` (refreshes, compaction), one piece at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The current model, cached: it changes only through saveModel in this process. */
  private current: StoredModel | null | undefined;
  /** Likewise each account's promises and assumption changes, read by every value request. */
  private readonly promiseCache = new AccountCache<ValuePromise[]>();
  private readonly historyCache = new AccountCache<AssumptionChange[]>();

  constructor(private readonly database: Database) {}

  async saveModel(model: ValueModel): Promise<StoredModel> {
    const rows = await this.database.query(
      `INSERT INTO value_models
       SELECT coalesce(max(version), 0) + 1, $1::JSON, now() FROM value_models
       RETURNING version, ${isoText('created_at')} AS created_at`,
      [JSON.stringify(model)],
    );
    const row = rows[0] as Row;
    this.current = { version: Number(row.version), model, createdAt: String(row.created_at) };
    return this.current;
  }

  async currentModel(): Promise<StoredModel | null> {
    if (this.current !== undefined) return this.current;
    const rows = await this.database.query(
      `SELECT version, model, ${isoText('created_at')} AS created_at
       FROM value_models ORDER BY version DESC LIMIT 1`,
    );
    const row = rows[0];
    this.current = row
      ? {
          version: Number(row.version),
          model: valueModelSchema.parse(JSON.parse(String(row.model))),
          createdAt: String(row.created_at),
        }
      : null;
    return this.current;
  }

  async modelVersions() {
    const rows = await this.database.query(
      `SELECT version, ${isoText('created_at')} AS created_at,
              json_extract_string(model, '$.product') AS product,
              json_array_length(model, '$.drivers')::INTEGER AS drivers
       FROM value_models ORDER BY version DESC`,
    );
    return rows.map((row) => ({
      version: Number(row.version),
      createdAt: String(row.created_at),
      product: String(row.product),
      drivers: Number(row.drivers),
    }));
  }

  async setPromises(accountId: string, promises: ValuePromise[]): Promise<void> {
    await this.database.query(
      `INSERT INTO account_promises VALUES ($1, $2::JSON, now())
       ON CONFLICT DO UPDATE SET promises = excluded.promises, updated_at = excluded.updated_at`,
      [accountId, JSON.stringify(promises)],
    );
    this.promiseCache.invalidate(accountId);
  }

  promises(accountId: string): Promise<ValuePromise[]> {
    return this.promiseCache.get(accountId, async () => {
      const rows = await this.database.query(
        'SELECT promises FROM account_promises WHERE account_id = $1',
        [accountId],
      );
      if (!rows[0]) return [];
      return (JSON.parse(String(rows[0].promises)) as unknown[]).map((item) =>
        promiseSchema.parse(item),
      );
    });
  }

  async recordAssumption(
    accountId: string,
    change: Omit<AssumptionChange, 'changedAt'>,
  ): Promise<AssumptionChange> {
    const rows = await this.database.query(
      `INSERT INTO assumption_changes VALUES ($1, $2, $3, $4, now())
       RETURNING ${isoText('changed_at')} AS changed_at`,
      [accountId, change.id, change.value, change.userId],
    );
    this.historyCache.invalidate(accountId);
    return { ...change, changedAt: String(rows[0]?.changed_at) };
  }

  assumptionHistory(accountId: string): Promise<AssumptionChange[]> {
    return this.historyCache.get(accountId, async () => {
      const rows = await this.database.query(
        `SELECT assumption_id, value, user_id, ${isoText('changed_at')} AS changed_at
         FROM assumption_changes WHERE account_id = $1 ORDER BY changed_at, rowid`,
        [accountId],
      );
      return rows.map((row) => ({
        id: String(row.assumption_id),
        value: Number(row.value),
        userId: String(row.user_id),
        changedAt: String(row.changed_at),
      }));
    });
  }

  async accountTrait(accountId: string, key: string): Promise<unknown> {
    const rows = await this.database.query(
      'SELECT value FROM account_traits WHERE account_id = $1 AND key = $2',
      [accountId, key],
    );
    return rows[0] ? (JSON.parse(String(rows[0].value)) as unknown) : undefined;
  }

  async accounts(): Promise<string[]> {
    const rows = await this.database.query(
      `SELECT account_id FROM account_traits UNION SELECT account_id FROM value_facts ORDER BY 1`,
    );
    return rows.map((row) => String(row.account_id));
  }

  /** Single-flight: a call made while a refresh runs waits for one more pass after it. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.serially(() => this.refreshOnce());
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async activity(accountId: string, range: DayRange): Promise<DriverActivity[]> {
    const rows = await this.database.query(
      `SELECT driver_id, ${ACTIVITY} FROM value_facts
       WHERE account_id = $1 AND day BETWEEN $2::DATE AND $3::DATE
       GROUP BY driver_id ORDER BY driver_id`,
      [accountId, range.from, range.to],
    );
    return rows.map(toActivity);
  }

  async activities(accountId: string, ranges: DayRange[]): Promise<DriverActivity[][]> {
    const result: DriverActivity[][] = ranges.map(() => []);
    if (ranges.length === 0) return result;
    const periods = ranges
      .map((_, index) => `(${index}, $${2 * index + 2}::DATE, $${2 * index + 3}::DATE)`)
      .join(', ');
    const rows = await this.database.query(
      `SELECT p.period, driver_id, ${ACTIVITY}
       FROM value_facts JOIN (VALUES ${periods}) p(period, first, last) ON day BETWEEN first AND last
       WHERE account_id = $1
       GROUP BY p.period, driver_id ORDER BY p.period, driver_id`,
      [accountId, ...ranges.flatMap((range) => [range.from, range.to])],
    );
    for (const row of rows) result[Number(row.period)]?.push(toActivity(row));
    return result;
  }

  async series(
    accountId: string,
    range: DayRange,
    grain: Grain,
    segment?: number,
  ): Promise<SeriesPoint[]> {
    const column = segment === undefined ? undefined : segmentColumn(segment);
    const split = column ? `, ${column} AS segment_value` : '';
    const rows = await this.database.query(
      `SELECT driver_id, strftime(date_trunc('${GRAINS[grain]}', day), '%Y-%m-%d') AS bucket${split},
              ${ACTIVITY}
       FROM value_facts
       WHERE account_id = $1 AND day BETWEEN $2::DATE AND $3::DATE
       GROUP BY ALL ORDER BY bucket, driver_id${column ? ', segment_value' : ''}`,
      [accountId, range.from, range.to],
    );
    return rows.map((row) => ({
      ...toActivity(row),
      bucket: String(row.bucket),
      ...(column ? { segmentValue: String(row.segment_value) } : {}),
    }));
  }

  async breakdown(
    accountId: string,
    range: DayRange,
    by: { segment: number } | 'user',
  ): Promise<Contribution[]> {
    const column = by === 'user' ? 'user_id' : segmentColumn(by.segment);
    const rows = await this.database.query(
      `SELECT driver_id, ${column} AS key, ${ACTIVITY}
       FROM value_facts
       WHERE account_id = $1 AND day BETWEEN $2::DATE AND $3::DATE
       GROUP BY ALL ORDER BY driver_id, key`,
      [accountId, range.from, range.to],
    );
    return rows.map((row) => ({ ...toActivity(row), key: String(row.key) }));
  }

  async activeDays(accountId: string): Promise<DayRange | null> {
    const rows = await this.database.query(
      `SELECT strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last
       FROM value_facts WHERE account_id = $1`,
      [accountId],
    );
    const row = rows[0];
    return row?.first ? { from: String(row.first), to: String(row.last) } : null;
  }

  /**
   * Reads of one account skip every row group whose account range misses it, which works while the
   * facts lie in account order: a rebuild writes them so, but refreshes append theirs at the end.
   * When enough rows sit out of order (more than a row group's worth, or 2% of the facts), this
   * rewrites the table sorted. Cheap to call often: the check is one pass over the keys.
   * `minUnsortedRows` lowers the first threshold (tests).
   */
  compactFacts(options: { minUnsortedRows?: number } = {}): Promise<void> {
    const minUnsorted = options.minUnsortedRows ?? COMPACT_MIN_UNSORTED_ROWS;
    return this.serially(async () => {
      this.connection ??= await this.database.connect();
      const connection = this.connection;
      const [layout] = await queryRows(
        connection,
        `SELECT count(*)::DOUBLE AS total,
                coalesce(count(*) - min(position) FILTER (WHERE out_of_order) + 1, 0)::DOUBLE AS unsorted
         FROM (
           SELECT row_number() OVER (ORDER BY rowid) AS position,
                  account_id < lag(account_id) OVER (ORDER BY rowid)
                  OR (account_id = lag(account_id) OVER (ORDER BY rowid)
                      AND day < lag(day) OVER (ORDER BY rowid)) AS out_of_order
           FROM value_facts
         )`,
      );
      const total = Number(layout?.total ?? 0);
      const unsorted = Number(layout?.unsorted ?? 0);
      if (unsorted === 0 || unsorted <= Math.max(minUnsorted, total * COMPACT_UNSORTED_SHARE))
        return;
      await inTransaction(connection, async () => {
        await execute(
          connection,
          `CREATE OR REPLACE TEMP TABLE value_facts_sorted AS
           SELECT * FROM value_facts ORDER BY account_id, day`,
        );
        await execute(connection, 'DELETE FROM value_facts');
        await execute(connection, 'INSERT INTO value_facts SELECT * FROM value_facts_sorted');
        await execute(connection, 'DROP TABLE value_facts_sorted');
      });
    });
  }

  close(): void {
    this.connection?.closeSync();
    this.connection = undefined;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async refreshOnce(): Promise<void> {
    const current = await this.currentModel();
    if (!current) return;
    this.connection ??= await this.database.connect();
    const connection = this.connection;
    const [cursor] = await queryRows(
      connection,
      'SELECT model_version, seq FROM value_cursor WHERE id = 1',
    );
    const rebuild = !cursor || Number(cursor.model_version) !== current.version;
    const after = rebuild ? 0 : Number(cursor?.seq ?? 0);
    const [latest] = await queryRows(connection, 'SELECT coalesce(max(seq), 0) AS seq FROM events');
    const upto = Number(latest?.seq ?? 0);
    if (!rebuild && upto <= after) return;
    const insert = factInsert(current.model, after, upto);
    await inTransaction(connection, async () => {
      if (rebuild) {
        await execute(connection, 'DELETE FROM value_facts');
        await execute(connection, 'DELETE FROM value_attribution');
      } else {
        // A user who joined their first account, or a second one, since the last pass: their
        // earlier events without a groupId now count for another account (or none), so their
        // facts are derived again, as a rebuild would.
        await execute(
          connection,
          `CREATE OR REPLACE TEMP TABLE ${REATTRIBUTED_USERS} AS
           SELECT user_id FROM (${SINGLE_ACCOUNT_USERS}) latest
           FULL OUTER JOIN value_attribution known USING (user_id)
           WHERE latest.account_id IS DISTINCT FROM known.account_id`,
        );
        await execute(
          connection,
          `DELETE FROM value_facts WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`,
        );
        const again = factInsert(current.model, 0, after, { reattributedOnly: true });
        await execute(connection, again.sql, again.params);
        await execute(
          connection,
          `DELETE FROM value_attribution WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`,
        );
      }
      await execute(connection, insert.sql, insert.params);
      await execute(
        connection,
        `INSERT INTO value_attribution SELECT user_id, account_id FROM (${SINGLE_ACCOUNT_USERS})
         ${rebuild ? '' : `WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`}`,
      );
      await execute(
        connection,
        `INSERT INTO value_cursor VALUES (1, $1, $2)
         ON CONFLICT DO UPDATE SET model_version = excluded.model_version, seq = excluded.seq`,
        [current.version, upto],
      );
    });
  }
}

/**
 * Per-account answers from tables only this store writes, so a write here is the only way they go
 * stale: it drops the account's entry and bumps the generation, and a read that began before a
 * write does not fill the cache. Cleared when it holds `limit` accounts, to stay bounded.
 */
class AccountCache<T> {
  private readonly entries = new Map<string, T>();
  private generation = 0;

  constructor(private readonly limit = 10_000) {}

  async get(accountId: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(accountId);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(accountId, value);
    }
    return value;
  }

  invalidate(accountId: string): void {
    this.generation++;
    this.entries.delete(accountId);
  }
}

/** Segment columns come from a fixed allow-list, never from request text. */
function segmentColumn(index: number): string {
  const column = SEGMENT_COLUMNS[index];
  if (!column) throw new RangeError(`no segment column ${index}`);
  return column;
}

function toActivity(row: Row): DriverActivity {
  return {
    driverId: String(row.driver_id),
    quantity: Number(row.quantity ?? 0),
    users: Number(row.users ?? 0),
    events: Number(row.events ?? 0),
  };
}
