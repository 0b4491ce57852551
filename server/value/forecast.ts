import type { ValueForecast } from '../../blueprint/api/value.ts';
import {
  addDays,
  bucketEnd,
  bucketOf,
  bucketsBetween,
  type DayRange,
  today,
} from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import { fitRegime, projectRegime } from '../../blueprint/trend-fit.ts';
import { MIN_FORECAST_POINTS } from '../../blueprint/value-math.ts';
import type { Driver } from '../../blueprint/value-model.ts';
import type { SeriesPoint } from '../../telemetry/storage/interface.ts';
import { filterEcho } from './cut.ts';
import { type AccountContext, figuresOf } from './figures.ts';
import { paceOf, pricePromises } from './series.ts';

/** Weeks of history a forecast is fitted on: recent enough to reflect how the account works now. */
const HISTORY_WEEKS = 26;
/** Forecast horizon when there is no promise to forecast to. */
const DEFAULT_HORIZON_DAYS = 90;

/** The complete weeks a forecast is fitted on, ending with the last complete one. */
export function forecastHistory(): { lastComplete: string; range: DayRange } {
  const lastComplete = addDays(bucketOf(today(), 'week'), -1);
  return {
    lastComplete,
    range: {
      from: addDays(bucketOf(lastComplete, 'week'), -7 * (HISTORY_WEEKS - 1)),
      to: lastComplete,
    },
  };
}

/** The promise a forecast projects to: still open, for the driver shown (or total money). */
export function openPromise(
  promises: readonly ValuePromise[],
  driver: Driver | undefined,
): ValuePromise | undefined {
  return promises.find(
    (candidate) => (candidate.driver ?? null) === (driver?.id ?? null) && candidate.to >= today(),
  );
}

/**
 * Where value is heading: the regime the account is in now (blueprint/trend-fit.ts: the weeks since
 * its last change of course, short lulls left out), continued as a line when its trend is clear of
 * the noise and as a level otherwise, projected to the end of the open promise (or a horizon) with
 * a 90% prediction interval, and the promised pace of the weeks ahead. Too little history says so:
 * fewer than four complete active weeks (a regime after a change always has six). Pure: the reads
 * come in.
 */
export function forecastOf(
  context: AccountContext,
  input: {
    driver: Driver | undefined;
    horizonDays: number | undefined;
    active: DayRange | null;
    points: readonly SeriesPoint[];
    promises: readonly ValuePromise[];
    promise: ValuePromise | undefined;
    /** Value toward the promise up to the last complete week (0 without one). */
    realizedSoFar: number;
  },
): ValueForecast {
  const { driver, active, points, promise } = input;
  const { lastComplete, range } = forecastHistory();
  const drivers = driver ? [driver] : context.model.drivers;
  const weekly = bucketsBetween(range, 'week')
    .filter((bucket) => active !== null && addDays(bucket, 6) >= active.from)
    .map((bucket) => ({
      bucket,
      value: drivers.reduce((sum, d) => {
        const point = points.find((p) => p.bucket === bucket && p.driverId === d.id);
        const figures = figuresOf(context, d, point);
        return sum + (driver ? figures.value : figures.money);
      }, 0),
    }));
  const horizonEnd =
    input.horizonDays !== undefined
      ? addDays(today(), input.horizonDays)
      : (promise?.to ?? addDays(today(), DEFAULT_HORIZON_DAYS));
  const future = bucketsBetween({ from: addDays(lastComplete, 1), to: horizonEnd }, 'week');
  const fit = fitRegime(weekly.map((week) => week.value));
  const base = {
    account: context.accountId,
    currency: context.model.currency,
    ...(driver ? { driver: driver.id, unit: driver.unit } : { measure: 'money' as const }),
    ...filterEcho(context.cut),
    asOf: lastComplete,
    horizon: { to: horizonEnd },
    history: weekly,
  };
  if ('notEnoughData' in fit) {
    return {
      ...base,
      forecast: [],
      projected: null,
      dataStatus: {
        state: 'not_enough_data',
        reason: 'too_few_weeks',
        needed: MIN_FORECAST_POINTS,
        have: fit.have,
      },
    };
  }
  // Future week k is index weekly.length + k: the weeks are consecutive up to the last complete one.
  const projection = projectRegime(
    fit,
    future.map((_, index) => weekly.length + index),
  );
  const forecast = projection.map((point, index) => ({
    bucket: future[index] as string,
    value: Math.max(0, point.y),
    low: Math.max(0, point.low),
    high: Math.max(0, point.high),
  }));
  const bucketAt = (index: number) => (weekly[index] as { bucket: string }).bucket;
  const fitted = {
    from: bucketAt(fit.fitted[0] as number),
    to: bucketAt(fit.fitted.at(-1) as number),
    weeks: fit.fitted.length,
    ...(fit.changeAt !== undefined ? { changeAt: bucketAt(fit.changeAt) } : {}),
    method: fit.method,
  };
  const sumOf = (key: 'value' | 'low' | 'high') =>
    input.realizedSoFar + forecast.reduce((sum, week) => sum + week[key], 0);
  const projected = { value: sumOf('value'), low: sumOf('low'), high: sumOf('high') };
  const pace = paceOf(
    pricePromises(context, input.promises, driver),
    future.map((bucket) => ({ bucket, days: { from: bucket, to: bucketEnd(bucket, 'week') } })),
  );
  return {
    ...base,
    fit: fitted,
    forecast,
    ...(pace.length > 0 ? { pace } : {}),
    projected: {
      ...projected,
      from: promise ? promise.from : addDays(lastComplete, 1),
      to: horizonEnd,
    },
    ...(promise
      ? {
          promise: {
            target: promise.target,
            from: promise.from,
            to: promise.to,
            projectedShare: projected.value / promise.target,
          },
        }
      : {}),
    dataStatus: { state: 'ok' },
  };
}
