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
  insight('period_change', [money('current', 68_213), percent('change', 0.184)], {
    direction: 'up',
  }),
  insight(
    'pace_to_promise',
    [
      money('realized', 150_000),
      money('target', 250_000, false),
      percent('share', 0.6),
      money('projected', 312_400),
      date('endDate', '2026-12-31'),
    ],
    { status: 'ahead' },
  ),
  insight('roi', [
    money('money', 68_213),
    ratio('multiple', 2.437),
    money('spend', 28_000, false),
    days('payback', 41),
  ]),
  insight(
    'trend',
    [money('slope', 2_930), percent('slopeShare', 0.043), count('weeks', 8, 'week', 'weeks')],
    { direction: 'up' },
  ),
  insight(
    'trend_change',
    [date('turnedOn', '2026-03-02'), money('slopeBefore', 1_250), money('slopeAfter', 840)],
    { direction: 'down' },
  ),
  insight(
    'unusual_change',
    [
      date('bucket', '2026-03-03'),
      money('observed', 4_132),
      money('expected', 1_208),
      percent('deviation', 2.42),
    ],
    { direction: 'up', grain: 'day' },
  ),
  insight(
    'top_contributors',
    [money('delta1', 9_437), percent('share1', 0.62), money('delta2', 2_150)],
    { by: 'team', direction: 'up', segment1: 'Support', segment2: 'Sales' },
    { segment: { by: 'team', value: 'Support' } },
  ),
  insight(
    'top_detractors',
    [money('delta1', 3_120), percent('share1', 0.45)],
    { by: 'feature', direction: 'down', segment1: 'Bulk replies' },
    { segment: { by: 'feature', value: 'Bulk replies' } },
  ),
  insight(
    'concentration',
    [
      count('topCount', 3, 'team', 'teams'),
      count('count', 12, 'team', 'teams'),
      percent('keyShare', 0.25),
      percent('valueShare', 0.8),
      money('topMoney', 54_570),
    ],
    { by: 'team' },
  ),
  insight(
    'record',
    [date('bucket', '2026-03-02'), money('record', 21_480), percent('margin', 0.18)],
    { grain: 'week' },
  ),
  insight(
    'adoption_gap',
    [money('money', 120), percent('share', 0.004), money('peerMoney', 12_345)],
    { driver: 'Macros used', feature: 'Macros' },
  ),
  insight(
    'next_best_offer',
    [
      money('low', 120_000),
      money('high', 180_000),
      fact('users', 31, { kind: 'count', singular: 'person', plural: 'people', whole: true }),
      fact('adopters', 8, { kind: 'count', singular: 'account', plural: 'accounts', whole: true }),
    ],
    {
      offer: 'Automation workshop',
      value: 'Time saved by automated workflows',
      offerId: 'automation_workshop',
      product: 'Acme Flow',
      basis: 'peers',
      like: 'yes',
      range: 'span',
    },
    { drivers: ['automation_hours'] },
  ),
];

export const headline: HeadlineInput = {
  facts: [
    count('amount', 1_240, 'hour', 'hours', true),
    money('money', 68_213),
    ratio('multiple', 2.437),
  ],
  params: { action: 'saved' },
};
