import type { PromiseProgress } from '../../blueprint/value-math.ts';
import type { Category, Unit } from '../../blueprint/value-model.ts';

/** UTC days, both inclusive, as everywhere in the value API. */
export interface StoryPeriod {
  from: string;
  to: string;
}

/** Quantity, value (in the driver's unit) and money for one driver in one period. */
export interface StoryFigures {
  quantity: number;
  value: number;
  money: number;
}

/** One driver's figures for the period and the one before, as `ValueEngine.summary` returns them. */
export interface StoryDriver extends StoryFigures {
  id: string;
  label: string;
  category: Category;
  basis: 'measured' | 'modelled';
  unit: Unit;
  feature?: string | null;
  previous: StoryFigures;
}

/** One bucket of a series; `bucket` is the first day of the week (or the day). */
export interface StoryPoint {
  bucket: string;
  value: number;
  money: number;
}

/** A series per driver and for the account's total money, every bucket present (zeros included). */
export interface StorySeries {
  total: Array<{ bucket: string; money: number }>;
  drivers: Array<{ driver: string; points: StoryPoint[] }>;
}

/** One promise's progress, as `ValueEngine.progressOf` returns it (no driver: total money). */
export interface StoryPromise extends PromiseProgress {
  driver?: string;
  label?: string;
  from: string;
  to: string;
  unit: Unit;
}

/** What moved the total money between the period and the one before, per way of cutting it. */
export interface StoryExplain {
  total: { current: number; previous: number; delta: number; deltaShare: number | null };
  dimensions: Array<{
    /** A segment id, "user" or "feature". */
    by: string;
    contributions: Array<{
      segment: string;
      current: number;
      previous: number;
      delta: number;
      shareOfChange: number | null;
    }>;
  }>;
}

/** Money per segment value (or user) for the period, as `valueBreakdown` returns it. */
export interface StoryBreakdown {
  by: string;
  contributions: Array<{ key: string; money: number; share: number }>;
}

/**
 * Everything the insight detectors read: plain data the value engine builds from its summary,
 * series, explain and breakdown answers. No detector does I/O.
 */
export interface StoryInput {
  currency: string;
  period: StoryPeriod;
  previousPeriod: StoryPeriod;
  drivers: StoryDriver[];
  total: { money: number; previous: { money: number } };
  /** Present when the account's spend is known: spend is for the period, like `money`. */
  roi?: { multiple: number | null; paybackDays: number | null; spend: number };
  promises?: StoryPromise[];
  /**
   * Weekly buckets over the history the story looks at (trend, record, unusual weeks), complete
   * weeks only: a week still under way would read as a drop.
   */
  weekly: StorySeries;
  /** Monthly buckets (complete months), when available: the best month so far. */
  monthly?: StorySeries;
  /** Daily buckets (complete days), when available: unusual days against a same-weekday baseline. */
  daily?: StorySeries;
  explain?: StoryExplain;
  breakdowns?: StoryBreakdown[];
}
