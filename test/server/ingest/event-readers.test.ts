import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../server/errors.ts';
import { EventReaders } from '../../../server/ingest/event-readers.ts';
import { type EventsRequest, readEvents } from '../../../server/ingest/read-events.ts';

const receivedAt = new Date('2026-03-02T10:00:00.000Z');
const events = [
  {
    type: 'track',
    messageId: 'm-1',
    userId: 'ana',
    event: 'Report Viewed',
    properties: { team: 'ops', rows: 12 },
    timestamp: '2026-03-02T09:59:00.000Z',
  },
  { type: 'track', messageId: 'm-2', event: 'No One Sent This' },
  { type: 'identify', messageId: 'm-3', userId: 'ana', traits: { plan: 'pro' } },
];

function request(body: unknown, options: Partial<EventsRequest> = {}): EventsRequest {
  return {
    route: 'batch',
    body: new Uint8Array(Buffer.from(JSON.stringify(body))),
    encoding: 'identity',
    sourceId: 'src-1',
    receivedAt,
    ...options,
  };
}

describe('reading ingest requests on threads', () => {
  const readers = new EventReaders(2);
  afterAll(() => readers.close());

  it('gives what reading on the main thread gives: events, rejects, or the error to answer', async () => {
    const cases: EventsRequest[] = [
      request({ batch: events, sentAt: '2026-03-02T10:00:00.000Z' }),
      request(
        { batch: events },
        { body: gzipSync(JSON.stringify({ batch: events })), encoding: 'gzip' },
      ),
      request({ messageId: 'one', userId: 'ana', event: 'Report Viewed' }, { route: 'track' }),
      request({ batch: 'not a list' }),
      request([1, 2], { route: 'identify' }),
      { ...request({}), body: new Uint8Array(Buffer.from('{"batch": [')) },
      { ...request({}), body: new Uint8Array(Buffer.from('garbage')), encoding: 'deflate' },
    ];
    for (const each of cases) {
      // The thread gets its own copy of the bytes (the main thread's read keeps the original).
      const copy = { ...each, body: new Uint8Array(each.body) };
      expect(await readers.read(copy)).toEqual(readEvents(each));
    }
    const read = await readers.read(request({ batch: events }));
    expect(read.ok && read.batch.events.map((event) => event.messageId)).toEqual(['m-1', 'm-3']);
    expect(read.ok && read.batch.rejects.map((reject) => reject.index)).toEqual([1]);
  });

  it('moves a body it owns to the thread, and copies one that shares its memory', async () => {
    const owned = request({ batch: events });
    const reading = readers.read(owned);
    expect(owned.body.byteLength).toBe(0);
    expect((await reading).ok).toBe(true);

    const pool = new Uint8Array(4096).fill(32);
    const json = Buffer.from(JSON.stringify({ batch: events }));
    pool.set(json, 100);
    const shared = { ...request({}), body: pool.subarray(100, 100 + json.length) };
    expect((await readers.read(shared)).ok).toBe(true);
    expect(pool.byteLength).toBe(4096);
    expect(Buffer.from(pool.subarray(100, 100 + json.length)).equals(json)).toBe(true);
  });

  it('fails the requests a lost thread held with a 503 to retry, and starts another', async () => {
    const lost = new EventReaders(1);
    const pending = lost.read(request({ batch: events }));
    await lost.close();
    const error = await pending.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable' });
    expect((error as ApiError).options.retryAfterSeconds).toBe(1);
    expect((await lost.read(request({ batch: events }))).ok).toBe(true);
    await lost.close();
  });

  it('reads on the main thread when it has no threads', async () => {
    const inline = new EventReaders(0);
    const body = request({ batch: events });
    expect(await inline.read(body)).toEqual(readEvents(request({ batch: events })));
    expect(body.body.byteLength).toBeGreaterThan(0);
  });
});
