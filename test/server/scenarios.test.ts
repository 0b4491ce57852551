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
  INITECH,
  personOf,
  SEAT_VALUE,
  startFixture,
  weeklyRunEvents,
} from './value-fixture.ts';

/**
 * Scenario planning through the real API. The clock stands the day after the fixture's last day,
 * so the 12 complete weeks ending yesterday hold all of its activity; the fixture's accounts are
 * younger than that, so each one's baseline runs from its first day with value, and a year is
 * 52 / its weeks since then. Expected figures come from the fixture's events, counted by hand
 * (Expected), not from the code.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
const TWELVE_WEEKS = { from: dayAt('2025-04-27', -83), to: '2025-04-27' };
const events = fixtureEvents();
const expected = new Expected(events);
/** The account's baseline: the 12 weeks, from its first day with value when it began inside them. */
function windowOf(account: string) {
  const first = expected.firstDay(account) ?? TWELVE_WEEKS.from;
  if (first <= TWELVE_WEEKS.from) return TWELVE_WEEKS;
  return { from: first, to: TWELVE_WEEKS.to };
}
const weeksOf = (account: string) => expected.weeksIn(account, TWELVE_WEEKS);
/** The baseline's run rate: counted and summed value at its weekly pace, people once per 12 weeks. */
function runRateOf(account: string): number {
  const window = windowOf(account);
  const people = expected.figures('active_analysts', account, window).money;
  return (52 / weeksOf(account)) * (expected.money(account, window) - people) + (52 / 12) * people;
}
const WINDOW = windowOf(ACME);
const WEEKS = weeksOf(ACME);
/** A year of the baseline's pace, for ACME. */
const YEAR = 52 / WEEKS;

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
  it('starts from the account’s first day with value within the 12 weeks ending yesterday, at 52 / its weeks × their money', async () => {
    const body = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    // Younger than 12 weeks: its own days, not weeks before it was a customer.
    expect(WINDOW.from > TWELVE_WEEKS.from).toBe(true);
    expect(WEEKS).toBeLessThan(12);
    expect(body.baseline).toMatchObject(WINDOW);
    expect(body.baseline.weeks).toBeCloseTo(WEEKS, 12);
    expect(body.basis.weeks).toBeCloseTo(WEEKS, 12);
    expect(body.basis.weeklyMoney).toHaveLength(Math.floor(WEEKS));
    const money = expected.money(ACME, WINDOW);
    // People are counted once per 12 weeks, whatever the window: their year stays 52/12 of it.
    const people = expected.figures('active_analysts', ACME, WINDOW).money;
    expect(money).toBeGreaterThan(people);
    expect(body.baseline.annualRunRate.value).toBeCloseTo(runRateOf(ACME), 1);
    expect(runRateOf(ACME)).toBeCloseTo(YEAR * (money - people) + (52 / 12) * people, 6);
    // The same money as the value API shows for those days.
    const summary = await f.getJson<{ total: { money: number } }>(
      `/v1/value/summary?from=${WINDOW.from}&to=${WINDOW.to}`,
      ACME,
    );
    expect(summary.total.money).toBeCloseTo(money, 1);
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
    expect(byId.get('intensity:automation_hours')?.baseline).toBeCloseTo(
      hours / WEEKS / runners,
      9,
    );
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
    expect(globex.baseline.annualRunRate.value).toBeCloseTo(runRateOf(GLOBEX), 1);
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
    const runs = 52 * (runners + 2) * (hours / WEEKS / runners) * 80;
    const deals = YEAR * expected.figures('deal_revenue', ACME, WINDOW).money;
    const analysts = (52 / 12) * adoptersOf('active_analysts') * SEAT_VALUE;
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

interface Saved {
  id: string;
  name: string;
  description: string | null;
  author: string;
  mine: boolean;
  shared: boolean;
  levers: Record<string, number>;
  saved: {
    modelVersion: number;
    from: string;
    to: string;
    baselineRunRate: number;
    planRunRate: number;
  };
  current: {
    from: string;
    baselineRunRate: { value: number };
    planRunRate: { value: number };
    moved: boolean;
    droppedLevers: string[];
  };
}

async function as(
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  who: { account?: string; role?: 'viewer' | 'editor'; user?: string },
  body?: unknown,
) {
  const token = await f.token(who.account ?? ACME, who.role ?? 'viewer', who.user);
  return f.t.app.request(path, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function save(body: unknown, who: { account?: string; user?: string } = {}) {
  const token = await f.token(who.account ?? ACME, 'viewer', who.user);
  return postJson(f.t.app, '/v1/scenarios', body, bearer(token));
}

describe('saved plans', () => {
  it('keeps a plan with what it showed, on its steps, and lists it for its author', async () => {
    const runners = adoptersOf('automation_hours');
    const res = await save(
      { name: '  More runners ', levers: { 'adoption:automation_hours': runners + 4.4 } },
      { user: 'maria' },
    );
    expect(res.status).toBe(201);
    const plan = (await res.json()) as Saved;
    expect(plan).toMatchObject({
      name: 'More runners',
      description: null,
      author: 'maria',
      mine: true,
      shared: false,
      levers: { 'adoption:automation_hours': runners + 4 },
    });
    const { baseline } = await f.getJson<Levers>('/v1/scenarios/levers', ACME);
    expect(plan.saved).toMatchObject({ ...WINDOW, modelVersion: 1 });
    expect(plan.saved.baselineRunRate).toBe(baseline.annualRunRate.value);
    expect(plan.current.planRunRate.value).toBe(plan.saved.planRunRate);
    expect(plan.current.moved).toBe(false);

    const mine = await as('GET', '/v1/scenarios', { user: 'maria' });
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    const list = (await mine.json()) as { scenarios: Saved[]; limit: number };
    expect(list.limit).toBe(200);
    expect(list.scenarios.map((s) => s.id)).toContain(plan.id);
    // Not shared: another person in the account neither lists nor opens it.
    const theirs = (await (await as('GET', '/v1/scenarios', { user: 'omar' })).json()) as {
      scenarios: Saved[];
    };
    expect(theirs.scenarios.map((s) => s.id)).not.toContain(plan.id);
    await expectError(
      await as('GET', `/v1/scenarios/${plan.id}`, { user: 'omar' }),
      404,
      'not_found',
    );
  });

  it('lets the author rename, share and re-plan; its first figures move only with its inputs', async () => {
    const created = (await (
      await save({ name: 'Draft', levers: {} }, { user: 'maria' })
    ).json()) as Saved;
    const renamed = await as(
      'PUT',
      `/v1/scenarios/${created.id}`,
      { user: 'maria' },
      {
        name: 'Rates up',
        description: 'If an hour costs more',
        shared: true,
      },
    );
    expect(renamed.status).toBe(200);
    const after = (await renamed.json()) as Saved;
    expect(after).toMatchObject({
      name: 'Rates up',
      description: 'If an hour costs more',
      shared: true,
    });
    expect(after.saved).toEqual(created.saved);
    const replanned = (await (
      await as(
        'PUT',
        `/v1/scenarios/${created.id}`,
        { user: 'maria' },
        {
          levers: { 'assumption:hourly_rate': 100 },
        },
      )
    ).json()) as Saved;
    const hours = expected.figures('automation_hours', ACME, WINDOW).value;
    // Only the hours' rate moves: 52 / its weeks × hours × (100 − 50) more a year.
    expect(replanned.saved.planRunRate - created.saved.planRunRate).toBeCloseTo(
      YEAR * hours * (100 - HOURLY_RATE),
      1,
    );
    // Shared now: others in the account see it.
    const seen = await as('GET', `/v1/scenarios/${created.id}`, { user: 'omar' });
    expect(((await seen.json()) as Saved).mine).toBe(false);
  });

  it('lets only the author or an editor change or delete a shared plan', async () => {
    const plan = (await (
      await save({ name: 'Shared', levers: {}, shared: true }, { user: 'maria' })
    ).json()) as Saved;
    const rename = await as(
      'PUT',
      `/v1/scenarios/${plan.id}`,
      { user: 'omar' },
      { name: 'Mine now' },
    );
    await expectError(rename, 403, 'forbidden');
    const viewerDelete = await as('DELETE', `/v1/scenarios/${plan.id}`, { user: 'omar' });
    const error = await expectError(viewerDelete, 403, 'forbidden');
    expect(error.message).toContain('author or an editor');
    const editorDelete = await as('DELETE', `/v1/scenarios/${plan.id}`, {
      user: 'omar',
      role: 'editor',
    });
    expect(editorDelete.status).toBe(200);
    expect(await editorDelete.json()).toEqual({ id: plan.id, deleted: true });
    await expectError(
      await as('GET', `/v1/scenarios/${plan.id}`, { user: 'maria' }),
      404,
      'not_found',
    );
  });

  it('answers 404 for another account’s plan, whatever the token’s role', async () => {
    const plan = (await (
      await save({ name: 'Acme only', levers: {}, shared: true }, { user: 'maria' })
    ).json()) as Saved;
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await as(
        method,
        `/v1/scenarios/${plan.id}`,
        { account: GLOBEX, role: 'editor' },
        method === 'PUT' ? { name: 'x' } : undefined,
      );
      await expectError(res, 404, 'not_found');
    }
    expect((await as('GET', `/v1/scenarios/${plan.id}`, { user: 'maria' })).status).toBe(200);
  });

  it('shows then and now once the account’s figures have moved', async () => {
    const plan = (await (
      await save(
        { name: 'Before the rate', levers: { 'adoption:automation_hours': 2 } },
        {
          account: INITECH,
          user: 'kim',
        },
      )
    ).json()) as Saved;
    expect(plan.current.moved).toBe(false);
    const changed = await as(
      'PUT',
      '/v1/value/assumptions/hourly_rate',
      { account: INITECH, role: 'editor' },
      {
        value: 80,
      },
    );
    expect(changed.status).toBe(200);
    const later = (await (
      await as('GET', `/v1/scenarios/${plan.id}`, { account: INITECH, user: 'kim' })
    ).json()) as Saved;
    expect(later.current.moved).toBe(true);
    expect(later.saved).toEqual(plan.saved);
    expect(later.current.baselineRunRate.value).toBeGreaterThan(plan.saved.baselineRunRate);
  });

  it('refuses bad plans with the path, and unknown levers by name', async () => {
    for (const [body, path] of [
      [{ name: '   ', levers: {} }, 'name'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ name: 'ok', description: 'x'.repeat(1_001) }, 'description'],
      [
        { name: 'ok', levers: { 'adoption:automation_hours': Number.NaN } },
        'levers.adoption:automation_hours',
      ],
      [{ name: 'ok', horizonMonths: 37 }, 'horizonMonths'],
      [{ name: 'ok', author: 'someone-else' }, ''],
    ] as const) {
      const res = await save(body);
      const error = await expectError(res, 400, 'invalid_request');
      expect(JSON.stringify(error.issues)).toContain(`"path":"${path}`);
    }
    await expectError(
      await save({ name: 'ok', levers: { 'adoption:nothing': 1 } }),
      400,
      'unknown_lever',
    );
  });

  it('keeps at most 200 plans an account, then answers 409 with the limit', async () => {
    for (let i = 0; i < 200; i++) {
      const res = await save({ name: `Plan ${i}` }, { account: 'empty-co', user: 'u' });
      expect(res.status).toBe(201);
    }
    const error = await expectError(
      await save({ name: 'One more' }, { account: 'empty-co', user: 'u' }),
      409,
      'scenario_limit',
    );
    expect(error.message).toContain('200 saved plans');
    // Other accounts are not held back by it.
    expect((await save({ name: 'Elsewhere' }, { account: GLOBEX })).status).toBe(201);
  });
});

describe('peers for a driver the account has not used', () => {
  // Five accounts run workflows, one person each, 5…25 runs a week (0.2 h each): intensities of
  // 1, 2, 3, 4 and 5 hours a week. Each has been a customer for longer than the 12 weeks (a run a
  // fortnight before them), so the whole window is theirs. A sixth only closes deals.
  let peers: Fixture;
  beforeAll(async () => {
    const runners = [5, 10, 15, 20, 25].flatMap((runs, index) => [
      ...weeklyRunEvents(
        `peer-${index}`,
        Array.from({ length: 12 }, () => runs),
        '2025-04-28',
      ),
      ...weeklyRunEvents(`peer-${index}-before`, [1], dayAt(TWELVE_WEEKS.from, -7)).map(
        (event) => ({ ...event, userId: `user-peer-${index}`, groupId: `peer-${index}` }),
      ),
    ]);
    const deals = Array.from({ length: 12 }, (_, week) => ({
      type: 'track' as const,
      messageId: `newbie-deal-${week}`,
      userId: 'nina',
      groupId: 'newbie',
      event: 'Deal Closed',
      properties: { amount: 1_000 },
      timestamp: `${dayAt('2025-02-05', 7 * week)}T12:00:00.000Z`,
    }));
    peers = await startFixture({ events: [...runners, ...deals] });
    await peers.refresh();
  });
  afterAll(async () => {
    await peers.close();
  });

  it('starts the intensity at the peers’ median, bounded by their 90th percentile', async () => {
    const body = await peers.getJson<Levers>('/v1/scenarios/levers', 'newbie');
    const byId = new Map(body.levers.map((lever) => [lever.id, lever]));
    expect(byId.get('intensity:automation_hours')).toMatchObject({
      baseline: 3,
      min: 0,
      max: 4.6,
      peerAccounts: 5,
    });
    expect(byId.get('adoption:automation_hours')).toMatchObject({ baseline: 0, max: 25 });
    // Nobody else closes deals: no peer figure from one account.
    const runner = await peers.getJson<Levers>('/v1/scenarios/levers', 'peer-0');
    expect(runner.unusedDrivers).toEqual(['deal_revenue']);
    expect(JSON.stringify(runner.basis)).not.toContain('newbie');
    expect(JSON.stringify(body.basis)).not.toMatch(/peer-\d/);
  });

  it('projects new adopters at that intensity', async () => {
    const res = await postJson(
      peers.t.app,
      '/v1/scenarios/project',
      { levers: { 'adoption:automation_hours': 4 }, rampMonths: 0 },
      bearer(await peers.token('newbie')),
    );
    const body = (await res.json()) as Projection;
    const runs = body.drivers.find((driver) => driver.id === 'automation_hours');
    // 52 × 4 people × 3 hours a week × 50 USD.
    expect(runs).toMatchObject({ baseline: 0, scenario: 52 * 4 * 3 * HOURLY_RATE });
  });
});

describe('goal seek on a promise’s own unit', () => {
  it('finds the people it takes for a driver’s hours a year', async () => {
    const runners = adoptersOf('automation_hours');
    const hours = expected.figures('automation_hours', ACME, WINDOW).value;
    const perPerson = (52 * hours) / WEEKS / runners;
    const res = await post('/v1/scenarios/goal-seek', {
      target: perPerson * (runners + 2.5),
      lever: 'adoption:automation_hours',
      driver: 'automation_hours',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { found: boolean; value: number; driverValue: number };
    expect(body.found).toBe(true);
    expect(body.value).toBe(runners + 3);
    expect(body.driverValue).toBeCloseTo(perPerson * (runners + 3), 3);
    const unknown = await post('/v1/scenarios/goal-seek', {
      target: 10,
      lever: 'adoption:automation_hours',
      driver: 'nothing',
    });
    await expectError(unknown, 400, 'unknown_driver');
  });
});
