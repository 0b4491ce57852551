/**
 * The typed facts a story is told from. Detectors produce insights; the narrative renders them
 * through message templates; nothing in a sentence is not one of these facts.
 */

export const insightTypes = [
  'period_change',
  'pace_to_promise',
  'roi',
  'trend',
  'trend_change',
  'unusual_change',
  'top_contributors',
  'top_detractors',
  'concentration',
  'record',
  'adoption_gap',
] as const;
export type InsightType = (typeof insightTypes)[number];

/** What a fact measures; the narrative formats it with Intl for the locale. */
export type FactUnit =
  | { kind: 'money'; currency: string }
  | { kind: 'count'; singular: string; plural: string }
  | { kind: 'ratio' }
  | { kind: 'percent' }
  | { kind: 'days' }
  | { kind: 'date' };

export interface FactProvenance {
  /** The driver the number comes from, or "total". */
  driver: string;
  period: { from: string; to: string };
  segment?: { by: string; value: string };
  /** The value API query that reproduces the number, e.g. "/v1/value/series?driver=…&grain=week". */
  query: string;
}

export interface Fact {
  id: string;
  label: string;
  value: number;
  unit: FactUnit;
  /** True when the number rests on assumptions (modelled money): worded as an estimate. */
  estimated: boolean;
  /** Filled by the narrative for the response's locale. */
  formatted?: string;
  provenance: FactProvenance;
}

export interface Insight {
  id: string;
  type: InsightType;
  /** Significance (how unusual, how sure, how much data) × impact (how much money), 0..1. */
  score: number;
  drivers: string[];
  segment?: { by: string; value: string };
  facts: Fact[];
  /** Template parameters that are not numbers (direction, names), never free text. */
  params: Record<string, string>;
  /** Rendered by the narrative for the locale. */
  text?: string;
  /** A follow-up the customer might ask, rendered by the narrative. */
  question?: string;
}
