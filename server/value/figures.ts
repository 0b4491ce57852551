import type { DataStatus } from '../../blueprint/api/common.ts';
import type { Formula } from '../../blueprint/api/value.ts';
import { type DayRange, earlierDay, today } from '../../blueprint/days.ts';
import { roundTo } from '../../blueprint/format.ts';
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
  /** The reader's language, when asked for: the model's words are already in it. */
  locale?: string;
  /** Events of the account were acknowledged but are not in its value yet. */
  processing?: boolean;
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

export function dataStatus(
  range: DayRange,
  active: DayRange | null,
  processing = false,
): DataStatus {
  // Events just accepted are no proof of value yet, but "nothing recorded" would be untrue.
  if (!active) return { state: 'no_data', reason: processing ? 'processing' : 'no_activity' };
  const days = { firstDay: active.from, lastDay: active.to };
  if (active.from > range.to || active.to < range.from) {
    return { state: 'no_data', reason: 'no_activity_in_period', ...days };
  }
  if (active.from > range.from) return { state: 'partial', reason: 'starts_in_period', ...days };
  return { state: 'ok', ...days };
}

/** The days with activity, as a data status tells them (null when there is none at all). */
export function activeDaysOf(status: DataStatus): DayRange | null {
  return status.firstDay && status.lastDay ? { from: status.firstDay, to: status.lastDay } : null;
}

/**
 * How a driver's money is computed, as structure the reader's language words: what is counted or
 * summed, on which event and where, then each factor (units per event, then each rate) with its
 * id, label and the value it takes for this account.
 */
export function formulaOf(context: AccountContext, driver: Driver): Formula {
  const { quantity: counted, event } = driver;
  const quantity =
    'count' in counted
      ? { kind: 'count' as const, event }
      : 'sum' in counted
        ? { kind: 'sum' as const, event, property: counted.sum }
        : { kind: 'distinct_users' as const, event };
  const perUnit =
    driver.unit === 'currency' || driver.perUnit === 1
      ? []
      : [{ kind: 'per_unit' as const, value: driver.perUnit, unit: driver.unit }];
  const rates = driver.rates.flatMap((id) => {
    const assumption = context.assumptions.find((candidate) => candidate.id === id);
    return assumption
      ? [
          {
            kind: 'rate' as const,
            id,
            label: assumption.label,
            unit: assumption.unit,
            value: assumption.value,
          },
        ]
      : [];
  });
  return {
    quantity,
    where: driver.where.map(({ property, op, value }) => ({
      property,
      op,
      ...(value === undefined ? {} : { value }),
    })),
    factors: [...perUnit, ...rates],
  };
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
    const { labels, ...shown } = promise;
    const label = labelIn(labels, context.locale) ?? promise.label;
    return {
      ...shown,
      ...(label === undefined ? {} : { label }),
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

/** A promise's label in the reader's language ("de-AT" finds "de"), when the vendor gave one. */
function labelIn(labels: Record<string, string> | undefined, locale: string | undefined) {
  if (!labels || !locale) return undefined;
  const tag = locale.toLowerCase();
  const own = Object.entries(labels);
  return (
    own.find(([key]) => key.toLowerCase() === tag)?.[1] ??
    own.find(([key]) => key.toLowerCase() === tag.split('-')[0])?.[1]
  );
}
