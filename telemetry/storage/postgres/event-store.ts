import { createHash, randomUUID } from 'node:crypto';
import type { EventStore, IngestBatch, IngestOutcome, StoredEvent } from '../interface.ts';
import { inventoryDeltas, type TraitRows, traitUpdates } from '../rollups.ts';
import {
  jsonForPostgres,
  type PostgresDatabase,
  type PostgresSession,
  type SqlParam,
} from './database.ts';

/**
 * Two commits can still wait on each other (one updating a trait another is inserting, say):
 * the server then fails one, which is tried again from the start, up to this many times.
 */
const RETRY_CONFLICTS = 3;

/** Held by whichever process prunes old message ids; the others skip that round. */
const PRUNING_LOCK = 0x76_70_70_72; // "vppr"

/** Held by whichever process folds the rollup deltas; the others skip that round. */
const COMPACTION_LOCK = 0x76_70_63_70; // "vpcp"

/**
 * Events on PostgreSQL, any number of service processes writing at once. A commit is one
 * transaction: it claims the batches' message ids in `message_ids` (a primary key, so an id counts
 * once whichever process sends it; a claim another commit holds waits for that commit's outcome),
 * adds the events whose claim it won, the rejects, the counts and traits, and one `value_pending`
 * row that the value facts roll in, and tells the other processes which accounts it touched
 * (delivered when it commits). Rows that two commits may both lock are written in one sorted
 * order, so concurrent commits wait for each other rather than deadlock. Durable when it resolves:
 * no ingest journal stands in front of this store.
 */
export class PostgresEventStore implements EventStore {
  /**
   * Commits a process runs at once: the database settles duplicates between them as between
   * processes, and an answer then waits for about one commit instead of the one before it too.
   * Four of the pool's ten connections, the rest left for reads.
   */
  readonly concurrentCommits = 4;

  constructor(private readonly database: PostgresDatabase) {}

  async commit(
    batches: IngestBatch[],
    options: { journalSeq?: number } = {},
  ): Promise<IngestOutcome[]> {
    if (options.journalSeq !== undefined) throw new Error(NO_JOURNAL);
    const outcomes = batches.map(() => ({ accepted: 0, duplicates: 0 }));
    /** Each event's claim on its message id, or null for an id the service assigned. */
    const digests = batches.map((batch) =>
      batch.events.map((event) =>
        event.messageIdAssigned ? null : digestOf(batch.sourceId, event.messageId),
      ),
    );
    const claims = new Map<string, { digest: Buffer; firstSeen: Date }>();
    batches.forEach((batch, index) => {
      batch.events.forEach((event, position) => {
        const digest = digests[index]?.[position];
        if (!digest) return;
        const key = digest.toString('hex');
        if (!claims.has(key)) claims.set(key, { digest, firstSeen: event.receivedAt });
      });
    });
    await this.database.transaction(async (session) => {
      for (const outcome of outcomes) Object.assign(outcome, { accepted: 0, duplicates: 0 });
      const { commitId, won } = await claimMessageIds(session, [...claims.values()]);
      /** Claims won by this commit and not yet taken by an earlier event of it. */
      const open = new Set(won);
      const fresh = batches.map((batch, index) => {
        const outcome = outcomes[index] as IngestOutcome;
        return batch.events.filter((_, position) => {
          const digest = digests[index]?.[position];
          if (digest && !open.delete(digest.toString('hex'))) {
            outcome.duplicates++;
            return false;
          }
          outcome.accepted++;
          return true;
        });
      });
      const accepted = batches.map((batch, index) => ({
        sourceId: batch.sourceId,
        events: fresh[index] as StoredEvent[],
      }));
      // Under load each answer from the server waits for a turn of the event loop: the rest of
      // the commit is one statement, not one for each table (a commit took ~20 ms at nine).
      const rest = new OneStatement();
      if (accepted.some((group) => group.events.length > 0)) {
        await insertEvents(session, commitId, accepted);
        rest.add(`INSERT INTO value_pending (commit_id) VALUES (${rest.param(commitId)})`);
        const { channel, payload } = this.database.changes.notification({
          kind: 'events',
          accounts: accountsIn(accepted),
        });
        rest.finish(`SELECT pg_notify(${rest.param(channel)}, ${rest.param(payload)})`);
      }
      insertRejects(rest, batches);
      countDuplicates(rest, batches, outcomes);
      appendInventoryDeltas(rest, inventoryDeltas(accepted));
      updateTraits(rest, traitUpdates(accepted));
      if (!rest.empty) await session.query(rest.sql(), rest.params);
    }, RETRY_CONFLICTS);
    return outcomes;
  }

  reserve(): IngestOutcome[] {
    throw new Error(NO_JOURNAL);
  }

  /** No journal is kept in front of this store: nothing was ever applied from one. */
  async journalApplied(): Promise<number> {
    return 0;
  }

  /** One process prunes at a time; another that asks meanwhile leaves it to that one (0). */
  async pruneMessageIds(before: Date): Promise<number> {
    return this.database.transaction(async (session) => {
      const [lock] = await session.query('SELECT pg_try_advisory_xact_lock($1) AS held', [
        PRUNING_LOCK,
      ]);
      if (!lock?.held) return 0;
      const [row] = await session.query(
        'WITH gone AS (DELETE FROM message_ids WHERE first_seen < $1 RETURNING 1) SELECT count(*) AS n FROM gone',
        [before],
      );
      return Number(row?.n ?? 0);
    });
  }

  /**
   * Folds the appended inventory counts and duplicate counts into one row per key. One process
   * does it at a time; another that asks meanwhile finds the lock taken and leaves it to that one.
   */
  async compactRollups(): Promise<void> {
    await this.database.transaction(async (session) => {
      const [lock] = await session.query('SELECT pg_try_advisory_xact_lock($1) AS held', [
        COMPACTION_LOCK,
      ]);
      if (!lock?.held) return;
      await session.query(
        `WITH moved AS (DELETE FROM inventory_property_deltas RETURNING *)
         INSERT INTO inventory_properties (source_id, type, name, key, kind, occurrences)
         SELECT source_id, type, name, key, kind, sum(occurrences) FROM moved
         GROUP BY source_id, type, name, key, kind
         ORDER BY source_id, type, name, key, kind
         ON CONFLICT (source_id, type, name, key, kind)
         DO UPDATE SET occurrences = inventory_properties.occurrences + excluded.occurrences`,
      );
      await session.query(
        `WITH moved AS (DELETE FROM ingest_counters RETURNING *)
         INSERT INTO ingest_counters (source_id, day, duplicates)
         SELECT source_id, day, sum(duplicates) FROM moved GROUP BY source_id, day`,
      );
    });
  }
}

/**
 * The accounts whose answers these events can change: their own, and (null) any account for
 * events naming none or a person joining an account, which can move their earlier events.
 */
function accountsIn(accepted: Array<{ events: StoredEvent[] }>): Array<string | null> {
  const accounts = new Set<string | null>();
  for (const { events } of accepted) {
    for (const event of events) {
      accounts.add(event.accountId);
      if (event.type === 'group') accounts.add(null);
    }
  }
  return [...accounts];
}

const NO_JOURNAL =
  'the PostgreSQL event store keeps no ingest journal: each commit is durable when it resolves';

/** Bytes of a message id's digest: a chance collision is as likely as none in 2^64 pairs. */
const DIGEST_BYTES = 16;

/** SHA-256 over the source and the message id, cut to DIGEST_BYTES: exact for any text. */
export function digestOf(sourceId: string, messageId: string): Buffer {
  return createHash('sha256')
    .update(sourceId)
    .update('\n')
    .update(messageId)
    .digest()
    .subarray(0, DIGEST_BYTES);
}

/**
 * Claims the ids, in digest order, and takes the commit's number, in one round trip; answers the
 * number and the ids this commit won (hex), the others having been claimed before. The digests go
 * as one binary parameter: an array of them took 1.4 times as long.
 */
export async function claimMessageIds(
  session: PostgresSession,
  claims: Array<{ digest: Buffer; firstSeen: Date }>,
): Promise<{ commitId: number; won: string[] }> {
  if (claims.length === 0) {
    const [row] = await session.query("SELECT nextval('ingest_commits') AS commit_id");
    return { commitId: Number(row?.commit_id), won: [] };
  }
  claims.sort((a, b) => Buffer.compare(a.digest, b.digest));
  // One time for the commit's claims: the earliest, so none is forgotten sooner than its own.
  let earliest = Number.POSITIVE_INFINITY;
  for (const claim of claims) earliest = Math.min(earliest, claim.firstSeen.getTime());
  const [row] = await session.query(
    `WITH claimed AS (
       INSERT INTO message_ids (digest, first_seen)
       SELECT substring($1::bytea FROM n * ${DIGEST_BYTES} + 1 FOR ${DIGEST_BYTES}), $2::timestamptz
       FROM generate_series(0, $3::integer - 1) AS n
       ORDER BY 1
       ON CONFLICT (digest) DO NOTHING
       RETURNING digest
     )
     SELECT nextval('ingest_commits') AS commit_id,
            (SELECT string_agg(encode(digest, 'hex'), ',') FROM claimed) AS won`,
    [Buffer.concat(claims.map((claim) => claim.digest)), new Date(earliest), claims.length],
  );
  return {
    commitId: Number(row?.commit_id),
    won: row?.won ? String(row.won).split(',') : [],
  };
}

/** Columns of `events` as the commit fills them (after commit_id). */
export const EVENT_COLUMNS = [
  'account_id',
  'source_id',
  'message_id',
  'message_id_assigned',
  'type',
  'name',
  'user_id',
  'anonymous_id',
  'properties',
  'context',
  'client_timestamp',
  'sent_at',
  'received_at',
  'event_time',
  'clock_flag',
] as const;

function eventColumns(sourceId: string, event: StoredEvent): SqlParam[] {
  return [
    event.accountId ?? '',
    sourceId,
    event.messageId,
    event.messageIdAssigned,
    event.type,
    event.name,
    event.userId,
    event.anonymousId,
    jsonForPostgres(event.properties),
    event.context,
    event.timestamp,
    event.sentAt,
    event.receivedAt,
    event.eventTime,
    event.clockFlag,
  ];
}

/** Events go in with COPY: three times the rows per second of one INSERT over arrays (measured). */
async function insertEvents(
  session: PostgresSession,
  commitId: number,
  accepted: Array<{ sourceId: string; events: StoredEvent[] }>,
): Promise<void> {
  const rows = accepted.flatMap(({ sourceId, events }) =>
    events.map((event) => [commitId, ...eventColumns(sourceId, event)]),
  );
  await session.copyFrom(`COPY events (commit_id, ${EVENT_COLUMNS.join(', ')}) FROM STDIN`, rows);
}

/**
 * Writes gathered into one statement, each a data-modifying CTE (PostgreSQL runs every one, once,
 * whatever the final SELECT reads), sharing one list of parameters.
 */
class OneStatement {
  readonly params: SqlParam[] = [];
  private readonly writes: string[] = [];
  private last = 'SELECT 1';

  get empty(): boolean {
    return this.writes.length === 0 && this.last === 'SELECT 1';
  }

  /** The parameter's placeholder. */
  param(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(write: string): void {
    this.writes.push(write);
  }

  /** The SELECT the statement ends with. */
  finish(select: string): void {
    this.last = select;
  }

  sql(): string {
    if (this.writes.length === 0) return this.last;
    return `WITH ${this.writes.map((write, index) => `w${index} AS (${write})`).join(',\n')}\n${this.last}`;
  }
}

/** `SELECT * FROM unnest(…)` over the rows, one array parameter per column with its type. */
function unnestOf(statement: OneStatement, rows: readonly SqlParam[][], types: readonly string[]) {
  const columns = columnsOf(rows, types.length);
  return `SELECT * FROM unnest(${types
    .map((type, index) => `${statement.param(columns[index] ?? [])}::${type}[]`)
    .join(', ')})`;
}

/** Rows turned into one array per column, for `unnest`. */
function columnsOf(rows: readonly SqlParam[][], width: number): SqlParam[][] {
  const columns: SqlParam[][] = Array.from({ length: width }, () => []);
  for (const row of rows)
    for (let index = 0; index < width; index++) columns[index]?.push(row[index] ?? null);
  return columns;
}

function insertRejects(statement: OneStatement, batches: IngestBatch[]): void {
  const rows = batches.flatMap((batch) =>
    batch.rejects.map((reject): SqlParam[] => [
      batch.sourceId,
      randomUUID(),
      batch.receivedAt,
      reject.code,
      reject.message,
      reject.path,
      reject.raw,
    ]),
  );
  if (rows.length === 0) return;
  statement.add(
    `INSERT INTO quarantine (source_id, id, received_at, code, message, path, raw)
     ${unnestOf(statement, rows, ['text', 'text', 'timestamptz', 'text', 'text', 'text', 'text'])}`,
  );
}

/** Appended per source and day (compaction folds them): no row that two commits wait for. */
function countDuplicates(
  statement: OneStatement,
  batches: IngestBatch[],
  outcomes: IngestOutcome[],
): void {
  const perDay = new Map<string, SqlParam[]>();
  batches.forEach((batch, index) => {
    const duplicates = (outcomes[index] as IngestOutcome).duplicates;
    if (duplicates === 0) return;
    const day = batch.receivedAt.toISOString().slice(0, 10);
    const key = `${batch.sourceId}\n${day}`;
    const row = perDay.get(key) ?? [batch.sourceId, day, 0];
    row[2] = (row[2] as number) + duplicates;
    perDay.set(key, row);
  });
  if (perDay.size === 0) return;
  statement.add(
    `INSERT INTO ingest_counters (source_id, day, duplicates)
     ${unnestOf(statement, [...perDay.values()], ['text', 'date', 'bigint'])}`,
  );
}

function appendInventoryDeltas(statement: OneStatement, deltas: SqlParam[][]): void {
  if (deltas.length === 0) return;
  statement.add(
    `INSERT INTO inventory_property_deltas (source_id, type, name, key, kind, occurrences)
     ${unnestOf(statement, deltas, ['text', 'text', 'text', 'text', 'text', 'bigint'])}`,
  );
}

/** Rows sorted by their key (first two columns), the order every commit locks them in. */
function sortedByKey(rows: SqlParam[][]): SqlParam[][] {
  const keyOf = (row: SqlParam[]) => `${String(row[0])}\u0000${String(row[1])}`;
  return rows
    .map((row) => ({ key: keyOf(row), row }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

function updateTraits(statement: OneStatement, traits: ReturnType<typeof traitUpdates>): void {
  for (const [table, idColumn, rows] of [
    ['user_traits', 'user_id', traits.users],
    ['account_traits', 'account_id', traits.accounts],
  ] as const) {
    upsertTraits(statement, table, idColumn, rows);
  }
  if (traits.memberships.length === 0) return;
  statement.add(
    `INSERT INTO account_users (account_id, user_id, first_seen, last_seen)
     ${unnestOf(statement, sortedByKey(traits.memberships), ['text', 'text', 'timestamptz', 'timestamptz'])}
     ON CONFLICT (account_id, user_id) DO UPDATE SET
       first_seen = least(account_users.first_seen, excluded.first_seen),
       last_seen = greatest(account_users.last_seen, excluded.last_seen)`,
  );
}

/**
 * The latest value of each trait, by event time; see traitUpdates for the two kinds of row (they
 * never share a key, so the two writes never touch one row twice).
 */
function upsertTraits(
  statement: OneStatement,
  table: 'user_traits' | 'account_traits',
  idColumn: 'user_id' | 'account_id',
  rows: TraitRows,
): void {
  // A value that held all through the commit changed when the store says, if it had it already.
  for (const [changedAt, params] of [
    [
      `CASE WHEN ${table}.value = excluded.value THEN ${table}.changed_at ELSE excluded.changed_at END`,
      rows.continuing,
    ],
    ['excluded.changed_at', rows.changed],
  ] as const) {
    if (params.length === 0) continue;
    statement.add(
      `INSERT INTO ${table} (${idColumn}, key, value, observed_at, changed_at)
       ${unnestOf(statement, sortedByKey(params), ['text', 'text', 'text', 'timestamptz', 'timestamptz'])}
       ON CONFLICT (${idColumn}, key) DO UPDATE SET
         changed_at = ${changedAt},
         value = excluded.value,
         observed_at = excluded.observed_at
       WHERE excluded.observed_at >= ${table}.observed_at`,
    );
  }
}
