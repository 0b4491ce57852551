import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { requestId } from 'hono/request-id';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EmbedRole } from '../../blueprint/api/embed.ts';
import { createApp } from '../../server/app.ts';
import {
  embedAuth,
  embedSigningKey,
  mintEmbedToken,
  requireEditor,
} from '../../server/auth/embed.ts';
import type { AppEnv, Services } from '../../server/context.ts';
import { customerCors } from '../../server/cors.ts';
import { handleError } from '../../server/errors.ts';
import { type RunningServices, startServices } from '../../server/service.ts';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  expectError,
  SECRET_KEY,
  startTestApp,
} from '../helpers.ts';

const ALLOWED = 'https://app.example.com';
const FOREIGN = 'https://evil.example';
const key = embedSigningKey(SECRET_KEY);

let services: RunningServices;

beforeAll(async () => {
  services = await startServices({
    databasePath: ':memory:',
    maxQueuedEvents: 50_000,
    maxGroupEvents: 10_000,
    dedupeDays: 30,
    secretKey: SECRET_KEY,
    allowedOrigins: [ALLOWED],
  });
});

afterAll(async () => {
  await services.shutdown();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Customer-facing routes the way value routes will use the middleware, on a throwaway app. */
function customerApp(from: Services = services) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', from);
    await next();
  });
  app.use('/v1/value/*', customerCors());
  app.use('/v1/value/*', embedAuth());
  app.get('/v1/value/whoami', (c) => c.json(c.get('embed')));
  app.put('/v1/value/assumptions/:id', requireEditor(), (c) => c.json({ updated: true }));
  app.onError(handleError);
  return app;
}

const app = () => customerApp();

async function token(
  role: EmbedRole = 'viewer',
  options: { accountId?: string; now?: Date; signingKey?: string } = {},
) {
  const minted = await mintEmbedToken(
    options.signingKey ?? key,
    { accountId: options.accountId ?? 'acme-corp', userId: 'user-42', role },
    { ttlMinutes: 15, now: options.now },
  );
  return minted.token;
}

const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: 'valueprint',
    aud: 'valueprint:embed',
    typ: 'embed',
    sub: 'user-42',
    acc: 'acme-corp',
    role: 'editor',
    iat,
    exp: iat + 900,
  };
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const whoami = (headers: Record<string, string>, query = '') =>
  app().request(`/v1/value/whoami${query}`, { headers });

describe('embedAuth', () => {
  it('sets c.var.embed from a valid token', async () => {
    const res = await whoami(bearer(await token('editor')));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accountId: 'acme-corp', userId: 'user-42', role: 'editor' });
  });

  it('answers 401 without a token, with a hint and a Bearer challenge', async () => {
    const res = await whoami({});
    const error = await expectError(res, 401, 'unauthorized');
    expect(String(error.message)).toContain('Bearer');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('says an expired token expired, so the host knows to fetch a new one', async () => {
    const stale = await token('viewer', { now: new Date(Date.now() - 16 * 60_000) });
    const error = await expectError(await whoami(bearer(stale)), 401, 'unauthorized');
    expect(String(error.message)).toMatch(/expired.*fetch a new one/);
  });

  it('accepts a token until its last second and refuses it from then on', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
    const fresh = await token();
    vi.setSystemTime(new Date('2026-03-01T12:14:59Z'));
    expect((await whoami(bearer(fresh))).status).toBe(200);
    vi.setSystemTime(new Date('2026-03-01T12:15:00Z'));
    await expectError(await whoami(bearer(fresh)), 401, 'unauthorized');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await token('viewer')).split('.');
    const forged = `${header}.${base64url({ ...claims(), acc: 'other-corp' })}.${signature}`;
    await expectError(await whoami(bearer(forged)), 401, 'unauthorized');
    const promoted = `${header}.${base64url({ ...claims(), role: 'editor' })}.${signature}`;
    await expectError(await whoami(bearer(promoted)), 401, 'unauthorized');
  });

  it('refuses alg "none", with or without a signature', async () => {
    const header = base64url({ alg: 'none', typ: 'JWT' });
    for (const unsigned of [
      `${header}.${base64url(claims())}.`,
      `${header}.${base64url(claims())}`,
      `${header}.${base64url(claims())}.${(await token()).split('.')[2]}`,
    ]) {
      await expectError(await whoami(bearer(unsigned)), 401, 'unauthorized');
    }
  });

  it('refuses an HS512 or HS384 token made with the very same key', async () => {
    for (const alg of ['HS512', 'HS384'] as const) {
      const other = await sign(claims(), key, alg);
      await expectError(await whoami(bearer(other)), 401, 'unauthorized');
    }
  });

  it('refuses tokens signed with another deployment’s key or with the raw secret key', async () => {
    const foreign = await token('editor', {
      signingKey: embedSigningKey('another-secret-key-0123456789abcdef'),
    });
    await expectError(await whoami(bearer(foreign)), 401, 'unauthorized');
    const raw = await sign(claims(), SECRET_KEY, 'HS256');
    await expectError(await whoami(bearer(raw)), 401, 'unauthorized');
  });

  it('refuses a correctly signed token meant for another audience or missing claims', async () => {
    const { acc: _acc, ...noAccount } = claims();
    const { exp: _exp, ...neverExpires } = claims();
    for (const payload of [
      { ...claims(), aud: 'valueprint:other' },
      { ...claims(), iss: 'someone-else' },
      { ...claims(), typ: 'refresh' },
      { ...claims(), role: 'admin' },
      noAccount,
      neverExpires,
    ]) {
      const signed = await sign(payload, key, 'HS256');
      await expectError(await whoami(bearer(signed)), 401, 'unauthorized');
    }
  });

  it('refuses the secret key, a write key, garbage, and a token sent as Basic', async () => {
    const created = await createSource(createApp(services), 'Acme Flow');
    const good = await token();
    for (const headers of [
      bearer(SECRET_KEY),
      adminAuth,
      bearer(created.writeKey),
      basic(created.writeKey),
      bearer('not.a.jwt'),
      basic(good),
      { authorization: good },
      { authorization: `Bearer ${good} extra` },
    ]) {
      await expectError(await whoami(headers), 401, 'unauthorized');
    }
  });

  it('verifies nothing when the deployment has no secret key', async () => {
    const keyless = (await startTestApp({ secretKey: undefined })).services;
    try {
      const res = await customerApp(keyless).request('/v1/value/whoami', {
        headers: bearer(await token()),
      });
      await expectError(res, 401, 'unauthorized');
    } finally {
      await keyless.shutdown();
    }
  });

  it('does not let an embed token in as the secret key on admin routes', async () => {
    const res = await createApp(services).request('/v1/admin/sources', {
      headers: bearer(await token('editor')),
    });
    await expectError(res, 401, 'unauthorized');
  });
});

describe('the account comes from the token', () => {
  it.each([
    ['?account=other-corp'],
    ['?accountId=other-corp'],
    ['?account_id=other-corp'],
    ['?account=acme-corp&account=other-corp'],
    ['?accountId='],
  ])('answers 403 to %s', async (query) => {
    const error = await expectError(await whoami(bearer(await token()), query), 403, 'forbidden');
    expect(String(error.message)).toContain('the account comes from the token');
  });

  it('ignores a parameter naming the token’s own account', async () => {
    const res = await whoami(bearer(await token()), '?account=acme-corp&accountId=acme-corp');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accountId: string }).accountId).toBe('acme-corp');
  });
});

describe('requireEditor', () => {
  const put = async (role: EmbedRole) =>
    app().request('/v1/value/assumptions/hourly_rate', {
      method: 'PUT',
      headers: { ...bearer(await token(role)), 'content-type': 'application/json' },
      body: JSON.stringify({ value: 60 }),
    });

  it('lets an editor through', async () => {
    const res = await put('editor');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ updated: true });
  });

  it('answers 403 to a viewer', async () => {
    const error = await expectError(await put('viewer'), 403, 'forbidden');
    expect(String(error.message)).toContain('"editor"');
  });
});

describe('customerCors', () => {
  const preflight = (target: Hono<AppEnv>, origin: string, method = 'GET') =>
    target.request('/v1/value/summary', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from an allowed origin on the real app, ahead of auth', async () => {
    const res = await preflight(createApp(services), ALLOWED, 'PUT');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,PUT,POST,DELETE');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('answers preflights for the scenario routes too (the planner posts and deletes)', async () => {
    for (const [path, method] of [
      ['/v1/scenarios/project', 'POST'],
      ['/v1/scenarios/scn_0123456789abcdef', 'DELETE'],
    ] as const) {
      const res = await createApp(services).request(path, {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-allow-methods')).toContain(method);
      const foreign = await createApp(services).request(path, {
        method: 'OPTIONS',
        headers: { origin: FOREIGN, 'access-control-request-method': method },
      });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('does not allow a foreign origin, nor a look-alike of the allowed one', async () => {
    for (const origin of [FOREIGN, 'null', `${ALLOWED}.evil.example`, 'http://app.example.com']) {
      const res = await preflight(createApp(services), origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows no origin at all by default', async () => {
    const closed = await startServices({
      databasePath: ':memory:',
      maxQueuedEvents: 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      secretKey: SECRET_KEY,
    });
    try {
      const res = await preflight(createApp(closed), ALLOWED);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.shutdown();
    }
  });

  it('labels answers and errors for the allowed origin, so the page can read a 401', async () => {
    const ok = await whoami({ ...bearer(await token()), origin: ALLOWED });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    // A page reads when to try again after a 429, and the request id to quote.
    expect(ok.headers.get('access-control-expose-headers')).toBe('Retry-After,X-Request-Id');
    const refused = await whoami({ origin: ALLOWED });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const foreign = await whoami({ ...bearer(await token()), origin: FOREIGN });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
