import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedSigningKey, mintEmbedToken } from '../../server/auth/embed.ts';
import { adminAuth, bearer, expectError, SECRET_KEY } from '../helpers.ts';
import {
  ACCOUNTS,
  ACME,
  ACME_IDLE_WEEK,
  ARR,
  DEFAULT_RATES,
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
  HOURS_PER_RUN,
  INITECH,
  LAST_DAY,
  mondayOf,
  personOf,
  type Range,
  startFixture,
  teamOf,
  workspaceOf,
} from './value-fixture.ts';

/**
 * The customer-facing value API on the real app: events in through /v1/batch, the model through
 * /v1/admin/model, tokens through /v1/embed/sessions. Every figure is compared with the fixture's
 * independent calculator.
 */

const LINEAR = 'linear-co';
const FRESH = 'fresh-co';
const GHOST = 'ghost-co';

const today = new Date().toISOString().slice(0, 10);
const thisMonday = mondayOf(today);

/** Runs 5, 8, 11, … in the eight complete weeks before this one: a slope of 3 runs a week. */
const LINEAR_WEEKS = 8;
const linearRuns = (week: number) => 5 + 3 * week;

function recentEvents(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  let n = 0;
  const run = (account: string, day: string, userId: string) =>
    events.push({
      type: 'track',
      messageId: `recent-${++n}`,
      userId,
      groupId: account,
      event: 'Workflow Run Completed',
      properties: { status: 'success', team: 'ops', workspace: 'north' },
      timestamp: `${day}T12:00:00.000Z`,
    });
  for (let week = 0; week < LINEAR_WEEKS; week++) {
    // Wednesday of each complete week, oldest first.
    const wednesday = dayAt(thisMonday, -7 * (LINEAR_WEEKS - week) + 2);
    for (let i = 0; i < linearRuns(week); i++) run(LINEAR, wednesday, `lin-${i % 4}`);
  }
  // Three complete weeks of history only: one short of a trend.
  for (let week = 1; week <= 3; week++) {
    for (let i = 0; i < 4; i++) run(FRESH, dayAt(thisMonday, -7 * week + 1), 'fresh-user');
  }
  return events;
}

const events = [...fixtureEvents(), ...recentEvents()];
const expected = new Expected(events);
let f: Fixture;

beforeAll(async () => {
  f = await startFixture({ events });
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

/** Week indexes 4–7 of the fixture, and the four weeks before them. */
const LATE: Range = { from: dayAt(FIRST_DAY, 28), to: LAST_DAY };
const EARLY: Range = { from: FIRST_DAY, to: dayAt(FIRST_DAY, 27) };
const WHOLE: Range = { from: FIRST_DAY, to: LAST_DAY };

interface DriverAnswer {
  id: string;
  basis: string;
  quantity: number;
  value: number;
  money: number;
  previous: { quantity: number; value: number; money: number };
  assumptions: Array<{ id: string; value: number; source: string }>;
}
interface Summary {
  account: string;
  currency: string;
  period: Range;
  previousPeriod: Range;
  total: { money: number; previous: { money: number } };
  drivers: DriverAnswer[];
  price?: { annual: number; period: number; from?: string; days?: number; basis?: string };
  roi?: { multiple: number | null };
  payback?: { days: number | null };
  promises: Array<Record<string, unknown>>;
  dataStatus: { state: string; reason?: string; firstDay?: string; lastDay?: string };
  partialDay?: string;
  comparison?: {
    period: Range;
    coverage: { current: number; compared: number };
    comparable: boolean;
    reason?: string;
  };
}

const summary = (account: string, range?: Partial<Range>) =>
  f.getJson<Summary>(query('/v1/value/summary', { ...range }), account);

function expectFigures(
  actual: { quantity: number; value: number; money: number },
  driver: DriverId,
  account: string,
  range: Range,
  options: Parameters<Expected['figures']>[3] = {},
) {
  const want = expected.figures(driver, account, range, options);
  expectNumber(actual.quantity, want.quantity, 0.005);
  expectNumber(actual.value, want.value, 0.005);
  expectMoney(actual.money, want.money);
}

describe('the fixture', () => {
  it('has a few hundred events, some unclaimed, some failing the filter, some of other names', () => {
    expect(events.length).toBeGreaterThan(300);
    const tracks = events.filter((event) => event.type === 'track');
    const unclaimed = tracks.filter(
      (e) => !e.groupId && ['shared', 'stranger'].includes(personOf(e)),
    );
    expect(unclaimed.length).toBeGreaterThan(5);
    expect(tracks.filter((e) => e.userId === 'solo').length).toBeGreaterThan(5);
    expect(tracks.filter((e) => e.properties?.status === 'failed').length).toBeGreaterThan(5);
    expect(tracks.filter((e) => e.event === 'Workflow Run Started').length).toBeGreaterThan(5);
    for (const account of [ACME, GLOBEX, INITECH]) {
      for (const driver of DRIVER_IDS) {
        expect(expected.figures(driver, account, WHOLE).quantity).toBeGreaterThan(0);
      }
    }
  });
});

describe('GET /v1/value/summary', () => {
  it.each(ACCOUNTS)(
    'equals the independent computation for %s, with the previous period',
    async (account) => {
      const body = await summary(account, LATE);
      expect(body.account).toBe(account);
      expect(body.currency).toBe('USD');
      expect(body.period).toEqual(LATE);
      expect(body.previousPeriod).toEqual(EARLY);
      expect(body.drivers.map((driver) => driver.id)).toEqual([...DRIVER_IDS]);
      for (const driver of body.drivers) {
        const id = driver.id as DriverId;
        expectFigures(driver, id, account, LATE);
        expectFigures(driver.previous, id, account, EARLY);
      }
      expectMoney(body.total.money, expected.money(account, LATE), 0.02);
      expectMoney(body.total.previous.money, expected.money(account, EARLY), 0.02);
      expect(body.dataStatus.state).toBe('ok');
    },
  );

  it('labels measured and modelled money and shows the assumptions behind each driver', async () => {
    const body = await summary(ACME, LATE);
    const byId = new Map(body.drivers.map((driver) => [driver.id, driver]));
    expect(byId.get('deal_revenue')?.basis).toBe('measured');
    expect(byId.get('deal_revenue')?.assumptions).toEqual([]);
    expect(byId.get('automation_hours')?.basis).toBe('modelled');
    expect(byId.get('automation_hours')?.assumptions).toMatchObject([
      { id: 'hourly_rate', value: 50, source: 'default' },
    ]);
    expect(byId.get('active_analysts')?.assumptions).toMatchObject([
      { id: 'seat_value', value: 40, source: 'default' },
    ]);
  });

  it('counts events without groupId for the one account their user joined, and no others', async () => {
    const solo = expected.figures('automation_hours', ACME, WHOLE, {
      keep: (event) => event.userId === 'solo',
    });
    expect(solo.quantity).toBeGreaterThan(0);
    const users = await f.getJson<{ contributions: Array<{ key: string }> }>(
      query('/v1/value/breakdown', { by: 'user', ...WHOLE }),
      ACME,
    );
    const keys = users.contributions.map((row) => row.key);
    expect(keys).toContain('solo');
    expect(keys).not.toContain('shared');
    expect(keys).not.toContain('stranger');
    // Every claimed run is counted once, for exactly one account.
    let counted = 0;
    for (const account of ACCOUNTS) {
      const body = await summary(account, WHOLE);
      counted += body.drivers.find((d) => d.id === 'automation_hours')?.quantity ?? 0;
    }
    const claimed = events.filter(
      (e) =>
        e.event === 'Workflow Run Completed' &&
        e.properties?.status === 'success' &&
        !['shared', 'stranger'].includes(personOf(e)) &&
        e.timestamp.slice(0, 10) <= LAST_DAY,
    ).length;
    expect(counted).toBe(claimed);
  });

  it('computes ROI as money ÷ (arr × days / 365) and payback from the daily rate', async () => {
    for (const account of ACCOUNTS) {
      const body = await summary(account, LATE);
      const money = expected.money(account, LATE);
      const arr = ARR[account] as number;
      const spend = (arr * 28) / 365;
      expect(body.price?.annual).toBe(arr);
      expectMoney(body.price?.period, spend);
      expectNumber(body.roi?.multiple, money / spend, 1e-5);
      expect(body.payback?.days).toBe(Math.ceil(arr / (money / 28)));
    }
  });

  it('says when the account has no data, with zeros and a reason', async () => {
    const ghost = await summary(GHOST, LATE);
    expect(ghost.total.money).toBe(0);
    expect(ghost.total.previous.money).toBe(0);
    for (const driver of ghost.drivers) {
      expect([driver.quantity, driver.value, driver.money]).toEqual([0, 0, 0]);
    }
    expect(ghost.dataStatus.state).toBe('no_data');
    expect(ghost.dataStatus.reason).toBe('no_activity');
    expect(ghost.roi).toBeUndefined();

    const before = await summary(ACME, { from: '2024-01-01', to: '2024-01-31' });
    expect(before.total.money).toBe(0);
    const firstDay = DRIVER_IDS.flatMap((driver) => expected.matching(driver, ACME, WHOLE))
      .map((event) => event.timestamp.slice(0, 10))
      .sort()[0];
    expect(before.dataStatus).toMatchObject({ state: 'no_data', firstDay, lastDay: LAST_DAY });
    expect(before.dataStatus.reason).toBe('no_activity_in_period');
    // The account had not started then: no day of the period is charged, so there is no ROI.
    expect(before.price).toMatchObject({ days: 0, period: 0 });
    expect(before.roi?.multiple).toBeNull();
    expect(before.payback?.days).toBeNull();
  });

  it('says the period is partial when the account started within it', async () => {
    const body = await summary(INITECH, WHOLE);
    const first = events
      .filter((e) => e.type === 'track' && e.groupId === INITECH)
      .map((e) => e.timestamp.slice(0, 10))
      .sort()[0];
    expect(body.dataStatus.state).toBe('partial');
    expect(body.dataStatus.firstDay).toBe(first);
    expect(body.dataStatus.reason).toBe('starts_in_period');
  });

  it('covers the last 90 complete days, through yesterday, by default', async () => {
    const body = await summary(LINEAR);
    const yesterday = dayAt(today, -1);
    expect(body.period).toEqual({ from: dayAt(yesterday, -89), to: yesterday });
    expect(body.partialDay).toBeUndefined();
    expectFigures(
      body.drivers.find((d) => d.id === 'automation_hours') as DriverAnswer,
      'automation_hours',
      LINEAR,
      { from: dayAt(yesterday, -89), to: yesterday },
    );
  });
});

interface Series {
  grain: string;
  period: Range;
  segment?: string;
  series: Array<{
    driver: string;
    segment?: string;
    points: Array<{
      bucket: string;
      quantity: number;
      value: number;
      money: number;
      events: number;
    }>;
  }>;
  total?: Array<{ bucket: string; money: number }>;
}

/** The bucket's days that fall inside the query period. */
const clip = (bucket: Range, range: Range): Range => ({
  from: [bucket.from, range.from].sort()[1] as string,
  to: [bucket.to, range.to].sort()[0] as string,
});

describe('GET /v1/value/series', () => {
  it('gives every week, zeros included, equal to the events of that week', async () => {
    // From a Wednesday, two weeks past the data: the first bucket holds only part of its week.
    const range = { from: dayAt(FIRST_DAY, 2), to: dayAt(LAST_DAY, 14) };
    const body = await f.getJson<Series>(
      query('/v1/value/series', { grain: 'week', ...range }),
      ACME,
    );
    const mondays = Array.from({ length: 10 }, (_, week) => dayAt(FIRST_DAY, 7 * week));
    expect(body.grain).toBe('week');
    expect(body.series.map((line) => line.driver)).toEqual([...DRIVER_IDS]);
    for (const line of body.series) {
      expect(line.points.map((point) => point.bucket)).toEqual(mondays);
      line.points.forEach((point, index) => {
        const week = clip({ from: point.bucket, to: dayAt(point.bucket, 6) }, range);
        expectFigures(point, line.driver as DriverId, ACME, week);
        if (index === ACME_IDLE_WEEK || index >= 8) {
          expect([point.quantity, point.value, point.money, point.events]).toEqual([0, 0, 0, 0]);
        }
      });
    }
    body.total?.forEach((bucket, index) => {
      const sum = body.series.reduce((total, line) => total + (line.points[index]?.money ?? 0), 0);
      expectMoney(bucket.money, sum);
      expectMoney(
        bucket.money,
        expected.money(ACME, clip({ from: bucket.bucket, to: dayAt(bucket.bucket, 6) }, range)),
        0.03,
      );
    });
  });

  it('gives months, zero-filled on both sides', async () => {
    const range = { from: '2025-02-01', to: '2025-05-31' };
    const body = await f.getJson<Series>(
      query('/v1/value/series', { grain: 'month', driver: 'deal_revenue', ...range }),
      GLOBEX,
    );
    expect(body.series).toHaveLength(1);
    const points = body.series[0]?.points ?? [];
    expect(points.map((point) => point.bucket)).toEqual([
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
    ]);
    const months: Range[] = [
      { from: '2025-02-01', to: '2025-02-28' },
      { from: '2025-03-01', to: '2025-03-31' },
      { from: '2025-04-01', to: '2025-04-30' },
      { from: '2025-05-01', to: '2025-05-31' },
    ];
    points.forEach((point, index) => {
      expectFigures(point, 'deal_revenue', GLOBEX, months[index] as Range);
    });
    expect(points[0]?.money).toBe(0);
    expect(points[3]?.money).toBe(0);
  });

  it('gives days, distinct users counted per day', async () => {
    const range = { from: dayAt(FIRST_DAY, 10), to: dayAt(FIRST_DAY, 23) };
    const body = await f.getJson<Series>(
      query('/v1/value/series', { grain: 'day', driver: 'active_analysts', ...range }),
      ACME,
    );
    const points = body.series[0]?.points ?? [];
    expect(points).toHaveLength(14);
    for (const point of points) {
      expectFigures(point, 'active_analysts', ACME, { from: point.bucket, to: point.bucket });
    }
  });

  it('splits into one series per team', async () => {
    const body = await f.getJson<Series>(
      query('/v1/value/series', {
        grain: 'week',
        driver: 'automation_hours',
        segment: 'team',
        ...WHOLE,
      }),
      ACME,
    );
    expect(body.segment).toBe('team');
    expect(body.total).toBeUndefined();
    const teams = expected.keys('automation_hours', ACME, WHOLE, teamOf);
    expect(body.series.map((line) => line.segment)).toEqual(teams);
    for (const line of body.series) {
      expect(line.points).toHaveLength(WEEKS_IN_WHOLE);
      for (const point of line.points) {
        expectFigures(
          point,
          'automation_hours',
          ACME,
          {
            from: point.bucket,
            to: dayAt(point.bucket, 6),
          },
          { keep: (event) => teamOf(event) === line.segment },
        );
      }
    }
  });
});

const WEEKS_IN_WHOLE = 8;

interface Breakdown {
  by: string;
  contributions: Array<{
    key: string;
    quantity?: number;
    value?: number;
    money: number;
    share: number;
  }>;
}

function expectSortedShares(rows: Breakdown['contributions']) {
  const total = rows.reduce((sum, row) => sum + row.money, 0);
  for (const row of rows) expectNumber(row.share, row.money / total, 1e-9);
  expectNumber(
    rows.reduce((sum, row) => sum + row.share, 0),
    1,
    1e-9,
  );
  const moneys = rows.map((row) => row.money);
  expect(moneys).toEqual([...moneys].sort((a, b) => b - a));
}

describe('GET /v1/value/breakdown', () => {
  it('by team for one driver: quantity, value, money and share per team', async () => {
    const body = await f.getJson<Breakdown>(
      query('/v1/value/breakdown', { by: 'team', driver: 'automation_hours', ...LATE }),
      ACME,
    );
    expect(body.by).toBe('team');
    const teams = expected.keys('automation_hours', ACME, LATE, teamOf);
    expect(body.contributions.map((row) => row.key).sort()).toEqual(teams);
    for (const row of body.contributions) {
      expectFigures(row as Required<typeof row>, 'automation_hours', ACME, LATE, {
        keep: (event) => teamOf(event) === row.key,
      });
    }
    expectSortedShares(body.contributions);
  });

  it('by workspace for distinct users', async () => {
    const body = await f.getJson<Breakdown>(
      query('/v1/value/breakdown', { by: 'workspace', driver: 'active_analysts', ...WHOLE }),
      GLOBEX,
    );
    const workspaces = expected.keys('active_analysts', GLOBEX, WHOLE, workspaceOf);
    expect(body.contributions.map((row) => row.key).sort()).toEqual(workspaces);
    for (const row of body.contributions) {
      expectFigures(row as Required<typeof row>, 'active_analysts', GLOBEX, WHOLE, {
        keep: (event) => workspaceOf(event) === row.key,
      });
    }
    expectSortedShares(body.contributions);
  });

  it('by user across drivers: money only', async () => {
    const body = await f.getJson<Breakdown>(
      query('/v1/value/breakdown', { by: 'user', ...LATE }),
      ACME,
    );
    const users = expected.keys(undefined, ACME, LATE, personOf);
    expect(body.contributions.map((row) => row.key).sort()).toEqual(users);
    for (const row of body.contributions) {
      expect(Object.keys(row).sort()).toEqual(['key', 'money', 'share']);
      const want = DRIVER_IDS.reduce(
        (sum, driver) =>
          sum + expected.figures(driver, ACME, LATE, { keep: (e) => e.userId === row.key }).money,
        0,
      );
      expectMoney(row.money, want, 0.02);
    }
    expectSortedShares(body.contributions);
  });

  it('by feature: each driver’s money under its feature', async () => {
    const body = await f.getJson<Breakdown>(
      query('/v1/value/breakdown', { by: 'feature', ...LATE }),
      INITECH,
    );
    const features: Record<string, DriverId> = {
      automations: 'automation_hours',
      deals: 'deal_revenue',
      reports: 'active_analysts',
    };
    expect(body.contributions.map((row) => row.key).sort()).toEqual(Object.keys(features));
    for (const row of body.contributions) {
      expectMoney(row.money, expected.figures(features[row.key] as DriverId, INITECH, LATE).money);
    }
    expectSortedShares(body.contributions);
    expectMoney(
      body.contributions.reduce((sum, row) => sum + row.money, 0),
      expected.money(INITECH, LATE),
      0.02,
    );
  });

  it('answers an empty list, not an error, when there is nothing in the period', async () => {
    const body = await f.getJson<Breakdown>(
      query('/v1/value/breakdown', { by: 'team', from: '2024-01-01', to: '2024-01-31' }),
      ACME,
    );
    expect(body.contributions).toEqual([]);
  });
});

interface Explain {
  total: { current: number; previous: number; delta: number; deltaShare: number | null };
  period: Range;
  comparePeriod: Range;
  dimensions: Array<{
    by: string;
    contributions: Array<{
      segment: string;
      current: number;
      previous: number;
      delta: number;
      shareOfChange: number | null;
    }>;
  }>;
}

describe('GET /v1/value/explain', () => {
  it('decomposes a driver’s change by team, in absolute and share terms', async () => {
    const compare = { from: dayAt(FIRST_DAY, 7), to: dayAt(FIRST_DAY, 13) };
    const range = { from: dayAt(FIRST_DAY, 42), to: dayAt(FIRST_DAY, 48) };
    const body = await f.getJson<Explain>(
      query('/v1/value/explain', {
        driver: 'automation_hours',
        ...range,
        compareFrom: compare.from,
        compareTo: compare.to,
      }),
      ACME,
    );
    expect(body.period).toEqual(range);
    expect(body.comparePeriod).toEqual(compare);
    const value = (r: Range, team?: string) =>
      expected.figures('automation_hours', ACME, r, {
        keep: team === undefined ? undefined : (event) => teamOf(event) === team,
      }).value;
    const delta = value(range) - value(compare);
    expect(delta).not.toBe(0);
    expectNumber(body.total.current, value(range), 0.001);
    expectNumber(body.total.previous, value(compare), 0.001);
    expectNumber(body.total.delta, delta, 0.001);
    expectNumber(body.total.deltaShare, delta / value(compare), 1e-6);
    const team = body.dimensions.find((dimension) => dimension.by === 'team');
    expect(body.dimensions.map((dimension) => dimension.by)).toEqual(['team', 'workspace', 'user']);
    const teams = [
      ...new Set([
        ...expected.keys('automation_hours', ACME, range, teamOf),
        ...expected.keys('automation_hours', ACME, compare, teamOf),
      ]),
    ].sort();
    expect(team?.contributions.map((row) => row.segment).sort()).toEqual(teams);
    for (const row of team?.contributions ?? []) {
      expectNumber(row.current, value(range, row.segment), 0.001);
      expectNumber(row.previous, value(compare, row.segment), 0.001);
      expectNumber(row.delta, value(range, row.segment) - value(compare, row.segment), 0.001);
      expectNumber(row.shareOfChange, row.delta / delta, 1e-6);
    }
    const moves = team?.contributions.map((row) => Math.abs(row.delta)) ?? [];
    expect(moves).toEqual([...moves].sort((a, b) => b - a));
  });

  it('compares with the previous period of equal length by default, in money across drivers', async () => {
    const body = await f.getJson<Explain>(query('/v1/value/explain', LATE), GLOBEX);
    expect(body.comparePeriod).toEqual(EARLY);
    expect(body.dimensions.map((dimension) => dimension.by)).toEqual([
      'team',
      'workspace',
      'user',
      'feature',
    ]);
    const feature = body.dimensions.find((dimension) => dimension.by === 'feature');
    const byFeature = new Map(feature?.contributions.map((row) => [row.segment, row]));
    for (const [name, driver] of [
      ['automations', 'automation_hours'],
      ['deals', 'deal_revenue'],
      ['reports', 'active_analysts'],
    ] as const) {
      expectMoney(byFeature.get(name)?.current, expected.figures(driver, GLOBEX, LATE).money);
      expectMoney(byFeature.get(name)?.previous, expected.figures(driver, GLOBEX, EARLY).money);
    }
    expectMoney(body.total.current, expected.money(GLOBEX, LATE), 0.02);
    expectMoney(body.total.previous, expected.money(GLOBEX, EARLY), 0.02);
  });

  it('keeps the total of distinct users whole when a user is active in two teams', async () => {
    // hal works for support and ops: counted in both teams, but once in the account.
    const body = await f.getJson<Explain>(
      query('/v1/value/explain', { driver: 'active_analysts', ...LATE }),
      GLOBEX,
    );
    const analysts = (r: Range, keep?: (event: FixtureEvent) => boolean) =>
      expected.figures('active_analysts', GLOBEX, r, { keep }).value;
    expectNumber(body.total.current, analysts(LATE), 1e-9);
    expectNumber(body.total.previous, analysts(EARLY), 1e-9);
    const team = body.dimensions.find((dimension) => dimension.by === 'team');
    const teams = team?.contributions ?? [];
    for (const row of teams) {
      expectNumber(
        row.current,
        analysts(LATE, (e) => teamOf(e) === row.segment),
        1e-9,
      );
    }
    expect(teams.reduce((sum, row) => sum + row.current, 0)).toBeGreaterThan(body.total.current);
  });
});

describe('promises', () => {
  const putPromises = (account: string, promises: unknown[]) =>
    f.t.app.request(`/v1/admin/accounts/${account}/promises`, {
      method: 'PUT',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ promises }),
    });

  it('reports progress and pace against what was promised, as of the end of the period', async () => {
    // Promise periods of 91 days from the fixture's first day; the summary asks through day 28.
    const period = { from: FIRST_DAY, to: dayAt(FIRST_DAY, 90) };
    const asOf = dayAt(FIRST_DAY, 27);
    const soFar = { from: FIRST_DAY, to: asOf };
    const hours = expected.figures('automation_hours', GLOBEX, soFar).value;
    const money = expected.money(GLOBEX, soFar);
    const linearShare = 28 / 91;
    const ended = { from: '2025-01-01', to: dayAt(FIRST_DAY, 9) };
    const endedHours = expected.figures('automation_hours', GLOBEX, {
      from: ended.from,
      to: ended.to,
    }).value;
    const promises = [
      // Realized runs at 1.5× the linear pace: ahead.
      { driver: 'automation_hours', target: hours / linearShare / 1.5, ...period },
      // Half the linear pace: behind.
      { target: money / linearShare / 0.5, ...period, label: 'Total value' },
      // Exactly on the line: on pace.
      {
        driver: 'active_analysts',
        target: expected.figures('active_analysts', GLOBEX, soFar).value / linearShare,
        ...period,
      },
      // Ended before asOf with more than the target: met.
      { driver: 'automation_hours', target: endedHours * 0.9, ...ended },
      // Not started yet.
      { target: 1000, from: dayAt(asOf, 1), to: dayAt(asOf, 60) },
    ];
    const res = await putPromises(GLOBEX, promises);
    expect(res.status).toBe(200);

    const body = await summary(GLOBEX, soFar);
    expect(body.promises.map((promise) => promise.status)).toEqual([
      'ahead',
      'behind',
      'on_pace',
      'ended_met',
      'not_started',
    ]);
    const [ahead, behind, , met] = body.promises as Array<Record<string, number>>;
    expectNumber(ahead?.realized, hours, 0.001);
    expectNumber(ahead?.expectedByNow, (promises[0]?.target as number) * linearShare, 1e-6);
    expectNumber(ahead?.share, hours / (promises[0]?.target as number), 1e-6);
    expectNumber(ahead?.projected, (hours * 91) / 28, 0.001);
    expectMoney(behind?.realized, money, 0.02);
    expectNumber(met?.realized, endedHours, 0.001);
    expect(body.promises[1]?.unit).toBe('currency');
    expect(body.promises[0]?.unit).toEqual({ singular: 'hour', plural: 'hours' });

    // Another account's summary carries none of these promises.
    expect((await summary(ACME, soFar)).promises).toEqual([]);
  });

  it('measures the pace on all value against the promised drivers only, and marks partial weeks', async () => {
    // One promise about hours only: the chart compares the hours' money with the pace, not all value.
    const period = { from: FIRST_DAY, to: dayAt(FIRST_DAY, 90) };
    expect(
      (await putPromises(ACME, [{ driver: 'automation_hours', target: 500, ...period }])).status,
    ).toBe(200);
    // From a Wednesday to a Friday: the first and last weeks are cut by the period.
    const range = { from: dayAt(FIRST_DAY, 2), to: dayAt(FIRST_DAY, 32) };
    const body = await f.getJson<
      Series & {
        promised?: { drivers: string[]; points: Array<{ bucket: string; money: number }> };
        partial?: Array<{ bucket: string; days: number; of: number; why: string }>;
      }
    >(query('/v1/value/series', { grain: 'week', ...range }), ACME);
    expect(body.promised?.drivers).toEqual(['automation_hours']);
    for (const point of body.promised?.points ?? []) {
      const week = clip({ from: point.bucket, to: dayAt(point.bucket, 6) }, range);
      expectMoney(point.money, expected.figures('automation_hours', ACME, week).money);
    }
    expect(body.promised?.points.length).toBe(5);
    // Wednesday to Sunday of the first week, Monday to Friday of the last.
    expect(body.partial).toEqual([
      { bucket: FIRST_DAY, days: 5, of: 7, why: 'period_start' },
      { bucket: dayAt(FIRST_DAY, 28), days: 5, of: 7, why: 'period_end' },
    ]);
    // One driver shown: its own line is what the pace is against; no second line.
    const one = await f.getJson<Series & { promised?: unknown }>(
      query('/v1/value/series', { grain: 'week', driver: 'automation_hours', ...range }),
      ACME,
    );
    expect(one.promised).toBeUndefined();
    expect((await putPromises(ACME, [])).status).toBe(200);
  });
});

interface Assumptions {
  account: string;
  assumptions: Array<{
    id: string;
    value: number;
    source: string;
    customerEditable: boolean;
    min: number;
    max: number;
    default: number;
  }>;
  history: Array<{ id: string; value: number; userId: string; changedAt: string }>;
}

describe('assumptions', () => {
  const put = async (
    id: string,
    body: unknown,
    role: 'viewer' | 'editor' = 'editor',
    account = INITECH,
  ) =>
    f.t.app.request(`/v1/value/assumptions/${id}`, {
      method: 'PUT',
      headers: {
        ...bearer(await f.token(account, role, `${account}-${role}`)),
        'content-type': 'application/json',
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('lists the assumptions with their bounds, source and an empty history', async () => {
    const body = await f.getJson<Assumptions>('/v1/value/assumptions', ACME);
    expect(body.account).toBe(ACME);
    expect(body.assumptions).toMatchObject([
      {
        id: 'hourly_rate',
        value: 50,
        default: 50,
        source: 'default',
        customerEditable: true,
        min: 10,
        max: 500,
      },
      { id: 'seat_value', value: 40, default: 40, source: 'default', customerEditable: false },
    ]);
    expect(body.history).toEqual([]);
  });

  it('refuses a viewer with 403 and changes nothing', async () => {
    await expectError(await put('hourly_rate', { value: 60 }, 'viewer'), 403, 'forbidden');
    const body = await f.getJson<Assumptions>('/v1/value/assumptions', INITECH);
    expect(body.history).toEqual([]);
  });

  it('refuses non-editable, out-of-bounds, unknown and malformed changes with 400', async () => {
    const notEditable = await expectError(
      await put('seat_value', { value: 50 }),
      400,
      'not_editable',
    );
    expect(String(notEditable.message)).toContain('Value of one active analyst');
    for (const value of [9.99, 500.01, -1]) {
      const error = await expectError(await put('hourly_rate', { value }), 400, 'out_of_bounds');
      expect(String(error.message)).toMatch(/between 10 and 500/);
    }
    const unknown = await expectError(
      await put('coffee_rate', { value: 5 }),
      400,
      'unknown_assumption',
    );
    expect(String(unknown.message)).toContain('hourly_rate, seat_value');
    for (const body of [{ value: '60' }, {}, { value: 60, extra: 1 }, 'not json']) {
      const res = await put('hourly_rate', body);
      expect(res.status).toBe(400);
    }
    expect((await f.getJson<Assumptions>('/v1/value/assumptions', INITECH)).history).toEqual([]);
  });

  it('an editor’s change scales the money by exactly the ratio, for their account only', async () => {
    const acmeBefore = await summary(ACME, LATE);
    const before = await summary(INITECH, LATE);
    const res = await put('hourly_rate', { value: 75 });
    expect(res.status).toBe(200);
    const changed = (await res.json()) as Assumptions & { change: Record<string, unknown> };
    expect(changed.change).toMatchObject({
      id: 'hourly_rate',
      value: 75,
      userId: `${INITECH}-editor`,
    });

    const after = await summary(INITECH, LATE);
    const rates = { ...DEFAULT_RATES, hourly_rate: 75 };
    const hoursBefore = before.drivers.find((d) => d.id === 'automation_hours') as DriverAnswer;
    const hoursAfter = after.drivers.find((d) => d.id === 'automation_hours') as DriverAnswer;
    expect(hoursAfter.quantity).toBe(hoursBefore.quantity);
    expectMoney(hoursAfter.money, hoursBefore.money * 1.5);
    expectFigures(hoursAfter, 'automation_hours', INITECH, LATE, { rates });
    expectFigures(hoursAfter.previous, 'automation_hours', INITECH, EARLY, { rates });
    expect(hoursAfter.assumptions).toMatchObject([
      { id: 'hourly_rate', value: 75, source: 'customer' },
    ]);
    for (const id of ['deal_revenue', 'active_analysts']) {
      expect(after.drivers.find((d) => d.id === id)?.money).toBe(
        before.drivers.find((d) => d.id === id)?.money,
      );
    }
    expectMoney(after.total.money, expected.money(INITECH, LATE, { rates }), 0.02);
    expectMoney(after.total.money - before.total.money, hoursBefore.money * 0.5, 0.02);
    // ROI follows.
    expectNumber(
      after.roi?.multiple,
      expected.money(INITECH, LATE, { rates }) / (((ARR[INITECH] as number) * 28) / 365),
      1e-5,
    );

    // Series and breakdown use the same rate.
    const series = await f.getJson<Series>(
      query('/v1/value/series', { driver: 'automation_hours', ...LATE }),
      INITECH,
    );
    for (const point of series.series[0]?.points ?? []) {
      expectFigures(
        point,
        'automation_hours',
        INITECH,
        clip({ from: point.bucket, to: dayAt(point.bucket, 6) }, LATE),
        { rates },
      );
    }

    // Acme is untouched.
    expect(await summary(ACME, LATE)).toEqual(acmeBefore);

    // The bounds are inclusive; every change is kept, oldest first.
    expect((await put('hourly_rate', { value: 500 })).status).toBe(200);
    const listed = await f.getJson<Assumptions>('/v1/value/assumptions', INITECH);
    expect(listed.assumptions[0]).toMatchObject({
      id: 'hourly_rate',
      value: 500,
      source: 'customer',
      default: 50,
    });
    expect(listed.history.map(({ id, value, userId }) => ({ id, value, userId }))).toEqual([
      { id: 'hourly_rate', value: 75, userId: `${INITECH}-editor` },
      { id: 'hourly_rate', value: 500, userId: `${INITECH}-editor` },
    ]);
    for (const change of listed.history)
      expect(Number.isNaN(Date.parse(change.changedAt))).toBe(false);
    const top = await summary(INITECH, LATE);
    expectMoney(
      top.drivers.find((d) => d.id === 'automation_hours')?.money,
      hoursBefore.money * 10,
    );
    expect((await f.getJson<Assumptions>('/v1/value/assumptions', ACME)).history).toEqual([]);
  });
});

interface Forecast {
  asOf: string;
  horizon: { to: string };
  history: Array<{ bucket: string; value: number }>;
  forecast: Array<{ bucket: string; value: number; low: number; high: number }>;
  projected: { value: number; low: number; high: number; from: string; to: string } | null;
  dataStatus: { state: string; reason?: string; needed?: number; have?: number };
}

describe('GET /v1/value/forecast', () => {
  it('continues a clean linear trend with its known slope', async () => {
    const body = await f.getJson<Forecast>(
      query('/v1/value/forecast', { driver: 'automation_hours' }),
      LINEAR,
    );
    expect(body.dataStatus.state).toBe('ok');
    expect(body.asOf).toBe(dayAt(thisMonday, -1));
    expect(body.horizon.to).toBe(dayAt(today, 90));
    expect(body.history.map((week) => week.bucket)).toEqual(
      Array.from({ length: LINEAR_WEEKS }, (_, week) =>
        dayAt(thisMonday, -7 * (LINEAR_WEEKS - week)),
      ),
    );
    body.history.forEach((week, index) => {
      expectNumber(week.value, linearRuns(index) * HOURS_PER_RUN, 1e-9);
    });
    expect(body.forecast[0]?.bucket).toBe(thisMonday);
    expect(body.forecast.length).toBeGreaterThanOrEqual(13);
    body.forecast.forEach((week, index) => {
      const want = linearRuns(LINEAR_WEEKS + index) * HOURS_PER_RUN;
      expectNumber(week.value, want, 1e-6);
      // A perfect line leaves no spread: the interval closes on the line.
      expectNumber(week.low, want, 1e-6);
      expectNumber(week.high, want, 1e-6);
    });
    // The slope: 3 runs a week, 0.6 hours a week.
    const slope = (body.forecast[1]?.value ?? 0) - (body.forecast[0]?.value ?? 0);
    expectNumber(slope, 3 * HOURS_PER_RUN, 1e-6);
    const sum = body.forecast.reduce((total, week) => total + week.value, 0);
    expectNumber(body.projected?.value, sum, 1e-6);
  });

  it('forecasts money across drivers, to a horizon', async () => {
    const body = await f.getJson<Forecast>(query('/v1/value/forecast', { horizon: '14' }), LINEAR);
    expect(body.horizon.to).toBe(dayAt(today, 14));
    expect(body.forecast.at(-1)?.bucket).toBe(mondayOf(dayAt(today, 14)));
    body.forecast.forEach((week, index) => {
      expectNumber(week.value, linearRuns(LINEAR_WEEKS + index) * HOURS_PER_RUN * 50, 1e-4);
    });
  });

  it('says there is not enough data with fewer than four complete weeks', async () => {
    for (const account of [FRESH, GHOST]) {
      const body = await f.getJson<Forecast>('/v1/value/forecast', account);
      expect(body.dataStatus.state).toBe('not_enough_data');
      expect(body.dataStatus).toEqual({
        state: 'not_enough_data',
        reason: 'too_few_weeks',
        needed: 4,
        have: account === FRESH ? 3 : 0,
      });
      expect(body.forecast).toEqual([]);
      expect(body.projected).toBeNull();
    }
  });
});

describe('bad requests answer 400 naming what is valid', () => {
  const cases: Array<[string, string, RegExp?]> = [
    ['/v1/value/summary?from=2025-02-30&to=2025-03-10', 'invalid_request', /calendar day/],
    ['/v1/value/summary?from=03/01/2025', 'invalid_request', /YYYY-MM-DD/],
    ['/v1/value/summary?from=2025-04-02&to=2025-04-01', 'invalid_period', /after/],
    ['/v1/value/summary?from=2000-01-01&to=2025-01-01', 'invalid_period', /at most/],
    ['/v1/value/series?grain=hour', 'invalid_request', /day, week or month/],
    [
      '/v1/value/series?driver=nope',
      'unknown_driver',
      /automation_hours, deal_revenue, active_analysts/,
    ],
    ['/v1/value/series?segment=region', 'unknown_segment', /team, workspace/],
    ['/v1/value/series?from=2025-04-02&to=2025-04-01', 'invalid_period'],
    ['/v1/value/breakdown', 'invalid_request', /by/],
    ['/v1/value/breakdown?by=region', 'unknown_segment', /"team", "workspace", "user", "feature"/],
    ['/v1/value/breakdown?by=team&driver=nope', 'unknown_driver', /automation_hours/],
    ['/v1/value/breakdown?by=team&to=2025-13-01', 'invalid_request'],
    ['/v1/value/explain?driver=nope', 'unknown_driver', /automation_hours/],
    ['/v1/value/explain?compareFrom=2025-03-01', 'invalid_period', /both/],
    [
      '/v1/value/explain?compareFrom=2025-03-10&compareTo=2025-03-01',
      'invalid_period',
      /compareFrom/,
    ],
    ['/v1/value/forecast?driver=nope', 'unknown_driver', /automation_hours/],
    ['/v1/value/forecast?horizon=3', 'invalid_request'],
    ['/v1/value/forecast?horizon=soon', 'invalid_request'],
  ];
  it.each(cases)('%s → %s', async (path, code, message) => {
    const error = await expectError(await f.get(path, ACME), 400, code);
    if (message) expect(String(error.message)).toMatch(message);
  });
});

describe('security', () => {
  const signingKey = embedSigningKey(SECRET_KEY);
  const routes: Array<[string, string]> = [
    ['GET', '/v1/value/summary'],
    ['GET', '/v1/value/series'],
    ['GET', '/v1/value/breakdown?by=team'],
    ['GET', '/v1/value/explain'],
    ['GET', '/v1/value/forecast'],
    ['GET', '/v1/value/assumptions'],
    ['PUT', '/v1/value/assumptions/hourly_rate'],
  ];
  const send = (method: string, path: string, headers: Record<string, string>) =>
    f.t.app.request(path, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      ...(method === 'PUT' ? { body: JSON.stringify({ value: 60 }) } : {}),
    });

  it.each(routes)(
    '%s %s: 401 without a token, expired, tampered, or signed elsewhere',
    async (method, path) => {
      const expired = await mintEmbedToken(
        signingKey,
        { accountId: ACME, userId: 'u', role: 'editor' },
        { ttlMinutes: 15, now: new Date(Date.now() - 20 * 60_000) },
      );
      const good = await f.token(ACME, 'editor');
      const [header, payload, signature] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, acc: GLOBEX })).toString('base64url')}.${signature}`;
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      const foreign = await sign(
        claims,
        embedSigningKey('someone-elses-secret-key-0123456789'),
        'HS256',
      );
      for (const headers of [
        {},
        bearer(expired.token),
        bearer(tampered),
        bearer(none),
        bearer(foreign),
        bearer(SECRET_KEY),
        adminAuth,
        bearer(f.writeKey),
      ]) {
        await expectError(await send(method, path, headers), 401, 'unauthorized');
      }
      // Nothing was changed on the way.
      expect((await f.getJson<Assumptions>('/v1/value/assumptions', ACME)).history).toEqual([]);
    },
  );

  it.each(routes)('%s %s: 403 when the query names another account', async (method, path) => {
    const headers = bearer(await f.token(ACME, 'editor'));
    for (const name of ['account', 'accountId', 'account_id']) {
      const separator = path.includes('?') ? '&' : '?';
      const error = await expectError(
        await send(method, `${path}${separator}${name}=${GLOBEX}`, headers),
        403,
        'forbidden',
      );
      expect(String(error.message)).toContain('comes from the token');
    }
  });

  it('a token for one account never shows another account’s numbers', async () => {
    const acme = await summary(ACME, WHOLE);
    const globex = await summary(GLOBEX, WHOLE);
    expectMoney(acme.total.money, expected.money(ACME, WHOLE), 0.02);
    expectMoney(globex.total.money, expected.money(GLOBEX, WHOLE), 0.02);
    expect(acme.total.money).not.toBe(globex.total.money);
    // Naming its own account is ignored, not obeyed for another.
    const own = await f.getJson<Summary>(
      query('/v1/value/summary', { ...WHOLE, account: ACME }),
      ACME,
    );
    expect(own).toEqual(acme);
    const acmeUsers = new Set(['ana', 'ben', 'cat', 'dan', 'solo']);
    for (const by of ['user']) {
      const body = await f.getJson<Breakdown>(query('/v1/value/breakdown', { by, ...WHOLE }), ACME);
      for (const row of body.contributions) expect(acmeUsers.has(row.key)).toBe(true);
    }
    const explain = await f.getJson<Explain>(query('/v1/value/explain', WHOLE), ACME);
    const users = explain.dimensions.find((dimension) => dimension.by === 'user');
    for (const row of users?.contributions ?? []) expect(acmeUsers.has(row.segment)).toBe(true);
  });
});

describe('before a value model exists', () => {
  it('every value route answers 409 no_value_model', async () => {
    const empty = await startFixture({ events: events.slice(0, 50), model: null });
    try {
      for (const path of [
        '/v1/value/summary',
        '/v1/value/series',
        '/v1/value/breakdown?by=team',
        '/v1/value/explain',
        '/v1/value/forecast',
        '/v1/value/assumptions',
      ]) {
        const error = await expectError(await empty.get(path, ACME), 409, 'no_value_model');
        expect(String(error.message)).toMatch(/value model/);
      }
      const res = await empty.t.app.request('/v1/value/assumptions/hourly_rate', {
        method: 'PUT',
        headers: {
          ...bearer(await empty.token(ACME, 'editor')),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ value: 60 }),
      });
      await expectError(res, 409, 'no_value_model');
    } finally {
      await empty.close();
    }
  });
});
