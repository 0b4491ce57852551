import { randomUUID } from 'node:crypto';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type {
  EventStore,
  IngestBatch,
  IngestOutcome,
  QuarantinedEvent,
  StoredEvent,
} from '../interface.ts';
import { inventoryDeltas, traitUpdates } from '../rollups.ts';
import {
  CHECKPOINT_WAL_BYTES,
  type Database,
  execute,
  queryRows,
  type SqlParam,
  timestampValue,
} from './database.ts';
import {
  type Fingerprint,
  FingerprintSet,
  fingerprintOf,
  RecentMessageIds,
} from './message-fingerprints.ts';

/** Rows per multi-row VALUES statement; keeps parameter lists well inside DuckDB's comfort. */
const UPSERT_CHUNK = 400;

const BEGIN = 'BEGIN TRANSACTION';

/**
 * DuckDB event store. All writes go through one connection, owned by the single writer, so a commit
 * is one transaction: append events, quarantine and the new message ids' fingerprints, update
 * rollups and traits, COMMIT (DuckDB fsyncs its WAL there) and open the next transaction. Which ids were seen before is answered
 * from memory (`RecentMessageIds`, loaded from the table when the writer starts and extended only
 * after a COMMIT succeeds), so no index is probed or updated per event.
 */
export class DuckDbEventStore implements EventStore {
  private connection: DuckDBConnection | undefined;
  /** The next event's position in commit order; read from the table when the writer starts. */
  private nextSeq = 1;
  private readonly seen = new RecentMessageIds();
  /** The fingerprints are read when the first connection opens; commits keep them since. */
  private fingerprintsLoaded = false;
  /**
   * Ids reserved (acknowledged ahead of their commit by the journal). A committed one needs no
   * removal (it is in `seen` as well): the set starts afresh whenever none is left uncommitted.
   */
  private reserved = new FingerprintSet();
  private reservedUncommitted = 0;
  private readonly fingerprints = new WeakMap<IngestBatch, Array<Fingerprint | null>>();

  constructor(private readonly database: Database) {}

  async commit(
    batches: IngestBatch[],
    options: { journalSeq?: number } = {},
  ): Promise<IngestOutcome[]> {
    const connection = await this.writeConnection();
    const outcomes = batches.map(() => ({ accepted: 0, duplicates: 0 }));
    const claimed = new FingerprintSet();
    const claims: Array<{ fingerprint: Fingerprint; firstSeen: Date }> = [];
    const fresh: StoredEvent[][] = batches.map((batch, index) => {
      const outcome = outcomes[index] as IngestOutcome;
      const fingerprints = this.fingerprintsOf(batch);
      return batch.events.filter((event, position) => {
        const fingerprint = fingerprints[position];
        if (fingerprint) {
          if (this.seen.has(fingerprint) || !claimed.add(fingerprint)) {
            outcome.duplicates++;
            return false;
          }
          claims.push({ fingerprint, firstSeen: event.receivedAt });
        }
        outcome.accepted++;
        return true;
      });
    });
    const firstSeq = this.nextSeq;
    try {
      await this.appendFingerprints(connection, claims);
      await this.appendEvents(connection, batches, fresh);
      await this.appendQuarantine(connection, batches);
      await this.countDuplicates(connection, batches, outcomes);
      await this.updateRollups(connection, batches, fresh);
      if (options.journalSeq !== undefined)
        await this.appendJournalSeq(connection, options.journalSeq);
      // The next commit's transaction opens in the same round trip (see writeConnection).
      await execute(connection, `COMMIT; ${BEGIN}`);
    } catch (error) {
      // The connection goes, and with it whatever the failure left in its transaction; the next
      // commit opens another and reads the sequence again.
      this.nextSeq = firstSeq;
      this.dropConnection();
      throw error;
    }
    for (const { fingerprint, firstSeen } of claims) {
      this.seen.add(fingerprint, firstSeen);
      if (this.reservedUncommitted > 0 && this.reserved.has(fingerprint))
        this.reservedUncommitted--;
    }
    if (this.reservedUncommitted === 0 && this.reserved.size > 0)
      this.reserved = new FingerprintSet();
    await this.checkpointIfDue(connection);
    return outcomes;
  }

  reserve(batches: IngestBatch[]): IngestOutcome[] {
    if (!this.fingerprintsLoaded)
      throw new Error('reserve before journalApplied: the ids seen before are not loaded yet');
    return batches.map((batch) => {
      const outcome = { accepted: 0, duplicates: 0 };
      for (const fingerprint of this.fingerprintsOf(batch)) {
        if (fingerprint) {
          if (this.seen.has(fingerprint) || !this.reserved.add(fingerprint)) {
            outcome.duplicates++;
            continue;
          }
          this.reservedUncommitted++;
        }
        outcome.accepted++;
      }
      return outcome;
    });
  }

  /** Also loads the ids seen before into memory, so `reserve` can answer from then on. */
  async journalApplied(): Promise<number> {
    await this.writeConnection();
    const [row] = await this.database.query(
      'SELECT coalesce(max(seq), 0) AS seq FROM ingest_journal_applied',
    );
    return Number(row?.seq ?? 0);
  }

  /** Each event's message id fingerprint (null for an id we assigned), worked out once a batch. */
  private fingerprintsOf(batch: IngestBatch): Array<Fingerprint | null> {
    let fingerprints = this.fingerprints.get(batch);
    if (!fingerprints) {
      fingerprints = batch.events.map((event) =>
        event.messageIdAssigned ? null : fingerprintOf(batch.sourceId, event.messageId),
      );
      this.fingerprints.set(batch, fingerprints);
    }
    return fingerprints;
  }

  async pruneMessageIds(before: Date): Promise<number> {
    const connection = await this.writeConnection();
    const rows = await queryRows(
      connection,
      `DELETE FROM message_fingerprints WHERE first_seen < $1 RETURNING 1 AS pruned`,
      [before],
    );
    await this.commitOpen(connection);
    this.seen.forgetBefore(before);
    return rows.length;
  }

  async compactRollups(): Promise<void> {
    const connection = await this.writeConnection();
    await execute(
      connection,
      `INSERT INTO inventory_properties
       SELECT source_id, type, name, key, kind, sum(occurrences)
       FROM inventory_property_deltas GROUP BY ALL
       ON CONFLICT DO UPDATE SET occurrences = inventory_properties.occurrences + excluded.occurrences`,
    );
    await execute(connection, 'DELETE FROM inventory_property_deltas');
    await execute(
      connection,
      'DELETE FROM ingest_journal_applied WHERE seq < (SELECT max(seq) FROM ingest_journal_applied)',
    );
    await this.commitOpen(connection);
    // Writes that are not ingest (value facts, plans, hand-offs) grow the WAL too.
    await this.checkpointIfDue(connection);
  }

  /** Lets go of the connection; the transaction it holds open (with nothing in it) ends. */
  close(): void {
    this.dropConnection();
  }

  /**
   * Folds the WAL into the file once it has grown past CHECKPOINT_WAL_BYTES (DuckDB's own
   * checkpoint is off, see database.ts). FORCE waits for reads in flight instead of failing. What
   * was committed stays committed if it fails: it is reported and tried after the next commit.
   */
  private async checkpointIfDue(connection: DuckDBConnection): Promise<void> {
    if (this.database.walBytes() < CHECKPOINT_WAL_BYTES) return;
    try {
      await execute(connection, `COMMIT; FORCE CHECKPOINT; ${BEGIN}`);
    } catch (error) {
      console.error(
        'checkpointing the database failed (tried again after the next commit):',
        error,
      );
      this.dropConnection();
    }
  }

  /** Commits the open transaction's work (on failure the connection goes) and opens the next. */
  private async commitOpen(connection: DuckDBConnection): Promise<void> {
    try {
      await execute(connection, `COMMIT; ${BEGIN}`);
    } catch (error) {
      this.dropConnection();
      throw error;
    }
  }

  private dropConnection(): void {
    const connection = this.connection;
    this.connection = undefined;
    connection?.closeSync();
  }

  /**
   * The writer's connection, always inside a transaction: each commit ends it and opens the next
   * in one round trip (`COMMIT; BEGIN TRANSACTION`), so a commit waits for the event loop once.
   * Under load every statement's answer waits behind the requests being parsed: a BEGIN of its own
   * took 3–13 ms there, against 0.2 ms idle. A transaction that has touched nothing holds no
   * snapshot and stands in no checkpoint's way; the single writer uses it one step at a time.
   */
  private async writeConnection(): Promise<DuckDBConnection> {
    if (!this.connection) {
      const connection = await this.database.connect();
      const [last] = await queryRows(connection, 'SELECT coalesce(max(seq), 0) AS seq FROM events');
      this.nextSeq = Number(last?.seq ?? 0) + 1;
      if (!this.fingerprintsLoaded) {
        await this.loadFingerprints(connection);
        this.fingerprintsLoaded = true;
      }
      await execute(connection, BEGIN);
      this.connection = connection;
    }
    return this.connection;
  }

  /** Reads every remembered fingerprint into memory, chunk by chunk (millions at start-up). */
  private async loadFingerprints(connection: DuckDBConnection): Promise<void> {
    const result = await connection.stream(
      'SELECT high, low, epoch_ms(first_seen) AS first_seen FROM message_fingerprints',
    );
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; ) {
      const [highs, lows, times] = chunk.getColumns() as [number[], number[], bigint[]];
      for (let row = 0; row < highs.length; row++) {
        this.seen.add(
          { high: highs[row] as number, low: lows[row] as number },
          new Date(Number(times[row])),
        );
      }
      chunk = await result.fetchChunk();
    }
  }

  private async appendFingerprints(
    connection: DuckDBConnection,
    claims: Array<{ fingerprint: Fingerprint; firstSeen: Date }>,
  ): Promise<void> {
    if (claims.length === 0) return;
    const appender = await connection.createAppender('message_fingerprints');
    for (const { fingerprint, firstSeen } of claims) {
      appender.appendUInteger(fingerprint.high);
      appender.appendUInteger(fingerprint.low);
      appender.appendTimestamp(timestampValue(firstSeen));
      appender.endRow();
    }
    appender.closeSync();
  }

  /** Appended rather than updated: no round trip, and the latest is the largest. */
  private async appendJournalSeq(connection: DuckDBConnection, seq: number): Promise<void> {
    const appender = await connection.createAppender('ingest_journal_applied');
    appender.appendBigInt(BigInt(seq));
    appender.endRow();
    appender.closeSync();
  }

  private async appendEvents(
    connection: DuckDBConnection,
    batches: IngestBatch[],
    fresh: StoredEvent[][],
  ): Promise<void> {
    if (fresh.every((events) => events.length === 0)) return;
    const appender = await connection.createAppender('events');
    let rows = 0;
    for (const [index, batch] of batches.entries()) {
      for (const event of fresh[index] as StoredEvent[]) {
        appendEvent(appender, batch.sourceId, event, this.nextSeq++);
        if (++rows % APPEND_SLICE_ROWS === 0) {
          appender.flushSync();
          await new Promise((resume) => setImmediate(resume));
        }
      }
    }
    appender.closeSync();
  }

  private async appendQuarantine(
    connection: DuckDBConnection,
    batches: IngestBatch[],
  ): Promise<void> {
    if (batches.every((batch) => batch.rejects.length === 0)) return;
    const appender = await connection.createAppender('quarantine');
    for (const batch of batches) {
      for (const reject of batch.rejects) appendReject(appender, batch, reject);
    }
    appender.closeSync();
  }

  private async countDuplicates(
    connection: DuckDBConnection,
    batches: IngestBatch[],
    outcomes: IngestOutcome[],
  ): Promise<void> {
    const perDay = new Map<string, { sourceId: string; day: string; duplicates: number }>();
    batches.forEach((batch, index) => {
      const duplicates = (outcomes[index] as IngestOutcome).duplicates;
      if (duplicates === 0) return;
      const day = batch.receivedAt.toISOString().slice(0, 10);
      const key = `${batch.sourceId}\u0000${day}`;
      const entry = perDay.get(key) ?? { sourceId: batch.sourceId, day, duplicates: 0 };
      entry.duplicates += duplicates;
      perDay.set(key, entry);
    });
    await upsert(
      connection,
      'INSERT INTO ingest_counters (source_id, day, duplicates) VALUES',
      '(?, ?::DATE, ?)',
      'ON CONFLICT DO UPDATE SET duplicates = ingest_counters.duplicates + excluded.duplicates',
      [...perDay.values()].map((entry) => [entry.sourceId, entry.day, entry.duplicates]),
    );
  }

  private async updateRollups(
    connection: DuckDBConnection,
    batches: IngestBatch[],
    fresh: StoredEvent[][],
  ): Promise<void> {
    const accepted = batches.map((batch, index) => ({
      sourceId: batch.sourceId,
      events: fresh[index] as StoredEvent[],
    }));
    await this.addInventoryDeltas(connection, inventoryDeltas(accepted));
    const traits = traitUpdates(accepted);
    for (const table of ['user_traits', 'account_traits'] as const) {
      const idColumn = table === 'user_traits' ? 'user_id' : 'account_id';
      const rows = table === 'user_traits' ? traits.users : traits.accounts;
      // A value that held all through the commit changed when the store says, if it had it already.
      for (const [changedAt, params] of [
        [
          `CASE WHEN ${table}.value = excluded.value THEN ${table}.changed_at ELSE excluded.changed_at END`,
          rows.continuing,
        ],
        ['excluded.changed_at', rows.changed],
      ] as const) {
        await upsert(
          connection,
          `INSERT INTO ${table} (${idColumn}, key, value, observed_at, changed_at) VALUES`,
          '(?, ?, ?, ?, ?)',
          `ON CONFLICT DO UPDATE SET
             changed_at = ${changedAt},
             value = excluded.value,
             observed_at = excluded.observed_at
           WHERE excluded.observed_at >= ${table}.observed_at`,
          params,
        );
      }
    }
    await upsert(
      connection,
      'INSERT INTO account_users (account_id, user_id, first_seen, last_seen) VALUES',
      '(?, ?, ?, ?)',
      `ON CONFLICT DO UPDATE SET
         first_seen = least(account_users.first_seen, excluded.first_seen),
         last_seen = greatest(account_users.last_seen, excluded.last_seen)`,
      traits.memberships,
    );
  }

  /** Appends this commit's counts; folding them into the totals is left to `compactRollups`. */
  private async addInventoryDeltas(connection: DuckDBConnection, deltas: SqlParam[][]) {
    if (deltas.length === 0) return;
    const appender = await connection.createAppender('inventory_property_deltas');
    for (const [sourceId, type, name, key, kind, occurrences] of deltas) {
      appender.appendVarchar(String(sourceId));
      appender.appendVarchar(String(type));
      appender.appendVarchar(String(name));
      appender.appendVarchar(String(key));
      appender.appendVarchar(String(kind));
      appender.appendBigInt(BigInt(occurrences as number));
      appender.endRow();
    }
    appender.closeSync();
  }
}

/**
 * Rows appended between turns of the event loop: the appender is synchronous, and 2,000 events
 * held the loop for 7–15 ms under load while requests waited; 500 hold it ~2 ms.
 */
const APPEND_SLICE_ROWS = 500;

function appendEvent(
  appender: DuckDBAppender,
  sourceId: string,
  event: StoredEvent,
  seq: number,
): void {
  appender.appendVarchar(sourceId);
  appender.appendVarchar(event.messageId);
  appender.appendBoolean(event.messageIdAssigned);
  appender.appendVarchar(event.type);
  appendText(appender, event.name);
  appendText(appender, event.userId);
  appendText(appender, event.anonymousId);
  appendText(appender, event.accountId);
  appender.appendVarchar(event.properties);
  appendText(appender, event.context);
  appendTime(appender, event.timestamp);
  appendTime(appender, event.sentAt);
  appender.appendTimestamp(timestampValue(event.receivedAt));
  appender.appendTimestamp(timestampValue(event.eventTime));
  appendText(appender, event.clockFlag);
  appender.appendBigInt(BigInt(seq));
  appender.endRow();
}

function appendReject(
  appender: DuckDBAppender,
  batch: IngestBatch,
  reject: QuarantinedEvent,
): void {
  appender.appendVarchar(randomUUID());
  appender.appendVarchar(batch.sourceId);
  appender.appendTimestamp(timestampValue(batch.receivedAt));
  appender.appendVarchar(reject.code);
  appender.appendVarchar(reject.message);
  appender.appendVarchar(reject.path);
  appender.appendVarchar(reject.raw);
  appender.endRow();
}

function appendText(appender: DuckDBAppender, text: string | null): void {
  if (text === null) appender.appendNull();
  else appender.appendVarchar(text);
}

function appendTime(appender: DuckDBAppender, time: Date | null): void {
  if (time === null) appender.appendNull();
  else appender.appendTimestamp(timestampValue(time));
}

/** A multi-row parameterized upsert, chunked. */
async function upsert(
  connection: DuckDBConnection,
  insert: string,
  rowPlaceholder: string,
  onConflict: string,
  rows: SqlParam[][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
    const chunk = rows.slice(start, start + UPSERT_CHUNK);
    const values = chunk.map(() => rowPlaceholder).join(', ');
    await execute(connection, `${insert} ${values} ${onConflict}`, chunk.flat());
  }
}
