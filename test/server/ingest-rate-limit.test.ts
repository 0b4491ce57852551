import { afterEach, describe, expect, it } from 'vitest';
import {
  basic,
  createSource,
  expectError,
  freshTrack,
  postJson,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

/** Per write key rate limits on ingest: 429 with Retry-After, before the body is read. */

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const track = () => freshTrack();
const batchOf = (events: number) => ({ batch: Array.from({ length: events }, track) });

describe('rate limits per write key', () => {
  it('answers a key over its rate 429 with Retry-After, before reading its body, while another key is served', async () => {
    t = await startTestApp({ rateLimit: { eventsPerSecond: 2, burstEvents: 5 } });
    const app = t.app;
    const flood = await createSource(app, 'Flooding');
    const quiet = await createSource(app, 'Quiet');

    // The burst: 5 events, then 3 more push the bucket into debt (the batch is counted whole).
    expect((await postJson(app, '/v1/batch', batchOf(5), basic(flood.writeKey))).status).toBe(200);
    expect((await postJson(app, '/v1/batch', batchOf(3), basic(flood.writeKey))).status).toBe(200);
    // Now 3 events in debt at 2 events/s: at least 2 s before the bucket is above zero again.
    const limited = await postJson(app, '/v1/batch', batchOf(1), basic(flood.writeKey));
    expect(Number(limited.headers.get('retry-after'))).toBe(2);
    await expectError(limited, 429, 'rate_limited');
    // Not read: a body that is not even JSON gets the same answer, not a 400.
    const garbage = await postJson(app, '/v1/batch', '{not json', basic(flood.writeKey));
    await expectError(garbage, 429, 'rate_limited');
    // Single-event routes count against the same key.
    const single = await postJson(app, '/v1/track', track(), basic(flood.writeKey));
    await expectError(single, 429, 'rate_limited');

    // The other key is not held back.
    for (let i = 0; i < 3; i++) {
      const res = await postJson(app, '/v1/batch', batchOf(1), basic(quiet.writeKey));
      expect(res.status).toBe(200);
    }
    // Nothing refused was stored.
    const inventory = await app.request('/v1/admin/inventory', {
      headers: { authorization: 'Bearer test-secret-key-0123456789abcdefghij' },
    });
    const body = (await inventory.json()) as { totals: { events: number; quarantined: number } };
    expect(body.totals).toEqual({ events: 11, duplicates: 0, quarantined: 0 });
  });

  it('does not tell an unknown key about rate limits: 401 first', async () => {
    t = await startTestApp({ rateLimit: { eventsPerSecond: 1, burstEvents: 1 } });
    const res = await postJson(t.app, '/v1/batch', batchOf(1), basic('wk_not_a_key'));
    await expectError(res, 401, 'unauthorized');
  });
});
