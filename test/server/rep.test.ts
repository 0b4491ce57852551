import { decode, sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { embedSigningKey, verifyEmbedToken } from '../../server/auth/embed.ts';
import { mintRepToken, repSigningKey, verifyRepToken } from '../../server/auth/rep.ts';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  expectError,
  postJson,
  SECRET_KEY,
  startTestApp,
} from '../helpers.ts';
import {
  ACME,
  type Fixture,
  fixtureEvents,
  GLOBEX,
  INITECH,
  offersModel,
  startFixture,
} from './value-fixture.ts';

/**
 * The rep side over HTTP: rep sign-in with the secret key, view tokens for the accounts a rep
 * serves, and the read-only guard on every route that writes as the customer.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
const rep = { repId: 'rep-7', name: 'Sam Rivera', accounts: [ACME, GLOBEX] };

let f: Fixture;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  f = await startFixture({ events: fixtureEvents(), model: offersModel() });
  await f.refresh();
});
afterAll(async () => {
  await f.close();
  vi.useRealTimers();
});

const sessions = (body: unknown, headers: Record<string, string> = adminAuth) =>
  postJson(f.t.app, '/v1/rep/sessions', body, headers);

async function repToken(accounts: string[] | ['*'] = rep.accounts): Promise<string> {
  const res = await sessions({ ...rep, accounts, locale: 'de' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const view = (accountId: string, headers: Record<string, string>) =>
  f.t.app.request(`/v1/rep/accounts/${encodeURIComponent(accountId)}/view`, {
    method: 'POST',
    headers,
  });

async function viewToken(accountId = ACME): Promise<string> {
  const res = await view(accountId, bearer(await repToken()));
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

describe('POST /v1/rep/sessions', () => {
  it('mints an hour-long rep token naming the rep and their accounts, never cached', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const res = await sessions({ ...rep, locale: 'de' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as { token: string; expiresAt: string };
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'token']);
    expect(Date.parse(body.expiresAt)).toBe(before + 60 * 60_000);
    const { payload } = decode(body.token);
    expect(payload).toMatchObject({
      aud: 'valueprint:rep',
      typ: 'rep',
      sub: 'rep-7',
      name: 'Sam Rivera',
      acc: [ACME, GLOBEX],
      locale: 'de',
    });
    const session = await verifyRepToken(repSigningKey(SECRET_KEY), body.token);
    expect(session).toMatchObject({ repId: 'rep-7', accounts: [ACME, GLOBEX], locale: 'de' });
  });

  it('keeps ["*"] as every account', async () => {
    const res = await sessions({ ...rep, accounts: ['*'] });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    expect((await verifyRepToken(repSigningKey(SECRET_KEY), token)).accounts).toBe('*');
  });

  it('answers 400 to a bad body, naming what is wrong', async () => {
    for (const [body, path] of [
      [{ ...rep, accounts: [] }, 'accounts'],
      [{ ...rep, accounts: '*' }, 'accounts'],
      [{ ...rep, name: '  ' }, 'name'],
      [{ ...rep, repId: '' }, 'repId'],
      [{ ...rep, locale: 'not a tag' }, 'locale'],
      [{ ...rep, role: 'admin' }, ''],
      [{ name: 'Sam', accounts: ['acme'] }, 'repId'],
    ] as const) {
      const error = await expectError(await sessions(body), 400, 'invalid_request');
      expect((error.issues as Array<{ path: string }>).map((issue) => issue.path)).toContain(path);
    }
    await expectError(await sessions('{"repId": '), 400, 'invalid_json');
  });

  it('answers 401 without the secret key, to an embed token, a rep token and a write key', async () => {
    const created = await createSource(f.t.app, 'Rep Flow');
    for (const headers of [
      {},
      bearer('wrong-secret-key-0123456789abcdef'),
      bearer(await f.token(ACME, 'editor')),
      bearer(await repToken()),
      basic(created.writeKey),
    ]) {
      const res = await sessions(rep, headers);
      await expectError(res, 401, 'unauthorized');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers 413 to a body past the default limit', async () => {
    const accounts = Array.from(
      { length: 1_000 },
      (_, index) => `account-${index}-${'x'.repeat(60)}`,
    );
    await expectError(await sessions({ ...rep, accounts }), 413, 'request_too_large');
  });
});

describe('POST /v1/rep/accounts/{accountId}/view', () => {
  it('mints a viewer embed token for the account, naming the rep, in the rep’s language', async () => {
    const res = await view(ACME, bearer(await repToken()));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { token: string; expiresAt: string };
    const { payload } = decode(body.token);
    expect(payload).toMatchObject({
      aud: 'valueprint:embed',
      acc: ACME,
      sub: 'rep:rep-7',
      role: 'viewer',
      rep: 'rep-7',
      rep_name: 'Sam Rivera',
      locale: 'de',
    });
    // An embed token's lifetime (15 minutes here), not the rep token's hour.
    expect(Date.parse(body.expiresAt)).toBe(Math.floor(NOW.getTime() / 1000) * 1000 + 15 * 60_000);
    expect(await verifyEmbedToken(embedSigningKey(SECRET_KEY), body.token)).toEqual({
      accountId: ACME,
      userId: 'rep:rep-7',
      role: 'viewer',
      locale: 'de',
      rep: { id: 'rep-7', name: 'Sam Rivera' },
    });
  });

  it('never outlives the rep token it was minted with', async () => {
    const { token } = await mintRepToken(repSigningKey(SECRET_KEY), rep, {
      ttlMinutes: 5,
      now: NOW,
    });
    const res = await view(GLOBEX, bearer(token));
    expect(res.status).toBe(201);
    const { expiresAt } = (await res.json()) as { expiresAt: string };
    expect(expiresAt).toBe(new Date(NOW.getTime() + 5 * 60_000).toISOString());
  });

  it('answers 403 for an account the rep token does not name; "*" names every one', async () => {
    const error = await expectError(
      await view(INITECH, bearer(await repToken())),
      403,
      'forbidden',
    );
    expect(String(error.message)).toContain(`"${INITECH}"`);
    const every = await view(INITECH, bearer(await repToken(['*'])));
    expect(every.status).toBe(201);
  });

  it('answers 401 to an embed token (a view token too), the secret key and no token', async () => {
    for (const headers of [
      bearer(await f.token(ACME, 'editor')),
      bearer(await viewToken()),
      adminAuth,
      {},
    ]) {
      await expectError(await view(ACME, headers), 401, 'unauthorized');
    }
  });

  it('answers 401 in a deployment without a secret key', async () => {
    const keyless = await startTestApp({ secretKey: undefined });
    try {
      const { token } = await mintRepToken(repSigningKey(SECRET_KEY), rep, { ttlMinutes: 5 });
      const res = await keyless.app.request(`/v1/rep/accounts/${ACME}/view`, {
        method: 'POST',
        headers: bearer(token),
      });
      await expectError(res, 401, 'unauthorized');
    } finally {
      await keyless.close();
    }
  });
});

describe('a rep view token reads and writes nothing', () => {
  const send = (method: string, path: string, token: string, body?: unknown) =>
    f.t.app.request(path, {
      method,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('reads what a viewer reads', async () => {
    const token = await viewToken();
    const levers = { 'adoption:automation_hours': 50 };
    for (const [method, path, body] of [
      ['GET', '/v1/value/summary'],
      ['GET', '/v1/value/story'],
      ['GET', '/v1/value/assumptions'],
      ['GET', '/v1/scenarios/levers'],
      ['POST', '/v1/scenarios/project', { levers }],
      [
        'POST',
        '/v1/scenarios/goal-seek',
        { lever: 'adoption:automation_hours', target: 1_000_000 },
      ],
      ['GET', '/v1/scenarios'],
      ['GET', '/v1/recommendations'],
      ['GET', '/v1/journey/digest'],
    ] as Array<[string, string, unknown?]>) {
      const res = await send(method, path, token, body);
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(200);
    }
  });

  /**
   * Every route that writes as the customer, with a body that works: an editor's token is let
   * through each, a rep view token refused each with 403 read_only, and nothing changes.
   */
  it('is refused on every customer write route, where the customer’s own token works', async () => {
    const customer = await f.token(ACME, 'editor', 'acme-editor');
    const readOnly = await viewToken();
    const recommendations = await send('GET', '/v1/recommendations', customer);
    const { items } = (await recommendations.json()) as {
      items: Array<{ decisionId: string; offer: { id: string } }>;
    };
    const offer = items[0];
    if (!offer) throw new Error('the fixture should recommend an offer');

    const saved = await send('POST', '/v1/scenarios', customer, { name: 'Mine', shared: true });
    expect(saved.status).toBe(201);
    const plan = ((await saved.json()) as { id: string }).id;

    const writes: Array<[string, string, unknown, number]> = [
      [
        'POST',
        '/v1/journey',
        {
          events: [{ type: 'section_viewed', at: NOW.toISOString(), detail: { section: 'story' } }],
        },
        202,
      ],
      ['POST', '/v1/scenarios', { name: 'A plan', levers: {} }, 201],
      ['PUT', `/v1/scenarios/${plan}`, { name: 'Renamed' }, 200],
      [
        'POST',
        `/v1/recommendations/${offer.offer.id}/feedback`,
        { decisionId: offer.decisionId, action: 'clicked' },
        204,
      ],
      ['PUT', '/v1/value/assumptions/hourly_rate', { value: 55 }, 200],
      ['DELETE', `/v1/scenarios/${plan}`, undefined, 200],
    ];
    const before = await f.t.services.storage.journey.read(ACME, { since: new Date(0) });
    for (const [method, path, body] of writes) {
      const res = await send(method, path, readOnly, body);
      const error = await expectError(res, 403, 'read_only');
      expect(error.message).toBe("a success manager's view of the account is read-only");
    }
    expect(await f.t.services.storage.journey.read(ACME, { since: new Date(0) })).toEqual(before);
    for (const [method, path, body, status] of writes) {
      const res = await send(method, path, customer, body);
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(status);
    }
  });

  it('covers every customer route that is not a GET (the walk above misses none)', async () => {
    const res = await f.t.app.request('/openapi.json');
    const document = (await res.json()) as {
      paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
    };
    const customerWrites = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method, operation]) => {
          const embed = operation.security?.some((requirement) => 'embedToken' in requirement);
          return embed && method !== 'get';
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(customerWrites.sort()).toEqual(
      [
        'POST /v1/journey',
        'POST /v1/scenarios',
        'PUT /v1/scenarios/{id}',
        'DELETE /v1/scenarios/{id}',
        'POST /v1/recommendations/{offerId}/feedback',
        'PUT /v1/value/assumptions/{id}',
        // Reads by POST: they compute and keep nothing.
        'POST /v1/scenarios/project',
        'POST /v1/scenarios/goal-seek',
      ].sort(),
    );
  });

  it('refuses a token that names a rep without the rep’s name', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'valueprint',
      aud: 'valueprint:embed',
      typ: 'embed',
      sub: 'rep:rep-7',
      acc: ACME,
      role: 'viewer',
      iat,
      exp: iat + 300,
    };
    const key = embedSigningKey(SECRET_KEY);
    for (const half of [{ rep: 'rep-7' }, { rep_name: 'Sam Rivera' }]) {
      const token = await sign({ ...claims, ...half }, key, 'HS256');
      await expectError(await send('GET', '/v1/value/summary', token), 401, 'unauthorized');
    }
    // The same claims with both halves are a rep view token: it reads.
    const whole = await sign({ ...claims, rep: 'rep-7', rep_name: 'Sam Rivera' }, key, 'HS256');
    expect((await send('GET', '/v1/value/summary', whole)).status).toBe(200);
  });
});
