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
  type StoreChange,
  type StoredModel,
  type ValueStore,
} from '../interface.ts';
import type { FactSqlDialect } from '../value-facts-sql.ts';
import { assumptionChangeOf, factMaker, traitsByAccountOf } from '../value-rows.ts';
import type { PostgresDatabase, PostgresSession, Row } from './database.ts';
import { REFRESH_LOCK, refreshFacts } from './fact-refresh.ts';
import { SEGMENT_COLUMNS, SINGLE_ACCOUNT_USERS } from './fact-sql.ts';

/** How PostgreSQL writes a day, and orders text as DuckDB and the reads in memory do. */
const DIALECT: FactSqlDialect = {
  dayText: (expression) => `to_char(${expression}, 'YYYY-MM-DD')`,
  bytewise: ' COLLATE "C"',
};

/**
 * The value engine on PostgreSQL, with any number of service processes. Facts follow the events
 * by their commits: `refresh` rolls in the commits still in value_pending (one process at a time)
 * and rebuilds everything when the model version changed; answers are the DuckDB store's. What
 * this process keeps in memory (the model, promises, assumptions, facts of recent accounts) it
 * lets go when another process announces a change to it on the database's change feed; its own
 * changes it announces in the transaction that makes them.
 */
export class PostgresValueStore implements ValueStore {
  private running: Promise<void> | undefined;
  private again = false;
  /** The current model, cached: it changes through saveModel, here or in another process. */
  private current: StoredModel | null | undefined;
  /** Each account's promises and assumption changes, read by every value request. */
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
  private readonly stopHearing: () => void;

  /** `factCacheRows`: how many fact rows to hold in memory across accounts (0: none). */
  constructor(
    private readonly database: PostgresDatabase,
    options: { factCacheRows?: number } = {},
  ) {
    this.held = new AccountFacts(options.factCacheRows ?? DEFAULT_FACT_CACHE_ROWS);
    this.stopHearing = database.changes.subscribe((change) => this.changedElsewhere(change));
  }

  async saveModel(model: ValueModel): Promise<StoredModel> {
    const row = await this.database.transaction(async (session) => {
      // Two processes saving at once would both take the same next version: one waits.
      await session.query('LOCK TABLE value_models IN EXCLUSIVE MODE');
      // Read, then written: Citus plans INSERT … SELECT max(…) FROM the same reference table
      // wrongly ("missing FROM-clause entry"); the lock keeps the two steps as one.
      const [next] = await session.query(
        'SELECT coalesce(max(version), 0) + 1 AS version FROM value_models',
      );
      const [saved] = await session.query(
        `INSERT INTO value_models (version, model, created_at) VALUES ($1, $2, now())
         RETURNING version, created_at`,
        [Number(next?.version), JSON.stringify(model)],
      );
      await this.database.announce({ kind: 'model' }, session);
      return saved as Row;
    });
    this.current = { version: Number(row.version), model, createdAt: String(row.created_at) };
    // The facts follow at the next refresh (a rebuild); what is held was read for the old model.
    this.held.clear();
    return this.current;
  }

  async currentModel(): Promise<StoredModel | null> {
    if (this.current === undefined) this.current = await latestModel(this.database, undefined);
    return this.current;
  }

  async modelVersions(): Promise<ModelVersion[]> {
    const rows = await this.database.query(
      `SELECT version, created_at, model::jsonb ->> 'product' AS product,
              jsonb_array_length(model::jsonb -> 'drivers') AS drivers
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
    await this.database.transaction(async (session) => {
      await session.query(
        `INSERT INTO account_promises (account_id, promises, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (account_id) DO UPDATE
         SET promises = excluded.promises, updated_at = excluded.updated_at`,
        [accountId, JSON.stringify(promises)],
      );
      await this.database.announce({ kind: 'account', accountId }, session);
    });
    this.promiseCache.invalidate(accountId);
  }

  promises(accountId: string): Promise<ValuePromise[]> {
    return this.promiseCache.get(accountId, async () => {
      const [row] = await this.database.query(
        'SELECT promises FROM account_promises WHERE account_id = $1',
        [accountId],
      );
      if (!row) return [];
      return (JSON.parse(String(row.promises)) as unknown[]).map((item) =>
        promiseSchema.parse(item),
      );
    });
  }

  async recordAssumption(
    accountId: string,
    change: Omit<AssumptionChange, 'changedAt'>,
  ): Promise<AssumptionChange> {
    const [row] = await this.database.transaction(async (session) => {
      const recorded = await session.query(
        `INSERT INTO assumption_changes (account_id, assumption_id, value, user_id, changed_at)
         VALUES ($1, $2, $3, $4, now()) RETURNING changed_at`,
        [accountId, change.id, change.value, change.userId],
      );
      await this.database.announce({ kind: 'account', accountId }, session);
      return recorded;
    });
    this.historyCache.invalidate(accountId);
    return { ...change, changedAt: String(row?.changed_at) };
  }

  assumptionHistory(accountId: string): Promise<AssumptionChange[]> {
    return this.historyCache.get(accountId, async () => {
      const rows = await this.database.query(
        `SELECT assumption_id, value, user_id, changed_at FROM assumption_changes
         WHERE account_id = $1 ORDER BY changed_at, id`,
        [accountId],
      );
      return rows.map(assumptionChangeOf);
    });
  }

  async accountTrait(accountId: string, key: string): Promise<unknown> {
    const [row] = await this.database.query(
      'SELECT value FROM account_traits WHERE account_id = $1 AND key = $2',
      [accountId, key],
    );
    return row ? (JSON.parse(String(row.value)) as unknown) : undefined;
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
          await this.refreshOnce();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * Nothing to do: PostgreSQL reads an account's facts through the (account_id, day) index in
   * whatever order the rows lie, and autovacuum keeps the table and its statistics in shape.
   */
  async compact(): Promise<void> {}

  /**
   * Stops hearing other processes and waits for the refresh under way; the connections are the
   * database's to close.
   */
  async close(): Promise<void> {
    this.stopHearing();
    while (this.running) await this.running.catch(() => undefined);
  }

  async activeUsers(range: DayRange): Promise<ActiveUsers[]> {
    // The day's bounds as times, so events' time index finds the range.
    const rows = await this.database.query(
      `WITH single_account_users AS (${SINGLE_ACCOUNT_USERS}),
       people AS (
         SELECT coalesce(nullif(e.account_id, ''), m.account_id) AS account_id,
                coalesce(e.user_id, e.anonymous_id, '') AS person
         FROM events e
         LEFT JOIN single_account_users m ON m.user_id = coalesce(e.user_id, e.anonymous_id)
         WHERE e.type IN ('track', 'page', 'screen')
           AND e.event_time >= $1::date::timestamp AT TIME ZONE 'UTC'
           AND e.event_time < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
       )
       SELECT account_id, count(DISTINCT person) AS users FROM people
       WHERE account_id IS NOT NULL
       GROUP BY account_id ORDER BY account_id${DIALECT.bytewise}`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ accountId: String(row.account_id), users: Number(row.users) }));
  }

  async traitsByAccount(keys: readonly string[]): Promise<AccountTraits[]> {
    if (keys.length === 0) return [];
    const rows = await this.database.query(
      `SELECT account_id, key, value FROM account_traits WHERE key = ANY($1::text[])
       ORDER BY account_id${DIALECT.bytewise}, key${DIALECT.bytewise}`,
      [[...keys]],
    );
    return traitsByAccountOf(rows);
  }

  /**
   * One pass, under the refresh lock: the latest model (another process may have saved it, and
   * its announcement may still be on the way), the facts brought up to date and the change
   * announced, and what this process holds let go where the facts changed.
   */
  private async refreshOnce(): Promise<void> {
    const outcome = await this.database.transaction(async (session) => {
      await session.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]);
      const current = await latestModel(session, this.current ?? undefined);
      if (!current) return null;
      const changed = await refreshFacts(session, current, { citus: this.database.citus });
      if (changed === 'all') await this.database.announce({ kind: 'model' }, session);
      else if (changed.size > 0)
        await this.database.announce({ kind: 'facts', accounts: [...changed] }, session);
      return { current, changed };
    });
    if (!outcome) return;
    // Let go only once committed, so that what is read again is the new facts. A model this
    // process saved while the pass ran is newer still: it stays.
    if (outcome.current.version > (this.current?.version ?? 0)) {
      this.current = outcome.current;
      this.held.clear();
    }
    if (outcome.changed === 'all') this.held.clear();
    else if (outcome.changed.size > 0) this.held.forget(outcome.changed);
  }

  /** Another process changed what this one may hold: it is read again when next asked for. */
  private changedElsewhere(change: StoreChange): void {
    switch (change.kind) {
      case 'facts':
        this.held.forget(change.accounts);
        return;
      case 'account':
        this.promiseCache.invalidate(change.accountId);
        this.historyCache.invalidate(change.accountId);
        return;
      case 'model':
        this.current = undefined;
        this.held.clear();
        return;
      case 'all':
        this.current = undefined;
        this.held.clear();
        this.promiseCache.clear();
        this.historyCache.clear();
        return;
      case 'events':
        // Events change no facts until a refresh rolls them in (and announces that).
        return;
    }
  }

  /** The account's facts when they are (or now get) held in memory; null to read them in SQL. */
  private factsHeld(accountId: string): Promise<readonly AccountFact[] | null> {
    return this.held.get(accountId, async (limit) => {
      const segments = (await this.currentModel())?.model.segments.length ?? 0;
      const columns = SEGMENT_COLUMNS.slice(0, segments);
      const rows = await this.database.query(
        `SELECT driver_id, to_char(day, 'YYYY-MM-DD') AS day, user_id, quantity,
                events${columns.map((column) => `, ${column}`).join('')}
         FROM value_facts WHERE account_id = $1 LIMIT $2`,
        [accountId, limit],
      );
      const fact = factMaker();
      return rows.map((row) =>
        fact({
          driverId: row.driver_id,
          day: row.day,
          userId: row.user_id,
          segments: columns.map((column) => row[column]),
          quantity: row.quantity,
          events: row.events,
        }),
      );
    });
  }
}

/**
 * The latest model version: `known` again when it is still the latest (its JSON is not read and
 * parsed again), null when none was saved.
 */
async function latestModel(
  reader: Pick<PostgresSession, 'query'>,
  known: StoredModel | undefined,
): Promise<StoredModel | null> {
  const [latest] = await reader.query('SELECT max(version) AS version FROM value_models');
  if (latest?.version === null || latest?.version === undefined) return null;
  if (known && Number(latest.version) === known.version) return known;
  const [row] = await reader.query(
    'SELECT version, model, created_at FROM value_models WHERE version = $1',
    [Number(latest.version)],
  );
  if (!row) return null;
  return {
    version: Number(row.version),
    model: valueModelSchema.parse(JSON.parse(String(row.model))),
    createdAt: String(row.created_at),
  };
}
