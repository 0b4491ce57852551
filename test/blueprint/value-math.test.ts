import { describe, expect, it } from 'vitest';
import {
  type AssumptionOverride,
  driverMoney,
  explainChange,
  linearForecast,
  MIN_FORECAST_POINTS,
  PACE_TOLERANCE,
  paybackDays,
  promiseProgress,
  rateTable,
  resolveAssumptions,
  roi,
  tQuantile90,
} from '../../blueprint/value-math.ts';
import type { Assumption, Driver } from '../../blueprint/value-model.ts';

const assumption = (changes: Partial<Assumption> & Pick<Assumption, 'id'>): Assumption => ({
  label: changes.id,
  unit: 'USD',
  default: 1,
  min: 0,
  max: 10,
  customerEditable: false,
  source: 'test',
  ...changes,
});

const model = {
  assumptions: [
    assumption({ id: 'hourly_rate', default: 55, min: 10, max: 500, customerEditable: true }),
    assumption({ id: 'incident_cost', default: 25_000, min: 1_000, max: 1_000_000 }),
    assumption({ id: 'cost_per_ticket', default: 12, min: 1, max: 200, customerEditable: true }),
  ],
};

describe('resolveAssumptions', () => {
  it.each<[string, AssumptionOverride[], AssumptionOverride[], Array<[number, string]>]>([
    [
      'no overrides: the defaults',
      [],
      [],
      [
        [55, 'default'],
        [25_000, 'default'],
        [12, 'default'],
      ],
    ],
    [
      'a customer edit of an editable assumption',
      [{ id: 'hourly_rate', value: 70 }],
      [],
      [
        [70, 'customer'],
        [25_000, 'default'],
        [12, 'default'],
      ],
    ],
    [
      'the latest of several customer edits',
      [
        { id: 'cost_per_ticket', value: 9 },
        { id: 'cost_per_ticket', value: 15 },
      ],
      [],
      [
        [55, 'default'],
        [25_000, 'default'],
        [15, 'customer'],
      ],
    ],
    [
      'a customer edit of a non-editable assumption is ignored',
      [{ id: 'incident_cost', value: 5_000 }],
      [],
      [
        [55, 'default'],
        [25_000, 'default'],
        [12, 'default'],
      ],
    ],
    [
      'customer values outside the bounds, not numbers, or for unknown ids are ignored',
      [
        { id: 'hourly_rate', value: 501 },
        { id: 'cost_per_ticket', value: Number.NaN },
        { id: 'nope', value: 3 },
      ],
      [],
      [
        [55, 'default'],
        [25_000, 'default'],
        [12, 'default'],
      ],
    ],
    [
      'a vendor override, which a customer edit beats',
      [{ id: 'hourly_rate', value: 70 }],
      [
        { id: 'hourly_rate', value: 60 },
        { id: 'incident_cost', value: 40_000 },
      ],
      [
        [70, 'customer'],
        [40_000, 'vendor'],
        [12, 'default'],
      ],
    ],
  ])('%s', (_case, customer, vendor, expected) => {
    const resolved = resolveAssumptions(model, customer, vendor);
    expect(resolved.map((a) => [a.value, a.source])).toEqual(expected);
  });

  it('carries label, unit, bounds and editability for the API to show', () => {
    const [first] = resolveAssumptions(model, []);
    expect(first).toEqual({
      id: 'hourly_rate',
      label: 'hourly_rate',
      unit: 'USD',
      value: 55,
      source: 'default',
      min: 10,
      max: 500,
      customerEditable: true,
    });
    expect(rateTable(resolveAssumptions(model, [{ id: 'hourly_rate', value: 80 }]))).toEqual(
      new Map([
        ['hourly_rate', 80],
        ['incident_cost', 25_000],
        ['cost_per_ticket', 12],
      ]),
    );
  });
});

describe('driverMoney', () => {
  const hours: Pick<Driver, 'unit' | 'perUnit' | 'rates'> = {
    unit: { singular: 'hour', plural: 'hours' },
    perUnit: 0.2,
    rates: ['hourly_rate'],
  };
  const rates = new Map([
    ['hourly_rate', 55],
    ['a', 3],
    ['b', 4],
  ]);

  it.each<[string, Pick<Driver, 'unit' | 'perUnit' | 'rates'>, number, number, number]>([
    // 1,000 runs × 0.2 h = 200 h; 200 h × 55 USD/h = 11,000 USD
    ['runs into hours into money', hours, 1_000, 200, 11_000],
    ['no runs, no value', hours, 0, 0, 0],
    // 40 × 0.5 = 20 units; 20 × 3 × 4 = 240
    ['several rates multiply', { ...hours, perUnit: 0.5, rates: ['a', 'b'] }, 40, 20, 240],
    // A currency driver is money already: no rate applies, even one in the table.
    ['a currency driver', { unit: 'currency', perUnit: 1, rates: [] }, 1_234.5, 1_234.5, 1_234.5],
  ])('%s', (_case, driver, quantity, value, money) => {
    const result = driverMoney(driver, quantity, rates);
    expect(result.value).toBeCloseTo(value, 9);
    expect(result.money).toBeCloseTo(money, 9);
  });

  it('throws on a rate with no value rather than guessing', () => {
    expect(() => driverMoney({ ...hours, rates: ['missing'] }, 10, rates)).toThrow(
      'no value for the assumption "missing"',
    );
  });
});

describe('roi and payback', () => {
  it.each<[number, number | null | undefined, number | null]>([
    [96_000, 32_000, 3],
    [10_000, 40_000, 0.25],
    [0, 500, 0],
    [1_000, 0, null],
    [1_000, undefined, null],
    [1_000, null, null],
    [1_000, -5, null],
  ])('roi(%s, %s) = %s', (money, spend, expected) => {
    expect(roi(money, spend)).toBe(expected);
  });

  it.each<[number, number | null | undefined, number | null]>([
    [500, 36_500, 73], // 36,500 / 500 = 73 days exactly
    [300, 36_500, 122], // 121.67 days: paid back on day 122
    [0, 36_500, null], // nothing earned, never paid back
    [-5, 36_500, null],
    [100, 0, null], // nothing to pay back
    [100, null, null],
  ])('paybackDays(%s per day, %s a year) = %s', (perDay, spend, expected) => {
    expect(paybackDays(perDay, spend)).toBe(expected);
  });
});

describe('promiseProgress', () => {
  // 1,200 hours over 2025, which has 365 days.
  const year = { target: 1_200, from: '2025-01-01', to: '2025-12-31' };

  it.each<[string, number, string, string, number, number | null]>([
    ['before the period', 0, '2024-12-31', 'not_started', 0, null],
    // Day 1 of 365: expected 1200/365 = 3.2877; 4 is 1.2167× the pace, projected 4 × 365 = 1460.
    ['ahead on the first day', 4, '2025-01-01', 'ahead', 1_200 / 365, 1_460],
    // Jan + Feb + Mar = 90 days: expected 1200 × 90/365 = 295.89; 300 is 1.0139× → on pace.
    [
      'on pace at the end of March',
      300,
      '2025-03-31',
      'on_pace',
      (1_200 * 90) / 365,
      (300 * 365) / 90,
    ],
    // 320 / 295.89 = 1.0815 → ahead; projected 320 × 365/90 = 1297.8.
    ['ahead at the end of March', 320, '2025-03-31', 'ahead', (1_200 * 90) / 365, (320 * 365) / 90],
    // 250 / 295.89 = 0.845 → behind; projected 1013.9.
    [
      'behind at the end of March',
      250,
      '2025-03-31',
      'behind',
      (1_200 * 90) / 365,
      (250 * 365) / 90,
    ],
    ['on the last day, short of the target', 1_150, '2025-12-31', 'on_pace', 1_200, 1_150],
    ['after the period, met', 1_250, '2026-01-05', 'ended_met', 1_200, 1_250],
    ['after the period, exactly met', 1_200, '2026-01-01', 'ended_met', 1_200, 1_200],
    ['after the period, missed', 1_100, '2026-01-05', 'ended_missed', 1_200, 1_100],
  ])('%s', (_case, realized, asOf, status, expectedByNow, projected) => {
    const progress = promiseProgress(year, realized, asOf);
    expect(progress.status).toBe(status);
    expect(progress.realized).toBe(realized);
    expect(progress.target).toBe(1_200);
    expect(progress.share).toBeCloseTo(realized / 1_200, 12);
    expect(progress.expectedByNow).toBeCloseTo(expectedByNow, 9);
    if (projected === null) expect(progress.projected).toBeNull();
    else expect(progress.projected).toBeCloseTo(projected, 9);
  });

  it(`counts within ±${PACE_TOLERANCE * 100}% of the pace as on pace, and no further`, () => {
    // 100 over ten days; on day 5 the pace says 50.
    const tenDays = { target: 100, from: '2025-01-01', to: '2025-01-10' };
    const status = (realized: number) => promiseProgress(tenDays, realized, '2025-01-05').status;
    expect(promiseProgress(tenDays, 50, '2025-01-05').expectedByNow).toBe(50);
    expect(status(52.5)).toBe('on_pace');
    expect(status(52.6)).toBe('ahead');
    expect(status(47.5)).toBe('on_pace');
    expect(status(47.4)).toBe('behind');
  });
});

describe('linearForecast', () => {
  it('fits a line and a 90% prediction interval (n = 4, t = 2.920)', () => {
    // t̄ = 1.5, ȳ = 2.5, Sxx = 5, Sxy = 4 → slope 0.8, intercept 1.3.
    // Residuals −0.3, 0.9, −0.9, 0.3 → SSE 1.8, s² = 1.8 / 2 = 0.9.
    const forecast = linearForecast(
      [
        { t: 0, y: 1 },
        { t: 1, y: 3 },
        { t: 2, y: 2 },
        { t: 3, y: 4 },
      ],
      [4, 1.5],
    );
    if ('notEnoughData' in forecast) throw new Error(forecast.notEnoughData);
    expect(forecast.slope).toBeCloseTo(0.8, 12);
    expect(forecast.intercept).toBeCloseTo(1.3, 12);
    const [at4, atMean] = forecast.points;
    // At t = 4: ŷ = 4.5; half-width 2.920 × √(0.9 × (1 + 1/4 + 2.5²/5)) = 2.920 × √2.25 = 4.38.
    expect(at4?.t).toBe(4);
    expect(at4?.y).toBeCloseTo(4.5, 12);
    expect(at4?.low).toBeCloseTo(0.12, 9);
    expect(at4?.high).toBeCloseTo(8.88, 9);
    // At t = t̄: ŷ = ȳ; half-width 2.920 × √(0.9 × 1.25) = 3.0971.
    expect(atMean?.y).toBeCloseTo(2.5, 12);
    expect(atMean?.high).toBeCloseTo(2.5 + 2.92 * Math.sqrt(1.125), 9);
    expect(atMean?.low).toBeCloseTo(2.5 - 2.92 * Math.sqrt(1.125), 9);
  });

  it('uses n − 2 degrees of freedom (n = 5, t = 2.353)', () => {
    // t̄ = 2, ȳ = 3.6, Sxx = 10, Sxy = 10 → slope 1, intercept 1.6; SSE 1.2, s² = 0.4.
    const forecast = linearForecast(
      [2, 2, 4, 4, 6].map((y, t) => ({ t, y })),
      [5],
    );
    if ('notEnoughData' in forecast) throw new Error(forecast.notEnoughData);
    expect(forecast.slope).toBeCloseTo(1, 12);
    expect(forecast.intercept).toBeCloseTo(1.6, 12);
    // ŷ(5) = 6.6; half-width 2.353 × √(0.4 × (1 + 1/5 + 9/10)) = 2.353 × √0.84 = 2.15656.
    expect(forecast.points[0]?.y).toBeCloseTo(6.6, 12);
    expect(forecast.points[0]?.high).toBeCloseTo(6.6 + 2.15656, 4);
    expect(forecast.points[0]?.low).toBeCloseTo(6.6 - 2.15656, 4);
  });

  it('keeps a zero-width interval on a perfect line, even with millisecond timestamps', () => {
    const week = 7 * 86_400_000;
    const start = Date.UTC(2025, 0, 6);
    const history = [0, 1, 2, 3, 4, 5].map((i) => ({ t: start + i * week, y: 100 + 5 * i }));
    const forecast = linearForecast(history, [start + 8 * week]);
    if ('notEnoughData' in forecast) throw new Error(forecast.notEnoughData);
    expect(forecast.slope * week).toBeCloseTo(5, 9);
    expect(forecast.points[0]?.y).toBeCloseTo(140, 6);
    expect(forecast.points[0]?.high).toBeCloseTo(140, 6);
    expect(forecast.points[0]?.low).toBeCloseTo(140, 6);
  });

  it.each<[string, Array<{ t: number; y: number }>, string]>([
    ['no history', [], 'a trend needs at least 4 points of history; there are 0'],
    ['one point', [{ t: 1, y: 1 }], 'a trend needs at least 4 points of history; there is 1'],
    [
      'three points',
      [1, 2, 3].map((t) => ({ t, y: t })),
      'a trend needs at least 4 points of history; there are 3',
    ],
    [
      'points all at one time',
      [1, 2, 3, 4].map((y) => ({ t: 7, y })),
      'all points of history fall at the same time',
    ],
    [
      'a point that is not a number',
      [1, 2, 3, Number.NaN].map((y, t) => ({ t, y })),
      'some points of history are not numbers',
    ],
  ])('says why it cannot forecast from %s', (_case, points, reason) => {
    expect(linearForecast(points, [10])).toEqual({ notEnoughData: reason });
  });

  it('needs four points, e.g. four weeks', () => {
    expect(MIN_FORECAST_POINTS).toBe(4);
  });

  it.each([
    [0, Number.POSITIVE_INFINITY], // no degrees of freedom: no finite interval
    [1, 6.314],
    [2, 2.92],
    [30, 1.697],
    [35, 1.697], // between rows: the smaller df, a slightly wider interval
    [40, 1.684],
    [119, 1.671],
    [120, 1.658],
    [500, 1.645],
  ])('t quantile for df %s is %s', (df, t) => {
    expect(tQuantile90(df)).toBe(t);
  });
});

describe('explainChange', () => {
  it('decomposes a change by segment, largest movement first', () => {
    const explanation = explainChange(
      new Map([
        ['Finance', 120],
        ['Operations', 50],
        ['IT', 30],
      ]),
      new Map([
        ['Finance', 100],
        ['Operations', 80],
        ['Legal', 10],
      ]),
    );
    // 200 now against 190 before: +10, +5.26%.
    expect(explanation.total).toEqual({
      current: 200,
      previous: 190,
      delta: 10,
      deltaShare: 10 / 190,
    });
    // IT +30 and Operations −30 tie on size (by name), then Finance +20, Legal −10 (gone).
    expect(explanation.contributions).toEqual([
      { segment: 'IT', current: 30, previous: 0, delta: 30, shareOfChange: 3 },
      { segment: 'Operations', current: 50, previous: 80, delta: -30, shareOfChange: -3 },
      { segment: 'Finance', current: 120, previous: 100, delta: 20, shareOfChange: 2 },
      { segment: 'Legal', current: 0, previous: 10, delta: -10, shareOfChange: -1 },
    ]);
  });

  it('gives no share of change when the total did not move', () => {
    const explanation = explainChange(
      new Map([
        ['b', 5],
        ['a', 5],
      ]),
      new Map([['a', 10]]),
    );
    expect(explanation.total).toEqual({ current: 10, previous: 10, delta: 0, deltaShare: 0 });
    expect(explanation.contributions).toEqual([
      { segment: 'a', current: 5, previous: 10, delta: -5, shareOfChange: null },
      { segment: 'b', current: 5, previous: 0, delta: 5, shareOfChange: null },
    ]);
  });

  it('gives no relative change from nothing, and nothing from nothing', () => {
    expect(explainChange(new Map([['a', 4]]), new Map()).total).toEqual({
      current: 4,
      previous: 0,
      delta: 4,
      deltaShare: null,
    });
    expect(explainChange(new Map(), new Map())).toEqual({
      total: { current: 0, previous: 0, delta: 0, deltaShare: null },
      contributions: [],
    });
  });
});
