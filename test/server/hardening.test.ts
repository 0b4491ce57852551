import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, bearer, expectError, postJson } from '../helpers.ts';
import { type Fixture, fixtureEvents, startFixture } from './value-fixture.ts';

/** Caching headers, request ids and token spellings: what the hostile-input probe found. */

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ events: fixtureEvents() });
  await f.refresh();
});
afterAll(() => f.close());

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('Cache-Control', () => {
  it('is "private, no-store" on every value answer, errors included', async () => {
    const ok = await f.get('/v1/value/summary', 'acme');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    const bad = await f.get('/v1/value/summary?from=nonsense', 'acme');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await f.t.app.request('/v1/value/summary');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('private, no-store');
  });

  it('is "no-store" on minted tokens and admin answers', async () => {
    const minted = await postJson(
      f.t.app,
      '/v1/embed/sessions',
      { accountId: 'acme', userId: 'u', role: 'viewer' },
      adminAuth,
    );
    expect(minted.status).toBe(201);
    expect(minted.headers.get('cache-control')).toBe('no-store');
    const sources = await f.t.app.request('/v1/admin/sources', { headers: adminAuth });
    expect(sources.headers.get('cache-control')).toBe('no-store');
  });
});

describe('X-Request-Id', () => {
  it('keeps a client UUID and answers with it', async () => {
    const id = '3f2c9e4b-6a1d-4f1e-9d0e-6c2a1f3b8e51';
    const res = await f.t.app.request('/v1/value/summary', { headers: { 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
    const body = (await res.json()) as { error: { requestId: string } };
    expect(body.error.requestId).toBe(id);
  });

  it.each([
    '<script>alert(1)</script>',
    'a'.repeat(10_000),
    'not-a-uuid',
    '3f2c9e4b-6a1d-4f1e-9d0e-6c2a1f3b8e51-extra',
  ])('replaces anything else with its own UUID (%#)', async (given) => {
    const res = await f.t.app.request('/v1/value/summary', { headers: { 'x-request-id': given } });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).not.toBe(given);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const body = (await res.json()) as { error: { requestId: string } };
    expect(body.error.requestId).toBe(id);
  });
});

describe('embed token spelling', () => {
  it('refuses a twin of a valid token that decodes to the same bytes, and padding', async () => {
    const token = await f.token('acme');
    expect((await f.t.app.request('/v1/value/cuts', { headers: bearer(token) })).status).toBe(200);
    const signature = token.split('.')[2] as string;
    // 32 bytes of HMAC in 43 characters: the last one carries 2 spare bits, 0 when canonical.
    expect(signature.length % 4).toBe(3);
    const last = BASE64URL.indexOf(signature.at(-1) as string);
    expect(last & 3).toBe(0);
    const twin = `${token.slice(0, -1)}${BASE64URL[last | 1]}`;
    const res = await f.t.app.request('/v1/value/cuts', { headers: bearer(twin) });
    await expectError(res, 401, 'unauthorized');
    const padded = await f.t.app.request('/v1/value/cuts', { headers: bearer(`${token}=`) });
    await expectError(padded, 401, 'unauthorized');
    const plus = await f.t.app.request('/v1/value/cuts', {
      headers: bearer(token.replace(/-/g, '+').replace(/_/g, '/')),
    });
    if (plus.status !== 200) await expectError(plus, 401, 'unauthorized');
  });
});
