/**
 * Formats typed facts for a locale with Intl. A fact's `formatted` string is the only way a number
 * reaches a sentence, so the rounding rules for honesty live here.
 */
import type { Fact } from '../insights/insight.ts';

/** Money at or above this is shown compact ("$68K", "68.000 $"): a widget sentence, not a ledger. */
export const COMPACT_MONEY_FROM = 10_000;
/** Modelled money rests on assumptions; more than this many digits would be false precision. */
export const ESTIMATE_SIGNIFICANT_DIGITS = 3;
/** Compact modelled money keeps fewer digits: "$68K" reads as "about", "$68.2K" reads as a count. */
export const ESTIMATE_COMPACT_SIGNIFICANT_DIGITS = 2;
/** Below this share a decimal still carries meaning ("4.5%"); above it, it is noise ("62%"). */
export const PERCENT_DECIMALS_BELOW = 0.1;

/** Count units Intl can spell and pluralise in every locale (others come from the catalog). */
const intlUnits: Record<string, string> = {
  hour: 'hour',
  minute: 'minute',
  second: 'second',
  day: 'day',
  week: 'week',
  month: 'month',
  year: 'year',
};

/** Spells a count unit for a locale: an ICU message `{n, plural, …}` that receives `value`. */
export type UnitSpeller = (
  unit: string,
  value: number,
  formattedNumber: string,
) => string | undefined;

export interface FormatOptions {
  /** A BCP 47 tag Intl accepts, e.g. "de-DE". */
  locale: string;
  /** Catalog spelling of vendor units ("ticket" → "Tickets"); Intl and the fact's own words otherwise. */
  spellUnit?: UnitSpeller;
}

/** Rounds to `digits` significant digits: 68213 → 68200 with 3. */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/**
 * The fact's value as the customer reads it. Facts are magnitudes: a fall is a positive change with
 * `direction: 'down'` in the insight's params, so the sign is dropped here.
 */
export function formatFact(fact: Fact, options: FormatOptions): string {
  const { locale } = options;
  const value = Math.abs(fact.value);
  const unit = fact.unit;
  switch (unit.kind) {
    case 'money':
      return formatMoney(value, unit.currency, fact.estimated, locale);
    case 'count':
      return formatCount(value, unit, fact.estimated, options);
    case 'ratio':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)}×`;
    case 'percent':
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: value < PERCENT_DECIMALS_BELOW ? 1 : 0,
      }).format(value);
    case 'days':
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'day',
        unitDisplay: 'long',
        maximumFractionDigits: 0,
      }).format(value);
    case 'date':
      // Dates are epoch milliseconds at UTC midnight; the day is the day, whatever the viewer's zone.
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
        fact.value,
      );
  }
}

function formatMoney(value: number, currency: string, estimated: boolean, locale: string): string {
  if (value >= COMPACT_MONEY_FROM) {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumSignificantDigits: estimated ? ESTIMATE_COMPACT_SIGNIFICANT_DIGITS : 3,
    }).format(value);
  }
  const shown = estimated ? roundSignificant(value, ESTIMATE_SIGNIFICANT_DIGITS) : value;
  const whole = Number.isInteger(shown) || estimated;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    ...(whole && shown >= 10 ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
  }).format(shown);
}

function formatCount(
  value: number,
  unit: { singular: string; plural: string },
  estimated: boolean,
  options: FormatOptions,
): string {
  const { locale } = options;
  const shown = estimated ? roundSignificant(value, ESTIMATE_SIGNIFICANT_DIGITS) : value;
  const digits = { maximumFractionDigits: shown >= 10 ? 0 : 1 };
  const intlUnit = intlUnits[unit.singular.toLowerCase()];
  if (intlUnit) {
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: intlUnit,
      unitDisplay: 'long',
      ...digits,
    }).format(shown);
  }
  const number = new Intl.NumberFormat(locale, digits).format(shown);
  const spelled = options.spellUnit?.(unit.singular.toLowerCase(), shown, number);
  if (spelled !== undefined) return spelled;
  const category = new Intl.PluralRules(locale).select(shown);
  return `${number} ${category === 'one' ? unit.singular : unit.plural}`;
}
