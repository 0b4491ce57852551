import { randomUUID } from 'node:crypto';
import type {
  EncodedEvents,
  EventStore,
  IngestBatch,
  IngestOutcome,
  StoredEvent,
} from '../interface.ts';
import { inventoryDeltas, type TraitRows, traitUpdates } from '../rollups.ts';
import {
  type PostgresDatabase,
  type PostgresSession,
  type SqlParam,
  violatesUnique,
} from './database.ts';
import {
  COLUMN_ARRAY_TYPES,
  columnArrays,
  DIGEST_BYTES,
  digestAt,
  type EncodedColumns,
  EVENT_FIELDS,
  encodeColumns,
  encodeEvents,
} from './event-rows.ts';

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
  /**
   * A commit beside one under way waits for this many events. A commit costs the database ~0.4 ms
   * whatever its size: sequential commits of 100, 300 and 1,000 events took 13.6–15.7, 11.7 and
   * 10.7 µs of its CPU an event. Under the ingest benchmark's load this took its CPU per event
   * from 16.4 to 12–13 µs at the same events per second.
   */
  readonly concurrentCommitMinEvents = 500;

  /** Ingest encodes each request's columns and digests where it reads it (event-rows.ts). */
  readonly encodesEvents = 'postgres';

  constructor(private readonly database: PostgresDatabase) {}

  async commit(
    batches: IngestBatch[],
    options: { journalSeq?: number } = {},
  ): Promise<IngestOutcome[]> {
    if (options.journalSeq !== undefined) throw new Error(NO_JOURNAL);
    const encoded = batches.map((batch) =>
      batch.encoded?.sourceId === batch.sourceId && batch.encoded.count === batch.events.length
        ? batch.encoded
        : encodeEvents(batch.sourceId, batch.events),
    );
    // A claim for each id the sender gave, in digest order (the order every commit locks them in).
    const claims: Claim[] = [];
    batches.forEach((batch, index) => {
      batch.events.forEach((event, position) => {
        if (event.messageIdAssigned) return;
        claims.push({
          digest: digestAt(encoded[index] as EncodedEvents, position),
          firstSeen: event.receivedAt,
        });
      });
    });
    claims.sort(byDigest);
    const distinct = claims.filter(
      (claim, index) => index === 0 || !claim.digest.equals((claims[index - 1] as Claim).digest),
    );
    // Almost every commit holds only new ids (a duplicate is a sender's retry): it is written in
    // one statement, one round trip, which gives way if another commit had one of its ids.
    if (distinct.length === claims.length) {
      try {
        await this.commitAsNew(batches, encoded, claims);
        return batches.map((batch) => ({ accepted: batch.events.length, duplicates: 0 }));
      } catch (error) {
        if (!claimedAlready(error)) throw error;
      }
    }
    return this.commitCarefully(batches, encoded, distinct);
  }

  /**
   * Every event as new, in one statement (a transaction of its own): the claims, the events and
   * all that goes with them, failing as a whole (claimedAlready) if another commit had claimed
   * one of its ids.
   */
  private async commitAsNew(
    batches: IngestBatch[],
    encoded: EncodedEvents[],
    claims: Claim[],
  ): Promise<void> {
    const statement = new OneStatement();
    if (claims.length > 0) statement.add(claimsInsert(statement, claims, 'all new'));
    statement.with(COMMIT_NUMBER, "SELECT nextval('ingest_commits') AS id", {
      materialized: true,
    });
    const outcomes = batches.map((batch) => ({ accepted: batch.events.length, duplicates: 0 }));
    this.write(statement, 'numbered', batches, encoded, batches, outcomes);
    await this.database.statement(statement.sql(), statement.params, RETRY_CONFLICTS);
  }

  /**
   * A commit with an id it holds twice, or one another commit has: one transaction that claims
   * the ids first (a claim another commit holds waits for that commit's outcome), then writes the
   * events whose claim it won, once each, and counts the others as duplicates.
   */
  private async commitCarefully(
    batches: IngestBatch[],
    encoded: EncodedEvents[],
    claims: Claim[],
  ): Promise<IngestOutcome[]> {
    const outcomes = batches.map(() => ({ accepted: 0, duplicates: 0 }));
    await this.database.transaction(async (session) => {
      for (const outcome of outcomes) Object.assign(outcome, { accepted: 0, duplicates: 0 });
      const { commitId, won } = await claimMessageIds(session, claims);
      /** Claims won by this commit and not yet taken by an earlier event of it. */
      const open = new Set(won);
      const accepted = batches.map((batch, index) => {
        const outcome = outcomes[index] as IngestOutcome;
        const batchRows = encoded[index] as EncodedEvents;
        const events = batch.events.filter((event, position) => {
          if (
            !event.messageIdAssigned &&
            !open.delete(digestAt(batchRows, position).toString('hex'))
          ) {
            outcome.duplicates++;
            return false;
          }
          outcome.accepted++;
          return true;
        });
        return { sourceId: batch.sourceId, events };
      });
      // The events this commit keeps, encoded again (a commit with duplicates is a rare one).
      const columns = accepted.map(({ sourceId, events }) => encodeColumns(sourceId, events));
      const statement = new OneStatement();
      this.write(statement, commitId, accepted, columns, batches, outcomes);
      if (!statement.empty) await session.query(statement.sql(), statement.params);
    }, RETRY_CONFLICTS);
    return outcomes;
  }

  /**
   * Adds to `statement` what a commit writes besides the claims: the accepted events (`encoded`,
   * their columns) under `commitNumber` (the number, or `numbered` when the statement already
   * has its COMMIT_NUMBER CTE), the pending-commit row the value facts roll in, the rejects, the
   * duplicate counts, the inventory counts, the traits and memberships, and the announcement to
   * the other processes (delivered when the commit is).
   */
  private write(
    statement: OneStatement,
    commitNumber: number | 'numbered',
    accepted: Array<{ sourceId: string; events: StoredEvent[] }>,
    encoded: EncodedColumns[],
    batches: IngestBatch[],
    outcomes: IngestOutcome[],
  ): void {
    if (accepted.some((group) => group.events.length > 0)) {
      // Read from a CTE rather than a subquery: Citus takes no subquery in an INSERT.
      if (commitNumber !== 'numbered')
        statement.with(COMMIT_NUMBER, `SELECT ${statement.param(commitNumber)}::bigint AS id`);
      statement.add(eventsInsert(statement, encoded));
      statement.add(`INSERT INTO value_pending (commit_id) SELECT id FROM ${COMMIT_NUMBER}`);
      const { channel, payload } = this.database.changes.notification({
        kind: 'events',
        accounts: accountsIn(accepted),
      });
      statement.finish(
        `SELECT pg_notify(${statement.param(channel)}, ${statement.param(payload)})`,
      );
    }
    insertRejects(statement, batches);
    countDuplicates(statement, batches, outcomes);
    appendInventoryDeltas(statement, inventoryDeltas(accepted));
    updateTraits(statement, traitUpdates(accepted));
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

/** The CTE a commit's statement reads its number from (as `id`). */
const COMMIT_NUMBER = 'commit_number';

const NO_JOURNAL =
  'the PostgreSQL event store keeps no ingest journal: each commit is durable when it resolves';

/**
 * Claims in the bytewise order of their digests: by the first four bytes read as a number, then by
 * all of them (Buffer.compare for every comparison, a native call each, was ~2% of the main
 * thread's busy time under the ingest benchmark).
 */
function byDigest(a: Claim, b: Claim): number {
  return a.digest.readUInt32BE(0) - b.digest.readUInt32BE(0) || Buffer.compare(a.digest, b.digest);
}

interface Claim {
  digest: Buffer;
  firstSeen: Date;
}

/**
 * The failure of a commit that took every id as new when another commit had one: the unique
 * violation on message_ids' key, which undoes all the statement wrote.
 */
function claimedAlready(error: unknown): boolean {
  return violatesUnique(error, 'message_ids_pkey');
}

/**
 * The INSERT that claims the ids, sorted by digest here (the order every commit locks them in).
 * `all new`: a plain INSERT, which fails on an id claimed before (see claimedAlready); the
 * unique index checks that as it inserts, where ON CONFLICT first looks each id up on its own
 * (a third of the database's time in a commit, measured). `some taken`: the ids claimed before
 * are skipped, and the statement returns the digests it won. One time for all of them: the
 * earliest, so none is forgotten sooner than its own. The digests go as one binary parameter: an
 * array of them took 1.4 times as long.
 */
function claimsInsert(
  statement: OneStatement,
  claims: Claim[],
  expect: 'all new' | 'some taken',
): string {
  claims.sort(byDigest);
  let earliest = Number.POSITIVE_INFINITY;
  for (const claim of claims) earliest = Math.min(earliest, claim.firstSeen.getTime());
  const digests = statement.param(Buffer.concat(claims.map((claim) => claim.digest)));
  return `INSERT INTO message_ids (digest, first_seen)
    SELECT substring(${digests}::bytea FROM n * ${DIGEST_BYTES} + 1 FOR ${DIGEST_BYTES}),
           ${statement.param(new Date(earliest))}::timestamptz
    FROM generate_series(0, ${statement.param(claims.length)}::integer - 1) AS n
    ORDER BY 1${expect === 'some taken' ? ' ON CONFLICT (digest) DO NOTHING RETURNING digest' : ''}`;
}

/**
 * Claims the ids and takes the commit's number, in one round trip; answers the number and the
 * ids this commit won (hex), the others having been claimed before.
 */
export async function claimMessageIds(
  session: PostgresSession,
  claims: Claim[],
): Promise<{ commitId: number; won: string[] }> {
  const statement = new OneStatement();
  if (claims.length > 0) statement.with('claimed', claimsInsert(statement, claims, 'some taken'));
  statement.finish(
    claims.length > 0
      ? `SELECT nextval('ingest_commits') AS commit_id,
                (SELECT string_agg(encode(digest, 'hex'), ',') FROM claimed) AS won`
      : "SELECT nextval('ingest_commits') AS commit_id",
  );
  const [row] = await session.query(statement.sql(), statement.params);
  return {
    commitId: Number(row?.commit_id),
    won: row?.won ? String(row.won).split(',') : [],
  };
}

export const EVENT_COLUMNS: readonly string[] = EVENT_FIELDS.map(([column]) => column);

/**
 * The events go as one array per column in the binary format (event-rows.ts), unnested in the
 * statement: the bulk path of a commit that is one statement (COPY would need a round trip of its
 * own, and two more for its transaction). Measured on sequential 160-event commits, against
 * claims, COPY and the rest in a transaction, rows sent then as one JSONB array: 1.4 times the
 * events per second, half the service's CPU per event, 0.9 times the database's; arrays of binary
 * elements since took the database's CPU for the events from 8.0 to 5.8 µs an event.
 */
function eventsInsert(statement: OneStatement, encoded: EncodedColumns[]): string {
  const arrays = columnArrays(encoded)
    .map((array, column) => `${statement.param(array)}::${COLUMN_ARRAY_TYPES[column]}`)
    .join(', ');
  return `INSERT INTO events (commit_id, ${EVENT_COLUMNS.join(', ')})
    SELECT n.id, e.* FROM ${COMMIT_NUMBER} AS n, unnest(${arrays}) AS e`;
}

/**
 * Writes gathered into one statement, each a CTE (PostgreSQL runs every data-modifying one, once,
 * whatever the final SELECT reads), sharing one list of parameters.
 */
class OneStatement {
  readonly params: SqlParam[] = [];
  private readonly parts: string[] = [];
  private writes = 0;
  private last = 'SELECT 1';
  private condition: string | undefined;

  get empty(): boolean {
    return this.parts.length === 0 && this.last === 'SELECT 1' && this.condition === undefined;
  }

  /** The parameter's placeholder. */
  param(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** A CTE the later ones and the final SELECT can read by `name`. */
  with(name: string, sql: string, options: { materialized?: boolean } = {}): void {
    this.parts.push(`${name} AS ${options.materialized ? 'MATERIALIZED ' : ''}(${sql})`);
  }

  /** A write nothing reads. */
  add(write: string): void {
    this.with(`w${this.writes++}`, write);
  }

  /** The SELECT the statement ends with. */
  finish(select: string): void {
    this.last = select;
  }

  /** A condition on the final SELECT (evaluated before it; one that raises fails the statement). */
  only(condition: string): void {
    this.condition = condition;
  }

  sql(): string {
    const last = this.condition ? `${this.last} WHERE ${this.condition}` : this.last;
    return this.parts.length === 0 ? last : `WITH ${this.parts.join(',\n')}\n${last}`;
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
