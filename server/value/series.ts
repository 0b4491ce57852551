import { bucketsBetween, type DayRange, type Grain } from '../../blueprint/days.ts';
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
