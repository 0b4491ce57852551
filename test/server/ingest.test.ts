import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import { openDuckDbStorage } from '../../telemetry/storage/duckdb/index.ts';
import type { EventStore, Inventory, Storage } from '../../telemetry/storage/interface.ts';
import {
  adminAuth,
  basic,
  bearer,
  type CreatedSource,
  createSource,
  deferred,
  expectError,
  postJson,
  SECRET_KEY,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

let t: TestApp;
let source: CreatedSource;

beforeEach(async () => {
  t = await startTestApp();
  source = await createSource(t.app, 'Acme Flow');
});

afterEach(async () => {
  await t.close();
});

const track = (messageId?: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Report Exported',
  userId: 'u1',
  ...(messageId ? { messageId } : {}),
  ...extra,
});

async function inventory(query = ''): Promise<Inventory> {
  const res = await t.app.request(`/v1/admin/inventory${query}`, { headers: adminAuth });
  expect(res.status).toBe(200);
  return (await res.json()) as Inventory;
}

describe('POST /v1/batch', () => {
  it('accepts a batch with Basic auth and answers with counts after the commit', async () => {
    const res = await postJson(
      t.app,
      '/v1/batch',
      { batch: [track('m1'), track('m2'), { type: 'identify', userId: 'u1', traits: { a: 1 } }] },
      basic(source.writeKey),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect((await inventory()).totals).toEqual({ events: 3, duplicates: 0, quarantined: 0 });
  });

  it('accepts the write key as a Bearer token too', async () => {
    const res = await postJson(t.app, '/v1/batch', { batch: [track()] }, bearer(source.writeKey));
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('accepts text/plain (browser beacons) and JSON with a charset', async () => {
    for (const type of ['text/plain;charset=UTF-8', 'application/json; charset=utf-8']) {
      const res = await postJson(
        t.app,
        '/v1/batch',
        { batch: [track()] },
        {
          ...basic(source.writeKey),
          'content-type': type,
        },
      );
      expect(res.status).toBe(200);
    }
  });

  it('rejects one bad event alone and keeps it in quarantine with its raw payload', async () => {
    const bad = { type: 'track', userId: 'u1', properties: { note: 'no name' } };
    const res = await postJson(
      t.app,
      '/v1/batch',
      { batch: [track('m1'), track('m2'), bad, track('m3')] },
      basic(source.writeKey),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: [
        {
          index: 2,
          code: 'missing_event_name',
          message: 'event: expected a non-empty string naming the event',
          path: 'event',
        },
      ],
    });
    const quarantine = await t.app.request('/v1/admin/quarantine', { headers: adminAuth });
    const { events } = (await quarantine.json()) as { events: Array<Record<string, string>> };
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      sourceId: source.id,
      code: 'missing_event_name',
      path: 'event',
      raw: JSON.stringify(bad),
    });
  });

  it('never counts a duplicate twice, within a batch or across requests', async () => {
    const body = { batch: [track('m1'), track('m2'), track('m1'), track()] };
    const first = await postJson(t.app, '/v1/batch', body, basic(source.writeKey));
    expect(await first.json()).toEqual({ accepted: 3, duplicates: 1, rejected: [] });
    const again = await postJson(t.app, '/v1/batch', body, basic(source.writeKey));
    // The event without a messageId cannot be recognised, so it is stored again.
    expect(await again.json()).toEqual({ accepted: 1, duplicates: 3, rejected: [] });
    const single = await postJson(t.app, '/v1/track', track('m2'), basic(source.writeKey));
    expect(await single.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect((await inventory()).totals).toEqual({ events: 4, duplicates: 5, quarantined: 0 });
  });

  it('keeps the same messageId from two sources apart', async () => {
    const other = await createSource(t.app, 'Partner');
    await postJson(t.app, '/v1/batch', { batch: [track('m1')] }, basic(source.writeKey));
    const res = await postJson(t.app, '/v1/batch', { batch: [track('m1')] }, basic(other.writeKey));
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await inventory(`?source=${other.id}`)).totals.events).toBe(1);
  });

  it('applies the envelope sentAt to events without their own', async () => {
    // With the envelope's sentAt equal to the timestamp, the event happened on arrival.
    const at = '2024-01-01T00:00:00.000Z';
    await postJson(
      t.app,
      '/v1/batch',
      { batch: [track('m1', { timestamp: at, event: 'Corrected' })], sentAt: at },
      basic(source.writeKey),
    );
    await postJson(
      t.app,
      '/v1/batch',
      { batch: [track('m2', { timestamp: at, event: 'As sent' })] },
      basic(source.writeKey),
    );
    const events = (await inventory()).events;
    expect(events.find((event) => event.name === 'As sent')?.firstSeen).toBe(at);
    const corrected = events.find((event) => event.name === 'Corrected')?.firstSeen ?? '';
    expect(corrected.startsWith('2024-')).toBe(false);
  });

  it('accepts an empty batch', async () => {
    const res = await postJson(t.app, '/v1/batch', { batch: [] }, basic(source.writeKey));
    expect(await res.json()).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it('accepts exactly 2,500 events', async () => {
    const batch = Array.from({ length: ingestLimits.maxBatchEvents }, (_, i) => track(`m${i}`));
    const res = await postJson(t.app, '/v1/batch', { batch }, basic(source.writeKey));
    expect(await res.json()).toEqual({ accepted: 2_500, duplicates: 0, rejected: [] });
  });

  it('rejects an event over 32 KB inside a batch alone', async () => {
    const big = track('big', { properties: { blob: 'x'.repeat(ingestLimits.maxEventBytes) } });
    const res = await postJson(
      t.app,
      '/v1/batch',
      { batch: [track('m1'), big] },
      basic(source.writeKey),
    );
    const body = (await res.json()) as { accepted: number; rejected: Array<{ code: string }> };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toMatchObject([{ index: 1, code: 'event_too_large', path: '' }]);
  });

  it.each([
    ['malformed JSON', '{"batch": [', 'invalid_json'],
    ['an empty body', '', 'invalid_json'],
    ['a JSON string', '"hello"', 'invalid_body'],
    ['a bare array of events', JSON.stringify([track()]), 'invalid_body'],
    ['batch not an array', JSON.stringify({ batch: { 0: track() } }), 'invalid_body'],
    ['no batch at all', JSON.stringify(track()), 'invalid_body'],
  ])('answers 400 to %s', async (_name, body, code) => {
    const res = await postJson(t.app, '/v1/batch', body, basic(source.writeKey));
    await expectError(res, 400, code);
  });

  it('lists the issues when the envelope is wrong', async () => {
    const res = await postJson(t.app, '/v1/batch', { batch: 'nope' }, basic(source.writeKey));
    const error = await expectError(res, 400, 'invalid_body');
    expect(error.issues).toEqual([
      { path: 'batch', message: 'expected "batch" to be an array of events' },
    ]);
  });

  it('answers 413 over 2,500 events', async () => {
    const batch = Array.from({ length: ingestLimits.maxBatchEvents + 1 }, () => ({}));
    const res = await postJson(t.app, '/v1/batch', { batch }, basic(source.writeKey));
    const error = await expectError(res, 413, 'too_many_events');
    expect(error.message).toContain('2501');
    expect((await inventory()).totals).toEqual({ events: 0, duplicates: 0, quarantined: 0 });
  });

  it('answers 413 over 500 KB', async () => {
    const blob = 'x'.repeat(20_000);
    const batch = Array.from({ length: 26 }, (_, i) => track(`m${i}`, { properties: { blob } }));
    const res = await postJson(t.app, '/v1/batch', { batch }, basic(source.writeKey));
    await expectError(res, 413, 'request_too_large');
    expect((await inventory()).totals.events).toBe(0);
  });

  it.each([
    ['text/html', { 'content-type': 'text/html' }],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['brotli', { 'content-encoding': 'br' }],
  ])('answers 415 to %s', async (_name, headers) => {
    const res = await postJson(
      t.app,
      '/v1/batch',
      { batch: [track()] },
      {
        ...basic(source.writeKey),
        ...headers,
      },
    );
    await expectError(res, 415, 'unsupported_media_type');
  });

  it('answers 415 when there is no Content-Type', async () => {
    const res = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: basic(source.writeKey),
      body: new TextEncoder().encode(JSON.stringify({ batch: [track()] })),
    });
    const error = await expectError(res, 415, 'unsupported_media_type');
    expect(error.message).toContain('Content-Type is missing');
  });
});

describe('POST /v1/{track,identify,group,page,screen}', () => {
  it.each([
    ['track', { event: 'Report Exported', userId: 'u1' }, 'Report Exported'],
    ['identify', { userId: 'u1', traits: { plan: 'pro' } }, null],
    ['group', { userId: 'u1', groupId: 'acct-1', traits: { seats: 3 } }, null],
    ['page', { anonymousId: 'a1', name: 'Pricing' }, 'Pricing'],
    ['screen', { userId: 'u1', name: 'Settings' }, 'Settings'],
  ])('stores a %s event', async (type, body, name) => {
    const res = await postJson(t.app, `/v1/${type}`, body, bearer(source.writeKey));
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const events = (await inventory()).events;
    expect(
      events.map((event) => ({ type: event.type, name: event.name, count: event.count })),
    ).toEqual([{ type, name, count: 1 }]);
  });

  it('takes the type from the route, not the body', async () => {
    const res = await postJson(
      t.app,
      '/v1/track',
      { type: 'identify', event: 'Exported', userId: 'u1' },
      basic(source.writeKey),
    );
    expect(await res.json()).toMatchObject({ accepted: 1 });
    expect((await inventory()).events.map((event) => event.type)).toEqual(['track']);
  });

  it('answers 200 with the rejection for an invalid event, and quarantines it', async () => {
    const res = await postJson(t.app, '/v1/group', { userId: 'u1' }, basic(source.writeKey));
    expect(await res.json()).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: [{ index: 0, code: 'missing_group_id', path: 'groupId' }],
    });
    expect((await inventory()).quarantine.reasons).toEqual([
      { code: 'missing_group_id', count: 1 },
    ]);
  });

  it.each([
    ['malformed JSON', '{"event":', 400, 'invalid_json'],
    ['an array', JSON.stringify([track()]), 400, 'invalid_body'],
    ['null', 'null', 400, 'invalid_body'],
    ['a number', '42', 400, 'invalid_body'],
  ])('answers 400 to %s', async (_name, body, status, code) => {
    const res = await postJson(t.app, '/v1/track', body, basic(source.writeKey));
    await expectError(res, status, code);
  });

  it('answers 413 to a single event over 32 KB', async () => {
    const body = track('m1', { properties: { blob: 'x'.repeat(ingestLimits.maxEventBytes) } });
    const res = await postJson(t.app, '/v1/track', body, basic(source.writeKey));
    const error = await expectError(res, 413, 'request_too_large');
    expect(error.message).toContain('32 KB');
  });

  it('answers 400 to a body that says gzip and is not', async () => {
    const res = await postJson(
      t.app,
      '/v1/identify',
      { userId: 'u1' },
      {
        ...basic(source.writeKey),
        'content-encoding': 'gzip',
      },
    );
    await expectError(res, 400, 'invalid_encoding');
  });
});

describe('write-key security', () => {
  const routes = ['/v1/batch', '/v1/track', '/v1/identify', '/v1/group', '/v1/page', '/v1/screen'];
  const body = { batch: [track()], event: 'E', userId: 'u1', groupId: 'g' };

  it.each(routes)('%s answers 401 without a key, with a challenge', async (route) => {
    const res = await postJson(t.app, route, body);
    await expectError(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toContain('Basic');
  });

  it.each([
    ['an unknown key', () => basic('vp_wk_not-a-real-key')],
    ['the secret key', () => bearer(SECRET_KEY)],
    [
      'the key as the Basic password',
      () => ({
        authorization: `Basic ${Buffer.from(`:${source.writeKey}`).toString('base64')}`,
      }),
    ],
    ['an unknown scheme', () => ({ authorization: `Token ${source.writeKey}` })],
    ['a scheme without a value', () => ({ authorization: 'Bearer' })],
    ['garbage Basic', () => ({ authorization: 'Basic %%%' })],
    ['a truncated key', () => basic(source.writeKey.slice(0, -1))],
  ])('answers 401 to %s', async (_name, headers) => {
    const res = await postJson(t.app, '/v1/batch', body, headers());
    await expectError(res, 401, 'unauthorized');
    expect((await inventory()).totals.events).toBe(0);
  });

  it('checks the key before the size, so strangers cannot make it read 500 KB', async () => {
    const res = await postJson(t.app, '/v1/batch', 'x'.repeat(600_000), basic('wrong'));
    await expectError(res, 401, 'unauthorized');
  });

  it('stops a revoked key at once, while the source’s other keys keep working', async () => {
    const first = await postJson(t.app, '/v1/track', track('m1'), basic(source.writeKey));
    expect(first.status).toBe(200);
    const added = await t.app.request(`/v1/admin/sources/${source.id}/keys`, {
      method: 'POST',
      headers: adminAuth,
    });
    const second = (await added.json()) as { writeKey: string };
    const revoke = await t.app.request(`/v1/admin/sources/${source.id}/keys/${source.keyId}`, {
      method: 'DELETE',
      headers: adminAuth,
    });
    expect(revoke.status).toBe(200);
    const refused = await postJson(t.app, '/v1/track', track('m2'), basic(source.writeKey));
    await expectError(refused, 401, 'unauthorized');
    const other = await postJson(t.app, '/v1/track', track('m3'), basic(second.writeKey));
    expect(await other.json()).toMatchObject({ accepted: 1 });
    expect((await inventory()).totals.events).toBe(2);
  });
});

describe('CORS', () => {
  it('allows a preflight from any origin on the ingest routes', async () => {
    const res = await t.app.request('/v1/batch', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.vendor.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
  });

  it('marks ingest answers as readable cross-origin', async () => {
    const res = await postJson(t.app, '/v1/track', track(), {
      ...basic(source.writeKey),
      origin: 'https://app.vendor.example',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

/** The real DuckDB store behind a commit that waits until the test lets it through. */
async function gatedStorage() {
  const real = await openDuckDbStorage(':memory:');
  const started = deferred();
  const gate = deferred();
  const events: EventStore = {
    async commit(batches) {
      started.resolve();
      await gate.promise;
      return real.events.commit(batches);
    },
    pruneMessageIds: (before) => real.events.pruneMessageIds(before),
    compactRollups: () => real.events.compactRollups(),
    reserve: (batches) => real.events.reserve(batches),
    journalApplied: () => real.events.journalApplied(),
  };
  const storage: Storage = { ...real, events };
  return { storage, started: started.promise, release: () => gate.resolve() };
}

describe('overload and failure', () => {
  it('answers 503 with Retry-After when the writer queue is full, and recovers', async () => {
    await t.close();
    const gated = await gatedStorage();
    t = await startTestApp({ storage: gated.storage, maxQueuedEvents: 3 });
    source = await createSource(t.app, 'Acme Flow');
    const auth = basic(source.writeKey);
    const pending = postJson(t.app, '/v1/batch', { batch: [track('a'), track('b')] }, auth);
    await gated.started;
    const refused = await postJson(t.app, '/v1/batch', { batch: [track('c'), track('d')] }, auth);
    await expectError(refused, 503, 'overloaded');
    expect(refused.headers.get('retry-after')).toBe('1');
    gated.release();
    expect(await (await pending).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const retried = await postJson(t.app, '/v1/batch', { batch: [track('c'), track('d')] }, auth);
    expect(await retried.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect((await inventory()).totals.events).toBe(4);
  });

  it('answers 503 with Retry-After when the store cannot commit, storing nothing', async () => {
    await t.close();
    const real = await openDuckDbStorage(':memory:');
    const failing: Storage = {
      ...real,
      events: {
        commit: async () => {
          throw new Error('disk full');
        },
        pruneMessageIds: (before) => real.events.pruneMessageIds(before),
        compactRollups: () => real.events.compactRollups(),
        reserve: (batches) => real.events.reserve(batches),
        journalApplied: () => real.events.journalApplied(),
      },
    };
    t = await startTestApp({ storage: failing });
    source = await createSource(t.app, 'Acme Flow');
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await postJson(t.app, '/v1/track', track('m1'), basic(source.writeKey));
      await expectError(res, 503, 'store_unavailable');
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      quiet.mockRestore();
    }
    expect((await inventory()).totals).toEqual({ events: 0, duplicates: 0, quarantined: 0 });
  });

  it('answers 503 while shutting down', async () => {
    await t.services.writer.close();
    const res = await postJson(t.app, '/v1/track', track('m1'), basic(source.writeKey));
    await expectError(res, 503, 'shutting_down');
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
