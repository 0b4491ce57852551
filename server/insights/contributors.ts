import {
  fact,
  impactOf,
  moneyUnit,
  percentUnit,
  provenance,
  scoreOf,
  TOTAL,
  totalEstimated,
  valueQuery,
} from './facts.ts';
import type { Fact, Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/** A segment value that made under 20% of all the movement in its dimension is not a driver of it. */
export const MIN_SHARE_OF_MOVEMENT = 0.2;
/** Three names are what a sentence can carry ("Sales, Support and Ops"). */
export const MAX_SEGMENTS_NAMED = 3;

/**
 * Which segment values drove the rise (top_contributors: moved up) and the drop (top_detractors:
 * moved down) of the total money, per way of cutting it, from the explain decomposition. A value
 * counts when its own movement is a large share of all movement in that dimension, which works
 * also when rises and drops cancel out in the total.
 */
export function detectContributors(input: StoryInput): Insight[] {
  const explain = input.explain;
  if (!explain) return [];
  const insights: Insight[] = [];
  const estimated = totalEstimated(input);
  const money = moneyUnit(input.currency);
  // A compared period that is no fair baseline has no rise or drop to take apart: the change
  // against it is mostly the days the account did not exist yet.
  const comparable = input.comparison?.comparable ?? true;
  if (!comparable) return [];
  const query = valueQuery('explain', {
    from: input.period.from,
    to: input.period.to,
    compareFrom: input.previousPeriod.from,
    compareTo: input.previousPeriod.to,
  });
  for (const dimension of explain.dimensions) {
    const movement = dimension.contributions.reduce((sum, row) => sum + Math.abs(row.delta), 0);
    if (!(movement > 0)) continue;
    // One member that moved (a slice's only team, the one feature under a feature filter) is all
    // of the change by definition: "100% of the rise comes from it" says nothing.
    if (dimension.contributions.filter((row) => row.delta !== 0).length < 2) continue;
    for (const [type, sign] of [
      ['top_contributors', 1],
      ['top_detractors', -1],
    ] as const) {
      const named = dimension.contributions
        .filter((row) => Math.sign(row.delta) === sign)
        .filter((row) => Math.abs(row.delta) / movement >= MIN_SHARE_OF_MOVEMENT)
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.segment.localeCompare(b.segment))
        .slice(0, MAX_SEGMENTS_NAMED);
      if (named.length === 0) continue;
      const facts: Fact[] = [];
      const params: Record<string, string> = {
        by: dimension.by,
        direction: sign > 0 ? 'up' : 'down',
        // Moving against the total (down while it rose): no "your drop", no negative share.
        ...(explain.total.delta !== 0 && Math.sign(explain.total.delta) !== sign
          ? { against: 'yes' }
          : {}),
      };
      named.forEach((row, index) => {
        const n = index + 1;
        const segment = { by: dimension.by, value: row.segment };
        const source = provenance(TOTAL, input.period, query, segment);
        params[`segment${n}`] = row.segment;
        facts.push(
          fact(`delta${n}`, `Change for ${row.segment}`, row.delta, money, estimated, source),
        );
        facts.push(
          fact(`current${n}`, `${row.segment} this period`, row.current, money, estimated, source),
        );
        const share = row.shareOfChange;
        if (comparable && share !== null && share > 1 && Math.sign(explain.total.delta) === sign) {
          // More than the whole change (others moved the other way): said in words, not "130%".
          params[`beyond${n}`] = 'yes';
        } else if (
          comparable &&
          share !== null &&
          share >= 0 &&
          Math.sign(explain.total.delta) === sign
        ) {
          facts.push(
            fact(
              `share${n}`,
              `${row.segment}'s share of the change`,
              share,
              percentUnit,
              false,
              source,
            ),
          );
        }
      });
      // Two equal figures (within 5%) are no "biggest part … next comes": said as alike.
      const [first, second] = named;
      if (first && second && Math.abs(second.delta) >= 0.95 * Math.abs(first.delta)) {
        params.tied = 'yes';
      }
      const moved = named.reduce((sum, row) => sum + Math.abs(row.delta), 0);
      const top = named[0] as (typeof named)[number];
      insights.push({
        id: `${type}:${dimension.by}`,
        type,
        // Significance: how much of the dimension's movement the named values explain.
        score: scoreOf(moved / movement, impactOf(moved, input)),
        drivers: [TOTAL],
        segment: { by: dimension.by, value: top.segment },
        params,
        facts,
      });
    }
  }
  return insights;
}
