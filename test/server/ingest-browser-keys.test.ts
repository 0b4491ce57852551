import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  adminAuth,
  basic,
  createSource,
  expectError,
  freshTrack,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

/**
 * Segment's browser library: one-letter paths, text/plain bodies, the write key in the body. The
 * same events, limits and answers as the long paths with the key in a header.
 */

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const track = freshTrack;

/** Posts `body` as the browser library does: text/plain, no Authorization header. */
function beacon(app: TestApp['app'], path: string, body: unknown, headers = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function events(app: TestApp['app']): Promise<string[]> {
  const res = await app.request('/v1/admin/inventory', { headers: adminAuth });
  const body = (await res.json()) as { events: Array<{ type: string; name: string | null }> };
  return body.events.map((event) => `${event.type}:${event.name ?? ''}`).sort();
}

describe('write keys in the body, on the browser paths', () => {
  it('stores a batch on /v1/b and single events on /v1/t, /v1/i, /v1/g, /v1/p, /v1/s', async () => {
    t = await startTestApp();
    const { writeKey } = await createSource(t.app, 'Web');
    const batch = await beacon(t.app, '/v1/b', {
      writeKey,
      batch: [track(), track({ writeKey })],
      sentAt: new Date().toISOString(),
    });
    expect(batch.status).toBe(200);
    expect(await batch.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const singles: Array<[string, Record<string, unknown>]> = [
      ['/v1/t', { event: 'Report Viewed', userId: 'u1' }],
      ['/v1/i', { userId: 'u1', traits: { plan: 'pro' } }],
      ['/v1/g', { userId: 'u1', groupId: 'acme', traits: { name: 'Acme' } }],
      ['/v1/p', { userId: 'u1', name: 'Home' }],
      ['/v1/s', { userId: 'u1', name: 'Settings' }],
    ];
    for (const [path, event] of singles) {
      const res = await beacon(t.app, path, { ...event, messageId: randomUUID(), writeKey });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
    }
    expect(await events(t.app)).toEqual([
      'group:',
      'identify:',
      'page:Home',
      'screen:Settings',
      'track:Report Exported',
      'track:Report Viewed',
    ]);
  });

  it('keeps an alias from /v1/a (or /v1/alias) in quarantine, answered 200 under "rejected"', async () => {
    t = await startTestApp();
    const { writeKey } = await createSource(t.app, 'Web');
    for (const path of ['/v1/a', '/v1/alias']) {
      const res = await beacon(t.app, path, { userId: 'u1', previousId: 'anon', writeKey });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { accepted: number; rejected: Array<{ code: string }> };
      expect(body.accepted).toBe(0);
      expect(body.rejected.map((reject) => reject.code)).toEqual(['unsupported_type']);
    }
    const quarantine = await t.app.request('/v1/admin/quarantine', { headers: adminAuth });
    const kept = (await quarantine.json()) as { events: Array<{ raw: string }> };
    expect(kept.events).toHaveLength(2);
    for (const event of kept.events) expect(event.raw).not.toContain(writeKey);
  });

  it('answers 401 for a missing, unknown or revoked key in the body, and stores nothing', async () => {
    t = await startTestApp();
    const source = await createSource(t.app, 'Web');
    const missing = await beacon(t.app, '/v1/t', track());
    await expectError(missing, 401, 'unauthorized');
    expect(missing.headers.get('www-authenticate')).toContain('Basic');
    await expectError(
      await beacon(t.app, '/v1/b', { writeKey: 'vp_wk_nope', batch: [track()] }),
      401,
      'unauthorized',
    );
    await expectError(
      await beacon(t.app, '/v1/t', { ...track(), writeKey: 42 }),
      401,
      'unauthorized',
    );
    const revoked = await t.app.request(`/v1/admin/sources/${source.id}/keys/${source.keyId}`, {
      method: 'DELETE',
      headers: adminAuth,
    });
    expect(revoked.status).toBe(200);
    await expectError(
      await beacon(t.app, '/v1/t', { ...track(), writeKey: source.writeKey }),
      401,
      'unauthorized',
    );
    expect(await events(t.app)).toEqual([]);
  });

  it('lets a bad Authorization header fail even when the body holds a good key', async () => {
    t = await startTestApp();
    const { writeKey } = await createSource(t.app, 'Web');
    const res = await beacon(t.app, '/v1/t', { ...track(), writeKey }, basic('vp_wk_wrong'));
    await expectError(res, 401, 'unauthorized');
    expect(await events(t.app)).toEqual([]);
  });

  it('holds a key in the body to its rate, 429 with Retry-After', async () => {
    t = await startTestApp({ rateLimit: { eventsPerSecond: 1, burstEvents: 3 } });
    const { writeKey } = await createSource(t.app, 'Web');
    const batch = { writeKey, batch: [track(), track(), track(), track()] };
    expect((await beacon(t.app, '/v1/b', batch)).status).toBe(200);
    const limited = await beacon(t.app, '/v1/b', { writeKey, batch: [track()] });
    await expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('applies the same body limits and error answers as the long paths', async () => {
    t = await startTestApp();
    const { writeKey } = await createSource(t.app, 'Web');
    const big = { ...track(), writeKey, properties: { note: 'x'.repeat(40 * 1024) } };
    await expectError(await beacon(t.app, '/v1/t', big), 413, 'request_too_large');
    await expectError(await beacon(t.app, '/v1/b', '{"writeKey": '), 400, 'invalid_json');
    await expectError(await beacon(t.app, '/v1/b', { writeKey, batch: 'no' }), 400, 'invalid_body');
  });

  it("answers RudderStack's preflight (AnonymousId, SentAt) on the ingest paths, and only there", async () => {
    t = await startTestApp();
    const preflight = (path: string) =>
      t?.app.request(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,anonymousid,sentat',
        },
      }) as Promise<Response>;
    for (const path of ['/v1/track', '/v1/alias', '/v1/b', '/v1/t']) {
      const res = await preflight(path);
      expect({ path, origin: res.headers.get('access-control-allow-origin') }).toEqual({
        path,
        origin: '*',
      });
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['authorization', 'content-type', 'anonymousid', 'sentat']) {
        expect(allowed).toContain(header);
      }
    }
    const admin = await preflight('/v1/admin/sources');
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});
