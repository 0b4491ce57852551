import { type DayRange, earlierDay, today } from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import {
  driverMoney,
  promiseProgress,
  type ResolvedAssumption,
} from '../../blueprint/value-math.ts';
import type { Driver, ValueModel } from '../../blueprint/value-model.ts';
import type { DriverActivity, StoredModel } from '../../telemetry/storage/interface.ts';
import type { ResolvedCut } from './cut.ts';

/**
 * The arithmetic every value answer shares, on plain data: a driver's figures from its activity,
 * promise progress, the data status of a period. No I/O here; the value service reads, this counts.
 */

/** Everything a value answer for one account needs: the model and the account's assumptions. */
export interface AccountContext {
  accountId: string;
  stored: StoredModel;
  /** The model as the cut sees it (a feature cut keeps only that feature's drivers). */
  model: ValueModel;
  /** The customer's cut, when the request has one: every read of facts applies it. */
  cut?: ResolvedCut;
  assumptions: ResolvedAssumption[];
  rates: Map<string, number>;
}

export interface DriverFigures {
  quantity: number;
  value: number;
  money: number;
}

/**
 * Quantity, value in the driver's unit, and money for one driver's rolled-up activity. Binary
 * floating point adds noise (3679.2000000000003), and parallel sums add it in a different order from
 * one read to the next; cents and 1/10,000 of a unit are plenty. The quantity is rounded first, so
 * money is the shown quantity × perUnit × rates, every time.
 */
export function figuresOf(
  context: AccountContext,
  driver: Driver,
  activity: DriverActivity | undefined,
): DriverFigures {
  const quantity = roundTo(
    !activity ? 0 : 'distinctUsers' in driver.quantity ? activity.users : activity.quantity,
    4,
  );
  const { value, money } = driverMoney(driver, quantity, context.rates);
  return { quantity, value: roundTo(value, 4), money: roundTo(money, 2) };
}

/** Money per unit of the driver's value (1 for money measured directly), at the account's rates. */
export function moneyPerUnit(context: AccountContext, driver: Driver): number {
  return driverMoney({ ...driver, perUnit: 1 }, 1, context.rates).money;
}

/** The driver's own activity among a period's. */
export function activityOf(
  rows: readonly DriverActivity[],
  driver: Driver,
): DriverActivity | undefined {
  return rows.find((row) => row.driverId === driver.id);
}

/** Why a period's numbers are what they are; zeros are never shown without one. */
export interface DataStatus {
  state: 'ok' | 'no_data' | 'partial';
  reason?: string;
  firstDay?: string;
  lastDay?: string;
}

export function dataStatus(range: DayRange, active: DayRange | null): DataStatus {
  if (!active)
    return {
      state: 'no_data',
      reason: 'no activity that creates value has been recorded for this account yet',
    };
  if (active.from > range.to || active.to < range.from) {
    return {
      state: 'no_data',
      reason: 'no activity that creates value falls in this period',
      firstDay: active.from,
      lastDay: active.to,
    };
  }
  if (active.from > range.from) {
    return {
      state: 'partial',
      reason: `activity starts on ${active.from}, after the start of this period`,
      firstDay: active.from,
      lastDay: active.to,
    };
  }
  return { state: 'ok', firstDay: active.from, lastDay: active.to };
}

/** The days with activity, as a data status tells them (null when there is none at all). */
export function activeDaysOf(status: DataStatus): DayRange | null {
  return status.firstDay && status.lastDay ? { from: status.firstDay, to: status.lastDay } : null;
}

/** How a driver's money is computed, in words with the ids a popover can resolve. */
export function formulaOf(driver: Driver): string {
  const quantity =
    'count' in driver.quantity
      ? `count of "${driver.event}"`
      : 'sum' in driver.quantity
        ? `sum of ${driver.quantity.sum} on "${driver.event}"`
        : `distinct users of "${driver.event}"`;
  const filter =
    driver.where.length > 0
      ? ` where ${driver.where.map((w) => `${w.property} ${w.op}${w.value === undefined ? '' : ` ${JSON.stringify(w.value)}`}`).join(' and ')}`
      : '';
  const perUnit = driver.perUnit === 1 ? '' : ` × ${driver.perUnit}`;
  const rates = driver.rates.map((rate) => ` × ${rate}`).join('');
  return `${quantity}${filter}${perUnit}${rates}`;
}

/** Each promise's span from its start to `asOf` (or today, when earlier), capped at its end. */
export function promiseSpans(promises: readonly ValuePromise[], asOf: string) {
  const day = earlierDay(asOf, today());
  return {
    day,
    spans: promises.map((promise) => ({ from: promise.from, to: earlierDay(day, promise.to) })),
  };
}

/** Value (in the driver's unit) or total money toward a promise, from a span's activity. */
export function realizedToward(
  context: AccountContext,
  promise: ValuePromise,
  activity: readonly DriverActivity[],
): number {
  if (promise.driver) {
    const driver = context.model.drivers.find((d) => d.id === promise.driver);
    return driver ? figuresOf(context, driver, activityOf(activity, driver)).value : 0;
  }
  return sumRounded(
    context.model.drivers.map(
      (driver) => figuresOf(context, driver, activityOf(activity, driver)).money,
    ),
  );
}

/** Progress of each promise, given the activity in its span (as `promiseSpans` lays them out). */
export function progressOf(
  context: AccountContext,
  promises: readonly ValuePromise[],
  toward: { day: string; spans: DayRange[] },
  activity: readonly DriverActivity[][],
) {
  return promises.map((promise, index) => {
    const span = toward.spans[index] as DayRange;
    const realized =
      span.to < span.from ? 0 : realizedToward(context, promise, activity[index] ?? []);
    const driver = promise.driver
      ? context.model.drivers.find((d) => d.id === promise.driver)
      : undefined;
    return {
      ...promise,
      unit: driver ? driver.unit : ('currency' as const),
      ...promiseProgress(promise, realized, toward.day),
    };
  });
}

/** A sum with the float noise rounded away (1/10,000). */
export function sumRounded(values: readonly number[]): number {
  return roundTo(
    values.reduce((total, value) => total + value, 0),
    4,
  );
}

export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
