import {
  countUnit,
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
import type { Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/** "The top 20%": the Pareto cut customers recognise. */
export const TOP_SHARE_OF_KEYS = 0.2;
/** 80% of the value from the top 20% is the classic concentration; below that it is ordinary spread. */
export const MIN_CONCENTRATED_SHARE = 0.8;
/** With fewer than five teams or users, "the top 20%" is one of them: nothing to say. */
export const MIN_KEYS = 5;

/** Most of the value comes from a small share of teams or users: a risk and an opportunity. */
export function detectConcentration(input: StoryInput): Insight[] {
  const insights: Insight[] = [];
  const estimated = totalEstimated(input);
  for (const breakdown of input.breakdowns ?? []) {
    if (breakdown.by === 'feature') continue; // features are drivers: adoption_gap covers them
    const rows = breakdown.contributions
      .filter((row) => row.money > 0)
      .sort((a, b) => b.money - a.money || a.key.localeCompare(b.key));
    if (rows.length < MIN_KEYS) continue;
    const total = rows.reduce((sum, row) => sum + row.money, 0);
    const topCount = Math.ceil(rows.length * TOP_SHARE_OF_KEYS);
    const topMoney = rows.slice(0, topCount).reduce((sum, row) => sum + row.money, 0);
    const share = topMoney / total;
    if (share < MIN_CONCENTRATED_SHARE) continue;
    const source = provenance(
      TOTAL,
      input.period,
      valueQuery('breakdown', { from: input.period.from, to: input.period.to, by: breakdown.by }),
    );
    const noun = countUnit(breakdown.by, `${breakdown.by}s`);
    const keyShare = topCount / rows.length;
    insights.push({
      id: `concentration:${breakdown.by}`,
      type: 'concentration',
      // Significance: how far the top share is from an even spread (where it would equal keyShare).
      score: scoreOf((share - keyShare) / (1 - keyShare), impactOf(topMoney, input)),
      drivers: [TOTAL],
      params: { by: breakdown.by },
      facts: [
        fact('topCount', `Top ${breakdown.by}s`, topCount, noun, false, source),
        fact('count', `Active ${breakdown.by}s`, rows.length, noun, false, source),
        fact(
          'keyShare',
          `Share of ${breakdown.by}s at the top`,
          keyShare,
          percentUnit,
          false,
          source,
        ),
        fact(
          'valueShare',
          'Share of the value they deliver',
          share,
          percentUnit,
          estimated,
          source,
        ),
        fact(
          'topMoney',
          'Value they deliver',
          topMoney,
          moneyUnit(input.currency),
          estimated,
          source,
        ),
      ],
    });
  }
  return insights;
}
