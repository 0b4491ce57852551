import type { Formula } from '../api/types.ts';
import { formatNumber } from '../core/format.ts';
import { strings } from './drivers-details.strings.ts';
import { assumptionValueText } from './drivers-model.ts';

/**
 * "How is this calculated?" in the reader's language, from the formula's structure: what is
 * counted or summed on which event, where, then × each factor — units per event, and each rate
 * with its label and its value for this account.
 */

type Value = Formula['where'][number]['value'];

/** A value a condition compares with, as recorded: text quoted, numbers in the locale. */
function literal(value: Value, locale: string, intl: string): string {
  if (Array.isArray(value)) return value.map((item) => literal(item, locale, intl)).join(', ');
  return typeof value === 'string'
    ? strings(locale, 'quote', { text: value })
    : typeof value === 'number'
      ? formatNumber(value, intl, 4)
      : String(value);
}

export function formulaText(
  formula: Formula,
  currency: string,
  locale: string,
  intl: string,
): string {
  const { quantity, where, factors } = formula;
  const conditions = where
    .map(({ property, op, value }) =>
      strings(locale, `op_${op}`, { property, value: literal(value, locale, intl) }),
    )
    .join(strings(locale, 'and'));
  return [
    strings(locale, quantity.kind, { event: quantity.event, property: quantity.property ?? '' }) +
      (conditions ? strings(locale, 'where', { conditions }) : ''),
    ...factors.map((factor) =>
      factor.kind === 'rate'
        ? `${factor.label} (${assumptionValueText(factor.value, factor.unit, intl)})`
        : factor.unit === 'currency'
          ? assumptionValueText(factor.value, currency, intl)
          : `${formatNumber(factor.value, intl, 4)} ${factor.value === 1 ? factor.unit.singular : factor.unit.plural}`,
    ),
  ].join(' × ');
}
