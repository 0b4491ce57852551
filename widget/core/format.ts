import type { DriverUnit, FactUnit } from '../api/types.ts';
import { dayToTime } from './days.ts';

/**
 * Numbers, money and dates for the customer's locale, all through Intl. Modelled money is an
 * estimate and is never shown with more precision than it has.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    cache.set(key, format);
  }
  return format;
}

/** "$900K" for large amounts; estimates keep at most three significant digits. */
export function formatMoney(
  value: number,
  currency: string,
  locale: string,
  options: { estimated?: boolean; compact?: boolean } = {},
): string {
  const compact = options.compact ?? Math.abs(value) >= 10_000;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    ...(compact
      ? { notation: 'compact', maximumSignificantDigits: options.estimated ? 2 : 3 }
      : options.estimated
        ? { maximumSignificantDigits: 3 }
        : { maximumFractionDigits: Math.abs(value) < 100 ? 2 : 0 }),
  }).format(value);
}

/** Short axis labels: "$12K". */
export function formatMoneyAxis(value: number, currency: string, locale: string): string {
  return numberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumSignificantDigits: 3,
  }).format(value);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** "32%", or "4.5%" under ten percent. A share of 0.32 is 32%. */
export function formatPercent(share: number, locale: string, signed = false): string {
  const small = Math.abs(share) < 0.1;
  return numberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: small ? 1 : 0,
    ...(signed ? { signDisplay: 'exceptZero' } : {}),
  }).format(share);
}

/** A quantity in the driver's own unit: "5,390 hours", or money for currency drivers. */
export function formatQuantity(
  quantity: number,
  unit: DriverUnit,
  currency: string,
  locale: string,
): string {
  if (unit === 'currency') return formatMoney(quantity, currency, locale);
  const size = Math.abs(quantity);
  // Whole units from 100 up, one decimal below, and a fraction's first digits under one
  // (0.006 incidents avoided is small, not nothing).
  const shown =
    size >= 100
      ? formatNumber(Math.round(quantity), locale)
      : size >= 1 || size === 0
        ? formatNumber(quantity, locale, 1)
        : numberFormat(locale, { maximumSignificantDigits: 1 }).format(quantity);
  return `${shown} ${size === 1 ? unit.singular : unit.plural}`;
}

/** "12 Nov 2026" in the locale's order. */
export function formatDay(day: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    dayToTime(day),
  );
}

/** "12 Nov" for axis ticks. */
export function formatShortDay(day: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short' }).format(dayToTime(day));
}

export function formatDayRange(from: string, to: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(
    dayToTime(from),
    dayToTime(to),
  );
}

/** A story fact as the server formatted it, or formatted here when it came without. */
export function formatFact(value: number, unit: FactUnit, locale: string, estimated: boolean) {
  switch (unit.kind) {
    case 'money':
      return formatMoney(value, unit.currency, locale, { estimated });
    case 'count':
      return formatQuantity(value, unit, 'USD', locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'ratio':
      return `${formatNumber(value, locale, value < 10 ? 1 : 0)}×`;
    case 'days':
      return formatNumber(value, locale);
    case 'date':
      return formatDay(new Date(value).toISOString().slice(0, 10), locale);
  }
}
