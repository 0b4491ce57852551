/** Hand-made insights of every type, built without the detectors, for the narrative tests. */
import type { Fact, FactUnit, Insight, InsightType } from '../../../server/insights/insight.ts';
import type { HeadlineInput } from '../../../server/story/render.ts';

const usd: FactUnit = { kind: 'money', currency: 'USD' };
const period = { from: '2026-01-01', to: '2026-03-31' };

export function fact(id: string, value: number, unit: FactUnit, estimated = false): Fact {
  return {
    id,
    label: id,
    value,
    unit,
    estimated,
    provenance: { driver: 'total', period, query: `/v1/value/series?measure=${id}` },
  };
}

export const money = (id: string, value: number, estimated = true) =>
  fact(id, value, usd, estimated);
export const percent = (id: string, value: number) => fact(id, value, { kind: 'percent' });
export const count = (
  id: string,
  value: number,
  singular: string,
  plural: string,
  estimated = false,
) => fact(id, value, { kind: 'count', singular, plural }, estimated);
export const date = (id: string, iso: string) =>
  fact(id, Date.parse(`${iso}T00:00:00Z`), { kind: 'date' });
export const days = (id: string, value: number) => fact(id, value, { kind: 'days' });
export const ratio = (id: string, value: number) => fact(id, value, { kind: 'ratio' });

export function insight(
  type: InsightType,
  facts: Fact[],
  params: Record<string, string> = {},
  extra: Partial<Insight> = {},
): Insight {
  return { id: `${type}-1`, type, score: 0.5, drivers: ['total'], facts, params, ...extra };
}

export const everyType: Insight[] = [
  insight('period_change', [money('current', 68_213), percent('changePct', 0.184)], {
    direction: 'up',
    period: 'month',
  }),
  insight(
    'pace_to_promise',
    [money('projected', 312_400), money('promised', 250_000, false), date('endDate', '2026-12-31')],
    { status: 'ahead' },
  ),
  insight('roi', [
    money('realized', 68_213),
    ratio('multiple', 2.437),
    money('spend', 28_000, false),
    days('paybackDays', 41),
  ]),
  insight('trend', [percent('changePct', 0.043), count('weeks', 8, 'week', 'weeks')], {
    direction: 'up',
  }),
  insight('trend_change', [date('turnDate', '2026-03-03'), percent('changePct', 0.12)], {
    direction: 'down',
  }),
  insight(
    'unusual_change',
    [date('date', '2026-03-03'), money('actual', 4_132), money('expected', 1_208)],
    {
      direction: 'up',
      grain: 'day',
    },
  ),
  insight(
    'top_contributors',
    [money('contribution', 9_437), percent('share', 0.62)],
    {},
    {
      segment: { by: 'team', value: 'Support' },
    },
  ),
  insight(
    'top_detractors',
    [money('contribution', 3_120), percent('share', 0.45)],
    {},
    {
      segment: { by: 'feature', value: 'Bulk replies' },
    },
  ),
  insight('concentration', [percent('share', 0.8), count('members', 3, 'team', 'teams')], {
    by: 'team',
  }),
  insight('record', [date('date', '2026-03-02'), money('value', 21_480)], { grain: 'week' }),
  insight('adoption_gap', [count('users', 2, 'person', 'people'), money('potential', 12_345)], {
    feature: 'Macros',
  }),
];

export const headline: HeadlineInput = {
  facts: [
    count('amount', 1_240, 'hour', 'hours', true),
    money('money', 68_213),
    ratio('multiple', 2.437),
  ],
  params: { period: 'quarter', action: 'saved' },
};
