import { describe, expect, it } from 'vitest';
import {
  claims,
  detectInsights,
  MAX_INSIGHTS,
  MAX_PER_TYPE,
  MIN_SCORE,
  selectInsights,
} from '../../../server/insights/detect.ts';
import { type Insight, type InsightType, insightTypes } from '../../../server/insights/insight.ts';
import { hours, revenue, storyInput, totalSeries } from './story-fixture.ts';

function insight(
  type: InsightType,
  id: string,
  score: number,
  params: Record<string, string> = {},
  bucket?: number,
): Insight {
  const facts =
    bucket === undefined
      ? []
      : [
          {
            id: 'bucket',
            label: 'Week',
            value: bucket,
            unit: { kind: 'date' as const },
            estimated: false,
            provenance: {
              driver: 'total',
              period: { from: '2026-09-07', to: '2026-09-13' },
              query: '/v1/value/series?grain=week',
            },
          },
        ];
  return { id, type, score, drivers: ['total'], params, facts };
}

describe('selectInsights', () => {
  it('keeps the stronger of a trend and a period change saying the same thing', () => {
    const kept = selectInsights([
      insight('period_change', 'period_change:total', 0.3, { direction: 'up' }),
      insight('trend', 'trend:total', 0.5, { direction: 'up' }),
    ]);
    expect(kept.map((i) => i.id)).toEqual(['trend:total']);
  });

  it('says the same money and change once: one driver that is all the value', () => {
    // "$193K, 179% more" for the total and again for its only driver: one sentence.
    const change = (id: string, driver: string, score: number): Insight => ({
      id,
      type: 'period_change',
      score,
      drivers: [driver],
      params: { direction: 'up' },
      facts: (
        [
          ['current', 193_000.4],
          ['change', 1.7904],
        ] as const
      ).map(([factId, value]) => ({
        id: factId,
        label: factId,
        value,
        unit: { kind: 'percent' as const },
        estimated: false,
        provenance: {
          driver,
          period: { from: '2026-09-06', to: '2026-12-04' },
          query: '/v1/value/summary',
        },
      })),
    });
    const kept = selectInsights([
      change('period_change:total', 'total', 0.6),
      change('period_change:collections', 'collections', 0.5),
    ]);
    expect(kept.map((i) => i.id)).toEqual(['period_change:total']);
    // Different figures are two things to say.
    const other = change('period_change:hours', 'hours', 0.5);
    other.facts[0] = { ...(other.facts[0] as Insight['facts'][number]), value: 50_000 };
    expect(selectInsights([change('period_change:total', 'total', 0.6), other])).toHaveLength(2);
  });

  it('keeps both when they point in different directions', () => {
    const kept = selectInsights([
      insight('period_change', 'period_change:total', 0.3, { direction: 'up' }),
      insight('trend', 'trend:total', 0.5, { direction: 'down' }),
    ]);
    expect(kept.map((i) => i.id)).toEqual(['trend:total', 'period_change:total']);
  });

  it('drops a weaker turn of the same line, and a weaker record of the same unusual week', () => {
    const week = Date.parse('2026-09-07T00:00:00Z');
    const kept = selectInsights([
      insight('trend_change', 'trend_change:total', 0.4, { direction: 'down' }),
      insight('trend', 'trend:total', 0.6, { direction: 'up' }),
      insight('record', 'record:total:week', 0.2, {}, week),
      insight('unusual_change', 'unusual_change:total:week:2026-09-07', 0.7, {}, week),
    ]);
    expect(kept.map((i) => i.id)).toEqual(['unusual_change:total:week:2026-09-07', 'trend:total']);
    expect(claims(kept[0] as Insight)).toContain(`bucket:total:${week}`);
  });

  it('sorts by score (ties by id), drops noise and caps', () => {
    const many = Array.from({ length: 20 }, (_, index) => {
      const type = insightTypes[index % insightTypes.length] as InsightType;
      const id = `${type}:${String(index).padStart(2, '0')}`;
      return insight(type, id, index < 2 ? 0.9 : (10 + index) / 100);
    });
    const kept = selectInsights([...many, insight('roi', 'roi:noise', MIN_SCORE / 2)]);
    expect(kept).toHaveLength(MAX_INSIGHTS);
    expect(kept.slice(0, 3).map((i) => [i.id, i.score])).toEqual([
      ['pace_to_promise:01', 0.9],
      ['period_change:00', 0.9],
      ['top_detractors:19', 0.29],
    ]);
    expect(kept.map((i) => i.id)).not.toContain('roi:noise');
  });

  it(`keeps at most ${MAX_PER_TYPE} insights of one type, the strongest`, () => {
    const five = [0.9, 0.8, 0.7, 0.6, 0.5].map((score, index) =>
      insight('top_contributors', `top_contributors:${index}`, score),
    );
    expect(selectInsights(five).map((i) => i.id)).toEqual([
      'top_contributors:0',
      'top_contributors:1',
    ]);
  });
});

describe('detectInsights', () => {
  it('runs every detector and returns a capped, ordered, de-duplicated list', () => {
    const input = storyInput({
      drivers: [hours, revenue],
      roi: { multiple: 2.5, paybackDays: 146, spend: 4000 },
      weekly: {
        total: totalSeries('2026-11-23', [700, 720, 760, 780, 800, 830, 860, 900]),
        drivers: [],
      },
    });
    const found = detectInsights(input);
    // The rising weekly total states both a trend and a period change up: only one survives.
    const ids = found.map((i) => i.id);
    expect(ids[0]).toBe('roi:total');
    expect(ids.filter((id) => id === 'trend:total' || id === 'period_change:total')).toHaveLength(
      1,
    );
    expect(ids).toContain('period_change:hours');
    expect(found.length).toBeLessThanOrEqual(MAX_INSIGHTS);
    for (const [index, current] of found.entries()) {
      const next = found[index + 1];
      if (next) expect(current.score).toBeGreaterThanOrEqual(next.score);
      for (const f of current.facts) expect(f.provenance.query).toMatch(/^\/v1\/value\//);
    }
  });

  it('finds nothing in an account with no movement and no history', () => {
    const still = storyInput({
      drivers: [{ ...hours, previous: { ...hours.previous, money: 6000 } }, revenue],
      total: { money: 10_000, previous: { money: 10_000 } },
    });
    expect(detectInsights(still)).toEqual([]);
  });
});
