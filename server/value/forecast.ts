import type { ValueForecast } from '../../blueprint/api/value.ts';
import {
  addDays,
  bucketEnd,
  bucketOf,
  bucketsBetween,
  type DayRange,
  fromDay,
  today,
} from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import { linearForecast, MIN_FORECAST_POINTS } from '../../blueprint/value-math.ts';
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
 * Where value is heading: a linear trend on the complete weeks since the account became active,
 * projected to the end of the open promise (or a horizon) with a 90% prediction interval, and the
 * promised pace of the weeks ahead. Too little history says so. Pure: the reads come in.
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
  const fit = linearForecast(
    weekly.map((week) => ({ t: fromDay(week.bucket), y: week.value })),
    future.map(fromDay),
  );
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
        have: weekly.length,
      },
    };
  }
  const forecast = fit.points.map((point, index) => ({
    bucket: future[index] as string,
    value: Math.max(0, point.y),
    low: Math.max(0, point.low),
    high: Math.max(0, point.high),
  }));
  const sumOf = (key: 'value' | 'low' | 'high') =>
    input.realizedSoFar + forecast.reduce((sum, week) => sum + week[key], 0);
  const projected = { value: sumOf('value'), low: sumOf('low'), high: sumOf('high') };
  const pace = paceOf(
    pricePromises(context, input.promises, driver),
    future.map((bucket) => ({ bucket, days: { from: bucket, to: bucketEnd(bucket, 'week') } })),
  );
  return {
    ...base,
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
