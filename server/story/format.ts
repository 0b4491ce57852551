/**
 * Formats typed facts for a locale. A fact's `formatted` string is the only way a number reaches a
 * sentence; the rounding rules are the ones every surface shares (blueprint/format.ts), so the
 * story and the widget write the same figure the same way.
 */
import { formatMoney, formatPercent, formatRatio, quantityRule } from '../../blueprint/format.ts';
import type { Fact } from '../insights/insight.ts';

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
      return formatMoney(value, unit.currency, locale, fact.estimated);
    case 'count':
      return formatCount(value, unit, fact.estimated, options);
    case 'ratio':
      return formatRatio(value, locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'days':
      return numberFormat(locale, {
        style: 'unit',
        unit: 'day',
        unitDisplay: 'long',
        maximumFractionDigits: 0,
      }).format(value);
    case 'date':
      // Dates are epoch milliseconds at UTC midnight; the day is the day, whatever the viewer's zone.
      return dateFormat(locale).format(fact.value);
  }
}

function formatCount(
  value: number,
  unit: { singular: string; plural: string; whole?: boolean | undefined },
  estimated: boolean,
  options: FormatOptions,
): string {
  const { locale } = options;
  const rule = quantityRule(value, estimated, unit.whole === true);
  const { value: shown, options: digits } = rule;
  // "< 1 incident": the same words as the widget's, from the same rule.
  const below = (text: string) => (rule.below ? `< ${text}` : text);
  const singular = unit.singular.toLowerCase();
  const intlUnit = Object.hasOwn(intlUnits, singular) ? intlUnits[singular] : undefined;
  if (intlUnit) {
    return below(
      numberFormat(locale, {
        style: 'unit',
        unit: intlUnit,
        unitDisplay: 'long',
        ...digits,
      }).format(shown),
    );
  }
  const number = numberFormat(locale, digits).format(shown);
  const spelled = options.spellUnit?.(unit.singular.toLowerCase(), shown, number);
  if (spelled !== undefined) return below(spelled);
  const category = pluralRules(locale).select(shown);
  return below(`${number} ${category === 'one' ? unit.singular : unit.plural}`);
}

// Building an Intl formatter costs far more than using one (a story formats hundreds of figures):
// each is made once per language and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
const MAX_FORMATTERS = 500;

function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  key: string,
  make: () => T,
): T {
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return memo(
    `number\u0000${locale}\u0000${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(locale, options),
  );
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  return memo(
    `date\u0000${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
  );
}

function pluralRules(locale: string): Intl.PluralRules {
  return memo(`plural\u0000${locale}`, () => new Intl.PluralRules(locale));
}
