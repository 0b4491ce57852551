import { describe, expect, it } from 'vitest';
import { readEvents } from '../../../server/ingest/read-events.ts';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';
import {
  columnArrays,
  DIGEST_BYTES,
  digestAt,
  digestOf,
  EVENT_FIELDS,
  encodeColumns,
  encodeEvents,
} from '../../../telemetry/storage/postgres/event-rows.ts';

/** The events as the PostgreSQL store writes them, encoded where the batch is read. */

const receivedAt = new Date('2026-03-02T10:00:00.000Z');
const sent = [
  {
    type: 'track',
    messageId: 'm-1',
    userId: 'ana',
    groupId: 'acme',
    event: 'Rapport "exporté"\t,]',
    properties: { note: 'a\u0000b', path: 'C:\\u0000', rows: 12, city: 'Zürich 🚲' },
    context: { ip: '203.0.113.9' },
    timestamp: '2026-03-02T09:59:00.123Z',
  },
  { type: 'page', anonymousId: 'anon-1', name: 'Home' },
  { type: 'identify', messageId: 'm-3', userId: 'ana', traits: { plan: 'pro' } },
];

function prepared() {
  return prepareBatch(sent, {
    sourceId: 'src-1',
    receivedAt,
    defaults: { sentAt: '2026-03-02T09:59:59.500Z' },
  });
}

/**
 * One array in PostgreSQL's binary format read back, as its receive function reads it: the
 * header (dimensions, null flag, element type, length, lower bound), then each element's length
 * (-1 for NULL) and bytes.
 */
function readArray(bytes: Buffer) {
  const elements: Array<Buffer | null> = [];
  let at = 20;
  while (at < bytes.length) {
    const length = bytes.readInt32BE(at);
    at += 4;
    if (length === -1) {
      elements.push(null);
      continue;
    }
    elements.push(bytes.subarray(at, at + length));
    at += length;
  }
  return {
    dimensions: bytes.readInt32BE(0),
    hasNull: bytes.readInt32BE(4),
    elementType: bytes.readInt32BE(8),
    length: bytes.readInt32BE(12),
    lowerBound: bytes.readInt32BE(16),
    elements,
  };
}

/** An element as its column's type: text, a boolean, jsonb (a version byte, then JSON), a time. */
function elementValue(type: string, element: Buffer | null): unknown {
  if (element === null) return null;
  if (type === 'boolean') return element.length === 1 && element[0] === 1;
  if (type === 'jsonb') {
    expect(element[0]).toBe(1);
    return JSON.parse(element.subarray(1).toString('utf8'));
  }
  if (type === 'timestamptz') {
    // Microseconds since 2000-01-01 UTC.
    const micros = element.readBigInt64BE(0);
    return new Date(Number(micros / 1000n) + Date.UTC(2000, 0, 1)).toISOString();
  }
  return element.toString('utf8');
}

const TYPES = { text: 25, boolean: 16, jsonb: 3802, timestamptz: 1184 } as const;

/** The encoded events' columns as rows of values, read back from the arrays a commit sends. */
function rowsOf(...encoded: Parameters<typeof columnArrays>[0]) {
  const arrays = columnArrays(encoded).map((bytes, column) => {
    const array = readArray(bytes);
    const type = EVENT_FIELDS[column]?.[1] as keyof typeof TYPES;
    expect(array).toMatchObject({ dimensions: 1, lowerBound: 1, elementType: TYPES[type] });
    expect(array.elements).toHaveLength(array.length);
    expect(array.hasNull).toBe(array.elements.includes(null) ? 1 : 0);
    return array.elements.map((element) => elementValue(type, element));
  });
  const count = arrays[0]?.length ?? 0;
  return Array.from({ length: count }, (_, index) =>
    Object.fromEntries(EVENT_FIELDS.map(([name], column) => [name, arrays[column]?.[index]])),
  );
}

describe('events encoded for PostgreSQL', () => {
  it('gives each column its array of elements in the binary format, and each id its digest', () => {
    const { events } = prepared();
    const encoded = encodeEvents('src-1', events);
    expect(encoded.sourceId).toBe('src-1');
    expect(encoded.count).toBe(3);
    expect(encoded.digests).toHaveLength(3 * DIGEST_BYTES);
    const rows = rowsOf(encoded);
    expect(rows).toHaveLength(3);
    events.forEach((event, index) => {
      const row = rows[index] as Record<string, unknown>;
      expect(row.source_id).toBe('src-1');
      expect(row.message_id).toBe(event.messageId);
      expect(row.message_id_assigned).toBe(event.messageIdAssigned);
      expect(row.account_id).toBe(event.accountId ?? '');
      expect(row.type).toBe(event.type);
      expect(row.name).toBe(event.name);
      expect(row.user_id).toBe(event.userId);
      expect(row.anonymous_id).toBe(event.anonymousId);
      expect(row.received_at).toBe(receivedAt.toISOString());
      expect(row.sent_at).toBe('2026-03-02T09:59:59.500Z');
      expect(row.event_time).toBe(event.eventTime.toISOString());
      expect(row.client_timestamp).toBe(event.timestamp?.toISOString() ?? null);
      expect(row.context).toBe(event.context);
      expect(row.clock_flag).toBe(event.clockFlag);
      // An id the sender gave is claimed by its digest; one the service assigned is not.
      expect(digestAt(encoded, index)).toEqual(
        event.messageIdAssigned ? Buffer.alloc(DIGEST_BYTES) : digestOf('src-1', event.messageId),
      );
    });
    expect(rows[0]?.name).toBe('Rapport "exporté"\t,]');
    expect(rows[1]?.client_timestamp).toBeNull();
    // JSONB takes no escaped U+0000: it becomes U+FFFD's, a written-out one stays as it was.
    expect(rows[0]?.properties).toEqual({
      note: 'a\uFFFDb',
      path: 'C:\\u0000',
      rows: 12,
      city: 'Zürich 🚲',
    });
  });

  it('writes times to the microsecond on either side of both epochs, and text without U+0000', () => {
    const [event] = prepared().events;
    if (!event) throw new Error('expected an event');
    const times = [
      '2000-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.001Z',
      '1969-12-31T23:59:59.999Z',
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2262-04-11T23:47:16.855Z',
    ];
    const events = times.map((time) => ({
      ...event,
      name: 'a\u0000b',
      timestamp: new Date(time),
    }));
    const rows = rowsOf(encodeColumns('src\u0000', events));
    expect(rows.map((row) => row.client_timestamp)).toEqual(times);
    expect(rows.every((row) => row.name === 'a\uFFFDb' && row.source_id === 'src\uFFFD')).toBe(
      true,
    );
  });

  it('puts several batches in one array per column, in order', () => {
    const { events } = prepared();
    const first = encodeEvents('src-1', events.slice(0, 1));
    const rest = encodeEvents('src-2', events.slice(1));
    const rows = rowsOf(first, rest);
    expect(rows.map((row) => [row.source_id, row.message_id])).toEqual(
      events.map((event, index) => [index === 0 ? 'src-1' : 'src-2', event.messageId]),
    );
    // A column with a NULL in any batch says so in its header (checked in rowsOf).
    expect(rowsOf(first).some((row) => row.anonymous_id === null)).toBe(true);
  });

  it('is made where the request is read when the store asks and the source is known', () => {
    const body = new Uint8Array(
      Buffer.from(JSON.stringify({ batch: sent, sentAt: '2026-03-02T09:59:59.500Z' })),
    );
    const request = { route: 'batch' as const, body, encoding: 'identity', receivedAt };
    const read = readEvents({ ...request, sourceId: 'src-1', encodeFor: 'postgres' });
    if (!read.ok) throw new Error('expected events');
    expect(read.batch.encoded).toEqual(encodeEvents('src-1', read.batch.events));
    // A key in the body: the source is known only after reading, so nothing is encoded.
    const keyInBody = readEvents({ ...request, sourceId: '', encodeFor: 'postgres' });
    expect(keyInBody.ok && keyInBody.batch.encoded).toBeUndefined();
    // A store that asks for nothing gets nothing.
    const plain = readEvents({ ...request, sourceId: 'src-1' });
    expect(plain.ok && plain.batch.encoded).toBeUndefined();
  });
});
