import {
  dateUnit,
  dayMs,
  driverLabel,
  estimatedFor,
  fact,
  impactOf,
  linesOf,
  moneyUnit,
  percentUnit,
  provenance,
  scoreOf,
  seriesQuery,
  TOTAL,
} from './facts.ts';
import type { Insight } from './insight.ts';
import type { StoryInput, StorySeries } from './story-input.ts';

/** Eight earlier weeks before a best week means something: a record over three weeks is noise. */
export const MIN_WEEKLY_RECORD_HISTORY = 8;
/** Three earlier months (a quarter) before a best month: fewer and "best month" is trivially true. */
export const MIN_MONTHLY_RECORD_HISTORY = 3;
/** Beating the old best by 30% is as remarkable as a record gets. */
export const FULL_RECORD_MARGIN = 0.3;

/** The best week (and month, when monthly data is given) so far, when it falls in the period. */
export function detectRecord(input: StoryInput): Insight[] {
  return [
    ...recordsIn(input, input.weekly, 'week', MIN_WEEKLY_RECORD_HISTORY),
    ...(input.monthly ? recordsIn(input, input.monthly, 'month', MIN_MONTHLY_RECORD_HISTORY) : []),
  ];
}

function recordsIn(
  input: StoryInput,
  series: StorySeries,
  grain: 'week' | 'month',
  minHistory: number,
): Insight[] {
  const insights: Insight[] = [];
  for (const line of linesOf(series)) {
    const points = line.points;
    let bestIndex = -1;
    points.forEach((point, index) => {
      const best = points[bestIndex];
      if (!best || point.money > best.money) bestIndex = index;
    });
    const record = points[bestIndex];
    if (!record || record.bucket < input.period.from || bestIndex < minHistory) continue;
    const before = points.slice(0, bestIndex).reduce((max, p) => Math.max(max, p.money), 0);
    if (!(before > 0) || !(record.money > before)) continue;
    const margin = (record.money - before) / before;
    const period = { from: (points[0] as { bucket: string }).bucket, to: input.period.to };
    const source = provenance(line.driver, period, seriesQuery(period, grain, line.driver));
    const estimated = estimatedFor(input, line.driver);
    const money = moneyUnit(input.currency);
    insights.push({
      id: `record:${line.driver}:${grain}`,
      type: 'record',
      // Significance grows with the margin over the old best and with the length of the history
      // (full at twice the minimum).
      score: scoreOf(
        Math.min(1, margin / FULL_RECORD_MARGIN) * Math.min(1, bestIndex / (2 * minHistory)),
        impactOf(record.money - before, input),
      ),
      drivers: [line.driver],
      params: {
        grain,
        ...(line.driver === TOTAL ? {} : { driver: driverLabel(input, line.driver) }),
      },
      facts: [
        fact('bucket', `Best ${grain}`, dayMs(record.bucket), dateUnit, false, source),
        fact('record', `Value in the best ${grain}`, record.money, money, estimated, source),
        fact('previousBest', `The best ${grain} before it`, before, money, estimated, source),
        fact('margin', 'Above the previous best by', margin, percentUnit, false, source),
      ],
    });
  }
  return insights;
}
