import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../examples/demo/telemetry.ts';
import { createApp } from '../../server/app.ts';
import { embedSigningKey, verifyEmbedToken } from '../../server/auth/embed.ts';
import { DEMO_CSP } from '../../server/routes/demo-host.ts';
import { startServices } from '../../server/service.ts';
import {
  bearer,
  expectError,
  postJson,
  SECRET_KEY,
  startTestApp,
  type TestApp,
  tempDir,
} from '../helpers.ts';

/**
 * The demo host page and its backend, served from a temporary folder in place of examples/host/,
 * only in demo mode. A file beside that folder stands for everything traversal must not reach.
 */

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";
const INDEX =
  '<!doctype html><title>Acme Flow</title><script type="module" src="/host/app.js"></script>';

let t: TestApp;
let demo: ReturnType<typeof createApp>;
let plain: ReturnType<typeof createApp>;
let cleanup: () => Promise<void>;
let host: string;

beforeAll(async () => {
  t = await startTestApp();
  const temp = await tempDir();
  cleanup = temp.cleanup;
  host = join(temp.dir, 'host');
  await mkdir(join(host, 'icons'), { recursive: true });
  await writeFile(join(host, 'index.html'), INDEX);
  await writeFile(join(host, 'app.js'), 'console.log("host");\n');
  await writeFile(join(host, 'app.css'), 'body { margin: 0; }\n');
  await writeFile(join(host, 'icons', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(host, '.env'), 'SECRET=1');
  await writeFile(join(host, 'notes.sh'), 'echo no');
  await writeFile(join(temp.dir, 'outside.js'), 'throw "outside";');
  await writeFile(join(temp.dir, 'hostile.js'), 'throw "sibling";');
  demo = createApp({ ...t.services, demoHost: true, demoHostDir: host });
  plain = createApp({ ...t.services, demoHost: false, demoHostDir: host });
});

afterAll(async () => {
  await t.close();
  await cleanup();
});

const SIX = demoAccounts.map(({ id, name }) => ({ id, name }));

describe('the demo host page (demo mode)', () => {
  it('GET / is index.html under the strict policy', async () => {
    expect(DEMO_CSP).toBe(CSP);
    const res = await demo.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toBe(INDEX);
  });

  it('GET / lets the browser fetch the hashed widget entry while it reads the page', async () => {
    const widget = join(host, '..', 'widget');
    await mkdir(join(widget, '.vite'), { recursive: true });
    await writeFile(join(widget, 'valueprint.0123456789ab.js'), 'export {};\n');
    await writeFile(
      join(widget, '.vite', 'manifest.json'),
      JSON.stringify({ 'widget/index.ts': { file: 'valueprint.0123456789ab.js', isEntry: true } }),
    );
    const built = createApp({
      ...t.services,
      demoHost: true,
      demoHostDir: host,
      widgetDir: widget,
    });
    const res = await built.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toBe('</widget/valueprint.0123456789ab.js>; rel=modulepreload');
    // Without a build the page is served all the same, with no hint.
    const bare = createApp({
      ...t.services,
      demoHost: true,
      demoHostDir: host,
      widgetDir: join(host, '..', 'no-build'),
    });
    const plainPage = await bare.request('/');
    expect(plainPage.status).toBe(200);
    expect(plainPage.headers.get('link')).toBeNull();
  });

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['icons/logo.svg', 'image/svg+xml'],
  ])('GET /host/%s with its content type and the policy', async (name, type) => {
    const res = await demo.request(`/host/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('404 (with the policy) for a missing file, a dot file, an unknown type, a folder', async () => {
    for (const path of [
      '/host/missing.js',
      '/host/.env',
      '/host/notes.sh',
      '/host/icons',
      '/host/',
    ]) {
      const res = await demo.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it('no way out of the folder: encoded, doubled or backslashed dots', async () => {
    for (const path of [
      '/host/..%2foutside.js',
      '/host/..%2Foutside.js',
      '/host/%2e%2e%2foutside.js',
      '/host/%2e%2e/outside.js',
      '/host/..%252foutside.js',
      '/host/icons/..%2f..%2foutside.js',
      '/host/..%5coutside.js',
      '/host/....//outside.js',
      '/host/%2fetc%2fpasswd',
      '/host/../outside.js',
      '/host/icons/../../outside.js',
      '/host/app.js%00.css',
    ]) {
      const res = await demo.request(path);
      expect([404, 400]).toContain(res.status);
      expect(await res.text()).not.toContain('throw');
    }
    // URL parsing resolves a bare ".." before routing: it lands on the page itself.
    expect(await (await demo.request('/host/..')).text()).toBe(INDEX);
    // "hostile.js" sits beside the folder whose name starts like it: a prefix check is not enough.
    expect((await demo.request('/host/..%2fhostile.js')).status).toBe(404);
  });
});

describe('the demo host backend (demo mode)', () => {
  it('GET /host/api/accounts lists the six demo accounts', async () => {
    const res = await demo.request('/host/api/accounts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const body = await res.json();
    expect(body).toEqual(SIX);
    expect(body).toHaveLength(6);
  });

  it('POST /host/api/session mints an embed token for the account’s first user', async () => {
    const account = SIX[1] as { id: string; name: string };
    const res = await postJson(demo, '/host/api/session', {
      accountId: account.id,
      role: 'editor',
      locale: 'de',
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    // The page gets a token, never the key it was signed with.
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(embedSigningKey(SECRET_KEY));
    const body = JSON.parse(text) as { token: string; expiresAt: string; account: unknown };
    expect(Object.keys(body).sort()).toEqual(['account', 'expiresAt', 'token']);
    expect(body.account).toEqual(account);
    const session = await verifyEmbedToken(embedSigningKey(SECRET_KEY), body.token);
    expect(session).toEqual({
      accountId: account.id,
      userId: `${account.id}-u1`,
      role: 'editor',
      locale: 'de',
    });
    const minutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // The token works on the value API (no model in this app yet: 409, not 401).
    const value = await demo.request('/v1/value/summary', { headers: bearer(body.token) });
    await expectError(value, 409, 'no_value_model');
  });

  it('defaults to a viewer without a locale', async () => {
    const res = await postJson(demo, '/host/api/session', { accountId: SIX[0]?.id });
    const { token } = (await res.json()) as { token: string };
    const session = await verifyEmbedToken(embedSigningKey(SECRET_KEY), token);
    expect(session.role).toBe('viewer');
    expect(session.locale).toBeUndefined();
  });

  it('400 for an account outside the demo, a bad role or locale, or a userId of its own', async () => {
    const unknown = await expectError(
      await postJson(demo, '/host/api/session', { accountId: 'wayne-enterprises' }),
      400,
      'unknown_account',
    );
    expect(unknown.message).toContain(SIX.map((a) => a.id).join(', '));
    for (const body of [
      { accountId: SIX[0]?.id, role: 'admin' },
      { accountId: SIX[0]?.id, locale: 'fr' },
      { accountId: SIX[0]?.id, userId: 'someone-else' },
      {},
      [],
    ]) {
      await expectError(await postJson(demo, '/host/api/session', body), 400, 'invalid_request');
    }
    await expectError(await postJson(demo, '/host/api/session', '{nope'), 400, 'invalid_json');
    const text = await demo.request('/host/api/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ accountId: SIX[0]?.id }),
    });
    await expectError(text, 415, 'unsupported_media_type');
  });

  it('404 for other API paths and methods', async () => {
    await expectError(await demo.request('/host/api/nope'), 404, 'not_found');
    await expectError(await demo.request('/host/api/session'), 404, 'not_found');
  });
});

describe('outside demo mode', () => {
  it('/ stays the service index and nothing under /host is served', async () => {
    const index = await plain.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('application/json');
    expect(index.headers.get('content-security-policy')).toBeNull();
    for (const path of ['/host/app.js', '/host/index.html', '/host/api/accounts']) {
      await expectError(await plain.request(path), 404, 'not_found');
    }
    await expectError(
      await postJson(plain, '/host/api/session', { accountId: SIX[0]?.id }),
      404,
      'not_found',
    );
  });

  it('the service is not in demo mode unless started so (serve --demo sets demoHost)', async () => {
    expect(t.services.demoHost).toBe(false);
    const services = await startServices({
      databasePath: ':memory:',
      maxQueuedEvents: 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      secretKey: SECRET_KEY,
      demoHost: true,
    });
    try {
      expect(services.demoHost).toBe(true);
    } finally {
      await services.shutdown();
    }
  });
});
