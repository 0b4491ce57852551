import { linearForecast, MIN_FORECAST_POINTS } from '../../blueprint/value-math.ts';
import { type Cut, filterEcho } from './cut.ts';
import { addDays, bucketOf, bucketsBetween, fromDay, today } from './days.ts';
import { factsOf, type ValueEngine } from './value-engine.ts';

/** Weeks of history the trend is fitted on: recent enough to reflect how the account works now. */
const HISTORY_WEEKS = 26;
/** Horizon when there is no promise to forecast to. */
const DEFAULT_HORIZON_DAYS = 90;

/**
 * Where value is heading: a linear trend on complete weeks, projected to the end of the promise
 * period (or a horizon), with a 90% prediction interval. Too little history says so.
 */
export async function valueForecast(
  engine: ValueEngine,
  accountId: string,
  query: { driver?: string; horizonDays?: number; filter?: Cut },
) {
  const context = await engine.context(accountId, query.filter);
  const driver = query.driver ? engine.driver(context, query.driver) : undefined;
  const lastComplete = addDays(bucketOf(today(), 'week'), -1);
  const historyRange = {
    from: addDays(bucketOf(lastComplete, 'week'), -7 * (HISTORY_WEEKS - 1)),
    to: lastComplete,
  };
  const filter = factsOf(context);
  const active = await engine.values.activeDays(accountId, filter);
  const [points = []] = await engine.values.series(
    accountId,
    [{ range: historyRange, grain: 'week' }],
    filter ? { filter } : {},
  );
  const weekly = bucketsBetween(historyRange, 'week')
    .filter((bucket) => active !== null && addDays(bucket, 6) >= active.from)
    .map((bucket) => {
      const drivers = driver ? [driver] : context.model.drivers;
      const measure = drivers.reduce((sum, d) => {
        const figures = engine.figures(
          context,
          d,
          points.find((p) => p.bucket === bucket && p.driverId === d.id),
        );
        return sum + (driver ? figures.value : figures.money);
      }, 0);
      return { bucket, value: measure };
    });
  // Promises are for the whole account: a filtered slice is projected to a horizon, not to them.
  const promises = context.cut ? [] : await engine.values.promises(accountId);
  const promise = promises.find(
    (candidate) => (candidate.driver ?? null) === (driver?.id ?? null) && candidate.to >= today(),
  );
  const horizonEnd =
    query.horizonDays !== undefined
      ? addDays(today(), query.horizonDays)
      : (promise?.to ?? addDays(today(), DEFAULT_HORIZON_DAYS));
  const future = bucketsBetween({ from: addDays(lastComplete, 1), to: horizonEnd }, 'week');
  const fit = linearForecast(
    weekly.map((week) => ({ t: fromDay(week.bucket), y: week.value })),
    future.map(fromDay),
  );
  const base = {
    account: accountId,
    currency: context.model.currency,
    ...(driver ? { driver: driver.id, unit: driver.unit } : { measure: 'money' }),
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
        state: 'not_enough_data' as const,
        reason: `a forecast needs at least ${MIN_FORECAST_POINTS} complete weeks of activity; this account has ${weekly.length}`,
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
    forecast.reduce((sum, week) => sum + week[key], 0);
  const realizedSoFar = promise
    ? await engine.realizedFor(context, promise, { from: promise.from, to: lastComplete })
    : 0;
  const projected = {
    value: realizedSoFar + sumOf('value'),
    low: realizedSoFar + sumOf('low'),
    high: realizedSoFar + sumOf('high'),
  };
  return {
    ...base,
    forecast,
    projected: {
      ...projected,
      ...(promise ? { from: promise.from } : { from: addDays(lastComplete, 1) }),
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
    dataStatus: { state: 'ok' as const },
  };
}
