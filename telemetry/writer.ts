import { DomainError } from '../blueprint/errors.ts';
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
  /** Events (accepted and rejected) waiting at most; beyond it `submit` throws WriterSaturated. */
  maxQueuedEvents: number;
  /** Events gathered into one transaction at most. */
  maxGroupEvents: number;
}

interface Pending {
  batch: IngestBatch;
  size: number;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: Error) => void;
}

interface Task {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The single writer with group commit. Requests that arrive while a commit is running wait in a
 * bounded queue; the next commit takes all of them (up to `maxGroupEvents`) in one transaction, so
 * the cost of a durable commit is shared. Each request's promise settles only after its commit.
 */
export class IngestWriter {
  private queue: Pending[] = [];
  /** Events committed per second, smoothed over recent commits; 0 until the first. */
  private commitRate = 0;
  private tasks: Task[] = [];
  private queued = 0;
  private running = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: WriterOptions,
  ) {}

  get queuedEvents(): number {
    return this.queued;
  }

  submit(batch: IngestBatch): Promise<IngestOutcome> {
    if (this.closed) return Promise.reject(new WriterClosed());
    const size = batch.events.length + batch.rejects.length;
    if (this.queued > 0 && this.queued + size > this.options.maxQueuedEvents) {
      return Promise.reject(new WriterSaturated(this.drainSeconds()));
    }
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.queue.push({ batch, size, resolve, reject });
      this.queued += size;
      this.pump();
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

  /** Runs `work` between commits, so maintenance never interleaves with an ingest transaction. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new WriterClosed());
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ run: work, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Stops taking work and resolves when everything already queued is committed. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle;
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    this.idle = new Promise((resolve) => {
      this.markIdle = resolve;
    });
    void this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 || this.tasks.length > 0) {
        const task = this.tasks.shift();
        if (task) {
          await task.run().then(task.resolve, task.reject);
          continue;
        }
        await this.commitGroup(this.takeGroup());
      }
    } finally {
      this.running = false;
      this.markIdle();
    }
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
    }
    return group;
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      const outcomes = await this.store.commit(group.map((pending) => pending.batch));
      const events = group.reduce((sum, pending) => sum + pending.size, 0);
      const rate = events / Math.max(0.001, (performance.now() - started) / 1000);
      this.commitRate = this.commitRate === 0 ? rate : 0.8 * this.commitRate + 0.2 * rate;
      group.forEach((pending, index) => {
        pending.resolve(outcomes[index] as IngestOutcome);
      });
    } catch (error) {
      const failure = new CommitFailed('nothing was stored; retry the same request', {
        cause: error,
      });
      for (const pending of group) pending.reject(failure);
    } finally {
      for (const pending of group) this.queued -= pending.size;
    }
  }
}
