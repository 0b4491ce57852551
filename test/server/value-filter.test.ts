import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, bearer, expectError } from '../helpers.ts';
import {
  ACME,
  DRIVER_IDS,
  type DriverId,
  dayAt,
  Expected,
  expectMoney,
  expectNumber,
  FIRST_DAY,
  type Fixture,
  type FixtureEvent,
  fixtureEvents,
  GLOBEX,
  LAST_DAY,
  mondayOf,
  type Range,
  startFixture,
  teamOf,
  workspaceOf,
} from './value-fixture.ts';

/**
 * The `filter=<by>:<value>` cut on every customer-facing value query, on the real app, against the
 * fixture's independent calculator restricted to the same cut.
 */

const LINEAR = 'linear-co';
const today = new Date().toISOString().slice(0, 10);
const thisMonday = mondayOf(today);
const LINEAR_WEEKS = 8;
const opsRuns = (week: number) => 5 + 3 * week;
const QA_RUNS = 2;

/** Eight complete weeks for linear-co: its ops team grows by three runs a week, qa stays at two. */
function recentEvents(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  let n = 0;
  const run = (day: string, team: string) =>
    events.push({
      type: 'track',
      messageId: `cut-${++n}`,
      userId: `${team}-user`,
      groupId: LINEAR,
      event: 'Workflow Run Completed',
      properties: { status: 'success', team, workspace: 'main' },
      timestamp: `${day}T12:00:00.000Z`,
    });
  for (let week = 0; week < LINEAR_WEEKS; week++) {
    const wednesday = dayAt(thisMonday, -7 * (LINEAR_WEEKS - week) + 2);
    for (let i = 0; i < opsRuns(week); i++) run(wednesday, 'ops');
    for (let i = 0; i < QA_RUNS; i++) run(wednesday, 'qa');
  }
  return events;
}

const events = [...fixtureEvents(), ...recentEvents()];
const expected = new Expected(events);
const LATE: Range = { from: dayAt(FIRST_DAY, 28), to: LAST_DAY };
const EARLY: Range = { from: FIRST_DAY, to: dayAt(FIRST_DAY, 27) };
const WHOLE: Range = { from: FIRST_DAY, to: LAST_DAY };
const ops = (event: FixtureEvent) => teamOf(event) === 'ops';
let f: Fixture;

beforeAll(async () => {
  f = await startFixture({ events });
  for (const [account, promise] of [
    [ACME, { target: 1_000, from: FIRST_DAY, to: LAST_DAY }],
    [LINEAR, { target: 5_000, from: dayAt(thisMonday, -56), to: dayAt(today, 60) }],
  ] as const) {
    const res = await f.t.app.request(`/v1/admin/accounts/${account}/promises`, {
      method: 'PUT',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ promises: [promise] }),
    });
    expect(res.status).toBe(200);
  }
});

afterAll(async () => {
  await f.close();
});

const query = (path: string, params: object) => {
  const search = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return `${path}?${search}`;
};

interface Figures {
  quantity: number;
  value: number;
  money: number;
}
interface Summary {
  filter?: { by: string; value: string };
  total: { money: number; previous: { money: number }; modelled: number };
  drivers: Array<Figures & { id: string; previous: Figures }>;
  price?: unknown;
  roi?: unknown;
  payback?: unknown;
  promises?: unknown[];
  omitted?: { fields: string[]; reason: string };
  dataStatus: { state: string; firstDay?: string; lastDay?: string };
}

function expectFigures(
  actual: Figures,
  driver: DriverId,
  account: string,
  range: Range,
  keep = ops,
) {
  const want = expected.figures(driver, account, range, { keep });
  expectNumber(actual.quantity, want.quantity, 0.005);
  expectNumber(actual.value, want.value, 0.005);
  expectMoney(actual.money, want.money);
}

const moneyOf = (account: string, range: Range, keep: (event: FixtureEvent) => boolean) =>
  DRIVER_IDS.reduce((sum, d) => sum + expected.figures(d, account, range, { keep }).money, 0);

describe('filter on GET /v1/value/summary', () => {
  it('counts only the team asked for, each driver and the total, now and before', async () => {
    const body = await f.getJson<Summary>(
      query('/v1/value/summary', { ...LATE, filter: 'team:ops' }),
      ACME,
    );
    expect(body.filter).toEqual({ by: 'team', value: 'ops' });
    expect(body.drivers.map((d) => d.id)).toEqual([...DRIVER_IDS]);
    for (const driver of body.drivers) {
      expectFigures(driver, driver.id as DriverId, ACME, LATE);
      expectFigures(driver.previous, driver.id as DriverId, ACME, EARLY);
    }
    expectMoney(body.total.money, moneyOf(ACME, LATE, ops), 0.02);
    expectMoney(body.total.previous.money, moneyOf(ACME, EARLY, ops), 0.02);
    // A real cut: less than the whole account, more than nothing.
    expect(body.total.money).toBeLessThan(moneyOf(ACME, LATE, () => true) - 1);
    expect(body.total.money).toBeGreaterThan(0);
  });

  it('never holds a slice against the account-wide price or promises', async () => {
    const whole = await f.getJson<Summary>(query('/v1/value/summary', WHOLE), ACME);
    expect(whole.roi).toBeDefined();
    expect(whole.promises).toHaveLength(1);
    const cut = await f.getJson<Summary>(
      query('/v1/value/summary', { ...WHOLE, filter: 'team:ops' }),
      ACME,
    );
    for (const key of ['price', 'roi', 'payback', 'promises'] as const) {
      expect(cut).not.toHaveProperty(key);
    }
    expect(cut.omitted?.fields).toEqual(['price', 'roi', 'payback', 'promises']);
    expect(cut.omitted?.reason).toBe('whole_account_only');
    expect(whole).not.toHaveProperty('filter');
    expect(whole).not.toHaveProperty('omitted');
  });

  it('by feature keeps only that feature’s drivers', async () => {
    const body = await f.getJson<Summary>(
      query('/v1/value/summary', { ...LATE, filter: 'feature:deals' }),
      ACME,
    );
    expect(body.filter).toEqual({ by: 'feature', value: 'deals' });
    expect(body.drivers.map((d) => d.id)).toEqual(['deal_revenue']);
    const want = expected.figures('deal_revenue', ACME, LATE).money;
    expectMoney(body.total.money, want);
    expect(body.total.modelled).toBe(0);
  });

  it('a value nobody has is zeros with no_data, and a value may hold colons', async () => {
    const body = await f.getJson<Summary>(
      query('/v1/value/summary', { ...LATE, filter: 'team:a:b' }),
      ACME,
    );
    expect(body.filter).toEqual({ by: 'team', value: 'a:b' });
    expect(body.total.money).toBe(0);
    expect(body.dataStatus.state).toBe('no_data');
    const none = await f.getJson<Summary>(
      query('/v1/value/summary', { ...LATE, filter: 'feature:nothing' }),
      ACME,
    );
    expect(none.drivers).toEqual([]);
    expect(none.total.money).toBe(0);
  });

  it('data status follows the slice: its own first and last day', async () => {
    const finance = (event: FixtureEvent) => teamOf(event) === 'finance';
    const days = DRIVER_IDS.flatMap((d) =>
      expected.matching(d, ACME, WHOLE, finance).map((e) => e.timestamp.slice(0, 10)),
    ).sort();
    const body = await f.getJson<Summary>(
      query('/v1/value/summary', { ...WHOLE, filter: 'team:finance' }),
      ACME,
    );
    expect(body.dataStatus.firstDay).toBe(days[0]);
    expect(body.dataStatus.lastDay).toBe(days.at(-1));
  });
});

describe('filter on series, breakdown, explain', () => {
  it('series: each week’s total money is the slice’s', async () => {
    const body = await f.getJson<{
      filter: unknown;
      total: Array<{ bucket: string; money: number }>;
    }>(query('/v1/value/series', { ...WHOLE, grain: 'week', filter: 'workspace:north' }), ACME);
    expect(body.filter).toEqual({ by: 'workspace', value: 'north' });
    expect(body.total).toHaveLength(8);
    for (const point of body.total) {
      const week = { from: point.bucket, to: dayAt(point.bucket, 6) };
      expectMoney(
        point.money,
        moneyOf(ACME, week, (e) => workspaceOf(e) === 'north'),
        0.02,
      );
    }
  });

  it('breakdown by another segment splits the slice; by the same one is one row', async () => {
    const body = await f.getJson<{
      filter: unknown;
      contributions: Array<{ key: string; money: number; share: number }>;
    }>(query('/v1/value/breakdown', { ...WHOLE, by: 'workspace', filter: 'team:ops' }), ACME);
    expect(body.filter).toEqual({ by: 'team', value: 'ops' });
    const keys = expected.keys(undefined, ACME, WHOLE, workspaceOf);
    for (const key of keys) {
      const row = body.contributions.find((c) => c.key === key);
      const want = moneyOf(ACME, WHOLE, (e) => ops(e) && workspaceOf(e) === key);
      expectMoney(row?.money ?? 0, want, 0.02);
    }
    const same = await f.getJson<{ contributions: Array<{ key: string; share: number }> }>(
      query('/v1/value/breakdown', { ...WHOLE, by: 'team', filter: 'team:ops' }),
      ACME,
    );
    expect(same.contributions.map((c) => [c.key, c.share])).toEqual([['ops', 1]]);
  });

  it('breakdown by feature under a team filter, one driver', async () => {
    const body = await f.getJson<{
      contributions: Array<{ key: string; quantity: number; money: number }>;
    }>(
      query('/v1/value/breakdown', {
        ...WHOLE,
        by: 'feature',
        driver: 'automation_hours',
        filter: 'team:sales',
      }),
      ACME,
    );
    const want = expected.figures('automation_hours', ACME, WHOLE, {
      keep: (e) => teamOf(e) === 'sales',
    });
    expect(body.contributions).toHaveLength(1);
    expectNumber(body.contributions[0]?.quantity, want.quantity);
    expectMoney(body.contributions[0]?.money, want.money);
  });

  it('explain: the change of the slice between two periods', async () => {
    const body = await f.getJson<{
      filter: unknown;
      total: { current: number; previous: number };
      dimensions: Array<{ by: string; contributions: Array<{ segment: string }> }>;
    }>(query('/v1/value/explain', { ...LATE, filter: 'team:ops' }), ACME);
    expect(body.filter).toEqual({ by: 'team', value: 'ops' });
    expectMoney(body.total.current, moneyOf(ACME, LATE, ops), 0.02);
    expectMoney(body.total.previous, moneyOf(ACME, EARLY, ops), 0.02);
    const team = body.dimensions.find((d) => d.by === 'team');
    expect(team?.contributions.map((c) => c.segment)).toEqual(['ops']);
  });

  it('a driver outside the feature filtered on is a 400 naming the filter', async () => {
    const res = await f.get(
      query('/v1/value/series', { ...WHOLE, driver: 'deal_revenue', filter: 'feature:reports' }),
      ACME,
    );
    const error = await expectError(res, 400, 'unknown_driver');
    expect(error.message).toContain('feature "reports"');
  });
});

describe('filter on forecast and story', () => {
  it('forecast: the slice’s weekly history, projected to a horizon, not to the promise', async () => {
    interface Forecast {
      filter?: unknown;
      history: Array<{ bucket: string; value: number }>;
      promise?: unknown;
    }
    const whole = await f.getJson<Forecast>('/v1/value/forecast', LINEAR);
    expect(whole.promise).toBeDefined();
    const cut = await f.getJson<Forecast>(
      query('/v1/value/forecast', { filter: 'team:ops' }),
      LINEAR,
    );
    expect(cut.filter).toEqual({ by: 'team', value: 'ops' });
    expect(cut).not.toHaveProperty('promise');
    const weeks = cut.history.slice(-LINEAR_WEEKS);
    // Money of a week: ops runs × 0.2 hours × $50 = runs × $10.
    expect(weeks.map((w) => Math.round(w.value * 100) / 100)).toEqual(
      Array.from({ length: LINEAR_WEEKS }, (_, week) => opsRuns(week) * 10),
    );
  });

  it('story: no ROI or promise pace for a slice, and every query carries the filter', async () => {
    interface Fact {
      id: string;
      value: number;
      provenance: { query: string };
    }
    interface Story {
      filter?: unknown;
      headline: { facts: Fact[] };
      chapters: Array<{ insights: Array<{ type: string; facts: Fact[] }> }>;
      notices: Array<{ facts: Fact[] }>;
    }
    const body = await f.getJson<Story>(
      query('/v1/value/story', { ...LATE, filter: 'team:ops' }),
      ACME,
    );
    expect(body.filter).toEqual({ by: 'team', value: 'ops' });
    const insights = body.chapters.flatMap((c) => c.insights);
    expect(insights.map((i) => i.type)).not.toContain('roi');
    expect(insights.map((i) => i.type)).not.toContain('pace_to_promise');
    const facts = [
      ...body.headline.facts,
      ...insights.flatMap((i) => i.facts),
      ...body.notices.flatMap((n) => n.facts),
    ];
    expect(facts.length).toBeGreaterThan(0);
    for (const item of facts) {
      expect(new URL(item.provenance.query, 'http://x').searchParams.get('filter')).toBe(
        'team:ops',
      );
    }
    // The headline's money is the slice's, and its query reproduces it.
    const money = body.headline.facts.find((fact) => fact.id === 'money');
    expectMoney(money?.value, moneyOf(ACME, LATE, ops), 0.02);
    expect(body.headline.facts.map((fact) => fact.id)).not.toContain('multiple');
    const again = await f.getJson<Summary>(money?.provenance.query as string, ACME);
    expectMoney(again.total.money, money?.value as number);
    // The whole account's story does tell its ROI.
    const whole = await f.getJson<Story>(query('/v1/value/story', LATE), ACME);
    expect(whole).not.toHaveProperty('filter');
    expect(whole.headline.facts.map((fact) => fact.id)).toContain('multiple');
  });

  it('story: says plainly, in the reader’s language, that it tells one slice', async () => {
    type Told = { notices: Array<{ text: string }> };
    const notices = async (params: Record<string, string>) =>
      (await f.getJson<Told>(query('/v1/value/story', { ...LATE, ...params }), ACME)).notices.map(
        (notice) => notice.text,
      );
    expect(await notices({ filter: 'team:ops' })).toContain(
      'This story covers only ops (Team). What you pay and what was promised are for your whole account, so they are left out here.',
    );
    expect((await notices({ filter: 'team:ops', locale: 'de' })).join(' ')).toContain(
      'Diese Übersicht zeigt nur ops (Team).',
    );
    expect((await notices({ filter: 'team:ops', locale: 'es' })).join(' ')).toContain(
      'Este resumen solo cubre ops (Team).',
    );
    expect((await notices({})).join(' ')).not.toContain('covers only');
  });
});

describe('filter: errors and security', () => {
  const routes = [
    '/v1/value/summary',
    '/v1/value/series',
    '/v1/value/breakdown?by=team',
    '/v1/value/explain',
    '/v1/value/forecast',
    '/v1/value/story',
  ];
  const withFilter = (path: string, filter: string) =>
    `${path}${path.includes('?') ? '&' : '?'}filter=${encodeURIComponent(filter)}`;

  it.each(routes)('%s: 400 invalid_filter when malformed', async (path) => {
    for (const filter of ['team', 'team:', ':ops', '', `team:${'x'.repeat(201)}`]) {
      await expectError(await f.get(withFilter(path, filter), ACME), 400, 'invalid_filter');
    }
    // 200 characters is still a value.
    expect((await f.get(withFilter(path, `team:${'x'.repeat(200)}`), ACME)).status).toBe(200);
  });

  it.each(routes)('%s: 400 unknown_segment listing the segments', async (path) => {
    const error = await expectError(
      await f.get(withFilter(path, 'plan:pro'), ACME),
      400,
      'unknown_segment',
    );
    expect(error.message).toBe(
      'there is no segment "plan" to filter by; the segments are team, workspace, feature',
    );
    // "user" is a breakdown, not a filter: people are not a cut bar.
    await expectError(await f.get(withFilter(path, 'user:ana'), ACME), 400, 'unknown_segment');
  });

  it.each(routes)('%s: 401 without a token even with a filter', async (path) => {
    const res = await f.t.app.request(withFilter(path, 'team:ops'));
    await expectError(res, 401, 'unauthorized');
  });

  it('another account’s token sees only its own slice, whatever the value', async () => {
    const globex = await f.getJson<Summary>(
      query('/v1/value/summary', { ...WHOLE, filter: 'team:ops' }),
      GLOBEX,
    );
    expectMoney(globex.total.money, moneyOf(GLOBEX, WHOLE, ops), 0.02);
    // "sales" and "finance" exist only at acme: nothing for globex.
    for (const team of ['sales', 'finance']) {
      const body = await f.getJson<Summary>(
        query('/v1/value/summary', { ...WHOLE, filter: `team:${team}` }),
        GLOBEX,
      );
      expect(body.total.money).toBe(0);
    }
    const res = await f.get(
      query('/v1/value/summary', { filter: 'team:ops', account: ACME }),
      GLOBEX,
    );
    await expectError(res, 403, 'forbidden');
  });

  it('a value shaped like SQL is only a value', async () => {
    for (const value of ["ops' OR '1'='1", 'ops") OR 1=1 --', "'; DROP TABLE value_facts; --"]) {
      const body = await f.getJson<Summary>(
        query('/v1/value/summary', { ...WHOLE, filter: `team:${value}` }),
        ACME,
      );
      expect(body.total.money).toBe(0);
      expect(body.filter).toEqual({ by: 'team', value });
    }
    const after = await f.getJson<Summary>(query('/v1/value/summary', WHOLE), ACME);
    expectMoney(
      after.total.money,
      moneyOf(ACME, WHOLE, () => true),
      0.02,
    );
  });

  it('headers cannot pick the account either', async () => {
    const token = await f.token(ACME);
    const res = await f.t.app.request(query('/v1/value/summary', { filter: 'team:support' }), {
      headers: { ...bearer(token), 'x-account-id': GLOBEX },
    });
    const body = (await res.json()) as Summary & { account: string };
    expect(body.account).toBe(ACME);
    expect(body.total.money).toBe(0);
  });
});
