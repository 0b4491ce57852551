import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../../server/ingest/event-wire.ts';
import type { EventsRead } from '../../../server/ingest/read-events.ts';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';

const receivedAt = new Date('2026-03-02T10:00:00.000Z');

function read(raws: unknown[]): EventsRead {
  const batch = prepareBatch(raws, {
    sourceId: 'src-1',
    receivedAt,
    defaults: { sentAt: '2026-03-02T09:59:59.500Z' },
  });
  return { ok: true, batch, sent: raws.length, writeKey: 'key-1' };
}

/** Across a thread: toWire, the structured clone postMessage makes, fromWire. */
function across(value: EventsRead): EventsRead {
  return fromWire(structuredClone(toWire(value)));
}

describe('events on their way from a reader thread', () => {
  it('arrive as they were read: every field, nulls, traits, flags and times', () => {
    const sent = read([
      {
        type: 'track',
        messageId: 'm-1',
        userId: 'ana',
        groupId: 'acme',
        event: 'Report Viewed',
        properties: { team: 'ops', rows: 12, tags: ['a'], nested: { x: null } },
        context: { ip: '203.0.113.9' },
        timestamp: '2026-03-02T09:59:00.123Z',
      },
      // No messageId (one is assigned), no timestamp, an anonymous person, its own sentAt.
      {
        type: 'page',
        anonymousId: 'anon-1',
        name: 'Home',
        sentAt: '2026-03-02T09:59:58.000Z',
      },
      { type: 'identify', messageId: 'm-3', userId: 'ana', traits: { plan: 'pro', seats: 5 } },
      { type: 'group', messageId: 'm-4', userId: 'ana', groupId: 'acme', traits: { tier: 'gold' } },
      // A timestamp a year ahead: flagged, and the event is placed at when it was received.
      {
        type: 'track',
        messageId: 'm-5',
        userId: 'bo',
        event: 'Report Viewed',
        timestamp: '2027-03-02T10:00:00.000Z',
      },
      { type: 'track', messageId: 'm-6', event: 'No One Sent This' },
    ]);
    expect(sent.ok && sent.batch.events).toHaveLength(5);
    expect(sent.ok && sent.batch.events.some((event) => event.clockFlag !== null)).toBe(true);
    const arrived = across(sent);
    expect(arrived).toEqual(sent);
    if (!arrived.ok) throw new Error('expected events');
    for (const event of arrived.batch.events) {
      for (const time of [event.timestamp, event.sentAt, event.receivedAt, event.eventTime]) {
        if (time !== null) expect(time).toBeInstanceOf(Date);
      }
    }
  });

  it('keeps one shape for the events that shared one', () => {
    const sent = read(
      ['a', 'b', 'c'].map((id, n) => ({
        type: 'track',
        messageId: id,
        userId: 'ana',
        event: 'Report Viewed',
        properties: { rows: n, team: 'ops' },
      })),
    );
    const arrived = across(sent);
    if (!arrived.ok) throw new Error('expected events');
    const [first, second, third] = arrived.batch.events;
    expect(first?.shape).toEqual([
      ['rows', 'number'],
      ['team', 'string'],
    ]);
    expect(second?.shape).toBe(first?.shape);
    expect(third?.shape).toBe(first?.shape);
  });

  it('passes a failed read as it is, and refuses a list that does not hold whole events', () => {
    const failed: EventsRead = {
      ok: false,
      error: { status: 400, code: 'invalid_body', message: 'expected {"batch": [ …events ]}' },
    };
    expect(across(failed)).toEqual(failed);
    const wire = toWire(read([{ type: 'track', messageId: 'm', userId: 'u', event: 'E' }]));
    if (!wire.ok) throw new Error('expected events');
    expect(() =>
      fromWire({ ...wire, batch: { ...wire.batch, events: wire.batch.events.slice(1) } }),
    ).toThrow(/15 event fields, not whole events/);
  });
});
