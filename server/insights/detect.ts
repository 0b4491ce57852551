import { detectAdoptionGap } from './adoption-gap.ts';
import { detectPeriodChange } from './change.ts';
import { detectConcentration } from './concentration.ts';
import { detectContributors } from './contributors.ts';
import type { Insight } from './insight.ts';
import { detectNextBestOffer } from './next-best-offer.ts';
import { detectPaceToPromise } from './promise.ts';
import { detectRecord } from './record.ts';
import { detectRoi } from './roi.ts';
import type { StoryInput } from './story-input.ts';
import { detectTrend, detectTrendChange } from './trend.ts';
import { detectUnusualChange } from './unusual.ts';

/** A story of more than a dozen insights is a report nobody reads; the narrative picks from these. */
export const MAX_INSIGHTS = 12;
/** Below 0.05 (e.g. a small surprise on 5% of the money) an insight is noise, whatever the cap. */
export const MIN_SCORE = 0.05;
/** Three "the biggest part of your rise comes from …" lines in a row read as a list, not a story. */
export const MAX_PER_TYPE = 2;

export const detectors: ReadonlyArray<(input: StoryInput) => Insight[]> = [
  detectPeriodChange,
  detectPaceToPromise,
  detectRoi,
  detectTrend,
  detectTrendChange,
  detectUnusualChange,
  detectContributors,
  detectConcentration,
  detectRecord,
  detectAdoptionGap,
  detectNextBestOffer,
];

/**
 * Every insight worth telling, strongest first. Score = significance × impact (see `scoreOf` in
 * facts.ts): each detector rates significance 0..1 (how unusual, how sure, how much data) and
 * impact 0..1 (the money at stake against a quarter of the period's total). Insights that say the
 * same thing (see `claims`) keep only the stronger one; then the list is capped.
 */
export function detectInsights(input: StoryInput): Insight[] {
  return selectInsights(detectors.flatMap((detector) => detector(input)));
}

/** Sort, drop the weak, de-duplicate and cap: separated from detection so it is testable alone. */
export function selectInsights(candidates: readonly Insight[]): Insight[] {
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const taken = new Set<string>();
  const kept: Insight[] = [];
  const perType = new Map<string, number>();
  for (const insight of ranked) {
    if (insight.score < MIN_SCORE) continue;
    if ((perType.get(insight.type) ?? 0) >= MAX_PER_TYPE) continue;
    const mine = claims(insight);
    if (mine.some((claim) => taken.has(claim))) continue;
    for (const claim of mine) taken.add(claim);
    perType.set(insight.type, (perType.get(insight.type) ?? 0) + 1);
    kept.push(insight);
    if (kept.length === MAX_INSIGHTS) break;
  }
  return kept;
}

/**
 * What an insight asserts, as keys: two insights sharing a key say the same thing. A trend and a
 * period change in the same direction on the same driver both say "it went up"; a trend and a
 * turn both describe the same line's direction; a record week and an unusual week on the same
 * bucket both say "that week stood out".
 */
export function claims(insight: Insight): string[] {
  const driver = insight.drivers.join('+');
  const direction = insight.params.direction ?? '';
  const bucket = insight.facts.find((f) => f.id === 'bucket')?.value;
  switch (insight.type) {
    case 'period_change': {
      // The same money and the same change said twice (one driver that is all the value) is one
      // sentence, whichever insight says it.
      const current = insight.facts.find((f) => f.id === 'current')?.value;
      const change = insight.facts.find((f) => f.id === 'change')?.value;
      const figures =
        current === undefined || change === undefined
          ? []
          : [`figures:${Math.round(current)}:${Math.round(change * 1000)}`];
      return [insight.id, `movement:${driver}:${direction}`, ...figures];
    }
    case 'trend':
      return [insight.id, `movement:${driver}:${direction}`, `line:${driver}`];
    case 'trend_change':
      return [insight.id, `line:${driver}`];
    case 'unusual_change':
    case 'record':
      return [insight.id, `bucket:${driver}:${bucket}`];
    default:
      return [insight.id];
  }
}
