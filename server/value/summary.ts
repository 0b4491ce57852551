import type { ValueSummary } from '../../blueprint/api/value.ts';
import { clipRange, type DayRange, daysIn, laterDay } from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import { paybackDays, roi } from '../../blueprint/value-math.ts';
import { basisOf } from '../../blueprint/value-model.ts';
import type { DriverActivity } from '../../telemetry/storage/interface.ts';
import { filterEcho } from './cut.ts';
import {
  type AccountContext,
  activityOf,
  dataStatus,
  figuresOf,
  formulaOf,
  moneyPerUnit,
  progressOf,
  sumRounded,
} from './figures.ts';
import { comparisonOf, partialDayOf } from './period.ts';

/** Where the account starts: its contract start day, else its first day of activity. */
export interface AccountStart {
  day: string;
  basis: 'contract_start' | 'first_activity';
}

/**
 * Spend for the period counts only the days from the account's start (not before): the annual
 * spend × those days / 365. ROI is money ÷ that spend; payback is a year's spend ÷ money per
 * counted day. Pure.
 */
export function priceOf(range: DayRange, start: AccountStart, annual: number, money: number) {
  const charged = clipRange(range, { from: laterDay(start.day, range.from), to: range.to });
  const days = charged ? daysIn(charged) : 0;
  const spend = (annual * days) / DAYS_PER_YEAR;
  return {
    price: {
      annual,
      period: spend,
      from: charged ? charged.from : start.day,
      days,
      basis: start.basis,
    },
    roi: { multiple: days === 0 ? null : roi(money, spend) },
    payback: { days: days === 0 ? null : paybackDays(money / days, annual) },
  };
}

const DAYS_PER_YEAR = 365;

/**
 * The period's value per driver against the period before, the promises' progress, spend and
 * ROI, from the reads the value service made. Promises and price are for the whole account: under
 * a cut they are left out, and the answer says so. Pure.
 */
export function summaryOf(
  context: AccountContext,
  reads: {
    range: DayRange;
    previous: DayRange;
    now: readonly DriverActivity[];
    before: readonly DriverActivity[];
    promised: readonly ValuePromise[];
    /** Each promise's span (as `promiseSpans` lays them out) and the activity in it. */
    toward: { day: string; spans: DayRange[] };
    realized: readonly DriverActivity[][];
    activeDays: DayRange | null;
    annualSpend: number | null;
    /** The account's start (whole account, whatever the cut), or null without one. */
    start: AccountStart | null;
  },
): ValueSummary {
  const { range, now, before, annualSpend, start } = reads;
  const drivers = context.model.drivers.map((driver) => ({
    id: driver.id,
    label: driver.label,
    category: driver.category,
    basis: basisOf(driver),
    unit: driver.unit,
    feature: driver.feature ?? null,
    ...figuresOf(context, driver, activityOf(now, driver)),
    /** The events counted, so a figure can be traced back to telemetry. */
    events: activityOf(now, driver)?.events ?? 0,
    previous: figuresOf(context, driver, activityOf(before, driver)),
    formula: formulaOf(context, driver),
    moneyPerUnit: moneyPerUnit(context, driver),
    event: driver.event,
    assumptions: context.assumptions
      .filter((assumption) => driver.rates.includes(assumption.id))
      .map(({ id, label, unit, value, source }) => ({ id, label, unit, value, source })),
  }));
  const money = sumRounded(drivers.map((driver) => driver.money));
  const comparison = comparisonOf(range, reads.previous, start?.day ?? null);
  const partialDay = partialDayOf(range);
  return {
    account: context.accountId,
    currency: context.model.currency,
    modelVersion: context.stored.version,
    ...filterEcho(context.cut),
    period: range,
    previousPeriod: reads.previous,
    comparison,
    ...(partialDay ? { partialDay } : {}),
    total: {
      money,
      previous: { money: sumRounded(drivers.map((driver) => driver.previous.money)) },
      modelled: sumRounded(drivers.filter((d) => d.basis === 'modelled').map((d) => d.money)),
    },
    drivers,
    ...(annualSpend === null || start === null
      ? {}
      : (() => {
          const priced = priceOf(range, start, annualSpend, money);
          return { ...priced, price: { ...priced.price, trait: context.model.price?.trait } };
        })()),
    ...(context.cut
      ? {
          omitted: {
            fields: ['price', 'roi', 'payback', 'promises'],
            reason: 'whole_account_only',
          },
        }
      : { promises: progressOf(context, reads.promised, reads.toward, reads.realized) }),
    dataStatus: dataStatus(range, reads.activeDays, context.processing),
  };
}
