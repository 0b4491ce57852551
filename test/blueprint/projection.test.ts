import { describe, expect, it } from 'vitest';
import {
  goalSeek,
  LeverRefused,
  leversOf,
  niceStep,
  type ProjectionBasis,
  peerIntensityOf,
  project,
  spreadOf,
  unusedDrivers,
} from '../../blueprint/projection.ts';
import { resolveAssumptions } from '../../blueprint/value-math.ts';
import { valueModelSchema } from '../../blueprint/value-model.ts';

/**
 * Known answers, computed by hand in the comments: a count driver (workflow runs → hours →
 * money), a sum driver (deal amounts, money already), a distinct-people driver, and one the
 * account never used.
 */
const model = valueModelSchema.parse({
  product: 'Acme Flow',
  currency: 'USD',
  assumptions: [
    {
      id: 'hourly_rate',
      label: 'Loaded hourly cost',
      unit: 'USD/hour',
      default: 50,
      min: 10,
      max: 300,
      customerEditable: true,
      source: 'test',
    },
    {
      id: 'fixed',
      label: 'Not editable',
      unit: 'x',
      default: 1,
      min: 1,
      max: 1,
      source: 'test',
    },
  ],
  drivers: [
    {
      id: 'runs',
      label: 'Automated runs',
      category: 'efficiency',
      event: 'Workflow Run Completed',
      quantity: { count: true },
      perUnit: 0.25,
      unit: { singular: 'hour', plural: 'hours' },
      rates: ['hourly_rate', 'fixed'],
    },
    {
      id: 'deals',
      label: 'Deals won',
      category: 'revenue',
      event: 'Deal Won',
      quantity: { sum: 'amount' },
      unit: 'currency',
    },
    {
      id: 'active',
      label: 'Active people',
      category: 'risk',
      event: 'Logged In',
      quantity: { distinctUsers: true },
      perUnit: 10,
      unit: 'currency',
    },
    {
      id: 'reports',
      label: 'Reports',
      category: 'efficiency',
      event: 'Report Exported',
      quantity: { count: true },
      perUnit: 0.5,
      unit: { singular: 'hour', plural: 'hours' },
      rates: ['hourly_rate'],
    },
  ],
});

function basis(extra: Partial<ProjectionBasis> = {}): ProjectionBasis {
  return {
    model,
    assumptions: resolveAssumptions(model, []),
    drivers: [
      // runs: 1,200 runs × 0.25 h = 300 h in 12 weeks by 10 people: 2.5 h a person a week.
      { driverId: 'runs', adopters: 10, quantity: 1_200 },
      // deals: 24,000 USD by 4 people: 500 USD a person a week.
      { driverId: 'deals', adopters: 4, quantity: 24_000 },
      // active: 30 people × 10 USD, counted once for the window.
      { driverId: 'active', adopters: 30, quantity: 30 },
    ],
    weeklyMoney: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    ...extra,
  };
}

// Each driver's year at baseline: runs 52 × 10 × 2.5 × 50 = 65,000 (= 52/12 × 300 h × 50 USD);
// deals 52 × 4 × 500 = 104,000 (= 52/12 × 24,000); active 52/12 × 30 × 10 = 1,300.
const BASELINE = 65_000 + 104_000 + 1_300;

describe('levers', () => {
  it('derives adoption and intensity per driver and every editable assumption, with bounds', () => {
    const levers = leversOf(basis());
    expect(levers.map((lever) => lever.id)).toEqual([
      'adoption:runs',
      'intensity:runs',
      'adoption:deals',
      'intensity:deals',
      'adoption:active',
      'assumption:hourly_rate',
    ]);
    const byId = new Map(levers.map((lever) => [lever.id, lever]));
    // No seats: max(3 × baseline, baseline + 25).
    expect(byId.get('adoption:runs')).toMatchObject({ baseline: 10, min: 0, max: 35, step: 1 });
    expect(byId.get('adoption:active')).toMatchObject({ baseline: 30, max: 90 });
    expect(byId.get('intensity:runs')).toMatchObject({
      baseline: 2.5,
      min: 0,
      max: 10,
      step: 0.02,
    });
    expect(byId.get('intensity:deals')).toMatchObject({ baseline: 500, max: 2_000, step: 5 });
    expect(byId.get('assumption:hourly_rate')).toMatchObject({ baseline: 50, min: 10, max: 300 });
    expect(unusedDrivers(basis())).toEqual(['reports']);
  });

  it('caps adoption at the seats when the account has at least as many as adopt today', () => {
    const byId = new Map(leversOf(basis({ seats: 20 })).map((lever) => [lever.id, lever]));
    expect(byId.get('adoption:runs')?.max).toBe(20);
    // 30 people already use it: a seat count below that says nothing.
    expect(byId.get('adoption:active')?.max).toBe(90);
  });
});

describe('project', () => {
  it('gives 52/12 × the window’s money as the run rate with every lever at its baseline', () => {
    const plan = project(basis(), {});
    expect(plan.annualRunRate.value).toBe(BASELINE);
    expect(plan.baseline.annualRunRate.value).toBe(BASELINE);
    const windowMoney = 300 * 50 + 24_000 + 30 * 10;
    expect(plan.annualRunRate.value).toBeCloseTo((52 / 12) * windowMoney, 6);
    expect(plan.drivers.every((driver) => driver.delta === 0)).toBe(true);
  });

  it('multiplies the moved levers through, per driver, with ROI and payback on the spend', () => {
    const plan = project(
      basis({ annualSpend: 100_000 }),
      { 'adoption:runs': 30, 'assumption:hourly_rate': 60 },
      { horizonMonths: 12, rampMonths: 0 },
    );
    // runs: 52 × 30 × 2.5 × 60 = 234,000.
    expect(plan.drivers).toEqual([
      { id: 'runs', baseline: 65_000, scenario: 234_000, delta: 169_000 },
      { id: 'deals', baseline: 104_000, scenario: 104_000, delta: 0 },
      { id: 'active', baseline: 1_300, scenario: 1_300, delta: 0 },
      { id: 'reports', baseline: 0, scenario: 0, delta: 0 },
    ]);
    const year = 234_000 + 104_000 + 1_300;
    expect(plan.annualRunRate.value).toBe(year);
    expect(plan.roi).toBeCloseTo(year / 100_000, 10);
    expect(plan.payback).toBe(Math.ceil(100_000 / (year / 365)));
    // At once: every month is a twelfth of the run rate.
    expect(plan.months.every((month) => month.value === Math.round((year / 12) * 100) / 100)).toBe(
      true,
    );
  });

  it('ramps each lever linearly over rampMonths and sums the first twelve months', () => {
    const plan = project(basis(), { 'adoption:runs': 30 }, { horizonMonths: 18, rampMonths: 4 });
    expect(plan.months).toHaveLength(18);
    const others = 104_000 + 1_300;
    for (const [index, month] of plan.months.entries()) {
      const adopters = 10 + 20 * Math.min(1, (index + 1) / 4);
      const expected = (52 * adopters * 2.5 * 50 + others) / 12;
      expect(month.value).toBeCloseTo(expected, 2);
      expect(month.baseline).toBeCloseTo(BASELINE / 12, 2);
    }
    const firstYear = plan.months.slice(0, 12).reduce((sum, month) => sum + month.value, 0);
    expect(plan.firstYear.value).toBeCloseTo(firstYear, 2);
  });

  it('puts a range around every figure from the account’s weekly spread', () => {
    // Weeks 0…100 in tens: 10th percentile 10, 90th 90, mean 50 → × 0.2 and × 1.8.
    expect(spreadOf(basis().weeklyMoney)).toEqual({ low: 0.2, high: 1.8 });
    const plan = project(basis(), {});
    expect(plan.annualRunRate.low).toBeCloseTo(BASELINE * 0.2, 2);
    expect(plan.annualRunRate.high).toBeCloseTo(BASELINE * 1.8, 2);
    for (const month of plan.months) {
      expect(month.low).toBeLessThanOrEqual(month.value);
      expect(month.high).toBeGreaterThanOrEqual(month.value);
    }
    // Too few weeks with value to trust: a wide default.
    expect(spreadOf([0, 0, 0, 5, 5])).toEqual({ low: 0.5, high: 1.5 });
  });

  it('widens the range for a driver the account had no one on', () => {
    const steady = Array.from({ length: 12 }, () => 100);
    const none = basis({
      weeklyMoney: steady,
      drivers: [{ driverId: 'runs', adopters: 10, quantity: 1_200 }],
    });
    const plan = project(none, { 'adoption:active': 5 });
    // runs is steady (× 1 either way); active is new: 52/12 × 5 × 10 = 216.67, × 0.5 … × 1.5.
    const active = (52 / 12) * 5 * 10;
    expect(plan.annualRunRate.value).toBeCloseTo(65_000 + active, 2);
    expect(plan.annualRunRate.low).toBeCloseTo(65_000 + 0.5 * active, 2);
    expect(plan.annualRunRate.high).toBeCloseTo(65_000 + 1.5 * active, 2);
  });

  it('clamps to the bounds and snaps to the step, and says so', () => {
    const plan = project(basis(), {
      'adoption:runs': 1_000,
      'intensity:runs': 2.537,
      'assumption:hourly_rate': 55.3,
      'adoption:deals': 4,
    });
    expect(plan.clamped).toEqual([
      { lever: 'adoption:runs', requested: 1_000, used: 35 },
      { lever: 'intensity:runs', requested: 2.537, used: 2.54 },
      // From the minimum 10 in steps of 2: 56.
      { lever: 'assumption:hourly_rate', requested: 55.3, used: 56 },
    ]);
  });

  it('refuses a lever the account does not have, naming the ones it has', () => {
    expect(() => project(basis(), { 'adoption:reports': 3 })).toThrow(LeverRefused);
    expect(() => project(basis(), { 'adoption:reports': 3 })).toThrow(
      /no lever "adoption:reports".*adoption:runs, intensity:runs/,
    );
  });
});

describe('goalSeek', () => {
  // Without runs, the other drivers give 104,000 + 1,300 = 105,300.
  const others = 105_300;

  it('solves a linear lever exactly, rounded up to its step so the target is reached', () => {
    // adoption: 52 × a × 2.5 × 50 = 6,500 a = 94,700 → a = 14.57 → 15 people.
    expect(goalSeek(basis(), 'adoption:runs', 200_000)).toEqual({
      found: true,
      value: 15,
      annualRunRate: 6_500 * 15 + others,
    });
    // intensity: 52 × 10 × i × 50 = 26,000 i = 94,700 → i = 3.642 → 3.66 on steps of 0.02.
    expect(goalSeek(basis(), 'intensity:runs', 200_000)).toEqual({
      found: true,
      value: 3.66,
      annualRunRate: 26_000 * 3.66 + others,
    });
    // rate: 52 × 10 × 2.5 × r = 1,300 r = 94,700 → r = 72.85 → 74 on steps of 2 from 10.
    expect(goalSeek(basis(), 'assumption:hourly_rate', 200_000)).toEqual({
      found: true,
      value: 74,
      annualRunRate: 1_300 * 74 + others,
    });
  });

  it('lands exactly on a target that sits on a step', () => {
    // 6,500 × 20 + 105,300 = 235,300.
    expect(goalSeek(basis(), 'adoption:runs', 235_300)).toMatchObject({ found: true, value: 20 });
  });

  it('gives the best the lever can do when the target is out of its reach', () => {
    expect(goalSeek(basis(), 'adoption:runs', 10_000_000)).toEqual({
      found: false,
      best: { value: 35, annualRunRate: 6_500 * 35 + others },
      annualRunRate: BASELINE,
    });
  });

  it('refuses a lever the target does not depend on, with the reason', () => {
    const call = () => goalSeek(basis(), 'adoption:deals', 500_000, { 'intensity:deals': 0 });
    expect(call).toThrow(LeverRefused);
    expect(call).toThrow(/does not depend on "adoption:deals"/);
  });
});

describe('niceStep', () => {
  it('gives 1, 2 or 5 times a power of ten for about 100–200 positions', () => {
    expect(niceStep(10)).toBe(0.05);
    expect(niceStep(290)).toBe(2);
    expect(niceStep(2_000)).toBe(10);
    expect(niceStep(0)).toBe(1);
  });

  it('lands on the same step in every engine where the ratio is exactly 1, 2 or 5', () => {
    // 0.01 / 200 = 0.00005: 5 × 10⁻⁵, not 10 × 10⁻⁵ through the last bit of 10 ** -5.
    expect(niceStep(0.01)).toBe(0.00005);
    expect(niceStep(0.004)).toBe(0.00002);
    expect(niceStep(0.2)).toBe(0.001);
  });
});

describe('a driver the account never used', () => {
  const peers = { reports: { accounts: 5, median: 1.5, p90: 3 } };

  it('starts from its peers: intensity at their median, up to their 90th percentile', () => {
    const byId = new Map(leversOf(basis({ peers })).map((lever) => [lever.id, lever]));
    expect(byId.get('adoption:reports')).toMatchObject({ baseline: 0, min: 0, max: 25 });
    expect(byId.get('intensity:reports')).toMatchObject({
      baseline: 1.5,
      max: 3,
      peerAccounts: 5,
    });
    expect(unusedDrivers(basis({ peers }))).toEqual([]);
    // Today nobody uses it, so the baseline holds no value from it.
    expect(project(basis({ peers }), {}).annualRunRate.value).toBe(BASELINE);
  });

  it('projects new adopters at the peers’ intensity, with the wider range', () => {
    const steady = Array.from({ length: 12 }, () => 100);
    const plan = project(basis({ peers, weeklyMoney: steady }), { 'adoption:reports': 4 });
    // 52 × 4 people × 1.5 hours × 50 USD = 15,600, × 0.5 … × 1.5.
    expect(plan.annualRunRate.value).toBeCloseTo(BASELINE + 15_600, 2);
    expect(plan.annualRunRate.low).toBeCloseTo(BASELINE + 7_800, 2);
    expect(plan.annualRunRate.high).toBeCloseTo(BASELINE + 23_400, 2);
  });

  it('has no levers with fewer than five peers', () => {
    const few = { reports: { accounts: 4, median: 1.5, p90: 3 } };
    expect(unusedDrivers(basis({ peers: few }))).toEqual(['reports']);
  });

  it('summarizes peers only from five accounts on', () => {
    expect(peerIntensityOf([1, 2, 3, 4])).toBeUndefined();
    // Sorted 1…5: median 3; 90th percentile between 4 and 5 at 0.6.
    expect(peerIntensityOf([5, 1, 4, 2, 3])).toEqual({ accounts: 5, median: 3, p90: 4.6 });
  });
});

describe('goalSeek on one driver’s own value', () => {
  it('aims at the driver’s value a year in its unit, and reports it', () => {
    // runs: 52 × a × 2.5 hours = 130 a hours a year; 3,000 hours → a = 23.08 → 24 people.
    expect(goalSeek(basis(), 'adoption:runs', 3_000, {}, { driver: 'runs' })).toEqual({
      found: true,
      value: 24,
      annualRunRate: 6_500 * 24 + others(),
      driverValue: 130 * 24,
    });
    // 10,000 hours needs 77 people; the lever stops at 35.
    expect(goalSeek(basis(), 'adoption:runs', 10_000, {}, { driver: 'runs' })).toMatchObject({
      found: false,
      best: { value: 35, driverValue: 130 * 35 },
      driverValue: 1_300,
    });
  });

  it('refuses a rate for a driver’s own value, and an unknown driver', () => {
    const rate = () => goalSeek(basis(), 'assumption:hourly_rate', 3_000, {}, { driver: 'runs' });
    expect(rate).toThrow(/value of "runs" does not depend on "assumption:hourly_rate"/);
    expect(() => goalSeek(basis(), 'adoption:runs', 1, {}, { driver: 'nope' })).toThrow(
      /no driver "nope"/,
    );
  });
});

function others(): number {
  return 104_000 + 1_300;
}
