import {
  formatByRule,
  formatMoney,
  formatPercent,
  formatRatio,
  quantityRule,
} from '../../blueprint/format.ts';
import type { DriverUnit, FactUnit, UnitWords } from '../api/types.ts';
import { fromDay } from './days.ts';

/**
 * Numbers, money and dates for the customer's locale, all through Intl. The rounding rules are
 * the ones the story's sentences use (blueprint/format.ts), so one figure reads the same in the
 * story, the cards, the chart and the table; each Intl format is built once per locale.
 */
export { formatMoney, formatPercent, formatRatio };

const dates = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dates.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    dates.set(key, format);
  }
  return format;
}

/** Short axis labels: "$12K", whatever the size (an axis is read at a glance). */
export function formatMoneyAxis(value: number, currency: string, locale: string): string {
  return formatByRule(
    {
      value,
      options: { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 },
    },
    locale,
  );
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return formatByRule({ value, options: { maximumFractionDigits } }, locale);
}

/** "4,653 hours", "12.5 incidents", "0.006 incidents": a count in its unit's words. */
function formatUnits(value: number, unit: UnitWords, locale: string, estimated: boolean): string {
  const rule = quantityRule(value, estimated, unit.whole === true);
  return `${formatByRule(rule, locale)} ${Math.abs(rule.value) === 1 ? unit.singular : unit.plural}`;
}

/** A quantity in the driver's own unit: "5,390 hours", or money for currency drivers. */
export function formatQuantity(
  quantity: number,
  unit: DriverUnit,
  currency: string,
  locale: string,
  estimated = false,
): string {
  return unit === 'currency'
    ? formatMoney(quantity, currency, locale, estimated)
    : formatUnits(quantity, unit, locale, estimated);
}

/** "Nov 12, 2026" in the locale's order. */
export function formatDay(day: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    fromDay(day),
  );
}

/** "Nov 12" for axis ticks. */
export function formatShortDay(day: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short' }).format(fromDay(day));
}

/** "Aug 26" for a month's axis tick. */
export function formatShortMonth(day: string, locale: string): string {
  return dateFormat(locale, { month: 'short', year: '2-digit' }).format(fromDay(day));
}

export function formatDayRange(from: string, to: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(
    fromDay(from),
    fromDay(to),
  );
}

/** A number of days in words: "19 days", "19 Tage". */
export function formatDays(days: number, locale: string): string {
  return formatByRule(
    {
      value: days,
      options: { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 0 },
    },
    locale,
  );
}

/**
 * A story fact as the story writes it, for a fact that came without its `formatted`. Facts are
 * magnitudes (a fall says "down" in words), so the sign is dropped, as the server does.
 */
export function formatFact(fact: number, unit: FactUnit, locale: string, estimated: boolean) {
  const value = Math.abs(fact);
  switch (unit.kind) {
    case 'money':
      return formatMoney(value, unit.currency, locale, estimated);
    case 'count':
      return formatUnits(value, unit, locale, estimated);
    case 'percent':
      return formatPercent(value, locale);
    case 'ratio':
      return formatRatio(value, locale);
    case 'days':
      return formatDays(value, locale);
    case 'date':
      return dateFormat(locale, { dateStyle: 'long' }).format(value);
  }
}
