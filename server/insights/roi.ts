import {
  daysUnit,
  fact,
  moneyUnit,
  provenance,
  ratioUnit,
  scoreOf,
  summaryQuery,
  TOTAL,
  totalEstimated,
} from './facts.ts';
import type { Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/**
 * The ROI multiple is plain arithmetic, certain but rarely a surprise: it ranks high, below a
 * striking change or a promise.
 */
export const ROI_SIGNIFICANCE = 0.8;
/** Money against spend concerns all of the account's value: full impact. */
export const ROI_IMPACT = 1;

/** Realized money against spend: the multiple, and how many days of value pay a year's spend. */
export function detectRoi(input: StoryInput): Insight[] {
  const roi = input.roi;
  if (!roi || roi.multiple === null || !(roi.spend > 0)) return [];
  const estimated = totalEstimated(input);
  const source = provenance(TOTAL, input.period, summaryQuery(input.period));
  const money = moneyUnit(input.currency);
  const facts = [
    fact('money', 'Value this period', input.total.money, money, estimated, source),
    fact('spend', 'Spend for the period', roi.spend, money, false, source),
    fact('multiple', 'Value per unit of spend', roi.multiple, ratioUnit, estimated, source),
  ];
  if (roi.paybackDays !== null) {
    facts.push(
      fact(
        'payback',
        'Days of value that pay a year of spend',
        roi.paybackDays,
        daysUnit,
        estimated,
        source,
      ),
    );
  }
  return [
    {
      id: 'roi:total',
      type: 'roi',
      score: scoreOf(ROI_SIGNIFICANCE, ROI_IMPACT),
      drivers: [TOTAL],
      params: { verdict: roi.multiple >= 1 ? 'pays_back' : 'below_spend' },
      facts,
    },
  ];
}
