import { DomainError } from '../blueprint/errors.ts';
import type { IngestJournal } from './journal/ingest-journal.ts';
import { decodeRecord, encodeRecord, type JournalEntry } from './journal/journal-codec.ts';
import type { EventStore, IngestBatch, IngestOutcome } from './storage/interface.ts';

/** The queue is full: the sender should retry after `retryAfterSeconds`. */
export class WriterSaturated extends DomainError {
  readonly code = 'overloaded';
  constructor(readonly retryAfterSeconds: number) {
    super('ingest is saturated; retry after the delay in Retry-After');
  }
}

/** The writer is shutting down and takes no more work. */
export class WriterClosed extends DomainError {
  readonly code = 'shutting_down';
  readonly retryAfterSeconds = 5;
  constructor() {
    super('the service is restarting; retry shortly');
  }
}

/** The store failed to commit; nothing of the batch was stored, so the same batch may be sent again. */
export class CommitFailed extends DomainError {
  readonly code = 'store_unavailable';
  readonly retryAfterSeconds = 5;
}

export interface WriterOptions {
  /**
   * Events (accepted and rejected) the writer holds that the store does not yet: waiting for their
   * commit, or acknowledged by the journal and not applied. Beyond it `submit` throws
   * WriterSaturated.
   */
  maxQueuedEvents: number;
  /** Events gathered into one transaction (or one journal record) at most. */
  maxGroupEvents: number;
  /**
   * Acknowledge from this journal ahead of the store (see IngestJournal); without one, a request
   * is answered when the store has committed it.
   */
  journal?: IngestJournal;
  /**
   * With a journal: acknowledged events the store may lag behind by before answers wait for it
   * again (half of maxQueuedEvents when left out), so a sender faster than the store is slowed
   * rather than refused.
   */
  maxBacklogEvents?: number;
  /**
   * Told of the batches that stored events: when they are acknowledged, and when the store holds
   * them (both at once without a journal); each batch is told of once each way.
   */
  accepted?: (batches: IngestBatch[]) => void;
  applied?: (batches: IngestBatch[]) => void;
  /** Where a failing apply is reported (it is retried until it succeeds). */
  log?: (message: string, error: unknown) => void;
  /**
   * Without a journal: commits in flight at once (1 when left out). A store that settles
   * duplicates between concurrent commits itself (PostgreSQL) takes more, so an answer waits
   * for about one commit rather than for the one before it too.
   */
  concurrentCommits?: number;
  /**
   * With `concurrentCommits`: a commit starts beside those under way only once this many events
   * wait (0 when left out); fewer keep gathering until none is under way, then go in one commit.
   * Each commit has a cost of its own whatever its size, so a busy service makes fewer, larger
   * ones, while a quiet one still commits each request as it comes.
   */
  concurrentCommitMinEvents?: number;
}

interface Pending {
  batch: IngestBatch;
  /** What the journal keeps of it (the batch itself when left out). */
  entry: JournalEntry | undefined;
  size: number;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: Error) => void;
}

interface Task {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A journal record the store has yet to apply. */
interface Unapplied {
  seq: number;
  batches: IngestBatch[];
  size: number;
  /** When it was journaled (performance.now()). */
  at: number;
}

/**
 * Events applied in one transaction at most, behind a journal. A commit's appender calls are
 * synchronous and hold the event loop while they run; after a checkpoint the backlog (~15,000
 * events) went in as 10,000-event commits (measured: 270 ms for 8,400), and every request waited
 * behind their appends. Slices of this size keep each hold short; the cost per commit is ~5 ms.
 */
const MAX_APPLY_EVENTS = 2_000;

/**
 * How long journaled events may wait to be gathered into a larger apply. Each commit costs the
 * event loop ~1.5 ms of appender set-up whatever its size: applied as they came (~170 events
 * each at 25,000 events/s), commits took a quarter of the main thread's time. Freshness is
 * promised within a second; this spends a tenth of it.
 */
const APPLY_GATHER_MS = 100;

/** Waits after a failed apply, doubling up to the last; the apply is retried until it succeeds. */
const APPLY_RETRY_MS = [100, 500, 1_000, 5_000];

/**
 * The single writer with group commit. Requests that arrive while a commit (or a journal write)
 * is running wait in a bounded queue; the next one takes all of them (up to `maxGroupEvents`), so
 * the cost of making them durable is shared. Each request's promise settles only once its events
 * are durable: committed by the store, or, with a journal, written to it and reserved in the
 * store (which fixes the answer: accepted or duplicate), then applied to the store behind.
 */
export class IngestWriter {
  private queue: Pending[] = [];
  /** Events in `queue`. */
  private waiting = 0;
  /** Events applied per second, smoothed over recent commits; 0 until the first. */
  private commitRate = 0;
  private tasks: Task[] = [];
  private unapplied: Unapplied[] = [];
  private unappliedEvents = 0;
  private backlogWaiters: Array<() => void> = [];
  private queued = 0;
  private closed = false;
  /** The last journal record the store holds. */
  private appliedSeq: number | undefined;
  /** Stopping with the store failing: the journal keeps the rest for the next start. */
  private givenUp = false;
  private readonly intake = new Loop(() => this.drainIntake());
  private readonly store = new Loop(() => this.drainStore());
  private intakeScheduled = false;
  /** Wakes the store loop when the oldest unapplied record has waited APPLY_GATHER_MS. */
  private gatherTimer: NodeJS.Timeout | undefined;
  /** Commits under way without a journal (see `concurrentCommits`). */
  private readonly committing = new Set<Promise<void>>();

  constructor(
    private readonly events: EventStore,
    private readonly options: WriterOptions,
  ) {}

  get queuedEvents(): number {
    return this.queued;
  }

  /** True when requests are acknowledged from a journal (`submit` may say what it keeps then). */
  get journaled(): boolean {
    return this.options.journal !== undefined;
  }

  submit(batch: IngestBatch, entry?: JournalEntry): Promise<IngestOutcome> {
    if (this.closed) return Promise.reject(new WriterClosed());
    const size = batch.events.length + batch.rejects.length;
    if (this.queued > 0 && this.queued + size > this.options.maxQueuedEvents) {
      return Promise.reject(new WriterSaturated(this.drainSeconds()));
    }
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.queue.push({ batch, entry, size, resolve, reject });
      this.waiting += size;
      this.queued += size;
      if (this.options.journal) this.scheduleIntake();
      else this.store.kick();
    });
  }

  /**
   * Whole seconds the queue takes to commit at the recent pace, 1 to 60: what a sender turned
   * away is told to wait.
   */
  drainSeconds(): number {
    if (this.commitRate <= 0) return 1;
    return Math.min(60, Math.max(1, Math.ceil(this.queued / this.commitRate)));
  }

  /** Resolves when the store holds every event acknowledged so far. */
  caughtUp(): Promise<void> {
    const last = this.unapplied.at(-1);
    if (!last) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.givenUp || (this.appliedSeq ?? 0) >= last.seq) resolve();
        else this.backlogWaiters.push(check);
      };
      check();
      // Waiting ends the gathering (see gathering).
      if (this.backlogWaiters.length > 0) this.store.kick();
    });
  }

  /** Runs `work` between commits, so maintenance never interleaves with an ingest transaction. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new WriterClosed());
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ run: work, resolve: resolve as (value: unknown) => void, reject });
      this.store.kick();
    });
  }

  /** Stops taking work and resolves when everything already queued is in the store. */
  async close(): Promise<void> {
    this.closed = true;
    // Requests waiting for their turn of the loop (see scheduleIntake) are journaled now.
    if (this.options.journal) this.intake.kick();
    await this.intake.idle;
    // What is still being gathered goes in now, and the commits under way end.
    this.store.kick();
    await this.store.idle;
    while (this.committing.size > 0) {
      await Promise.all(this.committing);
      await this.store.idle;
    }
    this.options.journal?.close(this.appliedSeq);
  }

  /**
   * The journal is written on the event loop (see IngestJournal), so the intake starts once the
   * requests that arrived in this turn of the loop have all been submitted: they are one record
   * and one fdatasync, not one each.
   */
  private scheduleIntake(): void {
    if (this.intakeScheduled) return;
    this.intakeScheduled = true;
    setImmediate(() => {
      this.intakeScheduled = false;
      this.intake.kick();
    });
  }

  private async drainIntake(): Promise<void> {
    const journal = this.options.journal as IngestJournal;
    while (this.queue.length > 0) {
      const group = this.takeGroup();
      const batches = group.map((pending) => pending.batch);
      let seq: number;
      try {
        seq = journal.append((number) =>
          encodeRecord(
            number,
            group.map(({ batch, entry }) => entry ?? { kind: 'batch', batch }),
          ),
        );
      } catch (error) {
        this.fail(group, error);
        continue;
      }
      let outcomes: IngestOutcome[];
      try {
        outcomes = this.events.reserve(batches);
      } catch (error) {
        // Not answered: the record is applied at the next start, and a resent copy is a duplicate.
        this.fail(group, error);
        continue;
      }
      const size = group.reduce((sum, pending) => sum + pending.size, 0);
      this.unapplied.push({ seq, batches, size, at: performance.now() });
      this.unappliedEvents += size;
      this.store.kick();
      this.options.accepted?.(withEvents(batches, outcomes));
      // A store falling behind slows the senders down here rather than turning them away later.
      await this.backlogBelow(this.options.maxBacklogEvents ?? this.options.maxQueuedEvents / 2);
      group.forEach((pending, index) => {
        pending.resolve(outcomes[index] as IngestOutcome);
      });
    }
  }

  private async drainStore(): Promise<void> {
    const concurrent = this.options.concurrentCommits ?? 1;
    for (;;) {
      const task = this.tasks[0];
      if (task && this.committing.size > 0) {
        // Maintenance runs between commits: the ones under way finish first.
        await Promise.all(this.committing);
      } else if (task) {
        this.tasks.shift();
        await task.run().then(task.resolve, task.reject);
      } else if (this.options.journal && this.unapplied.length > 0 && !this.givenUp) {
        if (this.gathering()) return;
        await this.applyJournaled();
      } else if (
        !this.options.journal &&
        this.queue.length > 0 &&
        this.committing.size < concurrent &&
        (this.committing.size === 0 ||
          this.waiting >= (this.options.concurrentCommitMinEvents ?? 0))
      ) {
        // Each commit, as it ends, wakes this loop for whatever queued meanwhile.
        const commit = this.commitGroup(this.takeGroup()).finally(() => {
          this.committing.delete(commit);
          this.store.kick();
        });
        this.committing.add(commit);
        if (concurrent === 1) await commit;
      } else {
        return;
      }
    }
  }

  /**
   * True while the unapplied records are better left to gather: fewer than one apply's worth,
   * the oldest younger than APPLY_GATHER_MS, nobody waiting for them and not stopping. A timer
   * then wakes the loop when the oldest comes of age.
   */
  private gathering(): boolean {
    const oldest = this.unapplied[0] as Unapplied;
    const waited = performance.now() - oldest.at;
    const gather =
      !this.closed &&
      this.unappliedEvents < MAX_APPLY_EVENTS &&
      this.backlogWaiters.length === 0 &&
      waited < APPLY_GATHER_MS;
    if (gather && !this.gatherTimer) {
      this.gatherTimer = setTimeout(() => {
        this.gatherTimer = undefined;
        this.store.kick();
      }, APPLY_GATHER_MS - waited);
      this.gatherTimer.unref();
    }
    return gather;
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Pending;
      if (group.length > 0 && size + next.size > this.options.maxGroupEvents) break;
      group.push(next);
      size += next.size;
      this.queue.shift();
      this.waiting -= next.size;
    }
    return group;
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const started = performance.now();
    const batches = group.map((pending) => pending.batch);
    try {
      const outcomes = await this.events.commit(batches);
      this.measure(
        group.reduce((sum, pending) => sum + pending.size, 0),
        started,
      );
      this.options.accepted?.(withEvents(batches, outcomes));
      this.options.applied?.(withEvents(batches, outcomes));
      group.forEach((pending, index) => {
        pending.resolve(outcomes[index] as IngestOutcome);
      });
    } catch (error) {
      this.fail(group, error);
      return;
    } finally {
      for (const pending of group) this.queued -= pending.size;
    }
  }

  /**
   * Applies the oldest journal records (up to `maxGroupEvents` in one transaction) and lets the
   * journal drop what the store now holds. They are acknowledged already: a failure is retried.
   */
  private async applyJournaled(): Promise<void> {
    const records: Unapplied[] = [];
    let size = 0;
    const most = Math.min(this.options.maxGroupEvents, MAX_APPLY_EVENTS);
    for (const record of this.unapplied) {
      if (records.length > 0 && size + record.size > most) break;
      records.push(record);
      size += record.size;
    }
    const batches = records.flatMap((record) => record.batches);
    const seq = (records.at(-1) as Unapplied).seq;
    const started = performance.now();
    let outcomes: IngestOutcome[];
    for (let attempt = 0; ; attempt++) {
      try {
        outcomes = await this.events.commit(batches, { journalSeq: seq });
        break;
      } catch (error) {
        if (this.closed) {
          // Stopping: what is left stays in the journal and is applied at the next start.
          this.options.log?.(
            'applying acknowledged events failed while stopping; the journal keeps them for the next start',
            error,
          );
          this.givenUp = true;
          for (const waiter of this.backlogWaiters.splice(0)) waiter();
          return;
        }
        this.options.log?.('applying acknowledged events to the store failed; retrying', error);
        const wait = APPLY_RETRY_MS[Math.min(attempt, APPLY_RETRY_MS.length - 1)] as number;
        await new Promise((done) => setTimeout(done, wait));
      }
    }
    this.measure(size, started);
    this.unapplied.splice(0, records.length);
    this.unappliedEvents -= size;
    this.queued -= size;
    this.appliedSeq = seq;
    this.options.journal?.applied(seq);
    this.options.applied?.(withEvents(batches, outcomes));
    for (const waiter of this.backlogWaiters.splice(0)) waiter();
  }

  private backlogBelow(limit: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.givenUp || this.unappliedEvents <= limit) resolve();
        else this.backlogWaiters.push(check);
      };
      check();
      // Waiting ends the gathering (see gathering).
      if (this.backlogWaiters.length > 0) this.store.kick();
    });
  }

  private measure(events: number, started: number): void {
    const rate = events / Math.max(0.001, (performance.now() - started) / 1000);
    this.commitRate = this.commitRate === 0 ? rate : 0.8 * this.commitRate + 0.2 * rate;
  }

  private fail(group: Pending[], error: unknown): void {
    const failure = new CommitFailed('nothing was stored; retry the same request', {
      cause: error,
    });
    for (const pending of group) {
      pending.reject(failure);
      if (this.options.journal) this.queued -= pending.size;
    }
  }
}

/** The batches that stored at least one event: the ones that can change an account's value. */
function withEvents(batches: IngestBatch[], outcomes: IngestOutcome[]): IngestBatch[] {
  return batches.filter((_, index) => (outcomes[index]?.accepted ?? 0) > 0);
}

/**
 * Applies the journal records a stopped service left unapplied, in order, before it takes events
 * (their ids must be known before any resent copy arrives); `readRequest` reads a kept request as
 * ingest read it the first time. Returns the last record applied.
 */
export async function replayJournal(
  events: EventStore,
  records: Array<{ seq: number; payload: Uint8Array }>,
  maxGroupEvents: number,
  readRequest: (entry: Extract<JournalEntry, { kind: 'request' }>) => IngestBatch,
): Promise<number | undefined> {
  let group: IngestBatch[] = [];
  let size = 0;
  let last: number | undefined;
  const flush = async () => {
    if (group.length > 0 && last !== undefined) await events.commit(group, { journalSeq: last });
    group = [];
    size = 0;
  };
  for (const record of records) {
    const { seq, entries } = decodeRecord(record.payload);
    const batches = entries.map((entry) =>
      entry.kind === 'batch' ? entry.batch : readRequest(entry),
    );
    const count = batches.reduce(
      (sum, batch) => sum + batch.events.length + batch.rejects.length,
      0,
    );
    if (group.length > 0 && size + count > maxGroupEvents) await flush();
    group.push(...batches);
    size += count;
    last = seq;
  }
  await flush();
  return last;
}

/**
 * A loop that runs `drain` until it returns, started by `kick` when it is not running; a kick while
 * it runs makes it drain once more, so work added as a pass ends is never left waiting.
 */
class Loop {
  private running = false;
  private again = false;
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly drain: () => Promise<void>) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.idle = this.run();
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }
}
