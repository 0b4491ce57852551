/**
 * The contract between the detectors and the catalogs: which facts and params each insight type's
 * message needs. An insight without them is not told; rendering throws StoryRenderError instead.
 */
import type { Fact, Insight, InsightType } from '../insights/insight.ts';

/**
 * The facts each insight type's message needs, by fact id; optional ones switch a clause on or off.
 * This is the contract with the detectors: an insight without its required facts is not told.
 */
export const factRoles: Record<InsightType, { required: string[]; optional?: string[] }> = {
  period_change: { required: ['current', 'change'], optional: ['value'] },
  pace_to_promise: {
    required: ['realized', 'target', 'share', 'endDate'],
    optional: ['projected', 'expected'],
  },
  roi: { required: ['money', 'multiple', 'spend'], optional: ['payback'] },
  trend: { required: ['slope', 'slopeShare', 'weeks'] },
  trend_change: {
    required: ['turnedOn'],
    optional: ['slopeBefore', 'slopeAfter', 'levelBefore', 'levelAfter'],
  },
  unusual_change: { required: ['bucket', 'observed', 'expected'], optional: ['deviation'] },
  top_contributors: { required: ['delta1'], optional: ['share1', 'delta2'] },
  top_detractors: { required: ['delta1'], optional: ['share1', 'delta2'] },
  concentration: { required: ['topCount', 'keyShare', 'valueShare', 'topMoney'] },
  record: { required: ['bucket', 'record'], optional: ['margin'] },
  adoption_gap: { required: ['money', 'share'], optional: ['peerMoney'] },
  next_best_offer: { required: ['high', 'users'], optional: ['low', 'annual', 'adopters'] },
};

/** Params each type's message selects on (values listed in the catalogs); names are free text. */
export const paramRoles: Record<InsightType, string[]> = {
  period_change: ['direction'],
  pace_to_promise: ['status'],
  roi: [],
  trend: ['direction'],
  trend_change: ['direction'],
  unusual_change: ['direction', 'grain'],
  top_contributors: [],
  top_detractors: [],
  concentration: ['by'],
  record: ['grain'],
  adoption_gap: ['driver'],
  next_best_offer: ['offer', 'basis', 'range'],
};

/** A sentence that cannot be told from what it was given; the story leaves it out. */
export class StoryRenderError extends Error {
  override name = 'StoryRenderError';
}

export function requireFacts(facts: readonly Fact[], ids: readonly string[], what: string): void {
  const missing = ids.filter((id) => !facts.some((fact) => fact.id === id));
  if (missing.length > 0)
    throw new StoryRenderError(`${what} is missing facts: ${missing.join(', ')}`);
}

/** Throws unless the insight has every fact and param its type's message needs. */
export function requireRoles(insight: Insight): void {
  requireFacts(
    insight.facts,
    factRoles[insight.type].required,
    `insight ${insight.id} (${insight.type})`,
  );
  const missingParams = paramRoles[insight.type].filter((param) => !insight.params[param]);
  if (missingParams.length > 0) {
    throw new StoryRenderError(
      `insight ${insight.id} is missing params: ${missingParams.join(', ')}`,
    );
  }
}
