import type { DuckDBConnection } from '@duckdb/node-api';
import type { DayRange } from '../../../blueprint/days.ts';
import { promiseSchema, type ValuePromise } from '../../../blueprint/promise.ts';
import { type ValueModel, valueModelSchema } from '../../../blueprint/value-model.ts';
import { AccountCache } from '../account-cache.ts';
import { AccountFacts } from '../account-facts.ts';
import type { AccountFact } from '../fact-reads.ts';
import { SqlFactReads } from '../fact-reads-sql.ts';
import {
  type AccountTraits,
  type ActiveUsers,
  type AssumptionChange,
  DEFAULT_FACT_CACHE_ROWS,
  type ModelVersion,
  type StoredModel,
  type ValueStore,
} from '../interface.ts';
import type { FactSqlDialect } from '../value-facts-sql.ts';
import { assumptionChangeOf, factMaker, traitsByAccountOf } from '../value-rows.ts';
import { type Database, isoText, type Row } from './database.ts';
import { compactFactTable, refreshFacts } from './fact-refresh.ts';
import { SEGMENT_COLUMNS, SINGLE_ACCOUNT_USERS } from './fact-sql.ts';

const DIALECT: FactSqlDialect = {
  dayText: (expression) => `strftime(${expression}, '%Y-%m-%d')`,
  bytewise: '',
};

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

  /** Accounts' facts held in memory, read without a query. */
  private readonly held: AccountFacts;
  /** Reads of the facts: from those held, else in SQL. */
  private readonly reads = new SqlFactReads(
    DIALECT,
    (accountId) => this.factsHeld(accountId),
    (query) => this.database.query(query.sql, query.params),
  );
  readonly activity = this.reads.activity.bind(this.reads);
  readonly series = this.reads.series.bind(this.reads);
  readonly breakdown = this.reads.breakdown.bind(this.reads);
  readonly activeDays = this.reads.activeDays.bind(this.reads);
  readonly usage = this.reads.usage.bind(this.reads);
  readonly firstDays = this.reads.firstDays.bind(this.reads);

  /** `factCacheRows`: how many fact rows to hold in memory across accounts (0: none). */
  constructor(
    private readonly database: Database,
    options: { factCacheRows?: number } = {},
  ) {
    this.held = new AccountFacts(options.factCacheRows ?? DEFAULT_FACT_CACHE_ROWS);
  }

  async saveModel(model: ValueModel): Promise<StoredModel> {
    const rows = await this.database.query(
      `INSERT INTO value_models
       SELECT coalesce(max(version), 0) + 1, $1::JSON, now() FROM value_models
       RETURNING version, ${isoText('created_at')} AS created_at`,
      [JSON.stringify(model)],
    );
    const row = rows[0] as Row;
    this.current = { version: Number(row.version), model, createdAt: String(row.created_at) };
    // The facts follow at the next refresh (a rebuild); what is held was read for the old model.
    this.held.clear();
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

  async modelVersions(): Promise<ModelVersion[]> {
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
      return rows.map(assumptionChangeOf);
    });
  }

  async accountTrait(accountId: string, key: string): Promise<unknown> {
    const rows = await this.database.query(
      'SELECT value FROM account_traits WHERE account_id = $1 AND key = $2',
      [accountId, key],
    );
    return rows[0] ? (JSON.parse(String(rows[0].value)) as unknown) : undefined;
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

  async activeUsers(range: DayRange): Promise<ActiveUsers[]> {
    const rows = await this.database.query(
      `WITH single_account_users AS (${SINGLE_ACCOUNT_USERS})
       SELECT coalesce(e.account_id, m.account_id) AS account_id,
              count(DISTINCT coalesce(e.user_id, e.anonymous_id, '')) AS users
       FROM events e
       LEFT JOIN single_account_users m ON m.user_id = coalesce(e.user_id, e.anonymous_id)
       WHERE e.type IN ('track', 'page', 'screen')
         AND CAST(e.event_time AS DATE) BETWEEN $1::DATE AND $2::DATE
         AND coalesce(e.account_id, m.account_id) IS NOT NULL
       GROUP BY 1 ORDER BY 1`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ accountId: String(row.account_id), users: Number(row.users) }));
  }

  async traitsByAccount(keys: readonly string[]): Promise<AccountTraits[]> {
    if (keys.length === 0) return [];
    const rows = await this.database.query(
      `SELECT account_id, key, value FROM account_traits
       WHERE key IN (${keys.map((_, index) => `$${index + 1}`).join(', ')})
       ORDER BY account_id, key`,
      [...keys],
    );
    return traitsByAccountOf(rows);
  }

  /**
   * Re-sorts the facts into account order once refreshes have appended enough out of order (see
   * compactFactTable). `minUnsortedRows` lowers the threshold (tests).
   */
  compact(options: { minUnsortedRows?: number } = {}): Promise<void> {
    return this.serially(async () => {
      this.connection ??= await this.database.connect();
      await compactFactTable(this.connection, options.minUnsortedRows);
    });
  }

  /** Waits for the refresh or compaction under way, then lets go of the connection. */
  async close(): Promise<void> {
    await this.queue;
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
    const changed = await refreshFacts(this.connection, current);
    if (changed === 'all') this.held.clear();
    else if (changed.size > 0) this.held.forget(changed);
  }

  /** The account's facts when they are (or now get) held in memory; null to read them in SQL. */
  private factsHeld(accountId: string): Promise<readonly AccountFact[] | null> {
    return this.held.get(accountId, async (limit) => {
      const segments = (await this.currentModel())?.model.segments.length ?? 0;
      const columns = SEGMENT_COLUMNS.slice(0, segments);
      return this.database.withConnection(async (connection) => {
        const reader = await connection.runAndReadAll(
          `SELECT driver_id, strftime(day, '%Y-%m-%d') AS day, user_id,
                  quantity, events::DOUBLE AS events${columns.map((column) => `, ${column}`).join('')}
           FROM value_facts WHERE account_id = $1 LIMIT $2`,
          [accountId, limit],
        );
        const [drivers = [], days = [], users = [], quantities = [], events = [], ...values] =
          reader.getColumns() as unknown[][];
        const fact = factMaker();
        return drivers.map((driverId, row) =>
          fact({
            driverId,
            day: days[row],
            userId: users[row],
            segments: values.map((column) => column[row]),
            quantity: quantities[row],
            events: events[row],
          }),
        );
      });
    });
  }
}
