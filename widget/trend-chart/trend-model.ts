import type { ValueForecast, ValueSeries, ValueSummary } from '../api/types.ts';
import {
  addDays,
  bucketEnd,
  clipRange,
  type DayRange,
  previousRange as daysBefore,
  daysIn,
  type Grain,
  overlapDays,
} from '../core/days.ts';
import { type FactFocus, isTotal } from '../core/events.ts';

export { linearScale, niceTicks } from './trend-geometry.ts';

/**
 * The trend chart's arithmetic, free of the DOM: which grain a period is drawn in, and the rows
 * the chart, its tooltip and its table show. The promised pace is the server's (it prices the
 * promises); the chart only draws it.
 */

/** An unusual point the story found, as the dashboard hands it to the chart. */
export interface TrendMarker {
  driver: string;
  from: string;
  to: string;
  label: string;
}

/** Day buckets up to 45 days, weeks up to 400 days, months beyond. */
export function grainFor(from: string, to: string): Grain {
  const days = daysIn({ from, to });
  return days <= 45 ? 'day' : days <= 400 ? 'week' : 'month';
}

/**
 * The period "just before" a bucket, for "why did this change?": the previous day, week or
 * calendar month for a whole bucket, the same number of days just before for a part of one.
 */
export function previousRange(range: DayRange, bucket: string, grain: Grain): DayRange {
  if (grain === 'month' && range.from === bucket && range.to === bucketEnd(bucket, grain)) {
    const to = addDays(bucket, -1);
    return { from: `${to.slice(0, 7)}-01`, to };
  }
  return daysBefore(range);
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
  /** Of a partial bucket: the days it counts of a whole one's (from the server). */
  days?: { counted: number; of: number };
  /** Money realized on the promised drivers, where that is not all value. */
  promised?: number;
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
  /** The pace is measured against part of the value: the promised drivers' labels. */
  promisedDrivers: string[] | undefined;
  /** Where the open promises stand, cumulatively, as the promise cards and the story say. */
  promiseStatus:
    | { status: 'ahead' | 'on_pace' | 'behind'; behind: number; count: number }
    | undefined;
  /** Some bucket counts fewer days than a whole one. */
  hasPartial: boolean;
  hasForecast: boolean;
  /** A forecast was asked for, but too few weeks are complete yet: how many it needs and has. */
  forecastWait: { needed: number; have: number } | undefined;
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

/** Money per bucket from the server's `{bucket, money}` list. */
function byBucket(points: ReadonlyArray<{ bucket: string; money: number }> | undefined) {
  return new Map(points?.map(({ bucket, money }) => [bucket, money]));
}

export function buildTrend(input: TrendInput): TrendModel {
  const { series, summary, driver, forecast } = input;
  const { grain, period, currency } = series;
  const realized = realizedByBucket(series, driver);
  const shownFigure = summary?.drivers.find((figure) => figure.id === driver);
  // The server's promised pace: per bucket of the period (its days in it), then whole weeks ahead.
  const pace = byBucket(series.pace);
  const paceAhead = byBucket(forecast?.pace);
  const partial = new Map(series.partial?.map((part) => [part.bucket, part]));
  const row = (bucket: string, range: DayRange): TrendRow => {
    const part = partial.get(bucket);
    return {
      bucket,
      ...range,
      partial: part !== undefined || range.from !== bucket || range.to !== bucketEnd(bucket, grain),
      ...(part ? { days: { counted: part.days, of: part.of } } : {}),
      markers: [],
      highlighted: false,
    };
  };
  // Like for like: on all value, the pace is drawn against the promised drivers' money when the
  // promises are about part of the value only.
  const promisedLine =
    isTotal(driver) &&
    series.promised &&
    series.promised.drivers.length < (summary?.drivers.length ?? series.series.length)
      ? byBucket(series.promised.points)
      : undefined;

  const rows: TrendRow[] = [];
  for (const bucket of [...realized.keys()].sort()) {
    const range = clipRange({ from: bucket, to: bucketEnd(bucket, grain) }, period);
    // A bucket before the account started is no zero: there is nothing to draw.
    if (!range || partial.get(bucket)?.days === 0) continue;
    const promised = promisedLine?.get(bucket);
    rows.push({
      ...row(bucket, range),
      realized: realized.get(bucket) ?? 0,
      ...(promised === undefined ? {} : { promised }),
    });
  }

  // The forecast: weekly, in money (a driver's forecast is in its unit, priced by the summary),
  // from the last realized bucket on, so the dashed line starts where the solid one ends.
  const rate = isTotal(driver) ? 1 : shownFigure?.moneyPerUnit;
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
    // No pace where no promise covers the bucket: a gap in the line, not a false zero.
    const promised = (target.realized === undefined ? paceAhead : pace).get(target.bucket);
    if (promised !== undefined) {
      target.pace = promised;
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

  const status = forecast?.dataStatus;
  return {
    currency,
    grain,
    period,
    rows,
    highlighting,
    hasPace,
    promisedDrivers:
      promisedLine && hasPace
        ? (series.promised?.drivers ?? []).map(
            (id) => summary?.drivers.find((figure) => figure.id === id)?.label ?? id,
          )
        : undefined,
    promiseStatus: promiseStatusOf(summary, driver),
    hasPartial: rows.some((target) => target.partial && target.realized !== undefined),
    hasForecast,
    forecastWait:
      status?.state === 'not_enough_data'
        ? { needed: status.needed, have: status.have }
        : undefined,
    estimated: isTotal(driver)
      ? (summary?.total.modelled ?? 0) > 0
      : shownFigure?.basis !== 'measured',
    // The promises' money is modelled unless they are in money.
    paceEstimated: (summary?.promises ?? []).some(
      (promise) => promise.unit !== 'currency' && (isTotal(driver) || promise.driver === driver),
    ),
    total,
  };
}

/**
 * The open promises of what is shown, taken together as the promise cards count them: behind when
 * any is behind, else ahead when any is ahead, else on pace. Cumulative (so far against expected by
 * now), so the chart never disagrees with the cards or the story.
 */
export function promiseStatusOf(
  summary: ValueSummary | undefined,
  driver: string,
): TrendModel['promiseStatus'] {
  const open = (summary?.promises ?? []).filter(
    (promise) =>
      (isTotal(driver) || promise.driver === driver) &&
      (promise.status === 'ahead' || promise.status === 'on_pace' || promise.status === 'behind'),
  );
  if (open.length === 0) return undefined;
  const behind = open.filter((promise) => promise.status === 'behind').length;
  const status =
    behind > 0
      ? 'behind'
      : open.some((promise) => promise.status === 'ahead')
        ? 'ahead'
        : 'on_pace';
  return { status, behind, count: open.length };
}
