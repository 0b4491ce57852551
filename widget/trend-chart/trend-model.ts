import type { DayRange, ValueForecast, ValueSeries, ValueSummary } from '../api/types.ts';
import { addDays, daysBetween, todayUtc } from '../core/days.ts';
import type { FactFocus } from '../core/events.ts';
import {
  clip,
  isTotal,
  moneyPerUnit,
  overlapDays,
  pricePromises,
  promisePace,
} from './trend-pace.ts';

export { linearScale, niceTicks } from './trend-geometry.ts';
export * from './trend-pace.ts';

/**
 * The trend chart's arithmetic, free of the DOM: which grain a period is drawn in, what the
 * promise asks for per bucket in money, and the rows the chart, its tooltip and its table show.
 */

export type Grain = 'day' | 'week' | 'month';

/** An unusual point the story found, as the dashboard hands it to the chart. */
export interface TrendMarker {
  driver: string;
  from: string;
  to: string;
  label: string;
}

/** Day buckets up to 45 days, weeks up to 400 days, months beyond. */
export function grainFor(from: string, to: string): Grain {
  const days = daysBetween(from, to);
  return days <= 45 ? 'day' : days <= 400 ? 'week' : 'month';
}

/** The last day of the bucket that starts on `bucket`. */
export function bucketEnd(bucket: string, grain: Grain): string {
  if (grain === 'day') return bucket;
  if (grain === 'week') return addDays(bucket, 6);
  // Day 0 of the next month is the last of this one (months count from 0 in Date.UTC).
  return todayUtc(new Date(Date.UTC(+bucket.slice(0, 4), +bucket.slice(5, 7), 0)));
}

/**
 * The period "just before" a bucket, for "why did this change?": the previous day, week or
 * calendar month for a whole bucket, the same number of days just before for a part of one.
 */
export function previousRange(range: DayRange, bucket: string, grain: Grain): DayRange {
  const whole = range.from === bucket && range.to === bucketEnd(bucket, grain);
  if (whole && grain === 'month') {
    const to = addDays(bucket, -1);
    return { from: `${to.slice(0, 7)}-01`, to };
  }
  const length = daysBetween(range.from, range.to);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Rising, falling or steady: the least-squares slope over the run, against the mean. */
export function trendDirection(values: readonly number[]): 'up' | 'down' | 'flat' {
  const n = values.length;
  if (n < 2) return 'flat';
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((value, index) => {
    num += (index - meanX) * (value - meanY);
    den += (index - meanX) ** 2;
  });
  const change = (num / den) * (n - 1); // Fitted change from first to last bucket.
  const scale = Math.abs(meanY) || Math.max(...values.map(Math.abs)) || 1;
  if (Math.abs(change) < 0.05 * scale) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** One bucket of the chart: what was realized, what the promise asks, what is forecast. */
export interface TrendRow {
  /** The bucket's first day as the API names it. */
  bucket: string;
  /** The days the row covers: the bucket, cut to the period shown (the first and last may be part). */
  from: string;
  to: string;
  /** True when the row covers only part of its bucket. */
  partial: boolean;
  /** Money realized; undefined for buckets that are forecast only. */
  realized?: number;
  /** Promised pace in money; undefined where no promise applies. */
  pace?: number;
  forecast?: { value: number; low: number; high: number };
  /** Words of the unusual points marked in this bucket. */
  markers: string[];
  /** Overlaps a highlighted fact (only meaningful when `TrendModel.highlighting`). */
  highlighted: boolean;
}

export interface TrendModel {
  currency: string;
  grain: Grain;
  period: DayRange;
  rows: TrendRow[];
  /** Some highlight applies to what is shown, so rows outside it are dimmed. */
  highlighting: boolean;
  hasPace: boolean;
  hasForecast: boolean;
  /** The realized money is (at least partly) modelled, so it is an estimate. */
  estimated: boolean;
  /** The promises' money is modelled (they are in hours, tickets … priced by assumptions). */
  paceEstimated: boolean;
  total: number;
}

export interface TrendInput {
  series: ValueSeries;
  summary: ValueSummary | undefined;
  /** Already asked for the shown driver (or the total), in its unit for a driver. */
  forecast?: ValueForecast | undefined;
  /** A driver id, or "" for all value. */
  driver: string;
  markers?: readonly TrendMarker[];
  highlight?: readonly FactFocus[];
  /** How many forecast buckets after the last realized one, at most. */
  maxForecast?: number;
}

/** Whether a marker or highlight for `driver` shows on a chart of `shown`. */
export function appliesTo(driver: string, shown: string): boolean {
  return isTotal(shown) || isTotal(driver) || driver === shown;
}

/** Money realized per bucket: the series' total, or the shown driver's points summed over segments. */
export function realizedByBucket(series: ValueSeries, driver: string): Map<string, number> {
  const money = new Map<string, number>();
  const all = isTotal(driver);
  const lines =
    all && series.total
      ? [{ points: series.total }]
      : series.series.filter((line) => all || line.driver === driver);
  for (const { points } of lines) {
    for (const { bucket, money: value } of points)
      money.set(bucket, (money.get(bucket) ?? 0) + value);
  }
  return money;
}

export function buildTrend(input: TrendInput): TrendModel {
  const { series, summary, driver, forecast } = input;
  const { grain, period, currency } = series;
  const realized = realizedByBucket(series, driver);
  const figures = summary?.drivers ?? [];
  const promises = summary?.promises ?? [];
  const priced = pricePromises(promises, figures, driver);
  const shownFigure = figures.find((figure) => figure.id === driver);
  const row = (bucket: string, range: DayRange): TrendRow => ({
    bucket,
    ...range,
    partial: range.from !== bucket || range.to !== bucketEnd(bucket, grain),
    markers: [],
    highlighted: false,
  });

  const rows: TrendRow[] = [];
  for (const bucket of [...realized.keys()].sort()) {
    const range = clip({ from: bucket, to: bucketEnd(bucket, grain) }, period);
    if (range) rows.push({ ...row(bucket, range), realized: realized.get(bucket) ?? 0 });
  }

  // The forecast: weekly, in money (a driver's forecast is in its unit), from the last realized
  // bucket on, so the dashed line starts where the solid one ends.
  const rate = isTotal(driver) ? 1 : moneyPerUnit(shownFigure);
  const last = rows[rows.length - 1];
  let hasForecast = false;
  if (forecast && grain === 'week' && rate !== undefined && last) {
    const ahead = forecast.forecast
      .filter((point) => point.bucket >= last.bucket)
      .slice(0, (input.maxForecast ?? 8) + 1);
    for (const { bucket, value, low, high } of ahead) {
      let target = rows.find((candidate) => candidate.bucket === bucket);
      if (!target) {
        target = row(bucket, { from: bucket, to: bucketEnd(bucket, grain) });
        rows.push(target);
      }
      target.forecast = { value: value * rate, low: low * rate, high: high * rate };
      hasForecast = true;
    }
    rows.sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
  }

  let hasPace = false;
  let highlighting = false;
  let total = 0;
  for (const target of rows) {
    const pace = promisePace(priced, target);
    if (pace !== undefined) {
      target.pace = pace;
      hasPace = true;
    }
    if (target.realized === undefined) continue;
    total += target.realized;
    for (const { driver: own, from, label } of input.markers ?? []) {
      if (
        label &&
        appliesTo(own, driver) &&
        target.bucket <= from &&
        from <= bucketEnd(target.bucket, grain) &&
        !target.markers.includes(label)
      ) {
        target.markers.push(label);
      }
    }
    for (const focus of input.highlight ?? []) {
      if (appliesTo(focus.driver, driver) && overlapDays(target, focus)) {
        target.highlighted = highlighting = true;
      }
    }
  }

  return {
    currency,
    grain,
    period,
    rows,
    highlighting,
    hasPace,
    hasForecast,
    estimated: isTotal(driver)
      ? (summary?.total.modelled ?? 0) > 0
      : shownFigure?.basis !== 'measured',
    // The promises' money is modelled unless they are in money.
    paceEstimated: promises.some(
      (promise) => promise.unit !== 'currency' && (isTotal(driver) || promise.driver === driver),
    ),
    total,
  };
}
