import { linearRegression, meanSimple, sumNthPowerDeviations } from 'simple-statistics';
import type { Driver, ValueModel } from './value-model.ts';

/**
 * The value engine's arithmetic: pure functions on plain numbers, so every figure the API shows can
 * be recomputed by hand from its inputs. SQL counts the events; this turns counts into value.
 */

export type AssumptionSource = 'default' | 'vendor' | 'customer';

export interface AssumptionOverride {
  id: string;
  value: number;
}

export interface ResolvedAssumption {
  id: string;
  label: string;
  unit: string;
  value: number;
  source: AssumptionSource;
  min: number;
  max: number;
  customerEditable: boolean;
}

/**
 * The value each assumption takes for one account, and why. A customer edit wins over a vendor
 * override, which wins over the model's default; later overrides of the same id win over earlier
 * ones (pass them in the order they were made). Customer edits to assumptions they may not edit,
 * unknown ids, and values outside the bounds (the model's bounds may have narrowed since) are
 * ignored, so a figure never rests on a value the model does not allow.
 */
export function resolveAssumptions(
  model: Pick<ValueModel, 'assumptions'>,
  customerOverrides: readonly AssumptionOverride[],
  vendorOverrides: readonly AssumptionOverride[] = [],
): ResolvedAssumption[] {
  return model.assumptions.map((assumption) => {
    const allowed = (override: AssumptionOverride) =>
      override.id === assumption.id &&
      Number.isFinite(override.value) &&
      override.value >= assumption.min &&
      override.value <= assumption.max;
    const customer = assumption.customerEditable ? customerOverrides.findLast(allowed) : undefined;
    const vendor = vendorOverrides.findLast(allowed);
    const [value, source]: [number, AssumptionSource] = customer
      ? [customer.value, 'customer']
      : vendor
        ? [vendor.value, 'vendor']
        : [assumption.default, 'default'];
    return {
      id: assumption.id,
      label: assumption.label,
      unit: assumption.unit,
      value,
      source,
      min: assumption.min,
      max: assumption.max,
      customerEditable: assumption.customerEditable,
    };
  });
}

/** Assumption values by id, the shape `driverMoney` takes. */
export function rateTable(assumptions: readonly ResolvedAssumption[]): Map<string, number> {
  return new Map(assumptions.map((assumption) => [assumption.id, assumption.value]));
}

/**
 * Value in the driver's unit and in money. Rates multiply because each converts one unit into the
 * next (runs → hours → money); a currency driver is money already. A missing rate is a bug in the
 * caller (a validated model names only known assumptions), so it throws rather than guess.
 */
export function driverMoney(
  driver: Pick<Driver, 'unit' | 'perUnit' | 'rates'>,
  quantity: number,
  rates: ReadonlyMap<string, number>,
): { value: number; money: number } {
  const value = quantity * driver.perUnit;
  if (driver.unit === 'currency') return { value, money: value };
  let money = value;
  for (const id of driver.rates) {
    const rate = rates.get(id);
    if (rate === undefined) throw new Error(`no value for the assumption "${id}"`);
    money *= rate;
  }
  return { value, money };
}

/**
 * Money realized per unit of money spent (3.2 means "3.2× what you paid"), the multiple customers
 * read most easily; net ROI is this minus one. No spend means no ratio, not infinity.
 */
export function roi(money: number, spend: number | null | undefined): number | null {
  if (spend === null || spend === undefined || !Number.isFinite(spend) || spend <= 0) return null;
  return money / spend;
}

/**
 * Whole days of value, at the current daily rate, needed to cover a year's spend: the day it is
 * paid back, so it rounds up. Null when nothing is earned yet or there is no spend to pay back.
 */
export function paybackDays(
  moneyPerDay: number,
  annualSpend: number | null | undefined,
): number | null {
  if (annualSpend === null || annualSpend === undefined || !(annualSpend > 0)) return null;
  if (!(moneyPerDay > 0) || !Number.isFinite(moneyPerDay)) return null;
  return Math.ceil(annualSpend / moneyPerDay);
}

/** Within ±5% of the linear pace counts as on pace: day-to-day noise should not flip the label. */
export const PACE_TOLERANCE = 0.05;

export type PromiseStatus =
  | 'ahead'
  | 'on_pace'
  | 'behind'
  | 'not_started'
  | 'ended_met'
  | 'ended_missed';

export interface PromiseProgress {
  realized: number;
  target: number;
  /** realized ÷ target (0.5 = half of the promise delivered). */
  share: number;
  /** What a straight line from zero on `from` to the target on `to` reaches by the end of `asOf`. */
  expectedByNow: number;
  status: PromiseStatus;
  /** Realized at the end of the period if the pace so far holds; null before the period starts. */
  projected: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * Progress against a promise over UTC days `from`..`to` (both inclusive), with `realizedSoFar`
 * counted through the end of `asOf`. Pace is linear because a promise is stated as a total over a
 * period ("1,200 hours in the first year"), with nothing said about how it should ramp.
 */
export function promiseProgress(
  promise: { target: number; from: string; to: string },
  realizedSoFar: number,
  asOf: string,
): PromiseProgress {
  const { target } = promise;
  const start = dayNumber(promise.from);
  const totalDays = dayNumber(promise.to) - start + 1;
  const elapsedDays = Math.min(Math.max(dayNumber(asOf) - start + 1, 0), totalDays);
  const expectedByNow = (target * elapsedDays) / totalDays;
  const share = target > 0 ? realizedSoFar / target : 0;
  const base = { realized: realizedSoFar, target, share, expectedByNow };
  if (elapsedDays === 0) return { ...base, status: 'not_started', projected: null };
  if (dayNumber(asOf) > dayNumber(promise.to)) {
    return {
      ...base,
      status: realizedSoFar >= target ? 'ended_met' : 'ended_missed',
      projected: realizedSoFar,
    };
  }
  const pace = realizedSoFar / expectedByNow;
  const status: PromiseStatus =
    pace > 1 + PACE_TOLERANCE ? 'ahead' : pace >= 1 - PACE_TOLERANCE ? 'on_pace' : 'behind';
  return { ...base, status, projected: (realizedSoFar * totalDays) / elapsedDays };
}

/** Four points (e.g. four weeks) is the least that says anything about a trend and its spread. */
export const MIN_FORECAST_POINTS = 4;

/**
 * One-sided 95% quantiles of Student's t (two-sided 90%): by degrees of freedom 1..30, then a few
 * larger ones. Between rows the next smaller df is used, which widens the interval slightly
 * rather than narrowing it.
 */
const T_95_BY_DF = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761,
  1.753, 1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701,
  1.699, 1.697,
];
const T_95_LARGE_DF: ReadonlyArray<readonly [df: number, t: number]> = [
  [40, 1.684],
  [60, 1.671],
  [120, 1.658],
];
const Z_95 = 1.645;

/** The t quantile for a two-sided 90% interval with `df` degrees of freedom. */
export function tQuantile90(df: number): number {
  if (df > 120) return Z_95;
  if (df <= 30) return T_95_BY_DF[Math.floor(df) - 1] ?? Number.POSITIVE_INFINITY;
  return T_95_LARGE_DF.findLast(([rowDf]) => rowDf <= df)?.[1] ?? (T_95_BY_DF[29] as number);
}

export type LinearForecast =
  | {
      slope: number;
      intercept: number;
      points: Array<{ t: number; y: number; low: number; high: number }>;
    }
  | { notEnoughData: string };

/**
 * Ordinary least squares on (t, y) with a prediction interval for each horizon point: the range a
 * new observation at t should fall in, which is what a customer asks ("where will we be?"), not the
 * narrower interval of the mean. The fit is simple-statistics' (it centres t before squaring, so
 * millisecond timestamps keep their precision); the interval is ours, since it has no t quantile.
 */
export function linearForecast(
  points: ReadonlyArray<{ t: number; y: number }>,
  horizonTs: readonly number[],
): LinearForecast {
  const n = points.length;
  if (n < MIN_FORECAST_POINTS) {
    return {
      notEnoughData: `a trend needs at least ${MIN_FORECAST_POINTS} points of history; there ${n === 1 ? 'is' : 'are'} ${n}`,
    };
  }
  if (points.some((point) => !Number.isFinite(point.t) || !Number.isFinite(point.y))) {
    return { notEnoughData: 'some points of history are not numbers' };
  }
  const ts = points.map((point) => point.t);
  const sxx = sumNthPowerDeviations(ts, 2);
  if (sxx === 0) return { notEnoughData: 'all points of history fall at the same time' };
  const { m: slope, b: intercept } = linearRegression(points.map(({ t, y }) => [t, y]));
  // Plain (uncompensated) means, the ones linearRegression centres on, so the line meets them.
  const meanT = meanSimple(ts);
  const meanY = meanSimple(points.map((point) => point.y));
  let sse = 0;
  for (const point of points) sse += (point.y - (meanY + slope * (point.t - meanT))) ** 2;
  const spread = Math.sqrt(sse / (n - 2));
  const t = tQuantile90(n - 2);
  return {
    slope,
    intercept,
    points: horizonTs.map((at) => {
      const y = meanY + slope * (at - meanT);
      const half = t * spread * Math.sqrt(1 + 1 / n + (at - meanT) ** 2 / sxx);
      return { t: at, y, low: y - half, high: y + half };
    }),
  };
}

export interface ChangeExplanation {
  total: { current: number; previous: number; delta: number; deltaShare: number | null };
  contributions: Array<{
    segment: string;
    current: number;
    previous: number;
    delta: number;
    shareOfChange: number | null;
  }>;
}

/**
 * What moved a figure between two periods, by segment: each segment's delta and its share of the
 * total change (a segment that moved against the total gets a negative share, and shares can pass
 * 100% when others offset). `deltaShare` is the relative change of the total against the previous
 * period; both are null when they would divide by zero. A segment missing from a period had zero.
 */
export function explainChange(
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number>,
): ChangeExplanation {
  const sum = (values: ReadonlyMap<string, number>) =>
    [...values.values()].reduce((total, value) => total + value, 0);
  const total = { current: sum(current), previous: sum(previous) };
  const delta = total.current - total.previous;
  const segments = new Set([...current.keys(), ...previous.keys()]);
  const contributions = [...segments].map((segment) => {
    const now = current.get(segment) ?? 0;
    const before = previous.get(segment) ?? 0;
    return {
      segment,
      current: now,
      previous: before,
      delta: now - before,
      shareOfChange: delta === 0 ? null : (now - before) / delta,
    };
  });
  // Largest movement first; ties by name so the order never depends on map insertion.
  contributions.sort(
    (a, b) =>
      Math.abs(b.delta) - Math.abs(a.delta) ||
      (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0),
  );
  return {
    total: { ...total, delta, deltaShare: total.previous === 0 ? null : delta / total.previous },
    contributions,
  };
}
