import type {
  DayRange,
  DriverFigure,
  PromiseProgress,
  ValueForecast,
  ValueSeries,
  ValueSummary,
} from '../api/types.ts';
import { addDays, daysBetween } from '../core/days.ts';
import type { FactFocus } from '../core/events.ts';

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

/** "total" (or nothing) stands for all value together. */
export function isTotal(driver: string | undefined | null): boolean {
  return !driver || driver === 'total';
}

/** Day buckets up to 45 days, weeks up to 400 days, months beyond. */
export function grainFor(from: string, to: string): Grain {
  const days = daysBetween(from, to);
  if (days <= 45) return 'day';
  if (days <= 400) return 'week';
  return 'month';
}

/** The last day of the bucket that starts on `bucket`. */
export function bucketEnd(bucket: string, grain: Grain): string {
  if (grain === 'day') return bucket;
  if (grain === 'week') return addDays(bucket, 6);
  const year = Number(bucket.slice(0, 4));
  const month = Number(bucket.slice(5, 7));
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** Days two ranges share, both ends counted; 0 when they do not meet. */
export function overlapDays(a: DayRange, b: DayRange): number {
  const shared = clip(a, b);
  return shared ? daysBetween(shared.from, shared.to) : 0;
}

/** The part of a range inside another, or undefined when they do not meet. */
export function clip(range: DayRange, within: DayRange): DayRange | undefined {
  // Days are YYYY-MM-DD strings: they sort as text (Math.max would not take them).
  const [, from = range.from] = [range.from, within.from].sort();
  const [to = range.to] = [range.to, within.to].sort();
  return from > to ? undefined : { from, to };
}

/** A promise priced in money: `target` units over its days, each unit worth `moneyPerUnit`. */
export interface PricedPromise {
  target: number;
  from: string;
  to: string;
  moneyPerUnit: number;
}

/**
 * What the promises ask for in a range, in money: for each promise,
 * target / days(promise) × days(range ∩ promise) × money per unit. Undefined when no promise
 * covers any day of the range (the line has a gap there rather than a false zero).
 */
export function promisePace(
  promises: readonly PricedPromise[],
  range: DayRange,
): number | undefined {
  let pace = 0;
  let covered = false;
  for (const promise of promises) {
    const days = overlapDays(range, promise);
    if (days === 0) continue;
    covered = true;
    pace += (promise.target / daysBetween(promise.from, promise.to)) * days * promise.moneyPerUnit;
  }
  return covered ? pace : undefined;
}

/**
 * Money per unit of a driver, from the summary. Promise targets and driver forecasts are in the
 * driver's unit (hours, tickets), which is the summary's `value` (the events counted are in
 * `quantity`; they differ when one event saves a quarter of an hour); `quantity` stands in when a
 * response has no `value`. Money measured directly is 1:1.
 */
export function moneyPerUnit(
  figure: (Pick<DriverFigure, 'money' | 'quantity' | 'unit'> & { value?: number }) | undefined,
): number | undefined {
  if (!figure) return undefined;
  if (figure.unit === 'currency') return 1;
  const units = typeof figure.value === 'number' ? figure.value : figure.quantity;
  return units > 0 ? figure.money / units : undefined;
}

/** The promises that apply to what is shown (one driver, or all of them for the total), priced. */
export function pricePromises(
  promises: readonly PromiseProgress[],
  drivers: ValueSummary['drivers'],
  driver: string,
): PricedPromise[] {
  const priced: PricedPromise[] = [];
  for (const promise of promises) {
    const promiseDriver = promise.driver as string | null | undefined;
    if (!isTotal(driver) && promiseDriver !== driver) continue;
    const rate =
      promise.unit === 'currency'
        ? 1
        : moneyPerUnit(drivers.find((figure) => figure.id === promiseDriver));
    if (rate === undefined) continue; // Cannot be priced (no activity yet): no line, not a wrong one.
    priced.push({ target: promise.target, from: promise.from, to: promise.to, moneyPerUnit: rate });
  }
  return priced;
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

/**
 * A y axis from zero: the maximum rounded up to a step of 1, 2 or 5 × 10ⁿ so about `count`
 * ticks fit. (A few lines here instead of d3-scale's scaleLinear, which brings d3-interpolate,
 * d3-color and d3-format along: about 9 KB gzip of a 40 KB budget.)
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let index = 0; index * step < max + step * 1e-9; index += 1) {
    ticks.push(round(index * step));
  }
  const last = ticks[ticks.length - 1] ?? 0;
  if (last < max) ticks.push(round(last + step));
  return ticks;
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

/** Maps [0, max] onto [bottom, top] pixels. */
export function linearScale(max: number, bottom: number, top: number): (value: number) => number {
  const span = max > 0 ? max : 1;
  return (value) => bottom + ((top - bottom) * value) / span;
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
  if (isTotal(driver) && series.total) {
    for (const point of series.total) money.set(point.bucket, point.money);
    return money;
  }
  for (const line of series.series) {
    if (!isTotal(driver) && line.driver !== driver) continue;
    for (const point of line.points) {
      money.set(point.bucket, (money.get(point.bucket) ?? 0) + point.money);
    }
  }
  return money;
}

export function buildTrend(input: TrendInput): TrendModel {
  const { series, summary, driver } = input;
  const grain = series.grain;
  const period = series.period;
  const realized = realizedByBucket(series, driver);
  const buckets = [...realized.keys()].sort();
  const figures = summary?.drivers ?? [];
  const promises = pricePromises(summary?.promises ?? [], figures, driver);
  const shownFigure = figures.find((figure) => figure.id === driver);

  const rows: TrendRow[] = [];
  for (const bucket of buckets) {
    const range = clip({ from: bucket, to: bucketEnd(bucket, grain) }, period);
    if (!range) continue;
    rows.push({
      bucket,
      ...range,
      partial: range.from !== bucket || range.to !== bucketEnd(bucket, grain),
      realized: realized.get(bucket) ?? 0,
      markers: [],
      highlighted: false,
    });
  }

  // The forecast: weekly, in money (a driver's forecast is in its unit), from the last realized
  // bucket on, so the dashed line starts where the solid one ends.
  const rate = isTotal(driver) ? 1 : moneyPerUnit(shownFigure);
  let hasForecast = false;
  if (input.forecast && grain === 'week' && rate !== undefined && rows.length > 0) {
    const last = rows[rows.length - 1] as TrendRow;
    const ahead = input.forecast.forecast
      .filter((point) => point.bucket >= last.bucket)
      .slice(0, (input.maxForecast ?? 8) + 1);
    for (const point of ahead) {
      const forecast = {
        value: point.value * rate,
        low: point.low * rate,
        high: point.high * rate,
      };
      const row = rows.find((candidate) => candidate.bucket === point.bucket);
      if (row) row.forecast = forecast;
      else {
        rows.push({
          bucket: point.bucket,
          from: point.bucket,
          to: bucketEnd(point.bucket, grain),
          partial: false,
          forecast,
          markers: [],
          highlighted: false,
        });
      }
      hasForecast = true;
    }
    rows.sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
  }

  let hasPace = false;
  for (const row of rows) {
    const pace = promisePace(promises, row);
    if (pace !== undefined) {
      row.pace = pace;
      hasPace = true;
    }
  }

  for (const marker of input.markers ?? []) {
    if (!appliesTo(marker.driver, driver) || !marker.label) continue;
    const row = rows.find(
      (candidate) =>
        candidate.realized !== undefined &&
        candidate.bucket <= marker.from &&
        marker.from <= bucketEnd(candidate.bucket, grain),
    );
    if (row && !row.markers.includes(marker.label)) row.markers.push(marker.label);
  }

  let highlighting = false;
  for (const focus of input.highlight ?? []) {
    if (!appliesTo(focus.driver, driver)) continue;
    for (const row of rows) {
      if (row.realized !== undefined && overlapDays(row, focus) > 0) {
        row.highlighted = true;
        highlighting = true;
      }
    }
  }

  const total = rows.reduce((sum, row) => sum + (row.realized ?? 0), 0);
  const estimated = isTotal(driver)
    ? (summary?.total.modelled ?? 0) > 0
    : shownFigure?.basis !== 'measured';
  const paceEstimated = (summary?.promises ?? []).some(
    (promise) =>
      promise.unit !== 'currency' && (isTotal(driver) || (promise.driver as string) === driver),
  );
  return {
    currency: series.currency,
    grain,
    period,
    rows,
    highlighting,
    hasPace,
    hasForecast,
    estimated,
    paceEstimated,
    total,
  };
}
