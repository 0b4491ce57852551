import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectError } from '../helpers.ts';
import {
  ACME,
  DRIVER_IDS,
  Expected,
  FIRST_DAY,
  type Fixture,
  type FixtureEvent,
  fixtureEvents,
  GLOBEX,
  INITECH,
  LAST_DAY,
  type Range,
  startFixture,
  teamOf,
  valueModel,
  workspaceOf,
} from './value-fixture.ts';

/**
 * GET /v1/value/cuts: what an account can cut by, each segment's values ordered by the money the
 * fixture's independent calculator finds for them over the account's active days.
 */

const MANY = 'many-co';
const MANY_TEAMS = 60;
/** Team t00 runs once, t01 twice, … so the money order is the reverse of the names. */
function manyTeams(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  for (let team = 0; team < MANY_TEAMS; team++) {
    for (let run = 0; run <= team; run++) {
      events.push({
        type: 'track',
        messageId: `many-${team}-${run}`,
        userId: `many-${team}`,
        groupId: MANY,
        event: 'Workflow Run Completed',
        properties: { status: 'success', team: `t${String(team).padStart(2, '0')}` },
        timestamp: `2025-03-10T10:${String(run % 60).padStart(2, '0')}:00.000Z`,
      });
    }
  }
  return events;
}

const events = [...fixtureEvents(), ...manyTeams()];
const expected = new Expected(events);
const WHOLE: Range = { from: FIRST_DAY, to: LAST_DAY };
let f: Fixture;

beforeAll(async () => {
  f = await startFixture({ events });
});

afterAll(async () => {
  await f.close();
});

interface Cuts {
  account: string;
  period: Range | null;
  segments: Array<{ id: string; label: string; values: string[] }>;
  drivers: Array<{ id: string; label: string; category: string; basis: string; unit: unknown }>;
}

/** Values of a segment by money over the period, largest first (ties by name), independently. */
function byMoney(account: string, key: (event: FixtureEvent) => string): string[] {
  const values = expected.keys(undefined, account, WHOLE, key).filter((v) => v !== '');
  const money = (value: string) =>
    DRIVER_IDS.reduce(
      (sum, d) =>
        sum + expected.figures(d, account, WHOLE, { keep: (e) => key(e) === value }).money,
      0,
    );
  return values
    .map((value) => ({ value, money: money(value) }))
    .sort((a, b) => b.money - a.money || a.value.localeCompare(b.value))
    .map((entry) => entry.value);
}

describe('GET /v1/value/cuts', () => {
  it.each([ACME, GLOBEX, INITECH])(
    '%s: segments with values by money, feature, and the drivers',
    async (account) => {
      const body = await f.getJson<Cuts>('/v1/value/cuts', account);
      expect(body.account).toBe(account);
      expect(body.segments.map((s) => [s.id, s.label])).toEqual([
        ['team', 'Team'],
        ['workspace', 'Workspace'],
        // The feature way has no label of the model's: the widget names it in its language.
        ['feature', undefined],
      ]);
      expect(body.segments[0]?.values).toEqual(byMoney(account, teamOf));
      expect(body.segments[1]?.values).toEqual(byMoney(account, workspaceOf));
      const feature = {
        automation_hours: 'automations',
        deal_revenue: 'deals',
        active_analysts: 'reports',
      };
      const featureMoney = DRIVER_IDS.map((d) => ({
        value: feature[d],
        money: expected.figures(d, account, WHOLE).money,
      })).sort((a, b) => b.money - a.money);
      expect(body.segments[2]?.values).toEqual(featureMoney.map((entry) => entry.value));
      expect(body.drivers).toEqual(
        valueModel().drivers.map((d) => ({
          id: d.id,
          label: d.label,
          category: d.category,
          basis: d.id === 'deal_revenue' ? 'measured' : 'modelled',
          unit: d.unit,
        })),
      );
    },
  );

  it('offers at most 50 values, the largest', async () => {
    const body = await f.getJson<Cuts>('/v1/value/cuts', MANY);
    const teams = body.segments.find((s) => s.id === 'team')?.values ?? [];
    expect(teams).toHaveLength(50);
    expect(teams[0]).toBe('t59');
    expect(teams.at(-1)).toBe('t10');
    // Events without a workspace have none to offer: an empty value cannot be filtered on.
    expect(body.segments.find((s) => s.id === 'workspace')?.values).toEqual([]);
  });

  it('every value it offers works as a filter', async () => {
    const body = await f.getJson<Cuts>('/v1/value/cuts', ACME);
    for (const segment of body.segments) {
      for (const value of segment.values) {
        const summary = await f.getJson<{ total: { money: number } }>(
          `/v1/value/summary?from=${FIRST_DAY}&to=${LAST_DAY}&filter=${encodeURIComponent(`${segment.id}:${value}`)}`,
          ACME,
        );
        expect(summary.total.money).toBeGreaterThan(0);
      }
    }
  });

  it('an account with no activity has no values, and features still listed', async () => {
    const body = await f.getJson<Cuts>('/v1/value/cuts', 'quiet-co');
    expect(body.period).toBeNull();
    expect(body.segments.map((s) => s.values)).toEqual([
      [],
      [],
      ['automations', 'deals', 'reports'],
    ]);
  });
});

describe('GET /v1/value/cuts: errors and security', () => {
  it('another account’s token never sees this account’s values', async () => {
    const acme = await f.getJson<Cuts>('/v1/value/cuts', ACME);
    const globex = await f.getJson<Cuts>('/v1/value/cuts', GLOBEX);
    expect(globex.account).toBe(GLOBEX);
    const acmeOnly = ['sales', 'finance', 'north', 'south'];
    const offered = globex.segments.flatMap((s) => s.values);
    for (const value of acmeOnly) {
      expect(acme.segments.flatMap((s) => s.values)).toContain(value);
      expect(offered).not.toContain(value);
    }
    const res = await f.get(`/v1/value/cuts?account=${ACME}`, GLOBEX);
    await expectError(res, 403, 'forbidden');
  });

  it('401 without or with a bad token', async () => {
    await expectError(await f.t.app.request('/v1/value/cuts'), 401, 'unauthorized');
    await expectError(
      await f.t.app.request('/v1/value/cuts', { headers: bearer('not-a-token') }),
      401,
      'unauthorized',
    );
  });

  it('409 before a value model is published', async () => {
    const bare = await startFixture({ model: null });
    try {
      await expectError(await bare.get('/v1/value/cuts', ACME), 409, 'no_value_model');
    } finally {
      await bare.close();
    }
  });
});
