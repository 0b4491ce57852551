import { describe, expect, it } from 'vitest';
import type {
  EventStore,
  IngestBatch,
  IngestOutcome,
  StoredEvent,
} from '../../telemetry/storage/interface.ts';
import {
  CommitFailed,
  IngestWriter,
  WriterClosed,
  WriterSaturated,
} from '../../telemetry/writer.ts';
import { deferred, settle } from '../helpers.ts';

type Gate = ReturnType<typeof deferred<void>>;

/**
 * An EventStore that holds each commit open until the test releases it, records what it was given
 * and what else ran meanwhile, and answers each batch with an outcome derived from its sourceId.
 */
class GatedStore implements EventStore {
  readonly commits: string[][] = [];
  readonly log: string[] = [];
  private gates: Array<Gate> = [];
  private started: Array<Gate> = [];
  failWith: Error | null = null;

  async commit(batches: IngestBatch[]): Promise<IngestOutcome[]> {
    const number = this.commits.length;
    this.commits.push(batches.map((batch) => batch.sourceId));
    this.log.push(`commit ${number} start`);
    this.startedGate(number).resolve();
    await this.gate(number).promise;
    this.log.push(`commit ${number} end`);
    if (this.failWith) {
      const failure = this.failWith;
      this.failWith = null;
      throw failure;
    }
    return batches.map((batch) => ({
      accepted: batch.events.length,
      duplicates: Number(batch.sourceId.replace(/\D/g, '')),
    }));
  }

  async pruneMessageIds(): Promise<number> {
    return 0;
  }

  reserve(batches: IngestBatch[]): IngestOutcome[] {
    return batches.map((batch) => ({
      accepted: batch.events.length,
      duplicates: Number(batch.sourceId.replace(/\D/g, '')),
    }));
  }

  async journalApplied(): Promise<number> {
    return 0;
  }

  async compactRollups(): Promise<void> {}

  /** Resolves when commit number `n` (0-based) has begun. */
  whenStarted(n: number): Promise<void> {
    return this.startedGate(n).promise;
  }

  release(n: number): void {
    this.gate(n).resolve();
  }

  private gate(n: number) {
    while (this.gates.length <= n) this.gates.push(deferred<void>());
    return this.gates[n] as Gate;
  }

  private startedGate(n: number) {
    while (this.started.length <= n) this.started.push(deferred<void>());
    return this.started[n] as Gate;
  }
}

function batchOf(sourceId: string, events: number, rejects = 0): IngestBatch {
  const receivedAt = new Date('2024-06-01T00:00:00Z');
  const event: StoredEvent = {
    messageId: 'm',
    messageIdAssigned: false,
    type: 'track',
    name: 'E',
    userId: 'u',
    anonymousId: null,
    accountId: null,
    properties: '{}',
    context: null,
    shape: [],
    traits: null,
    timestamp: null,
    sentAt: null,
    receivedAt,
    eventTime: receivedAt,
    clockFlag: null,
  };
  return {
    sourceId,
    receivedAt,
    events: Array.from({ length: events }, () => event),
    rejects: Array.from({ length: rejects }, (_, index) => ({
      index,
      code: 'invalid_json' as const,
      message: 'bad',
      path: '',
      raw: 'x',
    })),
  };
}

/** Tracks whether a promise has settled, without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const roomy = { maxQueuedEvents: 1_000, maxGroupEvents: 1_000 };

describe('IngestWriter', () => {
  it('gathers requests that arrive during a commit into the next one', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, roomy);
    const first = writer.submit(batchOf('s1', 2));
    await store.whenStarted(0);
    const rest = [writer.submit(batchOf('s2', 3)), writer.submit(batchOf('s3', 1))];
    rest.push(writer.submit(batchOf('s4', 5)));
    store.release(0);
    await store.whenStarted(1);
    store.release(1);
    expect(await Promise.all([first, ...rest])).toEqual([
      { accepted: 2, duplicates: 1 },
      { accepted: 3, duplicates: 2 },
      { accepted: 1, duplicates: 3 },
      { accepted: 5, duplicates: 4 },
    ]);
    expect(store.commits).toEqual([['s1'], ['s2', 's3', 's4']]);
  });

  it('answers a request only after its own commit has finished', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, roomy);
    const first = watch(writer.submit(batchOf('s1', 1)));
    await store.whenStarted(0);
    const second = watch(writer.submit(batchOf('s2', 1)));
    await settle();
    expect(first.settled).toBe(false);
    store.release(0);
    await store.whenStarted(1);
    await settle();
    expect(first).toEqual({ settled: true, value: { accepted: 1, duplicates: 1 } });
    expect(second.settled).toBe(false);
    store.release(1);
    await settle();
    expect(second).toEqual({ settled: true, value: { accepted: 1, duplicates: 2 } });
  });

  it('caps a group at maxGroupEvents, but never splits a request', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, { maxQueuedEvents: 1_000, maxGroupEvents: 4 });
    const pending = [writer.submit(batchOf('s0', 1))];
    await store.whenStarted(0);
    pending.push(
      writer.submit(batchOf('s1', 2, 1)),
      writer.submit(batchOf('s2', 1)),
      writer.submit(batchOf('s3', 3)),
      writer.submit(batchOf('s4', 9)),
    );
    for (let n = 0; n < 4; n++) {
      await store.whenStarted(n);
      store.release(n);
    }
    await Promise.all(pending);
    // 3+1 fills the first group; 3 alone (3+9 > 4); 9 alone, over the cap, rather than refused.
    expect(store.commits).toEqual([['s0'], ['s1', 's2'], ['s3'], ['s4']]);
  });

  it('tells a sender turned away how long the queue takes to commit at the recent pace', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, { maxQueuedEvents: 2_100, maxGroupEvents: 10_000 });
    // The first commit: 100 events in about 200 ms, a pace of about 500 events/s.
    const first = writer.submit(batchOf('s1', 100, 0));
    await store.whenStarted(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    store.release(0);
    await first;
    // 2,000 events wait behind a commit that is held open: about 4 s at that pace.
    const held = writer.submit(batchOf('s2', 1, 0));
    await store.whenStarted(1);
    const queued = writer.submit(batchOf('s3', 1_999, 0));
    const refused = writer.submit(batchOf('s4', 200, 0));
    await expect(refused).rejects.toBeInstanceOf(WriterSaturated);
    const { retryAfterSeconds } = (await refused.catch((error: unknown) => error)) as {
      retryAfterSeconds: number;
    };
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(3);
    expect(retryAfterSeconds).toBeLessThanOrEqual(5);
    store.release(1);
    await store.whenStarted(2);
    store.release(2);
    await Promise.all([held, queued]);
  });

  it('refuses work beyond maxQueuedEvents with WriterSaturated, counting rejects too', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, { maxQueuedEvents: 5, maxGroupEvents: 100 });
    const first = writer.submit(batchOf('s1', 2, 1));
    await store.whenStarted(0);
    expect(writer.queuedEvents).toBe(3);
    const refused = writer.submit(batchOf('s2', 2, 1));
    await expect(refused).rejects.toBeInstanceOf(WriterSaturated);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 1 });
    const fits = writer.submit(batchOf('s3', 1, 1));
    expect(writer.queuedEvents).toBe(5);
    await expect(writer.submit(batchOf('s4', 0, 1))).rejects.toBeInstanceOf(WriterSaturated);
    store.release(0);
    await store.whenStarted(1);
    store.release(1);
    await Promise.all([first, fits]);
    expect(writer.queuedEvents).toBe(0);
    expect(store.commits).toEqual([['s1'], ['s3']]);
  });

  it('takes a request larger than the whole queue when the queue is empty', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, { maxQueuedEvents: 2, maxGroupEvents: 2 });
    const big = writer.submit(batchOf('s1', 10));
    await store.whenStarted(0);
    store.release(0);
    expect(await big).toEqual({ accepted: 10, duplicates: 1 });
  });

  it('rejects every request of a failed group with CommitFailed, and keeps going', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, roomy);
    const first = writer.submit(batchOf('s1', 1));
    await store.whenStarted(0);
    const group = [writer.submit(batchOf('s2', 1)), writer.submit(batchOf('s3', 2))];
    const outcomes = Promise.allSettled(group);
    store.release(0);
    await first;
    await store.whenStarted(1);
    const disk = new Error('disk full');
    store.failWith = disk;
    store.release(1);
    const settled = await outcomes;
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(CommitFailed);
      expect((reason as CommitFailed).cause).toBe(disk);
    }
    expect(writer.queuedEvents).toBe(0);
    const after = writer.submit(batchOf('s5', 1));
    await store.whenStarted(2);
    store.release(2);
    expect(await after).toEqual({ accepted: 1, duplicates: 5 });
  });

  it('close() drains what is queued, then refuses new work', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, roomy);
    const first = watch(writer.submit(batchOf('s1', 1)));
    await store.whenStarted(0);
    const second = watch(writer.submit(batchOf('s2', 1)));
    const closed = watch(writer.close());
    await expect(writer.submit(batchOf('s3', 1))).rejects.toBeInstanceOf(WriterClosed);
    await expect(writer.exclusive(async () => 1)).rejects.toBeInstanceOf(WriterClosed);
    await settle();
    expect(closed.settled).toBe(false);
    store.release(0);
    await store.whenStarted(1);
    await settle();
    expect(closed.settled).toBe(false);
    store.release(1);
    await settle();
    expect(closed.settled).toBe(true);
    expect(first.value).toEqual({ accepted: 1, duplicates: 1 });
    expect(second.value).toEqual({ accepted: 1, duplicates: 2 });
    expect(store.commits).toEqual([['s1'], ['s2']]);
  });

  it('close() on an idle writer resolves at once', async () => {
    const writer = new IngestWriter(new GatedStore(), roomy);
    await writer.close();
    await expect(writer.submit(batchOf('s1', 1))).rejects.toBeInstanceOf(WriterClosed);
  });

  it('runs exclusive() work between commits, never during one', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, roomy);
    const first = writer.submit(batchOf('s1', 1));
    await store.whenStarted(0);
    const task = writer.exclusive(async () => {
      store.log.push('task start');
      await settle();
      store.log.push('task end');
      return 'pruned';
    });
    const second = writer.submit(batchOf('s2', 1));
    await settle();
    expect(store.log).toEqual(['commit 0 start']);
    store.release(0);
    await store.whenStarted(1);
    store.release(1);
    expect(await task).toBe('pruned');
    await Promise.all([first, second]);
    expect(store.log).toEqual([
      'commit 0 start',
      'commit 0 end',
      'task start',
      'task end',
      'commit 1 start',
      'commit 1 end',
    ]);
  });

  it('runs up to concurrentCommits commits at once, each answering its own; maintenance and close wait for all', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, { ...roomy, concurrentCommits: 2 });
    const first = watch(writer.submit(batchOf('s1', 1)));
    await store.whenStarted(0);
    const second = watch(writer.submit(batchOf('s2', 1)));
    await store.whenStarted(1);
    // Two are under way: the next requests wait, gathered into one commit.
    const third = watch(writer.submit(batchOf('s3', 1)));
    const fourth = watch(writer.submit(batchOf('s4', 1)));
    const task = writer.exclusive(async () => {
      store.log.push('task');
    });
    await settle();
    expect(store.commits).toEqual([['s1'], ['s2']]);
    // The second ends first: it answers at once, without waiting for the first.
    store.release(1);
    await settle();
    expect(second).toEqual({ settled: true, value: { accepted: 1, duplicates: 2 } });
    expect(first.settled).toBe(false);
    // Maintenance queued before them goes first, once nothing is under way.
    expect(store.commits).toHaveLength(2);
    store.release(0);
    await task;
    await store.whenStarted(2);
    const closed = watch(writer.close());
    await settle();
    expect(closed.settled).toBe(false);
    store.release(2);
    await settle();
    expect(closed.settled).toBe(true);
    expect(store.commits).toEqual([['s1'], ['s2'], ['s3', 's4']]);
    expect([first, third, fourth].map((request) => request.value)).toEqual([
      { accepted: 1, duplicates: 1 },
      { accepted: 1, duplicates: 3 },
      { accepted: 1, duplicates: 4 },
    ]);
    expect(store.log).toEqual([
      'commit 0 start',
      'commit 1 start',
      'commit 1 end',
      'commit 0 end',
      'task',
      'commit 2 start',
      'commit 2 end',
    ]);
  });

  it('starts a commit beside one under way only once concurrentCommitMinEvents wait', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, {
      ...roomy,
      concurrentCommits: 4,
      concurrentCommitMinEvents: 10,
    });
    // Nothing under way: a request is committed as it comes, however small.
    const first = watch(writer.submit(batchOf('s1', 1)));
    await store.whenStarted(0);
    // One under way: small requests wait for it, until ten events wait.
    const small = [watch(writer.submit(batchOf('s2', 4))), watch(writer.submit(batchOf('s3', 4)))];
    await settle();
    expect(store.commits).toEqual([['s1']]);
    const enough = watch(writer.submit(batchOf('s4', 2)));
    await store.whenStarted(1);
    expect(store.commits).toEqual([['s1'], ['s2', 's3', 's4']]);
    // Two under way, three events wait: they go in together once none is.
    const later = [watch(writer.submit(batchOf('s5', 1))), watch(writer.submit(batchOf('s6', 2)))];
    await settle();
    expect(store.commits).toHaveLength(2);
    store.release(1);
    await settle();
    expect(store.commits).toHaveLength(2);
    expect(small.map((request) => request.settled)).toEqual([true, true]);
    store.release(0);
    await store.whenStarted(2);
    expect(store.commits[2]).toEqual(['s5', 's6']);
    store.release(2);
    await settle();
    for (const request of [first, ...small, enough, ...later]) expect(request.settled).toBe(true);
    expect(first.value).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('passes a failing exclusive() task’s error to its caller only', async () => {
    const store = new GatedStore();
    const writer = new IngestWriter(store, roomy);
    await expect(
      writer.exclusive(async () => {
        throw new Error('prune failed');
      }),
    ).rejects.toThrow('prune failed');
    const next = writer.submit(batchOf('s7', 1));
    await store.whenStarted(0);
    store.release(0);
    expect(await next).toEqual({ accepted: 1, duplicates: 7 });
  });
});
