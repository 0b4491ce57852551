import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, basic, createSource, startTestApp, type TestApp } from '../helpers.ts';

/** Through POST /v1/batch: an event storage would change is refused, kept in quarantine, and said. */

let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = (await createSource(t.app, 'Exact')).writeKey;
});
afterAll(() => t.close());

describe('ingest never changes an acknowledged event', () => {
  it('refuses __proto__, 1e400, big integers and lone surrogates; stores the rest untouched', async () => {
    const body = `{"batch": [
      {"type": "track", "messageId": "p1", "userId": "u", "groupId": "acme", "event": "E", "properties": {"__proto__": {"x": 1}}},
      {"type": "track", "messageId": "p2", "userId": "u", "groupId": "acme", "event": "E", "properties": {"n": 1e400}},
      {"type": "track", "messageId": "p3", "userId": "u", "groupId": "acme", "event": "E", "properties": {"id": 12345678901234567890}},
      {"type": "track", "messageId": "p4", "userId": "u", "groupId": "acme", "event": "E", "properties": {"s": "\\ud800"}},
      {"type": "track", "messageId": "p5", "userId": "u", "groupId": "acme", "event": "E", "properties": {"id": 9007199254740991, "s": "😀"}}
    ]}`;
    const res = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: { ...basic(writeKey), 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      accepted: number;
      rejected: Array<{ index: number; code: string; path: string }>;
    };
    expect(answer.accepted).toBe(1);
    expect(answer.rejected.map(({ index, code, path }) => [index, code, path])).toEqual([
      [0, 'inexact_value', 'properties.__proto__'],
      [1, 'inexact_value', 'properties.n'],
      [2, 'inexact_value', 'properties.id'],
      [3, 'inexact_value', 'properties.s'],
    ]);
    const quarantine = await t.app.request('/v1/admin/quarantine', { headers: adminAuth });
    const { events } = (await quarantine.json()) as {
      events: Array<{ raw: string; code: string }>;
    };
    expect(events.filter((entry) => entry.code === 'inexact_value')).toHaveLength(4);
    // The key is kept in quarantine as it was sent.
    expect(events.some((entry) => entry.raw.includes('"__proto__":{"x":1}'))).toBe(true);
  });
});
