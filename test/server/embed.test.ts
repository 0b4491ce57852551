import { Hono } from 'hono';
import { decode } from 'hono/jwt';
import { requestId } from 'hono/request-id';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { embedAuth, embedSigningKey, verifyEmbedToken } from '../../server/auth/embed.ts';
import { main } from '../../server/cli/main.ts';
import type { AppEnv, Services } from '../../server/context.ts';
import { handleError } from '../../server/errors.ts';
import { startServices } from '../../server/service.ts';
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
} from '../helpers.ts';

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp();
});

afterEach(async () => {
  await t.close();
});

const session = { accountId: 'acme-corp', userId: 'user-42', role: 'viewer' };

async function mint(body: unknown, headers: Record<string, string> = adminAuth) {
  return postJson(t.app, '/v1/embed/sessions', body, headers);
}

/** A throwaway app with embed auth in front of one route that echoes `c.var.embed`. */
function whoamiApp(services: Services) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.get('/whoami', embedAuth(), (c) => c.json(c.get('embed')));
  app.onError(handleError);
  return app;
}

describe('POST /v1/embed/sessions', () => {
  it('mints a 15-minute token whose session the embed middleware reads back', async () => {
    // Token times are whole seconds, counted from the second the token was minted in.
    const before = Math.floor(Date.now() / 1000) * 1000;
    const res = await mint({ ...session, locale: 'de-DE' });
    const after = Date.now();
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; expiresAt: string };
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'token']);
    expect(body.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 15 * 60_000);

    const { header, payload } = decode(body.token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ acc: 'acme-corp', sub: 'user-42', role: 'viewer' });
    expect(payload.exp).toBe(Date.parse(body.expiresAt) / 1000);
    expect(body.token).not.toContain(SECRET_KEY);

    const res2 = await whoamiApp(t.services).request('/whoami', { headers: bearer(body.token) });
    expect(res2.status).toBe(200);
    expect(await res2.json()).toEqual({
      accountId: 'acme-corp',
      userId: 'user-42',
      role: 'viewer',
      locale: 'de-DE',
    });
  });

  it('canonicalizes the locale and leaves it out when not given', async () => {
    const key = embedSigningKey(SECRET_KEY);
    const withLocale = (await (await mint({ ...session, locale: 'de-de' })).json()) as {
      token: string;
    };
    expect((await verifyEmbedToken(key, withLocale.token)).locale).toBe('de-DE');
    const without = (await (await mint(session)).json()) as { token: string };
    expect((await verifyEmbedToken(key, without.token)).locale).toBeUndefined();
  });

  it('makes tokens live as long as VALUEPRINT_EMBED_TTL_MINUTES says', async () => {
    const services = await startServices({
      databasePath: ':memory:',
      maxQueuedEvents: 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      secretKey: SECRET_KEY,
      embedTtlMinutes: 5,
    });
    try {
      const res = await postJson(createApp(services), '/v1/embed/sessions', session, adminAuth);
      const { expiresAt } = (await res.json()) as { expiresAt: string };
      const lifetime = Date.parse(expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(4 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(5 * 60_000);
    } finally {
      await services.shutdown();
    }
  });

  it.each([
    ['no accountId', { userId: 'u', role: 'viewer' }, 'accountId', 'accountId is required'],
    ['an empty userId', { ...session, userId: '' }, 'userId', 'must not be empty'],
    ['a 257-character accountId', { ...session, accountId: 'a'.repeat(257) }, 'accountId', '256'],
    ['a numeric accountId', { ...session, accountId: 42 }, 'accountId', 'accountId is required'],
    ['role "admin"', { ...session, role: 'admin' }, 'role', '"viewer" or "editor"'],
    ['no role', { accountId: 'a', userId: 'u' }, 'role', '"viewer" or "editor"'],
    ['locale "english!"', { ...session, locale: 'english!' }, 'locale', 'language tag'],
    ['locale "e"', { ...session, locale: 'e' }, 'locale', 'language tag'],
  ])('answers 400 to %s, naming the field', async (_name, body, path, message) => {
    const error = await expectError(await mint(body), 400, 'invalid_request');
    expect(error.issues).toMatchObject([{ path }]);
    expect(String(error.message)).toContain(message);
  });

  it('answers 400 to malformed JSON', async () => {
    await expectError(await mint('{"accountId": '), 400, 'invalid_json');
  });
});

describe('embed session security', () => {
  it('refuses to mint without the secret key: none, a write key, a wrong secret, a token', async () => {
    const source = await createSource(t.app, 'Acme Flow');
    const minted = (await (await mint({ ...session, role: 'editor' })).json()) as {
      token: string;
    };
    for (const headers of [
      {},
      bearer(source.writeKey),
      basic(source.writeKey),
      bearer('wrong-secret-0123456789abcdef'),
      // A customer holding an embed token must not mint one for another account.
      bearer(minted.token),
    ]) {
      const res = await mint({ ...session, accountId: 'someone-else' }, headers);
      await expectError(res, 401, 'unauthorized');
    }
  });

  it('refuses every mint when the deployment has no secret key', async () => {
    const services = (await startTestApp({ secretKey: undefined })).services;
    try {
      const app = createApp(services);
      for (const headers of [{}, bearer('undefined'), bearer('')]) {
        await expectError(
          await postJson(app, '/v1/embed/sessions', session, headers),
          401,
          'unauthorized',
        );
      }
    } finally {
      await services.shutdown();
    }
  });

  it('sends no CORS headers on the mint route, even to a preflight from an allowed origin', async () => {
    const services = await startServices({
      databasePath: ':memory:',
      maxQueuedEvents: 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      secretKey: SECRET_KEY,
      allowedOrigins: ['https://app.example.com'],
    });
    try {
      const res = await createApp(services).request('/v1/embed/sessions', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await services.shutdown();
    }
  });
});

describe('valueprint embed-token', () => {
  async function run(args: string[], env: Record<string, string | undefined>) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line) => void out.push(String(line)));
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((line) => void err.push(String(line)));
    try {
      const code = await main(['embed-token', ...args], env);
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('prints a token the service accepts, and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await run(
      ['--account', 'acme-corp', '--user', 'u1', '--role', 'editor', '--locale', 'fr'],
      { VALUEPRINT_SECRET_KEY: SECRET_KEY, VALUEPRINT_EMBED_TTL_MINUTES: '30' },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stderr).toContain('development only');
    const res = await whoamiApp(t.services).request('/whoami', { headers: bearer(stdout) });
    expect(await res.json()).toEqual({
      accountId: 'acme-corp',
      userId: 'u1',
      role: 'editor',
      locale: 'fr',
    });
    const { payload } = decode(stdout);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(30 * 60);
  });

  it('defaults to a viewer', async () => {
    const { stdout } = await run(['--account', 'a', '--user', 'u'], {
      VALUEPRINT_SECRET_KEY: SECRET_KEY,
    });
    expect((await verifyEmbedToken(embedSigningKey(SECRET_KEY), stdout)).role).toBe('viewer');
  });

  it.each([
    ['no secret key', ['--account', 'a', '--user', 'u'], {}, 'VALUEPRINT_SECRET_KEY'],
    ['no --user', ['--account', 'a'], { VALUEPRINT_SECRET_KEY: SECRET_KEY }, '--user'],
    [
      'a bad role',
      ['--account', 'a', '--user', 'u', '--role', 'owner'],
      { VALUEPRINT_SECRET_KEY: SECRET_KEY },
      '"viewer" or "editor"',
    ],
  ])('exits 2 with %s', async (_name, args, env, message) => {
    const { code, stdout, stderr } = await run(args, env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
