import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bucketEnd, daysIn, overlapDays } from '../../blueprint/days.ts';
import type { ValueForecast, ValueSeries, ValueSummary } from '../../widget/api/types.ts';
import {
  buildTrend,
  grainFor,
  niceTicks,
  previousRange,
  trendDirection,
} from '../../widget/trend-chart/trend-model.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

const summary = fixture<ValueSummary>('summary');
const series = fixture<ValueSeries>('series');
const forecast = fixture<ValueForecast>('forecast');

/** A driver forecast in the driver's unit, as the forecast route answers it. */
function unitForecast(driver: string, value: number, low: number, high: number): ValueForecast {
  return {
    ...forecast,
    driver,
    measure: undefined,
    forecast: [{ bucket: '2026-11-23', value, low, high }],
    pace: undefined,
  };
}

describe('grainFor', () => {
  it('draws days up to 45 days, weeks up to 400, months beyond', () => {
    expect(grainFor('2026-11-01', '2026-12-15')).toBe('day'); // 45 days
    expect(grainFor('2026-11-01', '2026-12-16')).toBe('week'); // 46 days
    expect(grainFor('2026-01-01', '2027-02-04')).toBe('week'); // 400 days
    expect(grainFor('2026-01-01', '2027-02-05')).toBe('month'); // 401 days
    expect(grainFor('2026-08-30', '2026-11-27')).toBe('week'); // the fixture's 90 days
  });
});

describe('the days the chart counts with (blueprint/days)', () => {
  it('ends a day, a week and a calendar month', () => {
    expect(bucketEnd('2026-08-30', 'day')).toBe('2026-08-30');
    expect(bucketEnd('2026-08-24', 'week')).toBe('2026-08-30');
    expect(bucketEnd('2026-02-01', 'month')).toBe('2026-02-28');
    expect(bucketEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(bucketEnd('2026-12-01', 'month')).toBe('2026-12-31');
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

describe('the promised pace', () => {
  // Independent arithmetic: automation_hours promises 12,000 hours over 2026-05-31..2027-05-30
  // (365 days) at $55 an hour (255,901.25 / 4,652.75); invoice_revenue $500,000 over the same
  // days. A bucket asks target ÷ 365 × its days (in the period) × money per unit of each.
  const promises = summary.promises ?? [];
  const automation = summary.drivers.find((driver) => driver.id === 'automation_hours');
  const hourly = (automation?.money ?? 0) / (automation?.value ?? 1);
  const perDay = (12_000 * hourly + 500_000) / 365;

  it('is priced by the server with the money per unit the summary states', () => {
    expect(hourly).toBeCloseTo(55, 10);
    expect(automation?.moneyPerUnit).toBeCloseTo(hourly, 10);
    for (const driver of summary.drivers) {
      expect(driver.moneyPerUnit, driver.id).toBeCloseTo(
        driver.unit === 'currency' ? 1 : driver.money / driver.value,
        6,
      );
    }
    expect(promises.map((promise) => daysIn(promise))).toEqual([365, 365]);
    // The server's numbers are the formula's: one day, whole weeks, then five days.
    const pace = series.pace ?? [];
    expect(pace).toHaveLength(14);
    expect(pace[0]?.money).toBeCloseTo(perDay, 8);
    expect(pace[1]?.money).toBeCloseTo(perDay * 7, 8);
    expect(pace[13]?.money).toBeCloseTo(perDay * 5, 8);
    for (const point of forecast.pace ?? []) expect(point.money).toBeCloseTo(perDay * 7, 8);
  });

  it("draws the server's pace: the series' for realized buckets, the forecast's beyond them", () => {
    const model = buildTrend({ series, summary, forecast, driver: '', maxForecast: 4 });
    const byBucket = (points: ValueSeries['pace']) =>
      new Map(points?.map((point) => [point.bucket, point.money]));
    const realizedPace = byBucket(series.pace);
    const aheadPace = byBucket(forecast.pace);
    for (const row of model.rows) {
      expect(row.pace, row.bucket).toBe(
        (row.realized === undefined ? aheadPace : realizedPace).get(row.bucket),
      );
    }
    // The last realized week is part of the period (five days): its pace is the series', not the
    // whole week the forecast asks for.
    const last = model.rows.find((row) => row.bucket === '2026-11-23');
    expect(last?.pace).toBeCloseTo(perDay * 5, 8);
    expect(model.rows.find((row) => row.bucket === '2026-11-30')?.pace).toBeCloseTo(perDay * 7, 8);
    expect(model.hasPace).toBe(true);
    // The promises are in hours (priced by an assumption) as well as money: an estimate.
    expect(model.paceEstimated).toBe(true);
  });

  it('leaves a gap where no promise covers a bucket, and draws none without a pace', () => {
    const gap = buildTrend({
      series: { ...series, pace: series.pace?.filter((point) => point.bucket !== '2026-09-07') },
      summary,
      driver: '',
    });
    expect(gap.rows.find((row) => row.bucket === '2026-09-07')?.pace).toBeUndefined();
    expect(gap.rows.find((row) => row.bucket === '2026-09-14')?.pace).toBeCloseTo(perDay * 7, 8);

    // A filtered view: the server sends no pace (promises are for the whole account).
    const filtered = buildTrend({
      series: { ...series, filter: { by: 'team', value: 'Finance' }, pace: undefined },
      summary,
      forecast: { ...forecast, pace: undefined },
      driver: '',
    });
    expect(filtered.hasPace).toBe(false);
    expect(filtered.rows.every((row) => row.pace === undefined)).toBe(true);
  });

  it('calls a promise in money measured, not an estimate', () => {
    const invoices = buildTrend({ series, summary, driver: 'invoice_revenue' });
    expect(invoices.paceEstimated).toBe(false);
    expect(invoices.estimated).toBe(false);
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
      realized: series.total?.[0]?.money,
    });
    expect(realized[0]?.pace).toBeCloseTo(1_160_000 / 365, 8);
    expect(realized[1]?.pace).toBeCloseTo(8_120_000 / 365, 8);
    const last = realized[13];
    expect(last).toMatchObject({ bucket: '2026-11-23', from: '2026-11-23', to: '2026-11-27' });
    // 5 days of the week: 1,160,000 / 365 × 5
    expect(last?.pace).toBeCloseTo(5_800_000 / 365, 8);
    // The forecast starts at the last realized week and runs four weeks beyond it.
    expect(last?.forecast?.value).toBeCloseTo(
      forecast.forecast.find((point) => point.bucket === '2026-11-23')?.value ?? Number.NaN,
      6,
    );
    // The regime is flat at about $71K a week: no jump past the recent weeks (issue 10).
    const recent = (series.total ?? []).slice(-6, -1).map((point) => point.money);
    expect(last?.forecast?.value ?? 0).toBeLessThan(Math.max(...recent) * 1.05);
    expect(model.rows).toHaveLength(18);
    expect(model.rows[17]?.bucket).toBe('2026-12-21');
    expect(model.rows[17]?.realized).toBeUndefined();
    expect(model.rows[17]?.pace).toBeCloseTo(8_120_000 / 365, 8);
    expect(model.total).toBeCloseTo(
      (series.total ?? []).reduce((sum, point) => sum + point.money, 0),
      6,
    );
    expect(model.estimated).toBe(true);
    expect(model.hasPace && model.hasForecast).toBe(true);
    expect(model.forecastWait).toBeUndefined();
  });

  it("converts a driver forecast from its unit into money at the summary's money per unit", () => {
    const hours = unitForecast('automation_hours', 400, 300, 500);
    const model = buildTrend({ series, summary, forecast: hours, driver: 'automation_hours' });
    const last = model.rows[model.rows.length - 1];
    expect(last?.realized).toBe(
      series.series.find((line) => line.driver === 'automation_hours')?.points[13]?.money,
    );
    // 400 hours at $55 an hour.
    expect(last?.forecast?.value).toBeCloseTo(22_000, 8);
    expect(last?.forecast?.low).toBeCloseTo(16_500, 8);
    expect(last?.forecast?.high).toBeCloseTo(27_500, 8);

    // 0.01 incidents at $25,000 each; money measured directly is one to one.
    const incidents = unitForecast('compliance_risk', 0.01, 0.005, 0.02);
    const risk = buildTrend({ series, summary, forecast: incidents, driver: 'compliance_risk' });
    expect(risk.rows.at(-1)?.forecast?.value).toBeCloseTo(250, 8);
    const money = unitForecast('invoice_revenue', 1_000, 800, 1_200);
    const invoices = buildTrend({ series, summary, forecast: money, driver: 'invoice_revenue' });
    expect(invoices.rows.at(-1)?.forecast?.value).toBeCloseTo(1_000, 8);
  });

  it('draws no forecast it cannot price, and says how many weeks one still needs', () => {
    const unknown = buildTrend({
      series,
      summary: undefined,
      forecast: unitForecast('automation_hours', 400, 300, 500),
      driver: 'automation_hours',
    });
    expect(unknown.hasForecast).toBe(false);

    const young = buildTrend({
      series,
      summary,
      forecast: {
        ...forecast,
        forecast: [],
        pace: undefined,
        projected: null,
        dataStatus: { state: 'not_enough_data', reason: 'too_few_weeks', needed: 4, have: 3 },
      },
      driver: '',
    });
    expect(young.hasForecast).toBe(false);
    expect(young.forecastWait).toEqual({ needed: 4, have: 3 });
  });

  it('marks the bucket holding an unusual day and dims what a highlight leaves out', () => {
    // As the series route answers for one driver: its line only, and no pace (it has no promise).
    const tickets: ValueSeries = {
      ...series,
      series: series.series.filter((line) => line.driver === 'ticket_deflection'),
      total: undefined,
      pace: undefined,
    };
    const model = buildTrend({
      series: tickets,
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

describe('the promise on the chart, like for like (issue 10)', () => {
  const promisedDrivers = ['automation_hours', 'invoice_revenue'];
  /** The promised drivers' money per bucket, summed from the fixture's own lines. */
  const promisedPoints = (series.total ?? []).map(({ bucket }, index) => ({
    bucket,
    money: series.series
      .filter((line) => promisedDrivers.includes(line.driver))
      .reduce((sum, line) => sum + (line.points[index]?.money ?? 0), 0),
  }));
  const withPromised: ValueSeries = {
    ...series,
    promised: { drivers: promisedDrivers, points: promisedPoints },
  };

  it('draws the pace against the promised drivers, not against all value', () => {
    const model = buildTrend({ series: withPromised, summary, driver: '' });
    expect(model.promisedDrivers).toEqual(
      promisedDrivers.map((id) => summary.drivers.find((d) => d.id === id)?.label),
    );
    for (const row of model.rows) {
      const expected = promisedPoints.find((point) => point.bucket === row.bucket)?.money;
      expect(row.promised).toBe(expected);
      expect(row.promised ?? 0).toBeLessThanOrEqual(row.realized ?? 0);
    }
  });

  it('shows no second line for one driver, or when the promises cover all value', () => {
    expect(
      buildTrend({ series: withPromised, summary, driver: 'automation_hours' }).promisedDrivers,
    ).toBeUndefined();
    const all = {
      ...withPromised,
      promised: { drivers: summary.drivers.map((d) => d.id), points: series.total ?? [] },
    };
    const model = buildTrend({ series: all, summary, driver: '' });
    expect(model.promisedDrivers).toBeUndefined();
    expect(model.rows.every((row) => row.promised === undefined)).toBe(true);
  });

  it('says behind when any open promise is behind, however the weeks look against the pace', () => {
    // Every week of promised value above the weekly pace, yet the cumulative status is behind:
    // the caption follows the status the promise cards show.
    const above: ValueSeries = {
      ...withPromised,
      pace: promisedPoints.map(({ bucket, money }) => ({ bucket, money: money / 2 })),
    };
    const behind: ValueSummary = {
      ...summary,
      promises: (summary.promises ?? []).map((promise, index) =>
        index === 0 ? { ...promise, status: 'behind' as const } : promise,
      ),
    };
    const model = buildTrend({ series: above, summary: behind, driver: '' });
    expect(
      model.rows.every((row) => (row.pace ?? 0) < (row.promised ?? 0) || row.pace === undefined),
    ).toBe(true);
    expect(model.promiseStatus).toEqual({ status: 'behind', behind: 1, count: 2 });
    expect(buildTrend({ series: above, summary, driver: '' }).promiseStatus).toEqual({
      status: 'ahead',
      behind: 0,
      count: 2,
    });
    // One driver: only its own promise.
    expect(
      buildTrend({ series: above, summary: behind, driver: 'invoice_revenue' }).promiseStatus
        ?.status,
    ).toBe('ahead');
    expect(
      buildTrend({ series: above, summary: behind, driver: 'reporting_hours' }).promiseStatus,
    ).toBeUndefined();
  });
});

describe('partial buckets (issue 10)', () => {
  const [first, second] = series.total ?? [];
  it('marks the buckets the server counts as partial, with their days', () => {
    const partial: ValueSeries = {
      ...series,
      partial: [{ bucket: second?.bucket ?? '', days: 3, of: 7, why: 'account_start' }],
    };
    const model = buildTrend({ series: partial, summary, driver: '' });
    const row = model.rows.find((candidate) => candidate.bucket === second?.bucket);
    expect(row).toMatchObject({ partial: true, days: { counted: 3, of: 7 } });
    expect(model.hasPartial).toBe(true);
  });

  it('draws nothing for a bucket before the account started (0 days), not a zero', () => {
    const before: ValueSeries = {
      ...series,
      partial: [{ bucket: first?.bucket ?? '', days: 0, of: 7, why: 'account_start' }],
    };
    const model = buildTrend({ series: before, summary, driver: '' });
    expect(model.rows.some((row) => row.bucket === first?.bucket)).toBe(false);
  });
});
