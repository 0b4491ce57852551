import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ValueForecast, ValueSeries, ValueSummary } from '../../widget/api/types.ts';
import {
  bucketEnd,
  buildTrend,
  grainFor,
  moneyPerUnit,
  niceTicks,
  overlapDays,
  previousRange,
  pricePromises,
  promisePace,
  trendDirection,
} from '../../widget/trend-chart/trend-model.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

const summary = fixture<ValueSummary>('summary');
const series = fixture<ValueSeries>('series');
const forecast = fixture<ValueForecast>('forecast');

describe('grainFor', () => {
  it('draws days up to 45 days, weeks up to 400, months beyond', () => {
    expect(grainFor('2026-11-01', '2026-12-15')).toBe('day'); // 45 days
    expect(grainFor('2026-11-01', '2026-12-16')).toBe('week'); // 46 days
    expect(grainFor('2026-01-01', '2027-02-04')).toBe('week'); // 400 days
    expect(grainFor('2026-01-01', '2027-02-05')).toBe('month'); // 401 days
    expect(grainFor('2026-08-30', '2026-11-27')).toBe('week'); // the fixture's 90 days
  });
});

describe('bucketEnd', () => {
  it('ends a day, a week and a calendar month', () => {
    expect(bucketEnd('2026-08-30', 'day')).toBe('2026-08-30');
    expect(bucketEnd('2026-08-24', 'week')).toBe('2026-08-30');
    expect(bucketEnd('2026-02-01', 'month')).toBe('2026-02-28');
    expect(bucketEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(bucketEnd('2026-12-01', 'month')).toBe('2026-12-31');
  });
});

describe('promise pace', () => {
  // automation_hours: 12,000 hours over 2026-05-31..2027-05-30 (365 days) at $55 an hour
  // (255,901.25 / 4,652.75); invoice_revenue: $500,000 over the same 365 days.
  it('prices a driver per unit of its value, not per event', () => {
    const automation = summary.drivers.find((driver) => driver.id === 'automation_hours');
    expect(moneyPerUnit(automation)).toBeCloseTo(55, 10);
    const compliance = summary.drivers.find((driver) => driver.id === 'compliance_risk');
    expect(moneyPerUnit(compliance)).toBeCloseTo(25_000, 6);
    const invoices = summary.drivers.find((driver) => driver.id === 'invoice_revenue');
    expect(moneyPerUnit(invoices)).toBe(1);
    expect(
      moneyPerUnit({ money: 0, quantity: 0, value: 0, unit: { singular: 'h', plural: 'h' } }),
    ).toBeUndefined();
  });

  it('is target / days(promise) × days(bucket ∩ promise) × money per unit', () => {
    const week = { from: '2026-08-31', to: '2026-09-06' };
    const automation = pricePromises(summary.promises ?? [], summary.drivers, 'automation_hours');
    expect(automation).toHaveLength(1);
    // 12,000 / 365 × 7 × 55 = 4,620,000 / 365
    expect(promisePace(automation, week)).toBeCloseTo(12_657.534246575342, 8);

    const all = pricePromises(summary.promises ?? [], summary.drivers, '');
    expect(all).toHaveLength(2);
    // (12,000 × 55 + 500,000) / 365 × 7 = 8,120,000 / 365
    expect(promisePace(all, week)).toBeCloseTo(22_246.575342465752, 8);
    // One day of the week in the period: 1,160,000 / 365
    expect(promisePace(all, { from: '2026-08-30', to: '2026-08-30' })).toBeCloseTo(
      3_178.08219178082,
      8,
    );
    // The week the promise starts on its last day: one day counts.
    expect(promisePace(automation, { from: '2026-05-25', to: '2026-05-31' })).toBeCloseTo(
      (12_000 / 365) * 55,
      8,
    );
    // Before the promise: a gap, not a zero.
    expect(promisePace(automation, { from: '2026-05-18', to: '2026-05-24' })).toBeUndefined();
  });

  it('applies no promise to a driver that has none', () => {
    expect(pricePromises(summary.promises ?? [], summary.drivers, 'ticket_deflection')).toEqual([]);
  });

  it('counts overlapping days with both ends included', () => {
    expect(
      overlapDays(
        { from: '2026-01-01', to: '2026-01-10' },
        { from: '2026-01-10', to: '2026-02-01' },
      ),
    ).toBe(1);
    expect(
      overlapDays(
        { from: '2026-01-01', to: '2026-01-10' },
        { from: '2026-01-11', to: '2026-02-01' },
      ),
    ).toBe(0);
  });
});

describe('previousRange', () => {
  it('is the previous week, calendar month, or the same days just before a part', () => {
    expect(previousRange({ from: '2026-08-31', to: '2026-09-06' }, '2026-08-31', 'week')).toEqual({
      from: '2026-08-24',
      to: '2026-08-30',
    });
    expect(previousRange({ from: '2026-08-30', to: '2026-08-30' }, '2026-08-24', 'week')).toEqual({
      from: '2026-08-29',
      to: '2026-08-29',
    });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' }, '2026-03-01', 'month')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousRange({ from: '2026-03-10', to: '2026-03-31' }, '2026-03-01', 'month')).toEqual({
      from: '2026-02-16',
      to: '2026-03-09',
    });
    expect(previousRange({ from: '2026-03-10', to: '2026-03-10' }, '2026-03-10', 'day')).toEqual({
      from: '2026-03-09',
      to: '2026-03-09',
    });
  });
});

describe('axis and trend words', () => {
  it('rounds the axis up to steps of 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceTicks(73_000, 4)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(niceTicks(80_000, 4)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(niceTicks(9, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(0, 4)).toEqual([0, 1]);
  });

  it('says rising, falling or steady', () => {
    expect(trendDirection([1, 2, 3])).toBe('up');
    expect(trendDirection([3, 2, 1])).toBe('down');
    expect(trendDirection([10, 10.1, 9.9, 10])).toBe('flat');
    expect(trendDirection([5])).toBe('flat');
  });
});

describe('buildTrend', () => {
  it('cuts the first and last buckets to the period and adds the pace and forecast', () => {
    const model = buildTrend({ series, summary, forecast, driver: '', maxForecast: 4 });
    const realized = model.rows.filter((row) => row.realized !== undefined);
    expect(realized).toHaveLength(14);
    expect(realized[0]).toMatchObject({
      bucket: '2026-08-24',
      from: '2026-08-30',
      to: '2026-08-30',
      partial: true,
      realized: 760.6,
    });
    expect(realized[0]?.pace).toBeCloseTo(1_160_000 / 365, 8);
    expect(realized[1]?.pace).toBeCloseTo(8_120_000 / 365, 8);
    const last = realized[13];
    expect(last).toMatchObject({ bucket: '2026-11-23', from: '2026-11-23', to: '2026-11-27' });
    // 5 days of the week: 1,160,000 / 365 × 5
    expect(last?.pace).toBeCloseTo(5_800_000 / 365, 8);
    // The forecast starts at the last realized week and runs four weeks beyond it.
    expect(last?.forecast?.value).toBeCloseTo(86_458.64379999999, 6);
    expect(model.rows).toHaveLength(18);
    expect(model.rows[17]?.bucket).toBe('2026-12-21');
    expect(model.rows[17]?.realized).toBeUndefined();
    expect(model.total).toBeCloseTo(
      (series.total ?? []).reduce((sum, point) => sum + point.money, 0),
      6,
    );
    expect(model.estimated).toBe(true);
    expect(model.hasPace && model.hasForecast).toBe(true);
  });

  it('converts a driver forecast from its unit into money', () => {
    const hours: ValueForecast = {
      currency: 'USD',
      history: [],
      forecast: [{ bucket: '2026-11-23', value: 400, low: 300, high: 500 }],
      dataStatus: { state: 'ok' },
    };
    const model = buildTrend({ series, summary, forecast: hours, driver: 'automation_hours' });
    const last = model.rows[model.rows.length - 1];
    expect(last?.realized).toBe(
      series.series.find((line) => line.driver === 'automation_hours')?.points[13]?.money,
    );
    expect(last?.forecast?.value).toBeCloseTo(22_000, 8);
    expect(last?.forecast?.low).toBeCloseTo(16_500, 8);
    expect(last?.forecast?.high).toBeCloseTo(27_500, 8);
  });

  it('marks the bucket holding an unusual day and dims what a highlight leaves out', () => {
    const model = buildTrend({
      series,
      summary,
      driver: 'ticket_deflection',
      markers: [
        { driver: 'ticket_deflection', from: '2026-09-09', to: '2026-09-09', label: 'A drop' },
        { driver: 'automation_hours', from: '2026-09-09', to: '2026-09-09', label: 'Not here' },
      ],
      highlight: [{ driver: 'ticket_deflection', from: '2026-09-01', to: '2026-09-14' }],
    });
    expect(model.hasPace).toBe(false);
    expect(model.rows.find((row) => row.bucket === '2026-09-07')?.markers).toEqual(['A drop']);
    expect(model.rows.flatMap((row) => row.markers)).toEqual(['A drop']);
    expect(model.highlighting).toBe(true);
    expect(model.rows.filter((row) => row.highlighted).map((row) => row.bucket)).toEqual([
      '2026-08-31',
      '2026-09-07',
      '2026-09-14',
    ]);
  });
});
