import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Database } from '../../telemetry/storage/duckdb/database.ts';
import type { Source } from '../../telemetry/storage/interface.ts';
import { hashKey } from '../../telemetry/write-keys.ts';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  expectError,
  postJson,
  SECRET_KEY,
  startTestApp,
  type TestApp,
  tempDir,
} from '../helpers.ts';

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp();
});

afterEach(async () => {
  await t.close();
});

const admin = (path: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { ...adminAuth, ...(init.headers ?? {}) } });

async function list(): Promise<Source[]> {
  const res = await admin('/v1/admin/sources');
  expect(res.status).toBe(200);
  return ((await res.json()) as { sources: Source[] }).sources;
}

describe('POST /v1/admin/sources', () => {
  it('creates a source and shows its write key once', async () => {
    const res = await postJson(t.app, '/v1/admin/sources', { name: '  Acme Flow ' }, adminAuth);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'id', 'keyId', 'name', 'writeKey']);
    expect(body.name).toBe('Acme Flow');
    expect(body.id).toMatch(/^src_/);
    expect(body.writeKey).toMatch(/^vp_wk_[A-Za-z0-9_-]{32}$/);
    const sources = await list();
    expect(sources).toHaveLength(1);
    expect(JSON.stringify(sources)).not.toContain(String(body.writeKey));
    expect(sources[0]?.keys).toEqual([
      {
        id: body.keyId,
        prefix: `${String(body.writeKey).slice(0, 12)}…`,
        createdAt: expect.any(String),
        revokedAt: null,
      },
    ]);
  });

  it('answers 409 when the name is taken', async () => {
    await createSource(t.app, 'Acme Flow');
    const res = await postJson(t.app, '/v1/admin/sources', { name: 'Acme Flow' }, adminAuth);
    await expectError(res, 409, 'source_exists');
    expect(await list()).toHaveLength(1);
  });

  it.each([
    ['no name', {}, 'name is required'],
    ['a blank name', { name: '   ' }, 'must not be empty'],
    ['a number', { name: 42 }, 'name is required'],
    ['a 101-character name', { name: 'n'.repeat(101) }, 'at most 100'],
  ])('answers 400 to %s, naming the field', async (_name, body, message) => {
    const res = await postJson(t.app, '/v1/admin/sources', body, adminAuth);
    const error = await expectError(res, 400, 'invalid_request');
    expect(error.issues).toMatchObject([{ path: 'name' }]);
    expect(String(error.message)).toContain(message);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await postJson(t.app, '/v1/admin/sources', '{"name": ', adminAuth);
    await expectError(res, 400, 'invalid_json');
  });

  it('stores only a hash of the write key', async () => {
    await t.close();
    const { dir, cleanup } = await tempDir();
    const path = join(dir, 'keys.duckdb');
    try {
      t = await startTestApp({ databasePath: path });
      const created = await createSource(t.app, 'Acme Flow');
      const db = await Database.open(path);
      try {
        const rows = await db.query('SELECT * FROM write_keys');
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(rows)).not.toContain(created.writeKey);
        expect(rows[0]?.key_hash).toBe(hashKey(created.writeKey));
      } finally {
        db.close();
      }
    } finally {
      await t.close();
      t = await startTestApp();
      await cleanup();
    }
  });
});

describe('GET /v1/admin/sources', () => {
  it('lists sources in creation order without keys', async () => {
    const a = await createSource(t.app, 'Acme Flow');
    const b = await createSource(t.app, 'Partner');
    const sources = await list();
    expect(sources.map((source) => [source.id, source.name])).toEqual([
      [a.id, 'Acme Flow'],
      [b.id, 'Partner'],
    ]);
    const text = JSON.stringify(sources);
    expect(text).not.toContain(a.writeKey);
    expect(text).not.toContain(b.writeKey);
    expect(text).not.toContain(hashKey(a.writeKey));
  });

  it('shows one source, and answers 404 for an unknown one', async () => {
    const a = await createSource(t.app, 'Acme Flow');
    const res = await admin(`/v1/admin/sources/${a.id}`);
    expect(await res.json()).toMatchObject({ id: a.id, name: 'Acme Flow' });
    await expectError(await admin('/v1/admin/sources/src_nope'), 404, 'not_found');
  });
});

describe('write keys', () => {
  it('adds a second key that works beside the first', async () => {
    const a = await createSource(t.app, 'Acme Flow');
    const res = await admin(`/v1/admin/sources/${a.id}/keys`, { method: 'POST' });
    expect(res.status).toBe(201);
    const added = (await res.json()) as { id: string; writeKey: string; revokedAt: null };
    expect(added.writeKey).not.toBe(a.writeKey);
    expect(added.revokedAt).toBeNull();
    for (const key of [a.writeKey, added.writeKey]) {
      const sent = await postJson(t.app, '/v1/track', { event: 'E', userId: 'u' }, basic(key));
      expect(sent.status).toBe(200);
    }
    expect((await list())[0]?.keys.map((key) => key.id)).toEqual([a.keyId, added.id]);
  });

  it('revokes a key: it shows as revoked and stops working', async () => {
    const a = await createSource(t.app, 'Acme Flow');
    const res = await admin(`/v1/admin/sources/${a.id}/keys/${a.keyId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const revoked = (await res.json()) as { id: string; revokedAt: string | null };
    expect(revoked.id).toBe(a.keyId);
    expect(revoked.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await list())[0]?.keys[0]?.revokedAt).toBe(revoked.revokedAt);
    const sent = await postJson(t.app, '/v1/track', { event: 'E', userId: 'u' }, basic(a.writeKey));
    await expectError(sent, 401, 'unauthorized');
  });

  it('answers 404 for a key of another source and leaves that key working', async () => {
    const a = await createSource(t.app, 'Acme Flow');
    const b = await createSource(t.app, 'Partner');
    const res = await admin(`/v1/admin/sources/${a.id}/keys/${b.keyId}`, { method: 'DELETE' });
    await expectError(res, 404, 'not_found');
    const sent = await postJson(
      t.app,
      '/v1/track',
      { event: 'E', userId: 'u' },
      bearer(b.writeKey),
    );
    expect(sent.status).toBe(200);
  });

  it('answers 404 when adding a key to an unknown source', async () => {
    await expectError(
      await admin('/v1/admin/sources/src_nope/keys', { method: 'POST' }),
      404,
      'not_found',
    );
  });
});

describe('admin security', () => {
  const calls: Array<[string, string]> = [
    ['GET', '/v1/admin/sources'],
    ['POST', '/v1/admin/sources'],
    ['GET', '/v1/admin/sources/src_x'],
    ['POST', '/v1/admin/sources/src_x/keys'],
    ['DELETE', '/v1/admin/sources/src_x/keys/key_x'],
  ];

  it.each(calls)('%s %s answers 401 without a key', async (method, path) => {
    const res = await t.app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ name: 'Sneaky' }) : undefined,
    });
    await expectError(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('refuses a write key, a wrong secret and a secret with a suffix', async () => {
    const a = await createSource(t.app, 'Acme Flow');
    for (const headers of [
      bearer(a.writeKey),
      basic(a.writeKey),
      bearer('wrong-secret-0123456789abcdef'),
      bearer(`${SECRET_KEY}x`),
      bearer(SECRET_KEY.slice(0, -1)),
      { authorization: SECRET_KEY },
    ]) {
      const res = await postJson(t.app, '/v1/admin/sources', { name: 'Sneaky' }, headers);
      await expectError(res, 401, 'unauthorized');
    }
    expect((await list()).map((source) => source.name)).toEqual(['Acme Flow']);
  });

  it('refuses every admin call when the deployment has no secret key', async () => {
    const services = (await startTestApp({ secretKey: undefined })).services;
    try {
      const app = createApp(services);
      for (const headers of [{}, bearer('undefined'), bearer('')]) {
        await expectError(await app.request('/v1/admin/sources', { headers }), 401, 'unauthorized');
      }
    } finally {
      await services.shutdown();
    }
  });

  it('sends no CORS headers on admin routes, even to a preflight', async () => {
    const origin = 'https://evil.example';
    const get = await admin('/v1/admin/sources', { headers: { origin } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.app.request('/v1/admin/sources', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(401);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
