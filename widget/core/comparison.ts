import type { Comparison } from '../api/types.ts';
import { common } from '../i18n/common.strings.ts';
import { daysIn } from './days.ts';

/**
 * Whether an answer's comparison is a fair baseline: no comparison (an older server) counts as
 * one. Not comparable: no change in percent is shown, the note says why.
 */
export function comparable(comparison: Comparison | undefined): boolean {
  return comparison?.comparable !== false;
}

/** Why no change is shown, in words; undefined when the comparison is fair. */
export function comparisonNote(
  comparison: Comparison | undefined,
  locale: string,
): string | undefined {
  if (!comparison || comparison.comparable) return undefined;
  if (comparison.reason === 'current_includes_today') return common(locale, 'notComparableToday');
  return common(locale, 'notComparableStart', {
    covered: comparison.coverage.compared,
    days: daysIn(comparison.period),
  });
}
