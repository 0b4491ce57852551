import { appendFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestJournal } from '../../../telemetry/journal/ingest-journal.ts';
import {
  decodeRecord,
  encodeRecord,
  type JournalEntry,
} from '../../../telemetry/journal/journal-codec.ts';
import type { IngestBatch } from '../../../telemetry/storage/interface.ts';
import { tempDir } from '../../helpers.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function journalDir(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return join(dir, 'valueprint.duckdb.journal');
}

const receivedAt = new Date('2026-03-02T10:00:00.123Z');

function request(text: string, encoding = 'identity'): Extract<JournalEntry, { kind: 'request' }> {
  return {
    kind: 'request',
    sourceId: 'src-1',
    receivedAt,
    route: 'batch',
    encoding,
    body: new Uint8Array(Buffer.from(text)),
  };
}

const batch: IngestBatch = {
  sourceId: 'src-browser',
  receivedAt,
  events: [
    {
      messageId: 'm-1',
      messageIdAssigned: false,
      type: 'identify',
      name: null,
      userId: 'ana',
      anonymousId: null,
      accountId: 'acme',
      // Text kept exactly, lone surrogate and all.
      properties: '{"plan":"pro","odd":"\\ud800","big":12345678901234567890}',
      context: null,
      shape: [
        ['plan', 'string'],
        ['odd', 'string'],
      ],
      traits: { plan: 'pro', nested: { deep: [1, 2] } },
      timestamp: new Date('2026-03-02T09:59:00.000Z'),
      sentAt: null,
      receivedAt,
      eventTime: new Date('2026-03-02T09:59:00.000Z'),
      clockFlag: null,
    },
  ],
  rejects: [{ index: 1, code: 'missing_event_name', message: 'no type', path: 'type', raw: '{}' }],
};

describe('the ingest journal', () => {
  it('writes a record of more parts than one system call takes (a group of 3,000 small requests)', async () => {
    const dir = await journalDir();
    const { journal } = IngestJournal.open(dir, 0);
    const bodies = Array.from({ length: 3_000 }, (_, index) => `{"batch":[${index}]}`);
    journal.append((seq) =>
      encodeRecord(
        seq,
        bodies.map((body) => request(body)),
      ),
    );
    journal.close();
    const [record] = IngestJournal.open(dir, 0).unapplied;
    const entries = decodeRecord((record as { payload: Buffer }).payload).entries;
    expect(
      entries.map((entry) => (entry.kind === 'request' ? Buffer.from(entry.body).toString() : '')),
    ).toEqual(bodies);
  });

  it('gives back, after a reopen, every record past the applied one, exactly as written', async () => {
    const dir = await journalDir();
    const { journal, unapplied } = IngestJournal.open(dir, 0);
    expect(unapplied).toEqual([]);
    const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00]);
    const first = journal.append((seq) =>
      encodeRecord(seq, [request('{"batch":[1]}'), { kind: 'batch', batch }]),
    );
    const second = journal.append((seq) =>
      encodeRecord(seq, [{ ...request(''), encoding: 'gzip', body: gzip }]),
    );
    const third = journal.append((seq) => encodeRecord(seq, [request('{"batch":[3]}')]));
    expect([first, second, third]).toEqual([1, 2, 3]);
    journal.close();

    const reopened = IngestJournal.open(dir, 1);
    expect(reopened.unapplied.map((record) => record.seq)).toEqual([2, 3]);
    const [two, three] = reopened.unapplied.map((record) => decodeRecord(record.payload));
    expect(two?.entries).toEqual([{ ...request(''), encoding: 'gzip', body: Buffer.from(gzip) }]);
    expect(
      three?.entries.map((entry) => entry.kind === 'request' && Buffer.from(entry.body).toString()),
    ).toEqual(['{"batch":[3]}']);
    // New records are numbered after everything on disk, applied or not.
    expect(reopened.journal.append((seq) => encodeRecord(seq, [request('{}')]))).toBe(4);
    reopened.journal.close();

    const all = IngestJournal.open(dir, 0).unapplied.map((record) => decodeRecord(record.payload));
    expect(all.map((record) => record.seq)).toEqual([1, 2, 3, 4]);
    expect(all[0]?.entries).toEqual([
      { ...request('{"batch":[1]}'), body: Buffer.from('{"batch":[1]}') },
      { kind: 'batch', batch },
    ]);
  });

  it('stops reading a segment at a record cut short or corrupt, and keeps writing after it', async () => {
    const dir = await journalDir();
    const { journal } = IngestJournal.open(dir, 0);
    for (const n of [1, 2, 3]) journal.append((seq) => encodeRecord(seq, [request(`{"n":${n}}`)]));
    journal.close();
    const [segment] = readdirSync(dir);
    const path = join(dir, segment as string);
    const whole = readFileSync(path);
    // The last write was cut short by a crash: its answer was never sent.
    truncateSync(path, whole.length - 5);
    const cut = IngestJournal.open(dir, 0);
    expect(cut.unapplied.map((record) => record.seq)).toEqual([1, 2]);
    // A record written after the torn one goes to a segment of its own and is read.
    expect(await cut.journal.append((seq) => encodeRecord(seq, [request('{"n":4}')]))).toBe(3);
    await cut.journal.close();
    expect(IngestJournal.open(dir, 0).unapplied.map((record) => record.seq)).toEqual([1, 2, 3]);

    // A flipped byte fails the checksum: reading that segment stops there.
    const corrupt = Buffer.from(whole);
    corrupt[corrupt.length - 3] = (corrupt[corrupt.length - 3] as number) ^ 0xff;
    writeFileSync(path, corrupt);
    expect(IngestJournal.open(dir, 0).unapplied.map((record) => record.seq)).toEqual([1, 2, 3]);
    appendFileSync(path, Buffer.from([1, 2, 3]));
    expect(IngestJournal.open(dir, 0).unapplied.map((record) => record.seq)).toEqual([1, 2, 3]);
  });

  it('removes segments the store holds whole, keeps the open one, and leaves nothing after a clean stop', async () => {
    const dir = await journalDir();
    const { journal } = IngestJournal.open(dir, 0, { segmentBytes: 400 });
    for (const n of [1, 2, 3, 4]) {
      journal.append((seq) =>
        encodeRecord(seq, [request(`{"padding":"${'x'.repeat(400)}","n":${n}}`)]),
      );
    }
    // Each record filled its segment, so each closed it.
    expect(readdirSync(dir)).toHaveLength(4);
    journal.applied(2);
    expect(readdirSync(dir)).toHaveLength(2);
    journal.append((seq) => encodeRecord(seq, [request('{}')]));
    journal.applied(5);
    // The segment record 5 is in is still open: kept until it is full or the journal closes.
    expect(readdirSync(dir)).toHaveLength(1);
    await journal.close(5);
    expect(readdirSync(dir)).toEqual([]);
    expect(IngestJournal.open(dir, 5).unapplied).toEqual([]);
  });
});
