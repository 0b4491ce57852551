import {
  bucketEnd,
  bucketsBetween,
  type DayRange,
  daysIn,
  earlierDay,
  type Grain,
  laterDay,
  today,
} from '../../blueprint/days.ts';
import { type PricedPromise, promisePace, type ValuePromise } from '../../blueprint/promise.ts';
import type { Driver } from '../../blueprint/value-model.ts';
import type { SeriesPoint } from '../../telemetry/storage/interface.ts';
import { type AccountContext, figuresOf, moneyPerUnit } from './figures.ts';

/** Series shaped from the store's points, and the promised pace along them. Pure. */

/** Every bucket of the window per driver (and segment value), zeros included. */
export function denseLines(
  context: AccountContext,
  drivers: readonly Driver[],
  window: { range: DayRange; grain: Grain },
  points: readonly SeriesPoint[],
  bySegment: boolean,
) {
  const buckets = bucketsBetween(window.range, window.grain);
  return drivers.flatMap((driver) => {
    const mine = points.filter((point) => point.driverId === driver.id);
    const keys = bySegment
      ? [...new Set(mine.map((point) => point.segmentValue ?? ''))].sort()
      : [undefined];
    return keys.map((segmentValue) => ({
      driver: driver.id,
      ...(segmentValue === undefined ? {} : { segment: segmentValue }),
      unit: driver.unit,
      points: buckets.map((bucket) => {
        const point = mine.find(
          (p) =>
            p.bucket === bucket && (segmentValue === undefined || p.segmentValue === segmentValue),
        );
        return { bucket, ...figuresOf(context, driver, point), events: point?.events ?? 0 };
      }),
    }));
  });
}

/** Money per bucket across the lines. */
export function totalOf(
  lines: ReadonlyArray<{ points: ReadonlyArray<{ money: number }> }>,
  window: { range: DayRange; grain: Grain },
) {
  return bucketsBetween(window.range, window.grain).map((bucket, index) => ({
    bucket,
    money: lines.reduce((sum, line) => sum + (line.points[index]?.money ?? 0), 0),
  }));
}

/** The promises shown against a line, priced: one driver's, or all of them for the total. */
export function pricePromises(
  context: AccountContext,
  promises: readonly ValuePromise[],
  shown: Driver | undefined,
): PricedPromise[] {
  return promises.flatMap((promise) => {
    if (shown && promise.driver !== shown.id) return [];
    const driver = context.model.drivers.find((candidate) => candidate.id === promise.driver);
    if (promise.driver && !driver) return [];
    const rate = driver ? moneyPerUnit(context, driver) : 1;
    return [{ from: promise.from, to: promise.to, target: promise.target, moneyPerUnit: rate }];
  });
}

/** The promised pace per bucket, for the buckets any promise covers (of their days shown). */
export function paceOf(
  promises: readonly PricedPromise[],
  buckets: ReadonlyArray<{ bucket: string; days: DayRange | undefined }>,
) {
  if (promises.length === 0) return [];
  return buckets.flatMap(({ bucket, days }) => {
    const money = days ? promisePace(promises, days) : undefined;
    return money === undefined ? [] : [{ bucket, money }];
  });
}

/**
 * The money realized on the drivers the promises are about, per bucket: what the promised pace is
 * measured against. A money promise (no driver) is about all value.
 */
export function promisedOf(
  promises: readonly ValuePromise[],
  lines: ReadonlyArray<{
    driver: string;
    points: ReadonlyArray<{ bucket: string; money: number }>;
  }>,
  drivers: readonly Driver[],
) {
  const all = promises.some((promise) => promise.driver === undefined);
  const promised = drivers
    .filter((driver) => all || promises.some((promise) => promise.driver === driver.id))
    .map((driver) => driver.id);
  const mine = lines.filter((line) => promised.includes(line.driver));
  const points = (lines[0]?.points ?? []).map(({ bucket }, index) => ({
    bucket,
    money: mine.reduce((sum, line) => sum + (line.points[index]?.money ?? 0), 0),
  }));
  return { drivers: promised, points };
}

export type PartialWhy = 'period_start' | 'period_end' | 'account_start' | 'today';

/**
 * The buckets that count fewer days than a whole one, and why: cut by the period's first or last
 * day, begun before the account's first day, or holding today (still under way). A partial bucket
 * is never to be read as a whole one.
 */
export function partialBuckets(
  window: { range: DayRange; grain: Grain },
  accountStart: string | undefined,
  now = today(),
) {
  return bucketsBetween(window.range, window.grain).flatMap((bucket) => {
    const whole = { from: bucket, to: bucketEnd(bucket, window.grain) };
    const starts =
      accountStart !== undefined && accountStart > laterDay(whole.from, window.range.from);
    const from = starts ? (accountStart as string) : laterDay(whole.from, window.range.from);
    const to = earlierDay(earlierDay(whole.to, window.range.to), now);
    const of = daysIn(whole);
    const days = to < from ? 0 : daysIn({ from, to });
    const holdsToday = whole.from <= now && now <= whole.to && window.range.to >= now;
    if (days === of && !holdsToday) return [];
    const why: PartialWhy = holdsToday
      ? 'today'
      : starts
        ? 'account_start'
        : window.range.from > whole.from
          ? 'period_start'
          : 'period_end';
    return [{ bucket, days, of, why }];
  });
}
