import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedSigningKey, mintEmbedToken } from '../../server/auth/embed.ts';
import { adminAuth, basic, bearer, expectError, SECRET_KEY } from '../helpers.ts';
import {
  ACME,
  Expected,
  expectMoney,
  expectNumber,
  FIRST_DAY,
  type Fixture,
  fixtureEvents,
  GLOBEX,
  LAST_DAY,
  startFixture,
  valueModel,
} from './value-fixture.ts';

/**
 * The vendor-facing model API: PUT/GET /v1/admin/model and its versions, promises per account,
 * and the public JSON Schema. The fixture's events are in before any model is published, so the
 * model is checked against the telemetry that arrived.
 */

const events = fixtureEvents();
const WHOLE = { from: FIRST_DAY, to: LAST_DAY };
let f: Fixture;

beforeAll(async () => {
  f = await startFixture({ events, model: null });
});

afterAll(async () => {
  await f.close();
});

const request = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = adminAuth,
) =>
  Promise.resolve(
    f.t.app.request(path, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }),
  );

interface Issue {
  path: string;
  message: string;
}

async function invalid(model: unknown): Promise<Issue[]> {
  const res = await request('PUT', '/v1/admin/model', model);
  const error = await expectError(res, 400, 'invalid_model');
  const issues = error.issues as Issue[];
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
  return issues;
}

interface Summary {
  modelVersion: number;
  total: { money: number };
  drivers: Array<{ id: string; quantity: number; value: number; money: number }>;
}

// The tests below run in order: before a model, invalid models, then versions 1 and 2.
describe('before any model is published', () => {
  it('GET /v1/admin/model answers 404 and the version list is empty', async () => {
    const error = await expectError(await request('GET', '/v1/admin/model'), 404, 'no_value_model');
    expect(String(error.message)).toContain('PUT');
    const versions = await request('GET', '/v1/admin/model/versions');
    expect(versions.status).toBe(200);
    expect(await versions.json()).toEqual({ versions: [] });
  });

  it('value routes answer 409 no_value_model', async () => {
    await expectError(await f.get('/v1/value/summary', ACME), 409, 'no_value_model');
  });

  it('promises naming a driver cannot be set yet', async () => {
    const res = await request('PUT', `/v1/admin/accounts/${ACME}/promises`, {
      promises: [{ driver: 'automation_hours', target: 10, from: '2025-01-01', to: '2025-12-31' }],
    });
    const error = await expectError(res, 400, 'unknown_driver');
    expect(String(error.message)).toContain('none yet');
  });
});

describe('PUT /v1/admin/model refuses an invalid model with every issue', () => {
  it('names an unknown assumption in rates, with the valid ones', async () => {
    const model = valueModel();
    model.drivers[0]?.rates?.splice(0, 1, 'hourly_wage');
    const issues = await invalid(model);
    const issue = issues.find((candidate) => candidate.path === 'drivers[0].rates[0]');
    expect(issue?.message).toContain('"hourly_wage"');
    expect(issue?.message).toContain('hourly_rate, seat_value');
  });

  it('names duplicate ids', async () => {
    const model = valueModel();
    model.drivers.push({ ...(model.drivers[0] as (typeof model.drivers)[number]) });
    const issues = await invalid(model);
    expect(issues.some((issue) => issue.path === 'drivers[3].id')).toBe(true);
  });

  it('names a filter on a property the events never carried', async () => {
    const model = valueModel();
    model.drivers[0]?.where?.splice(0, 1, { property: 'state', op: 'eq', value: 'success' });
    const issues = await invalid(model);
    const issue = issues.find((candidate) => candidate.path === 'drivers[0].where[0].property');
    expect(issue?.message).toContain('"state"');
    expect(issue?.message).toContain('status');
  });

  it('names schema errors: a missing driver list, a bad currency, an unknown key', async () => {
    const { drivers: _drivers, ...noDrivers } = valueModel();
    expect((await invalid(noDrivers)).some((issue) => issue.path.startsWith('drivers'))).toBe(true);
    expect((await invalid({ ...valueModel(), currency: 'dollars' })).map((i) => i.path)).toContain(
      'currency',
    );
    expect(await invalid({ ...valueModel(), colour: 'blue' })).not.toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await request('PUT', '/v1/admin/model', '{"product": ');
    expect(res.status).toBe(400);
    const versions = (await (await request('GET', '/v1/admin/model/versions')).json()) as {
      versions: unknown[];
    };
    expect(versions.versions).toEqual([]);
  });
});

describe('admin routes need the secret key', () => {
  const routes: Array<[string, string, unknown?]> = [
    ['PUT', '/v1/admin/model', valueModel()],
    ['GET', '/v1/admin/model'],
    ['GET', '/v1/admin/model/versions'],
    ['PUT', `/v1/admin/accounts/${ACME}/promises`, { promises: [] }],
    ['GET', `/v1/admin/accounts/${ACME}/promises`],
  ];

  it.each(routes)('%s %s', async (method, path, body) => {
    const token = await f.token(ACME, 'editor');
    const minted = await mintEmbedToken(
      embedSigningKey(SECRET_KEY),
      { accountId: ACME, userId: 'x', role: 'editor' },
      { ttlMinutes: 15 },
    );
    for (const headers of [
      {},
      bearer(token),
      bearer(minted.token),
      bearer(f.writeKey),
      basic(f.writeKey),
      bearer(`${SECRET_KEY}x`),
      bearer('nope'),
    ]) {
      await expectError(await request(method, path, body, headers), 401, 'unauthorized');
    }
    // Nothing was published on the way.
    const versions = (await (await request('GET', '/v1/admin/model/versions')).json()) as {
      versions: unknown[];
    };
    expect(versions.versions).toEqual([]);
  });
});

describe('GET /v1/schema/value-model.json', () => {
  it('is public JSON Schema for the document vendors write', async () => {
    const res = await f.t.app.request('/v1/schema/value-model.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const schema = (await res.json()) as {
      $schema: string;
      type: string;
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'product',
        'currency',
        'price',
        'assumptions',
        'drivers',
        'segments',
      ]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['product', 'currency', 'drivers']));
    // Defaults are optional to the writer: perUnit, where and rates need not be given.
    expect(JSON.stringify(schema)).toContain('distinctUsers');
  });
});

describe('publishing versions', () => {
  const expected = new Expected(events);
  const expected2 = new Expected(events, { hoursPerRun: 0.5 });

  it('stores version 1, answers it, and computes with it right away', async () => {
    const res = await request('PUT', '/v1/admin/model', valueModel());
    expect(res.status).toBe(201);
    const stored = (await res.json()) as {
      version: number;
      createdAt: string;
      model: { drivers: Array<{ perUnit: number; where: unknown[] }> };
      warnings: unknown[];
    };
    expect(stored.version).toBe(1);
    expect(Number.isNaN(Date.parse(stored.createdAt))).toBe(false);
    // Defaults are applied in what is stored.
    expect(stored.model.drivers[1]?.perUnit).toBe(1);
    expect(stored.model.drivers[1]?.where).toEqual([]);
    expect(Array.isArray(stored.warnings)).toBe(true);

    const got = await request('GET', '/v1/admin/model');
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ version: 1, model: { product: 'Fixture Flow' } });

    // No refresh by hand: the PUT recomputed before answering.
    const summary = await f.getJson<Summary>(
      `/v1/value/summary?from=${WHOLE.from}&to=${WHOLE.to}`,
      ACME,
    );
    expect(summary.modelVersion).toBe(1);
    expectMoney(summary.total.money, expected.money(ACME, WHOLE), 0.02);
  });

  it('a second model with another perUnit changes the money accordingly', async () => {
    const before = await f.getJson<Summary>(
      `/v1/value/summary?from=${WHOLE.from}&to=${WHOLE.to}`,
      GLOBEX,
    );
    const res = await request('PUT', '/v1/admin/model', valueModel({ hoursPerRun: 0.5 }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { version: number }).version).toBe(2);

    const after = await f.getJson<Summary>(
      `/v1/value/summary?from=${WHOLE.from}&to=${WHOLE.to}`,
      GLOBEX,
    );
    expect(after.modelVersion).toBe(2);
    const hours = (s: Summary) => s.drivers.find((d) => d.id === 'automation_hours');
    expect(hours(after)?.quantity).toBe(hours(before)?.quantity);
    expectMoney(hours(after)?.money, ((hours(before)?.money ?? 0) * 0.5) / 0.2);
    const want = expected2.figures('automation_hours', GLOBEX, WHOLE);
    expectNumber(hours(after)?.value, want.value, 1e-4);
    expectMoney(hours(after)?.money, want.money);
    expectMoney(after.total.money, expected2.money(GLOBEX, WHOLE), 0.02);
    for (const id of ['deal_revenue', 'active_analysts']) {
      expect(after.drivers.find((d) => d.id === id)).toEqual(
        before.drivers.find((d) => d.id === id),
      );
    }
  });

  it('lists versions newest first and answers the current one', async () => {
    const res = await request('GET', '/v1/admin/model/versions');
    const { versions } = (await res.json()) as {
      versions: Array<{ version: number; product: string; drivers: number; createdAt: string }>;
    };
    expect(
      versions.map(({ version, product, drivers }) => ({ version, product, drivers })),
    ).toEqual([
      { version: 2, product: 'Fixture Flow', drivers: 3 },
      { version: 1, product: 'Fixture Flow', drivers: 3 },
    ]);
    const current = (await (await request('GET', '/v1/admin/model')).json()) as {
      version: number;
      model: { drivers: Array<{ perUnit: number }> };
    };
    expect(current.version).toBe(2);
    expect(current.model.drivers[0]?.perUnit).toBe(0.5);
  });

  it('an invalid model leaves the current version in place', async () => {
    await invalid({ ...valueModel(), drivers: [] });
    const current = (await (await request('GET', '/v1/admin/model')).json()) as { version: number };
    expect(current.version).toBe(2);
  });
});

describe('PUT /v1/admin/accounts/{accountId}/promises', () => {
  const promise = {
    driver: 'automation_hours',
    target: 1200,
    from: '2025-01-01',
    to: '2025-12-31',
  };

  it('stores promises per account and answers them back', async () => {
    const res = await request('PUT', `/v1/admin/accounts/${ACME}/promises`, {
      promises: [promise, { target: 50_000, from: '2025-01-01', to: '2025-12-31', label: 'ROI' }],
    });
    expect(res.status).toBe(200);
    const got = await request('GET', `/v1/admin/accounts/${ACME}/promises`);
    expect(await got.json()).toEqual({
      accountId: ACME,
      promises: [promise, { target: 50_000, from: '2025-01-01', to: '2025-12-31', label: 'ROI' }],
    });
    const other = await request('GET', `/v1/admin/accounts/${GLOBEX}/promises`);
    expect(await other.json()).toEqual({ accountId: GLOBEX, promises: [] });
  });

  it('refuses an unknown driver, naming the valid ones, and keeps what was stored', async () => {
    const res = await request('PUT', `/v1/admin/accounts/${ACME}/promises`, {
      promises: [promise, { ...promise, driver: 'time_saved' }],
    });
    const error = await expectError(res, 400, 'unknown_driver');
    expect(String(error.message)).toContain('"time_saved"');
    expect(String(error.message)).toContain('automation_hours, deal_revenue, active_analysts');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'promises.1.driver' })]);
    const got = (await (await request('GET', `/v1/admin/accounts/${ACME}/promises`)).json()) as {
      promises: unknown[];
    };
    expect(got.promises).toHaveLength(2);
  });

  it('refuses bad periods and targets', async () => {
    for (const bad of [
      { ...promise, from: '2025-12-31', to: '2025-01-01' },
      { ...promise, from: '2025-02-30' },
      { ...promise, target: 0 },
      { ...promise, target: -5 },
      { ...promise, extra: true },
    ]) {
      const res = await request('PUT', `/v1/admin/accounts/${ACME}/promises`, { promises: [bad] });
      await expectError(res, 400, 'invalid_request');
    }
  });

  it('clears promises with an empty list', async () => {
    const res = await request('PUT', `/v1/admin/accounts/${GLOBEX}/promises`, { promises: [] });
    expect(res.status).toBe(200);
    const got = (await (await request('GET', `/v1/admin/accounts/${GLOBEX}/promises`)).json()) as {
      promises: unknown[];
    };
    expect(got.promises).toEqual([]);
  });
});
