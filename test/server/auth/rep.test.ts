import { Hono } from 'hono';
import { decode, sign } from 'hono/jwt';
import { requestId } from 'hono/request-id';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { embedSigningKey, mintEmbedToken } from '../../../server/auth/embed.ts';
import {
  mintRepToken,
  repAuth,
  repServes,
  repSigningKey,
  verifyRepToken,
} from '../../../server/auth/rep.ts';
import type { AppEnv, Services } from '../../../server/context.ts';
import { handleError } from '../../../server/errors.ts';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  expectError,
  SECRET_KEY,
  startTestApp,
  type TestApp,
} from '../../helpers.ts';

const key = repSigningKey(SECRET_KEY);
const rep = { repId: 'rep-7', name: 'Sam Rivera', accounts: ['acme-corp', 'globex'] };

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t.close();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Rep auth in front of one route that echoes `c.var.rep`, on a throwaway app. */
function repApp(services: Services = t.services) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.get('/whoami', repAuth(), (c) => c.json(c.get('rep')));
  app.onError(handleError);
  return app;
}

const whoami = (headers: Record<string, string>, services?: Services) =>
  repApp(services).request('/whoami', { headers });

async function token(
  options: { now?: Date; signingKey?: string; accounts?: string[] | '*'; locale?: string } = {},
) {
  const minted = await mintRepToken(
    options.signingKey ?? key,
    {
      ...rep,
      accounts: options.accounts ?? rep.accounts,
      ...(options.locale ? { locale: options.locale } : {}),
    },
    { ttlMinutes: 60, ...(options.now ? { now: options.now } : {}) },
  );
  return minted.token;
}

const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: 'valueprint',
    aud: 'valueprint:rep',
    typ: 'rep',
    sub: 'rep-7',
    name: 'Sam Rivera',
    acc: ['acme-corp'],
    iat,
    exp: iat + 3600,
  };
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('mintRepToken', () => {
  it('signs HS256 claims for the rep and their accounts, living the minutes asked', async () => {
    const now = new Date('2026-03-01T12:00:00.400Z');
    const minted = await mintRepToken(key, { ...rep, locale: 'de' }, { ttlMinutes: 60, now });
    expect(minted.expiresAt.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    const { header, payload } = decode(minted.token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      iss: 'valueprint',
      aud: 'valueprint:rep',
      typ: 'rep',
      sub: 'rep-7',
      name: 'Sam Rivera',
      acc: ['acme-corp', 'globex'],
      locale: 'de',
      iat: Date.parse('2026-03-01T12:00:00Z') / 1000,
      exp: Date.parse('2026-03-01T13:00:00Z') / 1000,
    });
  });

  it('writes every account as ["*"], and names an account once', async () => {
    for (const accounts of ['*', ['*'], ['acme-corp', '*']] as const) {
      const minted = await mintRepToken(key, { ...rep, accounts }, { ttlMinutes: 5 });
      expect(decode(minted.token).payload.acc).toEqual(['*']);
    }
    const minted = await mintRepToken(
      key,
      { ...rep, accounts: ['acme-corp', 'acme-corp'] },
      { ttlMinutes: 5 },
    );
    expect(decode(minted.token).payload.acc).toEqual(['acme-corp']);
  });

  it('refuses to sign a token naming no account', async () => {
    await expect(mintRepToken(key, { ...rep, accounts: [] }, { ttlMinutes: 5 })).rejects.toThrow();
  });

  it('derives a key of its own: not the embed key, not the secret key', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(embedSigningKey(SECRET_KEY));
    expect(key).not.toBe(SECRET_KEY);
    expect(repSigningKey('another-secret-key-0123456789abcdef')).not.toBe(key);
  });
});

describe('verifyRepToken', () => {
  it('reads back the rep, their accounts and locale', async () => {
    const session = await verifyRepToken(key, await token({ locale: 'es' }));
    expect(session).toMatchObject({
      repId: 'rep-7',
      name: 'Sam Rivera',
      accounts: ['acme-corp', 'globex'],
      locale: 'es',
    });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    const every = await verifyRepToken(key, await token({ accounts: '*' }));
    expect(every.accounts).toBe('*');
    expect(repServes(every.accounts, 'anyone')).toBe(true);
    expect(repServes(session.accounts, 'globex')).toBe(true);
    expect(repServes(session.accounts, 'initech')).toBe(false);
  });
});

describe('repAuth', () => {
  it('sets c.var.rep from a valid token', async () => {
    const res = await whoami(bearer(await token()));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      repId: 'rep-7',
      name: 'Sam Rivera',
      accounts: ['acme-corp', 'globex'],
    });
  });

  it('answers 401 without a token, with a Bearer challenge', async () => {
    const res = await whoami({});
    const error = await expectError(res, 401, 'unauthorized');
    expect(String(error.message)).toContain('rep token');
    expect(res.headers.get('www-authenticate')).toContain('valueprint-rep');
  });

  it('says an expired token expired, and how to get a new one', async () => {
    const stale = await token({ now: new Date(Date.now() - 61 * 60_000) });
    const error = await expectError(await whoami(bearer(stale)), 401, 'unauthorized');
    expect(String(error.message)).toMatch(/expired.*sign in .* again.*POST \/v1\/rep\/sessions/);
  });

  it('accepts a token until its last second and refuses it from then on', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
    const fresh = await token();
    vi.setSystemTime(new Date('2026-03-01T12:59:59Z'));
    expect((await whoami(bearer(fresh))).status).toBe(200);
    vi.setSystemTime(new Date('2026-03-01T13:00:00Z'));
    await expectError(await whoami(bearer(fresh)), 401, 'unauthorized');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await token()).split('.');
    for (const changed of [
      { ...claims(), acc: ['*'] },
      { ...claims(), acc: ['acme-corp', 'initech'] },
      { ...claims(), sub: 'rep-1' },
    ]) {
      const forged = `${header}.${base64url(changed)}.${signature}`;
      await expectError(await whoami(bearer(forged)), 401, 'unauthorized');
    }
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

  it('refuses a token in a non-canonical spelling (padding)', async () => {
    const [header, payload, signature] = (await token()).split('.');
    const padded = `${header}.${payload}.${signature}=`;
    await expectError(await whoami(bearer(padded)), 401, 'unauthorized');
  });

  it('refuses tokens signed with the embed key, another deployment’s or the raw secret', async () => {
    for (const signingKey of [
      embedSigningKey(SECRET_KEY),
      repSigningKey('another-secret-key-0123456789abcdef'),
      SECRET_KEY,
    ]) {
      const signed = await sign(claims(), signingKey, 'HS256');
      await expectError(await whoami(bearer(signed)), 401, 'unauthorized');
    }
  });

  it('refuses a correctly signed token meant for another audience or missing claims', async () => {
    const { acc: _acc, ...noAccounts } = claims();
    const { name: _name, ...noName } = claims();
    const { exp: _exp, ...neverExpires } = claims();
    for (const payload of [
      { ...claims(), aud: 'valueprint:embed' },
      { ...claims(), iss: 'someone-else' },
      { ...claims(), typ: 'embed' },
      { ...claims(), acc: [] },
      { ...claims(), acc: 'acme-corp' },
      { ...claims(), acc: ['*', 'acme-corp'] },
      noAccounts,
      noName,
      neverExpires,
    ]) {
      const signed = await sign(payload, key, 'HS256');
      await expectError(await whoami(bearer(signed)), 401, 'unauthorized');
    }
  });

  it('refuses an embed token, saying rep routes take a rep token', async () => {
    const embed = await mintEmbedToken(
      embedSigningKey(SECRET_KEY),
      { accountId: 'acme-corp', userId: 'u-1', role: 'editor' },
      { ttlMinutes: 15 },
    );
    const error = await expectError(await whoami(bearer(embed.token)), 401, 'unauthorized');
    expect(String(error.message)).toMatch(/an embed token does not open rep routes/);
  });

  it('refuses the secret key and a write key, saying what they are', async () => {
    const secret = await expectError(await whoami(adminAuth), 401, 'unauthorized');
    expect(String(secret.message)).toMatch(/the secret key does not open rep routes/);
    const created = await createSource(t.app, 'Acme Flow');
    for (const headers of [bearer(created.writeKey), basic(created.writeKey)]) {
      const error = await expectError(await whoami(headers), 401, 'unauthorized');
      expect(String(error.message)).toMatch(/a write key does not open rep routes/);
    }
  });

  it('refuses garbage and a rep token sent as Basic or without a scheme', async () => {
    const good = await token();
    for (const headers of [
      bearer('not.a.jwt'),
      basic(good),
      { authorization: good },
      { authorization: `Bearer ${good} extra` },
    ]) {
      await expectError(await whoami(headers), 401, 'unauthorized');
    }
  });

  it('verifies nothing when the deployment has no secret key', async () => {
    const keyless = await startTestApp({ secretKey: undefined });
    try {
      await expectError(await whoami(bearer(await token()), keyless.services), 401, 'unauthorized');
    } finally {
      await keyless.close();
    }
  });
});

describe('a rep token on customer routes', () => {
  it('is refused with 401, saying the console reads an account with a view token', async () => {
    const good = await token({ accounts: '*' });
    for (const path of ['/v1/value/summary', '/v1/scenarios/levers', '/v1/journey/digest']) {
      const res = await t.app.request(path, { headers: bearer(good) });
      const error = await expectError(res, 401, 'unauthorized');
      expect(String(error.message)).toMatch(/a rep token does not open customer routes/);
    }
  });

  it('does not pass as the secret key on admin routes', async () => {
    const res = await t.app.request('/v1/admin/sources', { headers: bearer(await token()) });
    await expectError(res, 401, 'unauthorized');
  });
});
