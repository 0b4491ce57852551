import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { project } from '../../blueprint/projection.ts';
import { bearer, expectError, postJson } from '../helpers.ts';
import {
  ACME,
  dayAt,
  Expected,
  type Fixture,
  fixtureEvents,
  GLOBEX,
  HOURLY_RATE,
  personOf,
  SEAT_VALUE,
  startFixture,
} from './value-fixture.ts';

/**
 * Scenario planning through the real API. The clock stands the day after the fixture's last day,
 * so the baseline window (the 12 complete weeks ending yesterday) holds all of its activity.
 * Expected figures come from the fixture's events, counted by hand (Expected), not from the code.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
const WINDOW = { from: dayAt('2025-04-27', -83), to: '2025-04-27' };
const events = fixtureEvents();
const expected = new Expected(events);
const YEAR = 52 / 12;

let f: Fixture;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  f = await startFixture({ events });
  await f.refresh();
});
afterAll(async () => {
  await f.close();
  vi.useRealTimers();
});

interface Lever {
  id: string;
  baseline: number;
  min: number;
  max: number;
  step: number;
}
interface Levers {
  currency: string;
  baseline: { from: string; to: string; weeks: number; annualRunRate: { value: number } };
  levers: Lever[];
  unusedDrivers: string[];
  basis: Parameters<typeof project>[0];
}
interface Projection {
  annualRunRate: { value: number; low: number; high: number };
  baseline: { annualRunRate: { value: number } };
  months: Array<{ month: number; value: number; low: number; high: number }>;
  drivers: Array<{ id: string; baseline: number; scenario: number; delta: number }>;
  clamped: Array<{ lever: string; requested: number; used: number }>;
}

async function post(
  path: string,
  body: unknown,
  account = ACME,
  role: 'viewer' | 'editor' = 'viewer',
) {
  return postJson(f.t.app, path, body, bearer(await f.token(account, role)));
}

/** The people with at least one of the driver's events in the window, counted from the events. */
function adoptersOf(
  driver: 'automation_hours' | 'deal_revenue' | 'active_analysts',
  account = ACME,
) {
  return new Set(expected.matching(driver, account, WINDOW).map(personOf)).size;
}

describe('GET /v1/scenarios/levers', () => {
  it('starts from the 12 complete weeks ending yesterday, at 52/12 × their money', async () => {
    const body = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    expect(body.baseline).toMatchObject({ ...WINDOW, weeks: 12 });
    const money = expected.money(ACME, WINDOW);
    expect(money).toBeGreaterThan(0);
    expect(body.baseline.annualRunRate.value).toBeCloseTo(YEAR * money, 1);
    // The same money as the value API shows for those days.
    const summary = await f.getJson<{ total: { money: number } }>(
      `/v1/value/summary?from=${WINDOW.from}&to=${WINDOW.to}`,
      ACME,
    );
    expect(body.baseline.annualRunRate.value).toBeCloseTo(YEAR * summary.total.money, 1);
  });

  it('offers adoption and intensity per driver and the editable assumptions, from the account', async () => {
    const body = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    const byId = new Map(body.levers.map((lever) => [lever.id, lever]));
    expect([...byId.keys()].sort()).toEqual([
      'adoption:active_analysts',
      'adoption:automation_hours',
      'adoption:deal_revenue',
      'assumption:hourly_rate',
      'intensity:automation_hours',
      'intensity:deal_revenue',
    ]);
    const runners = adoptersOf('automation_hours');
    const hours = expected.figures('automation_hours', ACME, WINDOW).value;
    expect(byId.get('adoption:automation_hours')).toMatchObject({
      baseline: runners,
      min: 0,
      max: Math.max(3 * runners, runners + 25),
    });
    expect(byId.get('intensity:automation_hours')?.baseline).toBeCloseTo(hours / 12 / runners, 9);
    expect(byId.get('adoption:active_analysts')?.baseline).toBe(adoptersOf('active_analysts'));
    expect(byId.get('assumption:hourly_rate')).toMatchObject({
      baseline: HOURLY_RATE,
      min: 10,
      max: 500,
    });
    expect(body.unusedDrivers).toEqual([]);
  });

  it('answers for the token’s account only', async () => {
    const globex = await f.getJson<Levers>('/v1/scenarios/levers', GLOBEX);
    expect(globex.baseline.annualRunRate.value).toBeCloseTo(
      YEAR * expected.money(GLOBEX, WINDOW),
      1,
    );
    const acme = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    expect(globex.baseline.annualRunRate.value).not.toBe(acme.baseline.annualRunRate.value);
  });
});

describe('POST /v1/scenarios/project', () => {
  it('projects moved levers through each driver, by hand', async () => {
    const runners = adoptersOf('automation_hours');
    const res = await post('/v1/scenarios/project', {
      levers: { 'adoption:automation_hours': runners + 2, 'assumption:hourly_rate': 80 },
      rampMonths: 0,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = (await res.json()) as Projection;
    const hours = expected.figures('automation_hours', ACME, WINDOW).value;
    // 52 × adopters × (hours per adopter per week) × rate.
    const runs = 52 * (runners + 2) * (hours / 12 / runners) * 80;
    const deals = YEAR * expected.figures('deal_revenue', ACME, WINDOW).money;
    const analysts = YEAR * adoptersOf('active_analysts') * SEAT_VALUE;
    const byDriver = new Map(body.drivers.map((driver) => [driver.id, driver]));
    expect(byDriver.get('automation_hours')?.scenario).toBeCloseTo(runs, 1);
    expect(byDriver.get('automation_hours')?.baseline).toBeCloseTo(YEAR * hours * HOURLY_RATE, 1);
    expect(byDriver.get('deal_revenue')?.delta).toBe(0);
    expect(body.annualRunRate.value).toBeCloseTo(runs + deals + analysts, 1);
    expect(body.annualRunRate.low).toBeLessThan(body.annualRunRate.value);
    expect(body.annualRunRate.high).toBeGreaterThan(body.annualRunRate.value);
    expect(body.months).toHaveLength(12);
    expect(body.clamped).toEqual([]);
  });

  it('gives the numbers the browser computes from the levers’ basis with the same module', async () => {
    const { basis } = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    const plan = {
      levers: { 'adoption:deal_revenue': 6, 'intensity:automation_hours': 1.5 },
      horizonMonths: 18,
      rampMonths: 4,
    };
    const res = await post('/v1/scenarios/project', plan);
    const { currency: _currency, ...served } = (await res.json()) as Projection & {
      currency: string;
    };
    expect(served).toEqual(project(basis, plan.levers, plan));
  });

  it('moves values outside the bounds onto them and says so', async () => {
    const res = await post('/v1/scenarios/project', {
      levers: { 'adoption:automation_hours': 10_000, 'assumption:hourly_rate': 5 },
    });
    const body = (await res.json()) as Projection;
    const runners = adoptersOf('automation_hours');
    expect(body.clamped).toEqual([
      {
        lever: 'adoption:automation_hours',
        requested: 10_000,
        used: Math.max(3 * runners, runners + 25),
      },
      { lever: 'assumption:hourly_rate', requested: 5, used: 10 },
    ]);
  });
});

describe('POST /v1/scenarios/goal-seek', () => {
  it('finds the adopters that reach a target, rounded up to whole people', async () => {
    const { baseline, levers } = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    const runners = adoptersOf('automation_hours');
    const intensity = levers.find((lever) => lever.id === 'intensity:automation_hours')
      ?.baseline as number;
    const perPerson = 52 * intensity * HOURLY_RATE;
    const target = baseline.annualRunRate.value + 2.5 * perPerson;
    const res = await post('/v1/scenarios/goal-seek', {
      target,
      lever: 'adoption:automation_hours',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { found: boolean; value: number; annualRunRate: number };
    expect(body.found).toBe(true);
    expect(body.value).toBe(runners + 3);
    expect(body.annualRunRate).toBeCloseTo(baseline.annualRunRate.value + 3 * perPerson, 1);
  });

  it('says what the lever can do at most when the target is beyond it', async () => {
    const res = await post('/v1/scenarios/goal-seek', {
      target: 1e12,
      lever: 'assumption:hourly_rate',
    });
    const body = (await res.json()) as { found: boolean; best: { value: number } };
    expect(body.found).toBe(false);
    expect(body.best.value).toBe(500);
  });

  it('refuses a lever the target does not depend on, with the reason', async () => {
    const res = await post('/v1/scenarios/goal-seek', {
      target: 1_000_000,
      lever: 'adoption:deal_revenue',
      levers: { 'intensity:deal_revenue': 0 },
    });
    const error = await expectError(res, 400, 'lever_not_relevant');
    expect(error.message).toMatch(/does not depend on "adoption:deal_revenue"/);
  });
});

describe('bad input', () => {
  it('names the valid levers for an unknown one', async () => {
    const res = await post('/v1/scenarios/project', { levers: { 'adoption:nothing': 3 } });
    const error = await expectError(res, 400, 'unknown_lever');
    expect(error.message).toContain('adoption:automation_hours');
  });

  it('answers 400 with the path for non-numbers, out-of-range horizons, too many levers', async () => {
    for (const [body, path] of [
      [{ levers: { 'adoption:automation_hours': 'many' } }, 'levers.adoption:automation_hours'],
      [{ levers: {}, horizonMonths: 0 }, 'horizonMonths'],
      [{ levers: {}, rampMonths: 1.5 }, 'rampMonths'],
      [
        { levers: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`x${i}`, 1])) },
        'levers',
      ],
      [{ levers: {}, accountId: GLOBEX }, ''],
    ] as const) {
      const res = await post('/v1/scenarios/project', body);
      const error = await expectError(res, 400, 'invalid_request');
      expect(JSON.stringify(error.issues)).toContain(`"path":"${path}`);
    }
    const seek = await post('/v1/scenarios/goal-seek', {
      target: Number.MAX_VALUE * 2,
      lever: 'x',
    });
    expect(seek.status).toBe(400);
  });

  it('answers 409 while the vendor has no value model', async () => {
    const bare = await startFixture({ model: null });
    try {
      const res = await bare.get('/v1/scenarios/levers', ACME);
      await expectError(res, 409, 'no_value_model');
    } finally {
      await bare.close();
    }
  });
});

describe('security', () => {
  it('wants an embed token: none, or the secret key, is 401', async () => {
    await expectError(await f.t.app.request('/v1/scenarios/levers'), 401, 'unauthorized');
    const res = await postJson(f.t.app, '/v1/scenarios/project', { levers: {} }, {});
    await expectError(res, 401, 'unauthorized');
  });
});
