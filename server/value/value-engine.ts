import type { DayRange } from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import {
  driverMoney,
  paybackDays,
  promiseProgress,
  type ResolvedAssumption,
  rateTable,
  resolveAssumptions,
  roi,
} from '../../blueprint/value-math.ts';
import { basisOf, type Driver, type ValueModel } from '../../blueprint/value-model.ts';
import type {
  DriverActivity,
  FactFilter,
  StoredModel,
  ValueStore,
} from '../../telemetry/storage/interface.ts';
import { ApiError } from '../errors.ts';
import { type Cut, filterEcho, modelUnder, type ResolvedCut, resolveCut } from './cut.ts';
import { daysIn, previousRange, today } from './days.ts';

const DAYS_PER_YEAR = 365;

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

/** Why a period's numbers are what they are; zeros are never shown without one. */
export interface DataStatus {
  state: 'ok' | 'no_data' | 'partial';
  reason?: string;
  firstDay?: string;
  lastDay?: string;
}

/**
 * Turns the value store's facts into money with the model and the account's assumptions. Every
 * route of the value API goes through here, so a figure is computed the same way everywhere.
 */
export class ValueEngine {
  constructor(readonly values: ValueStore) {}

  async context(accountId: string, cut?: Cut): Promise<AccountContext> {
    const stored = await this.values.currentModel();
    if (!stored) {
      throw new ApiError(
        409,
        'no_value_model',
        'the vendor has not published a value model yet, so there is no value to show',
      );
    }
    const resolved = cut ? resolveCut(stored.model, cut) : undefined;
    const history = await this.values.assumptionHistory(accountId);
    const assumptions = resolveAssumptions(stored.model, history);
    return {
      accountId,
      stored,
      model: modelUnder(stored.model, resolved),
      ...(resolved ? { cut: resolved } : {}),
      assumptions,
      rates: rateTable(assumptions),
    };
  }

  driver(context: AccountContext, id: string): Driver {
    const driver = context.model.drivers.find((candidate) => candidate.id === id);
    if (!driver && context.cut && context.stored.model.drivers.some((d) => d.id === id)) {
      throw new ApiError(
        400,
        'unknown_driver',
        `driver "${id}" is not part of the filter ${context.cut.by} "${context.cut.value}"; its drivers are ${context.model.drivers.map((d) => d.id).join(', ') || 'none'}`,
      );
    }
    if (!driver) {
      throw new ApiError(
        400,
        'unknown_driver',
        `there is no driver "${id}"; the drivers are ${context.model.drivers.map((d) => d.id).join(', ')}`,
      );
    }
    return driver;
  }

  /** Quantity, value in the driver's unit, and money for one driver's rolled-up activity. */
  figures(
    context: AccountContext,
    driver: Driver,
    activity: DriverActivity | undefined,
  ): DriverFigures {
    // Binary floating point adds noise (3679.2000000000003), and DuckDB's parallel sums add it in
    // a different order from one query to the next; cents and 1/10,000 of a unit are plenty. The
    // quantity is rounded first, so money is the shown quantity × perUnit × rates, every time.
    const quantity = roundTo(
      !activity ? 0 : 'distinctUsers' in driver.quantity ? activity.users : activity.quantity,
      4,
    );
    const { value, money } = driverMoney(driver, quantity, context.rates);
    return { quantity, value: roundTo(value, 4), money: roundTo(money, 2) };
  }

  async summary(accountId: string, range: DayRange, cut?: Cut) {
    const [context, allPromises] = await Promise.all([
      this.context(accountId, cut),
      this.values.promises(accountId),
    ]);
    // Promises and price are for the whole account: a slice is never held against them.
    const whole = !context.cut;
    const promised = whole ? allPromises : [];
    const filter = factsOf(context);
    const previous = previousRange(range);
    const toward = promiseSpans(promised, range.to);
    // One read of the facts for the period, the one before and each promise's span (a query per
    // period made the summary several scans), with the other reads alongside.
    const [[now = [], before = [], ...realized], activeDays, annualSpend] = await Promise.all([
      this.values.activity(accountId, [range, previous, ...toward.spans], filter),
      this.values.activeDays(accountId, filter),
      whole ? this.annualSpend(context) : null,
    ]);
    const promises = this.progressOf(context, promised, toward, realized);
    const drivers = context.model.drivers.map((driver) => {
      const current = this.figures(
        context,
        driver,
        now.find((a) => a.driverId === driver.id),
      );
      const prior = this.figures(
        context,
        driver,
        before.find((a) => a.driverId === driver.id),
      );
      return {
        id: driver.id,
        label: driver.label,
        category: driver.category,
        basis: basisOf(driver),
        unit: driver.unit,
        feature: driver.feature ?? null,
        ...current,
        /** The events counted, so a figure can be traced back to telemetry. */
        events: now.find((a) => a.driverId === driver.id)?.events ?? 0,
        previous: prior,
        formula: formulaOf(driver),
        event: driver.event,
        assumptions: context.assumptions
          .filter((assumption) => driver.rates.includes(assumption.id))
          .map(({ id, label, unit, value, source }) => ({ id, label, unit, value, source })),
      };
    });
    const money = sum(drivers.map((driver) => driver.money));
    const previousMoney = sum(drivers.map((driver) => driver.previous.money));
    const spend = annualSpend === null ? null : (annualSpend * daysIn(range)) / DAYS_PER_YEAR;
    return {
      account: accountId,
      currency: context.model.currency,
      modelVersion: context.stored.version,
      ...filterEcho(context.cut),
      period: range,
      previousPeriod: previous,
      total: {
        money,
        previous: { money: previousMoney },
        modelled: sum(drivers.filter((d) => d.basis === 'modelled').map((d) => d.money)),
      },
      drivers,
      ...(annualSpend === null
        ? {}
        : {
            price: { annual: annualSpend, period: spend, trait: context.model.price?.trait },
            roi: { multiple: roi(money, spend) },
            payback: { days: paybackDays(money / daysIn(range), annualSpend) },
          }),
      ...(whole
        ? { promises }
        : {
            omitted: {
              fields: ['price', 'roi', 'payback', 'promises'],
              reason:
                'price and promises are for the whole account, so a filtered slice is not compared with them',
            },
          }),
      dataStatus: dataStatus(range, activeDays),
    };
  }

  /** Each promise's progress as of `asOf` (or today, when earlier). */
  async promiseProgress(context: AccountContext, asOf: string) {
    const promises = await this.values.promises(context.accountId);
    const toward = promiseSpans(promises, asOf);
    const activity = await this.values.activity(context.accountId, toward.spans);
    return this.progressOf(context, promises, toward, activity);
  }

  /** Progress of each promise, given the activity in its span (as `promiseSpans` lays them out). */
  progressOf(
    context: AccountContext,
    promises: ValuePromise[],
    toward: { day: string; spans: DayRange[] },
    activity: DriverActivity[][],
  ) {
    return promises.map((promise, index) => {
      const span = toward.spans[index] as DayRange;
      const realized =
        span.to < span.from ? 0 : this.realizedFrom(context, promise, activity[index] ?? []);
      const driver = promise.driver
        ? context.model.drivers.find((d) => d.id === promise.driver)
        : undefined;
      return {
        ...promise,
        unit: driver ? driver.unit : 'currency',
        ...promiseProgress(promise, realized, toward.day),
      };
    });
  }

  /** Value (in the driver's unit) or total money delivered toward a promise within `range`. */
  async realizedFor(
    context: AccountContext,
    promise: ValuePromise,
    range: DayRange,
  ): Promise<number> {
    if (range.to < range.from) return 0;
    return this.realizedFrom(
      context,
      promise,
      (await this.values.activity(context.accountId, [range]))[0] ?? [],
    );
  }

  /** Value (in the driver's unit) or total money toward a promise, from a span's activity. */
  realizedFrom(context: AccountContext, promise: ValuePromise, activity: DriverActivity[]): number {
    if (promise.driver) {
      const driver = context.model.drivers.find((d) => d.id === promise.driver);
      if (!driver) return 0;
      return this.figures(
        context,
        driver,
        activity.find((a) => a.driverId === driver.id),
      ).value;
    }
    return sum(
      context.model.drivers.map(
        (driver) =>
          this.figures(
            context,
            driver,
            activity.find((a) => a.driverId === driver.id),
          ).money,
      ),
    );
  }

  /** The account's annual spend from the trait the model names, or null when unknown. */
  async annualSpend(context: AccountContext): Promise<number | null> {
    const trait = context.model.price?.trait;
    if (!trait) return null;
    const value = await this.values.accountTrait(context.accountId, trait);
    const spend =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    return Number.isFinite(spend) && spend > 0 ? spend : null;
  }
}

/** The store filter for the context's cut, if any. */
export function factsOf(context: AccountContext): FactFilter | undefined {
  return context.cut?.facts;
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

function sum(values: number[]): number {
  return roundTo(
    values.reduce((total, value) => total + value, 0),
    4,
  );
}

/** Each promise's span from its start to `asOf` (or today, when earlier), capped at its end. */
function promiseSpans(promises: ValuePromise[], asOf: string) {
  const day = earlierDay(asOf, today());
  return {
    day,
    spans: promises.map((promise) => ({ from: promise.from, to: earlierDay(day, promise.to) })),
  };
}

/** The earlier of two YYYY-MM-DD days (they compare as text). */
function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
