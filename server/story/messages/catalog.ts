/**
 * The shape every locale's messages share. Each message is ICU MessageFormat. Arguments, for a fact
 * with id `x`: `{x}` is its formatted string (the only way a number enters a sentence), `x_n` its
 * value for plural selection only (never printed: no `#`, no `{x_n, number}`), `x_est` is
 * 'yes' | 'no' and `has_x` is 'yes' | 'no' for optional facts. Names (`name`, `feature`) are params.
 */
import type { InsightType } from '../../insights/insight.ts';

export { type ChapterId, chapterIds } from '../../../blueprint/api/story.ts';

import type { ChapterId } from '../../../blueprint/api/story.ts';

export interface Catalog {
  insights: Record<InsightType, string>;
  questions: Record<InsightType, string>;
  headline: string;
  /** A person named without their id: "User {n}", numbered by the value they brought. */
  person: string;
  /**
   * The period's exact name, rendered first and passed to the sentences as `{periodIn}` (inside a
   * sentence), `{PeriodIn}` (starting one) and `{comparedWith}` (after "than"). Arguments: `period`
   * (last_days, month_to_date, quarter_to_date, year_to_date, month, quarter, year, range),
   * periodDays, periodMonth, periodQuarter, periodYear, periodFrom, periodTo, `compared`
   * (previous, last_year, chosen), comparedDays, comparedFrom, comparedTo.
   */
  periods: { in: string; In: string; compared: string };
  chapters: Record<ChapterId, string>;
  status: {
    notEnoughData: string;
    noData: string;
    partial: string;
    nothingNotable: string;
    localeFallback: string;
    /** Under a filter: `value` (e.g. "Finance") and `segment` (its label, e.g. "Team"). */
    slice: string;
    /** How `segment` reads when the filter is by feature. */
    feature: string;
    /**
     * The compared period is no fair baseline: `reason` (compared_before_start,
     * current_includes_today), `compared` (previous, last_year, other), facts `startDay` (date)
     * and `days` (the period's length).
     */
    notComparable: string;
  };
  /** Vendor count units Intl cannot spell; arguments `n` (plural selection) and `value` (formatted). */
  units: Record<string, string>;
}
