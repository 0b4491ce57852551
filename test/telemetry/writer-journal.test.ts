import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IngestJournal } from '../../telemetry/journal/ingest-journal.ts';
import { openIngestJournal } from '../../telemetry/journal/open-journal.ts';
import { openDuckDbStorage } from '../../telemetry/storage/duckdb/index.ts';
import type {
  EventStore,
  IngestBatch,
  IngestOutcome,
  StoredEvent,
} from '../../telemetry/storage/interface.ts';
import { MemoryEventStore } from '../../telemetry/storage/memory/event-store.ts';
import { emptyState } from '../../telemetry/storage/memory/state.ts';
import { IngestWriter, WriterSaturated } from '../../telemetry/writer.ts';
import { deferred, settle, tempDir } from '../helpers.ts';

/**
 * The writer with a journal: a request is answered once its batch is on disk in the journal and
 * its ids are reserved, and the store gets it behind; nothing acknowledged is lost or doubled.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return dir;
}

const receivedAt = new Date('2026-03-02T10:00:00Z');

function event(messageId: string, accountId = 'acme'): StoredEvent {
  return {
    messageId,
    messageIdAssigned: false,
    type: 'track',
    name: 'Report Exported',
    userId: 'ana',
    anonymousId: null,
    accountId,
    properties: '{}',
    context: null,
    shape: [],
    traits: null,
    timestamp: receivedAt,
    sentAt: null,
    receivedAt,
    eventTime: receivedAt,
    clockFlag: null,
  };
}

function batchOf(...ids: string[]): IngestBatch {
  return { sourceId: 'src-1', receivedAt, events: ids.map((id) => event(id)), rejects: [] };
}

/** The in-memory store, whose commits wait until the test lets each one through. */
class GatedMemoryStore implements EventStore {
  readonly state = emptyState();
  private readonly inner = new MemoryEventStore(this.state);
  gates: Array<ReturnType<typeof deferred<void>>> = [];
  commits = 0;
  failures = 0;

  async commit(batches: IngestBatch[], options?: { journalSeq?: number }) {
    const gate = this.gates.shift();
    if (gate) await gate.promise;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('disk full');
    }
    this.commits++;
    return this.inner.commit(batches, options);
  }
  reserve(batches: IngestBatch[]): IngestOutcome[] {
    return this.inner.reserve(batches);
  }
  journalApplied() {
    return this.inner.journalApplied();
  }
  pruneMessageIds(before: Date) {
    return this.inner.pruneMessageIds(before);
  }
  compactRollups() {
    return this.inner.compactRollups();
  }
  hold(): () => void {
    const gate = deferred<void>();
    this.gates.push(gate);
    return () => gate.resolve();
  }
  stored(): string[] {
    return this.state.events.map((stored) => stored.messageId);
  }
}

async function writerWithJournal(store: EventStore, options: { maxBacklogEvents?: number } = {}) {
  const dir = join(await folder(), 'j');
  const { journal } = IngestJournal.open(dir, 0);
  const told = { accepted: [] as string[], applied: [] as string[] };
  const writer = new IngestWriter(store, {
    maxQueuedEvents: 1_000,
    maxGroupEvents: 1_000,
    journal,
    ...options,
    accepted: (batches) =>
      told.accepted.push(...batches.flatMap((b) => b.events.map((e) => e.messageId))),
    applied: (batches) =>
      told.applied.push(...batches.flatMap((b) => b.events.map((e) => e.messageId))),
    log: () => undefined,
  });
  return { writer, dir, told };
}

describe('IngestWriter with a journal', () => {
  it('journals the requests submitted in one turn of the event loop as one record', async () => {
    const store = new GatedMemoryStore();
    const { writer, dir } = await writerWithJournal(store);
    const answers = await Promise.all([
      writer.submit(batchOf('a')),
      writer.submit(batchOf('b', 'c')),
      writer.submit(batchOf('a')),
    ]);
    expect(answers).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 2, duplicates: 0 },
      { accepted: 0, duplicates: 1 },
    ]);
    const { unapplied } = IngestJournal.open(dir, 0);
    expect(unapplied.map((record) => record.seq)).toEqual([1]);
    await writer.close();
    expect(store.stored()).toEqual(['a', 'b', 'c']);
  });

  it('gathers records into one apply while they are few and young, and applies them when their time is up', async () => {
    const store = new GatedMemoryStore();
    const { writer, dir } = await writerWithJournal(store);
    for (const id of ['a', 'b', 'c']) await writer.submit(batchOf(id));
    expect(IngestJournal.open(dir, 0).unapplied).toHaveLength(3);
    expect(store.commits).toBe(0);
    // Nobody asks for them: the gathering timer (100 ms) lets them in, in one commit.
    await vi.waitFor(() => expect(store.stored()).toEqual(['a', 'b', 'c']), { timeout: 2_000 });
    expect(store.commits).toBe(1);
    expect(await store.journalApplied()).toBe(3);
    await writer.close();
  });

  it('stops gathering as soon as something waits for the store, and when it stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const store = new GatedMemoryStore();
      const { writer } = await writerWithJournal(store);
      await writer.submit(batchOf('a'));
      await writer.submit(batchOf('b'));
      // The gathering timer never fires here (its clock is stopped): waiting is what ends it.
      await writer.caughtUp();
      expect(store.stored()).toEqual(['a', 'b']);
      expect(store.commits).toBe(1);
      await writer.submit(batchOf('c'));
      await writer.close();
      expect(store.stored()).toEqual(['a', 'b', 'c']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers once the batch is in the journal, before the store has it', async () => {
    const store = new GatedMemoryStore();
    const release = store.hold();
    const { writer, dir, told } = await writerWithJournal(store);
    const outcome = await writer.submit(batchOf('a', 'b'));
    expect(outcome).toEqual({ accepted: 2, duplicates: 0 });
    expect(store.stored()).toEqual([]);
    expect(told).toEqual({ accepted: ['a', 'b'], applied: [] });
    expect(IngestJournal.open(dir, 0).unapplied).toHaveLength(1);
    const caughtUp = writer.caughtUp();
    release();
    await caughtUp;
    expect(store.stored()).toEqual(['a', 'b']);
    expect(told.applied).toEqual(['a', 'b']);
    expect(await store.journalApplied()).toBe(1);
    await writer.close();
  });

  it('counts a resent id as a duplicate while its first copy is still on its way to the store', async () => {
    const store = new GatedMemoryStore();
    const release = store.hold();
    const { writer } = await writerWithJournal(store);
    expect(await writer.submit(batchOf('a', 'b'))).toEqual({ accepted: 2, duplicates: 0 });
    expect(await writer.submit(batchOf('b', 'c', 'c'))).toEqual({ accepted: 1, duplicates: 2 });
    release();
    await writer.caughtUp();
    // The store's own count, when it applied them, agrees with what was answered.
    expect(store.stored()).toEqual(['a', 'b', 'c']);
    expect(await writer.submit(batchOf('a'))).toEqual({ accepted: 0, duplicates: 1 });
    await writer.close();
  });

  it('keeps applying an acknowledged batch the store refused, until it takes it, once', async () => {
    const store = new GatedMemoryStore();
    store.failures = 2;
    const { writer, told } = await writerWithJournal(store);
    expect(await writer.submit(batchOf('a'))).toEqual({ accepted: 1, duplicates: 0 });
    await writer.caughtUp();
    expect(store.stored()).toEqual(['a']);
    expect(store.commits).toBe(1);
    expect(told.applied).toEqual(['a']);
    await writer.close();
  });

  it('stops without hanging when the store keeps failing, leaving what it answered in the journal', async () => {
    const store = new GatedMemoryStore();
    store.failures = Number.POSITIVE_INFINITY;
    const { writer, dir } = await writerWithJournal(store, { maxBacklogEvents: 1 });
    expect(await writer.submit(batchOf('a'))).toEqual({ accepted: 1, duplicates: 0 });
    // Past the backlog: this answer waits for a store that never takes it, until the stop.
    const waiting = writer.submit(batchOf('b', 'c'));
    await settle();
    await writer.close();
    expect(await waiting).toEqual({ accepted: 2, duplicates: 0 });
    expect(store.stored()).toEqual([]);
    expect(IngestJournal.open(dir, 0).unapplied.map((record) => record.seq)).toEqual([1, 2]);
  });

  it('makes answers wait for the store when it falls too far behind, and refuses past the queue', async () => {
    const store = new GatedMemoryStore();
    const release = store.hold();
    const { writer } = await writerWithJournal(store, { maxBacklogEvents: 2 });
    expect(await writer.submit(batchOf('a', 'b'))).toEqual({ accepted: 2, duplicates: 0 });
    let answered = false;
    const waiting = writer.submit(batchOf('c')).then((outcome) => {
      answered = true;
      return outcome;
    });
    await settle();
    expect(answered).toBe(false);
    release();
    expect(await waiting).toEqual({ accepted: 1, duplicates: 0 });
    await writer.close();

    const small = new IngestWriter(new GatedMemoryStore(), {
      maxQueuedEvents: 2,
      maxGroupEvents: 10,
      journal: IngestJournal.open(join(await folder(), 'k'), 0).journal,
    });
    const first = small.submit(batchOf('a', 'b'));
    await expect(small.submit(batchOf('c'))).rejects.toBeInstanceOf(WriterSaturated);
    await first;
    await small.close();
  });

  it('after a stop between answer and store, applies the journal once on the next start, even with the journal turned off', async () => {
    const dir = await folder();
    const path = join(dir, 'valueprint.duckdb');
    const storage = await openDuckDbStorage(path);
    const opened = await openIngestJournal(path, storage.events, 1_000, () => {
      throw new Error('no requests were kept here');
    });
    if (!opened?.journal) throw new Error('a file database gets a journal');
    // The store is down: the answer comes from the journal, the commit never happens.
    const down: EventStore = {
      ...storage.events,
      commit: () => new Promise(() => undefined),
      reserve: (batches) => storage.events.reserve(batches),
      journalApplied: () => storage.events.journalApplied(),
      pruneMessageIds: (before) => storage.events.pruneMessageIds(before),
      compactRollups: () => storage.events.compactRollups(),
    };
    const writer = new IngestWriter(down, {
      maxQueuedEvents: 1_000,
      maxGroupEvents: 1_000,
      journal: opened.journal,
    });
    expect(await writer.submit(batchOf('a', 'b'))).toEqual({ accepted: 2, duplicates: 0 });
    await opened.journal.close();
    await storage.close();

    // The next start has the journal turned off: what it answered for is applied all the same.
    for (const [start, use] of [
      [1, false],
      [2, true],
    ] as const) {
      const again = await openDuckDbStorage(path);
      const reopened = await openIngestJournal(
        path,
        again.events,
        1_000,
        () => {
          throw new Error('no requests were kept here');
        },
        use,
      );
      expect(reopened?.journal === undefined, `start ${start}`).toBe(!use);
      expect(reopened?.replayedRecords, `start ${start}`).toBe(start === 1 ? 1 : 0);
      const rows = await again.database.query(
        'SELECT message_id, count(*) AS copies FROM events GROUP BY ALL ORDER BY 1',
      );
      expect(rows).toEqual([
        { message_id: 'a', copies: '1' },
        { message_id: 'b', copies: '1' },
      ]);
      // A resent copy is a duplicate: its id was known before the service took events.
      expect(again.events.reserve([batchOf('b')])).toEqual([{ accepted: 0, duplicates: 1 }]);
      await reopened?.journal?.close();
      await again.close();
    }
  });
});
