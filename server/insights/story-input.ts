import type { DayRange } from '../../blueprint/api/common.ts';
import type {
  DriverFigure,
  PromiseProgress,
  ValueBreakdown,
  ValueExplanation,
  ValueSummary,
} from '../../blueprint/api/value.ts';

/**
 * Everything the insight detectors read: plain data the story service takes from the value
 * service's answers (the contract's own types, narrowed to what the detectors use). No detector
 * does I/O, and the tests build this by hand from plain numbers.
 */

/** UTC days, both inclusive, as everywhere in the value API. */
export type StoryPeriod = DayRange;

/** One driver's figures for the period and the one before, as the summary has them. */
export type StoryDriver = Pick<
  DriverFigure,
  'id' | 'label' | 'category' | 'basis' | 'unit' | 'quantity' | 'value' | 'money' | 'previous'
> &
  Partial<Pick<DriverFigure, 'feature'>>;

/** One bucket of a series; `bucket` is the first day of the week (or the day, or the month). */
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

/** One promise's progress, as the summary has it (no driver: total money). */
export type StoryPromise = PromiseProgress;

/** What moved the total money between the period and the one before, per way of cutting it. */
export type StoryExplain = Pick<ValueExplanation, 'total' | 'dimensions'>;

/** Money per segment value (or user) for the period, largest first. */
export interface StoryBreakdown {
  by: string;
  contributions: Array<Pick<ValueBreakdown['contributions'][number], 'key' | 'money' | 'share'>>;
}

export interface StoryInput {
  currency: string;
  period: StoryPeriod;
  /** The compared period: the one before by default, or the one the customer chose. */
  previousPeriod: StoryPeriod;
  /**
   * Whether the compared period is a fair baseline (absent: it is) and how it relates to the
   * current one (`kind`, for the words). Not comparable: no growth rate or share is quoted.
   */
  comparison?: {
    comparable: boolean;
    kind?: 'previous' | 'last_year' | 'other';
  };
  drivers: StoryDriver[];
  total: Pick<ValueSummary['total'], 'money' | 'previous'>;
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
  /** The offer the account would likely gain most from next, as next-best value ranks them. */
  offer?: StoryOffer;
}

/**
 * The top open offer (none hidden, in progress or ineligible) and its projection: money a year on
 * top of today's, over the 12 complete weeks the offers are valued on. Aggregates only: the cohort
 * is a count of at least 5 accounts that use it, never an account or its own figure.
 */
export interface StoryOffer {
  id: string;
  label: string;
  drivers: string[];
  /** The value it grows, in the model's words (its first driver's label): what peers get value from. */
  value: string;
  /** The vendor's product, which gives the estimate when peers are too few. */
  product: string;
  basis: 'peers' | 'vendor_estimate';
  annual: number;
  low: number;
  high: number;
  /** With `peers`: accounts in the cohort that use it, and whether the cohort kept a trait. */
  cohort?: { adopters: number; alike: boolean };
  /** This account's distinct users with any event in the window. */
  activeUsers: number;
  window: StoryPeriod;
}
