import type { DayRange, Grain } from '../../blueprint/days.ts';
import type { Driver } from '../../blueprint/value-model.ts';
import type { SeriesPoint } from '../../telemetry/storage/interface.ts';
import { ApiError } from '../errors.ts';
import { type Cut, filterEcho } from './cut.ts';
import { bucketsBetween } from './days.ts';
import { type AccountContext, factsOf, type ValueEngine } from './value-engine.ts';

export interface SeriesQuery {
  range: DayRange;
  grain: Grain;
  driver?: string;
  segment?: string;
  filter?: Cut;
}

/** Points per bucket (every bucket present, zeros included) per driver, optionally per segment value. */
export async function valueSeries(engine: ValueEngine, accountId: string, query: SeriesQuery) {
  const context = await engine.context(accountId, query.filter);
  const drivers = query.driver ? [engine.driver(context, query.driver)] : context.model.drivers;
  const segmentIndex =
    query.segment === undefined ? undefined : segmentIndexOf(context, query.segment);
  const filter = factsOf(context);
  const [points = []] = await engine.values.series(
    accountId,
    [{ range: query.range, grain: query.grain }],
    {
      ...(segmentIndex === undefined ? {} : { segment: segmentIndex }),
      ...(filter ? { filter } : {}),
    },
  );
  const buckets = bucketsBetween(query.range, query.grain);
  const series = drivers.flatMap((driver) => {
    const mine = points.filter((point) => point.driverId === driver.id);
    const keys =
      segmentIndex === undefined
        ? [undefined]
        : [...new Set(mine.map((point) => point.segmentValue ?? ''))].sort();
    return keys.map((segmentValue) => ({
      driver: driver.id,
      ...(segmentValue === undefined ? {} : { segment: segmentValue }),
      unit: driver.unit,
      points: buckets.map((bucket) =>
        pointFor(
          engine,
          context,
          driver,
          bucket,
          mine.find(
            (p) =>
              p.bucket === bucket &&
              (segmentValue === undefined || p.segmentValue === segmentValue),
          ),
        ),
      ),
    }));
  });
  const total = buckets.map((bucket, index) => ({
    bucket,
    money: series.reduce((sum, line) => sum + (line.points[index]?.money ?? 0), 0),
  }));
  return {
    account: accountId,
    currency: context.model.currency,
    grain: query.grain,
    period: query.range,
    ...filterEcho(context.cut),
    ...(query.segment ? { segment: query.segment } : {}),
    series,
    ...(segmentIndex === undefined ? { total } : {}),
  };
}

function pointFor(
  engine: ValueEngine,
  context: AccountContext,
  driver: Driver,
  bucket: string,
  point: SeriesPoint | undefined,
) {
  return { bucket, ...engine.figures(context, driver, point), events: point?.events ?? 0 };
}

export function segmentIndexOf(context: AccountContext, segment: string): number {
  const index = context.model.segments.findIndex((candidate) => candidate.id === segment);
  if (index === -1) {
    const known = context.model.segments.map((s) => s.id);
    throw new ApiError(
      400,
      'unknown_segment',
      known.length > 0
        ? `there is no segment "${segment}"; the segments are ${known.join(', ')}`
        : `there is no segment "${segment}"; this value model defines no segments`,
    );
  }
  return index;
}
