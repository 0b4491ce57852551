/**
 * The shapes of the value API responses the widget reads. They are a subset of what the server
 * sends; test/widget/contract.test.ts checks at compile time that the server's own types satisfy
 * them, so the two cannot drift apart silently.
 */

export interface DayRange {
  from: string;
  to: string;
}

export interface SegmentFilter {
  by: string;
  value: string;
}

export type UnitWords = { singular: string; plural: string };
/** A driver's unit: words for counted things, or "currency" for money measured directly. */
export type DriverUnit = UnitWords | 'currency';
export type Basis = 'measured' | 'modelled';
export type Category = 'efficiency' | 'cost' | 'revenue' | 'risk';

export interface AssumptionUse {
  id: string;
  label: string;
  unit: string;
  value: number;
  source: string;
}

export interface DriverFigure {
  id: string;
  label: string;
  category: Category;
  basis: Basis;
  unit: DriverUnit;
  feature?: string | null;
  /** Counted events or summed amounts, before the per-event multiplier. */
  quantity: number;
  /** The quantity in the driver's unit (e.g. hours): what promises are counted in. */
  value?: number;
  money: number;
  events: number;
  previous?: { quantity: number; money: number };
  formula: string;
  /** The event counted, for "events counted" next to the formula. */
  event?: string;
  assumptions: AssumptionUse[];
}

export interface PromiseProgress {
  /** Absent for a promise about the total value, in money. */
  driver?: string | undefined;
  target: number;
  from: string;
  to: string;
  label?: string | undefined;
  unit: DriverUnit;
  realized: number;
  share: number;
  expectedByNow: number;
  status: string;
  projected?: number | null;
}

export interface DataStatus {
  state: 'ok' | 'no_data' | 'partial';
  reason?: string;
  firstDay?: string;
  lastDay?: string;
}

export interface ValueSummary {
  account: string;
  currency: string;
  period: DayRange;
  previousPeriod: DayRange;
  total: { money: number; previous?: { money: number }; modelled: number };
  drivers: DriverFigure[];
  roi?: { multiple: number | null } | null;
  payback?: { days: number | null } | null;
  promises?: PromiseProgress[];
  dataStatus: DataStatus;
  filter?: SegmentFilter;
}

export interface SeriesPoint {
  bucket: string;
  quantity: number;
  value?: number;
  money: number;
  events: number;
}

export interface ValueSeries {
  account: string;
  currency: string;
  grain: 'day' | 'week' | 'month';
  period: DayRange;
  series: Array<{ driver: string; unit: DriverUnit; segment?: string; points: SeriesPoint[] }>;
  total?: Array<{ bucket: string; money: number }>;
  filter?: SegmentFilter;
}

export interface ValueForecast {
  currency: string;
  /** Money for the total; the driver's own unit when a driver was asked for. */
  measure?: string;
  driver?: string;
  unit?: DriverUnit;
  asOf?: string;
  history: Array<{ bucket: string; value: number }>;
  forecast: Array<{ bucket: string; value: number; low: number; high: number }>;
  dataStatus: { state: string };
}

export interface ExplainContribution {
  segment: string;
  current: number;
  previous: number;
  delta: number;
  shareOfChange: number | null;
}

export interface ValueExplanation {
  account: string;
  currency: string;
  measure?: string;
  driver?: string;
  unit?: DriverUnit;
  period: DayRange;
  comparePeriod: DayRange;
  total: { current: number; previous: number; delta: number; deltaShare: number | null };
  dimensions: Array<{ by: string; contributions: ExplainContribution[] }>;
  filter?: SegmentFilter;
}

export type FactUnit =
  | { kind: 'money'; currency: string }
  | { kind: 'count'; singular: string; plural: string }
  | { kind: 'ratio' }
  | { kind: 'percent' }
  | { kind: 'days' }
  | { kind: 'date' };

export interface Fact {
  id: string;
  label: string;
  value: number;
  unit: FactUnit;
  estimated: boolean;
  formatted?: string;
  provenance: {
    driver: string;
    period: DayRange;
    segment?: SegmentFilter;
    query: string;
  };
}

export interface StoryInsight {
  id: string;
  type: string;
  drivers: string[];
  facts: Fact[];
  params: Record<string, string>;
  text?: string;
  question?: string;
}

export interface ValueStory {
  account: string;
  period: DayRange;
  locale: string;
  localeFallback?: true;
  headline: { text: string; facts: Fact[] };
  chapters: Array<{ id: string; title: string; insights: StoryInsight[] }>;
  notices: Array<{ text: string; facts: Fact[] }>;
  dataStatus?: { state: string };
}

export interface Assumption {
  id: string;
  label: string;
  unit: string;
  value: number;
  source: string;
  min?: number;
  max?: number;
  customerEditable: boolean;
  /** The model's default; absent when the model gives none. */
  default?: number | undefined;
  sourceNote?: string | undefined;
}

export interface Assumptions {
  account: string;
  assumptions: Assumption[];
  history: Array<{ id: string; value: number; userId: string; changedAt: string }>;
}

export interface CutOptions {
  account: string;
  /** The active days the values are ordered by (money, largest first); null without activity. */
  period?: DayRange | null;
  segments: Array<{ id: string; label: string; values: string[] }>;
  drivers: Array<{ id: string; label: string; category: Category; basis: Basis; unit: DriverUnit }>;
}

/** The one error body every route answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string };
}
