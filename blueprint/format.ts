/**
 * How numbers read, one rule for every surface: the story's sentences (server) and the widget's
 * cards, charts and tables (browser) format the same figure the same way. Intl does the locale;
 * these rules do the honesty: an estimate is never shown with more precision than it has, money
 * measured to the cent keeps its cents only while they matter. Pure and free of zod.
 */

/** Money at or above this is compact ("$68K", "68.000 $"): a sentence or a card, not a ledger. */
export const COMPACT_MONEY_FROM = 10_000;
/** Modelled money rests on assumptions; more than this many digits would be false precision. */
export const ESTIMATE_SIGNIFICANT_DIGITS = 3;
/** Compact modelled money keeps fewer digits: "$68K" reads as "about", "$68.2K" as a count. */
export const ESTIMATE_COMPACT_SIGNIFICANT_DIGITS = 2;
/** Compact measured money: "$899K". */
export const MEASURED_COMPACT_SIGNIFICANT_DIGITS = 3;
/** Measured money below this keeps its cents ("$42.50"); from here on, whole units ("$1,235"). */
export const CENTS_BELOW = 100;
/** Quantities from this size are whole ("4,653 hours"); below it, one decimal ("12.5 hours"). */
export const WHOLE_QUANTITIES_FROM = 100;
/** Below this share a decimal still carries meaning ("4.5%"); above it, it is noise ("62%"). */
export const PERCENT_DECIMALS_BELOW = 0.1;

/** Rounds to `digits` significant digits: 68213 → 68200 with 3. */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/** Rounds to `digits` decimals: float noise (3679.2000000000003) away. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A number and the Intl options it is to be formatted with. */
export interface NumberRule {
  value: number;
  options: Intl.NumberFormatOptions;
  /** Less than the (whole) value shown: "< 1 incident" for 0.3 of one, never "0". */
  below?: boolean;
}

/** How an amount of money reads: compact when large, rounded when an estimate. */
export function moneyRule(value: number, currency: string, estimated: boolean): NumberRule {
  const size = Math.abs(value);
  const currencyStyle = { style: 'currency', currency } as const;
  if (size >= COMPACT_MONEY_FROM) {
    return {
      value,
      options: {
        ...currencyStyle,
        notation: 'compact',
        maximumSignificantDigits: estimated
          ? ESTIMATE_COMPACT_SIGNIFICANT_DIGITS
          : MEASURED_COMPACT_SIGNIFICANT_DIGITS,
      },
    };
  }
  const whole = size >= CENTS_BELOW || Number.isInteger(value) || (estimated && size >= 10);
  // One rounding only: an estimate to its significant digits (whole from $10), the rest to cents.
  const shown = !estimated
    ? value
    : size >= CENTS_BELOW
      ? roundSignificant(value, ESTIMATE_SIGNIFICANT_DIGITS)
      : whole
        ? Math.round(value)
        : roundSignificant(value, ESTIMATE_SIGNIFICANT_DIGITS);
  return {
    value: shown,
    options: whole
      ? { ...currencyStyle, maximumFractionDigits: 0, minimumFractionDigits: 0 }
      : { ...currencyStyle, minimumFractionDigits: 2, maximumFractionDigits: 2 },
  };
}

/**
 * How a quantity in a unit reads: whole when large, one decimal, a fraction's first digit. Things
 * that come whole (`whole`: tickets, incidents) are always whole numbers: 12.5 incidents avoided
 * reads "13", and a part of one "< 1", so the story, the table and the chart never disagree.
 */
export function quantityRule(value: number, estimated: boolean, whole = false): NumberRule {
  if (whole) {
    const rounded = Math.round(
      estimated ? roundSignificant(value, ESTIMATE_SIGNIFICANT_DIGITS) : value,
    );
    const options = { maximumFractionDigits: 0 };
    if (rounded === 0 && value !== 0) return { value: Math.sign(value), options, below: true };
    return { value: rounded, options };
  }
  const shown = estimated ? roundSignificant(value, ESTIMATE_SIGNIFICANT_DIGITS) : value;
  const size = Math.abs(shown);
  // 0.006 incidents avoided is small, not nothing.
  const options: Intl.NumberFormatOptions =
    size >= WHOLE_QUANTITIES_FROM
      ? { maximumFractionDigits: 0 }
      : size >= 1 || size === 0
        ? { maximumFractionDigits: 1 }
        : { maximumSignificantDigits: 1 };
  return { value: size >= WHOLE_QUANTITIES_FROM ? Math.round(shown) : shown, options };
}

/** A share as a percentage: 0.32 → "32%", 0.045 → "4.5%". */
export function percentRule(share: number, signed = false): NumberRule {
  return {
    value: share,
    options: {
      style: 'percent',
      maximumFractionDigits: Math.abs(share) < PERCENT_DECIMALS_BELOW ? 1 : 0,
      ...(signed ? { signDisplay: 'exceptZero' } : {}),
    },
  };
}

/** A multiple of spend: "2.4×", "20×". */
export function ratioRule(multiple: number): NumberRule {
  return { value: multiple, options: { maximumFractionDigits: Math.abs(multiple) < 10 ? 1 : 0 } };
}

const formats = new Map<string, Intl.NumberFormat>();

/** Formats by a rule for a locale; each locale and options pair is built once. */
export function formatByRule(rule: NumberRule, locale: string): string {
  const key = `${locale}|${JSON.stringify(rule.options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, rule.options);
    formats.set(key, format);
  }
  const text = format.format(rule.value);
  return rule.below ? `< ${text}` : text;
}

/** Money for the customer: "$898,872" is never shown; "$899K" (measured) or "$900K" (estimated). */
export function formatMoney(
  value: number,
  currency: string,
  locale: string,
  estimated = false,
): string {
  return formatByRule(moneyRule(value, currency, estimated), locale);
}

/** The number of a quantity, without its unit: "4,653", "12.5", "0.006". */
export function formatAmount(
  value: number,
  locale: string,
  estimated = false,
  whole = false,
): string {
  return formatByRule(quantityRule(value, estimated, whole), locale);
}

export function formatPercent(share: number, locale: string, signed = false): string {
  return formatByRule(percentRule(share, signed), locale);
}

/**
 * A multiple as each language says it: "20×" (en), "20-Fache" (de: "das 20-Fache dessen, was Sie
 * zahlen"), "20 veces" (es: "20 veces lo que pagas"). The sentences around it are written for these.
 */
export function formatRatio(multiple: number, locale: string): string {
  const number = formatByRule(ratioRule(multiple), locale);
  const language = locale.slice(0, 2).toLowerCase();
  if (language === 'de') return `${number}-Fache`;
  if (language === 'es') return `${number} ${Math.abs(multiple) === 1 ? 'vez' : 'veces'}`;
  return `${number}×`;
}
