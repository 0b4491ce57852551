import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../blueprint/value-math.ts';
import { detectAdoptionGap } from '../../../server/insights/adoption-gap.ts';
import { detectConcentration } from '../../../server/insights/concentration.ts';
import { detectContributors } from '../../../server/insights/contributors.ts';
import type { Insight } from '../../../server/insights/insight.ts';
import type { StoryDriver } from '../../../server/insights/story-input.ts';
import { renderInsight } from '../../../server/story/render.ts';
import { hours, revenue, storyInput } from './story-fixture.ts';

function explainOf(dimensions: Record<string, Array<[string, number, number]>>) {
  const explained = Object.entries(dimensions).map(([by, rows]) => ({
    by,
    ...explainChange(
      new Map(rows.map(([key, current]) => [key, current])),
      new Map(rows.map(([key, , previous]) => [key, previous])),
    ),
  }));
  return {
    total: (explained[0] as (typeof explained)[number]).total,
    dimensions: explained.map(({ by, contributions }) => ({ by, contributions })),
  };
}

describe('contributors say nothing trivial (issue 10)', () => {
  it('says nothing of a way of cutting with one member that moved: it is all of the change', () => {
    // Under a Collections filter the feature way has one member: "100% of the rise" says nothing.
    const explain = explainOf({ feature: [['Collections', 5000, 3000]] });
    expect(detectContributors(storyInput({ explain }))).toEqual([]);
  });

  it('says two equal figures are alike, not "the biggest part … next comes"', () => {
    const explain = explainOf({
      team: [
        ['Sales', 2000, 1000],
        ['Support', 1980, 1000],
        ['Ops', 1000, 1000],
      ],
    });
    const [insight] = detectContributors(storyInput({ explain }));
    expect(insight?.params.tied).toBe('yes');
    const text = renderInsight(insight as Insight, 'en').text ?? '';
    expect(text).toBe('Your rise comes from Sales and Support alike: about $1,000 each.');
    expect(text).not.toContain('biggest');
    expect(renderInsight(insight as Insight, 'de').text).toContain('zu gleichen Teilen');
  });

  it('says a part that fell while the whole rose went against the trend, not "your drop"', () => {
    // Sales +1,500, Ops −500: the total rose by 1,000, so Ops is no part of any "drop".
    const explain = explainOf({
      team: [
        ['Sales', 2500, 1000],
        ['Ops', 500, 1000],
      ],
    });
    const against = detectContributors(storyInput({ explain })).find(
      (i) => i.type === 'top_detractors',
    );
    expect(against?.params.against).toBe('yes');
    expect(against?.facts.some((f) => f.unit.kind === 'percent')).toBe(false);
    const text = renderInsight(against as Insight, 'en').text ?? '';
    expect(text).toBe('The Ops team went against the trend: about $500 less while the rest rose.');
    expect(text).not.toMatch(/your drop/);
    expect(renderInsight(against as Insight, 'de').text).toContain('gegen den Trend');
    expect(renderInsight(against as Insight, 'es').text).toContain('a contracorriente');
  });

  it('words a share of the rise above 100% instead of quoting it', () => {
    // Sales +1,500 while Ops −500: Sales is 150% of the +1,000 rise.
    const explain = explainOf({
      team: [
        ['Sales', 2500, 1000],
        ['Ops', 500, 1000],
      ],
    });
    const [rise] = detectContributors(storyInput({ explain }));
    expect(rise?.facts.some((f) => f.id === 'share1')).toBe(false);
    expect(rise?.params.beyond1).toBe('yes');
    const text = renderInsight(rise as Insight, 'en').text ?? '';
    expect(text).toContain('more than the whole rise: other parts fell');
    expect(text).not.toMatch(/150\s?%/);
    expect(renderInsight(rise as Insight, 'es').text).toContain('más que toda la subida');
  });
});

describe('top_contributors and top_detractors', () => {
  const explain = explainOf({
    team: [
      ['Sales', 3000, 2200],
      ['Support', 1300, 1000],
      ['Ops', 900, 1000],
      ['Legal', 110, 100],
    ],
    user: [
      ['u1', 1500, 1000],
      ['u2', 600, 1000],
    ],
  });

  it('names the segment values that carried most of the movement', () => {
    const insights = detectContributors(storyInput({ explain }));
    expect(insights.map((i) => i.id)).toEqual([
      'top_contributors:team',
      'top_contributors:user',
      'top_detractors:user',
    ]);
    const [team] = insights;
    // Movement 800 + 300 + 100 + 10 = 1,210: Sales 66%, Support 25% pass 20%; Ops (8%) does not.
    expect(team?.params).toEqual({
      by: 'team',
      direction: 'up',
      segment1: 'Sales',
      segment2: 'Support',
    });
    expect(team?.facts.map((f) => [f.id, f.value])).toEqual([
      ['delta1', 800],
      ['current1', 3000],
      ['share1', 800 / 1010],
      ['delta2', 300],
      ['current2', 1300],
      ['share2', 300 / 1010],
    ]);
    // Significance 1,100 / 1,210; impact 1,100 / 2,500 = 0.44 → 0.4.
    expect(team?.score).toBe(0.4);
    expect(team?.segment).toEqual({ by: 'team', value: 'Sales' });
    expect(team?.facts[0]?.provenance).toEqual({
      driver: 'total',
      period: { from: '2026-09-07', to: '2026-11-29' },
      segment: { by: 'team', value: 'Sales' },
      query:
        '/v1/value/explain?from=2026-09-07&to=2026-11-29&compareFrom=2026-06-15&compareTo=2026-09-06',
    });
    const detractor = insights[2];
    expect(detractor?.params.segment1).toBe('u2');
    expect(detractor?.facts.map((f) => [f.id, f.value])).toEqual([
      ['delta1', -400],
      ['current1', 600],
    ]);
  });

  it('takes no rise apart against a compared period that is no baseline', () => {
    // The "rise" against days the account did not exist yet is no rise: nothing to attribute.
    expect(detectContributors(storyInput({ explain }))).not.toEqual([]);
    expect(detectContributors(storyInput({ explain, comparison: { comparable: false } }))).toEqual(
      [],
    );
  });

  it('says nothing without an explanation or when nothing moved', () => {
    expect(detectContributors(storyInput())).toEqual([]);
    const still = explainOf({ team: [['Sales', 1000, 1000]] });
    expect(detectContributors(storyInput({ explain: still }))).toEqual([]);
  });
});

describe('concentration', () => {
  const breakdown = (moneys: number[]) => ({
    by: 'user',
    contributions: moneys.map((money, index) => ({ key: `u${index + 1}`, money, share: 0 })),
  });

  it('flags 80% of value from the top 20% of users', () => {
    const input = storyInput({
      breakdowns: [breakdown([800, 100, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5])],
    });
    const [insight, ...rest] = detectConcentration(input);
    expect(rest).toEqual([]);
    expect(insight?.facts.map((f) => [f.id, f.value])).toEqual([
      ['topCount', 2],
      ['count', 10],
      ['keyShare', 0.2],
      ['valueShare', 0.9],
      ['topMoney', 900],
    ]);
    // Significance (0.9 − 0.2)/(1 − 0.2) = 0.875; impact 900 / 2,500 = 0.36 → 0.315.
    expect(insight?.score).toBe(0.315);
    expect(insight?.facts[0]?.provenance.query).toBe(
      '/v1/value/breakdown?from=2026-09-07&to=2026-11-29&by=user',
    );
  });

  it('says nothing about an even spread or too few users', () => {
    expect(
      detectConcentration(storyInput({ breakdowns: [breakdown(Array(10).fill(100))] })),
    ).toEqual([]);
    expect(detectConcentration(storyInput({ breakdowns: [breakdown([900, 10, 10, 10])] }))).toEqual(
      [],
    );
  });
});

describe('adoption_gap', () => {
  const alerts: StoryDriver = {
    id: 'alerts',
    label: 'Incidents avoided',
    category: 'risk',
    basis: 'modelled',
    unit: { singular: 'incident', plural: 'incidents' },
    feature: 'alerting',
    quantity: 0,
    value: 0,
    money: 0,
    previous: { quantity: 0, value: 0, money: 0 },
  };

  it('flags a driver unused while two others deliver', () => {
    const [insight, ...rest] = detectAdoptionGap(storyInput({ drivers: [hours, revenue, alerts] }));
    expect(rest).toEqual([]);
    expect(insight?.params).toEqual({ driver: 'Incidents avoided', feature: 'alerting' });
    // Peers 6,000 and 4,000: median 5,000 sizes the gap. Share 0 → significance 1; impact
    // 5,000/2,500 → 1. Of two parts in use the "typical" one is an average: not said.
    expect(insight?.facts.map((f) => [f.id, f.value])).toEqual([
      ['money', 0],
      ['share', 0],
      ['activeDrivers', 2],
    ]);
    expect(insight?.score).toBe(1);
    expect(renderInsight(insight as Insight, 'en').text).toBe('You do not use alerting yet.');
  });

  it('says what a part in use typically brings only from three parts in use', () => {
    const third = { ...hours, id: 'reports', label: 'Reports', money: 2000 };
    const [insight] = detectAdoptionGap(
      storyInput({
        drivers: [hours, revenue, third, alerts],
        total: { money: 12_000, previous: { money: 9000 } },
      }),
    );
    // Peers 6,000, 4,000 and 2,000: the median, 4,000, is one of them.
    expect(insight?.facts.find((f) => f.id === 'peerMoney')?.value).toBe(4000);
    expect(renderInsight(insight as Insight, 'en').text).toMatch(
      /The parts you use actively typically bring an estimated \$4,000 each\.$/,
    );
  });

  it('says nothing when the small driver has a real share, or only one driver is active', () => {
    const used = { ...alerts, money: 1000 };
    expect(
      detectAdoptionGap(
        storyInput({
          drivers: [hours, revenue, used],
          total: { money: 11_000, previous: { money: 9000 } },
        }),
      ),
    ).toEqual([]);
    expect(
      detectAdoptionGap(
        storyInput({ drivers: [hours, alerts], total: { money: 6000, previous: { money: 5000 } } }),
      ),
    ).toEqual([]);
  });
});
