import { describe, expect, it } from 'vitest';
import { readEvents } from '../../../server/ingest/read-events.ts';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';
import {
  DIGEST_BYTES,
  digestAt,
  digestOf,
  EVENT_FIELDS,
  encodeEvents,
  rowOf,
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
    properties: { note: 'a\u0000b', path: 'C:\\u0000', rows: 12 },
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

describe('events encoded for PostgreSQL', () => {
  it('gives each event its row, in the columns’ order, and its id’s digest', () => {
    const { events } = prepared();
    const encoded = encodeEvents('src-1', events);
    expect(encoded.sourceId).toBe('src-1');
    expect(encoded.ends).toHaveLength(3);
    expect(encoded.digests).toHaveLength(3 * DIGEST_BYTES);
    // The rows joined are one JSON list; each row read alone is the same row.
    const rows = JSON.parse(`[${encoded.rows}]`) as unknown[][];
    expect(rows).toHaveLength(3);
    events.forEach((event, index) => {
      const row = JSON.parse(rowOf(encoded, index)) as unknown[];
      expect(row).toEqual(rows[index]);
      expect(row).toHaveLength(EVENT_FIELDS.length);
      const field = (column: string) => row[EVENT_FIELDS.findIndex(([name]) => name === column)];
      expect(field('source_id')).toBe('src-1');
      expect(field('message_id')).toBe(event.messageId);
      expect(field('message_id_assigned')).toBe(event.messageIdAssigned);
      expect(field('account_id')).toBe(event.accountId ?? '');
      expect(field('name')).toBe(event.name);
      expect(field('received_at')).toBe(receivedAt.toISOString());
      expect(field('sent_at')).toBe('2026-03-02T09:59:59.500Z');
      expect(field('event_time')).toBe(event.eventTime.toISOString());
      expect(field('client_timestamp')).toBe(event.timestamp?.toISOString() ?? null);
      expect(field('context')).toBe(event.context);
      // An id the sender gave is claimed by its digest; one the service assigned is not.
      expect(digestAt(encoded, index)).toEqual(
        event.messageIdAssigned ? Buffer.alloc(DIGEST_BYTES) : digestOf('src-1', event.messageId),
      );
    });
    // JSONB takes no escaped U+0000: it becomes U+FFFD's, a written-out one stays as it was.
    expect(rows[0]?.[EVENT_FIELDS.findIndex(([name]) => name === 'properties')]).toEqual({
      note: 'a\uFFFDb',
      path: 'C:\\u0000',
      rows: 12,
    });
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
