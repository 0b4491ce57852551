import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../../server/insights/record.ts';
import { detectTrend, detectTrendChange, fitLine } from '../../../server/insights/trend.ts';
import { detectUnusualChange, robustBaseline } from '../../../server/insights/unusual.ts';
import { bucketsEndingOn, storyInput, totalSeries } from './story-fixture.ts';

const weekly = (moneys: number[], last = '2026-11-23') => ({
  total: totalSeries(last, moneys),
  drivers: [],
});
const factOf = (insight: { facts: Array<{ id: string; value: number }> } | undefined, id: string) =>
  insight?.facts.find((f) => f.id === id)?.value;

describe('trend', () => {
  it('finds a steady rise over the last eight weeks', () => {
    const input = storyInput({ weekly: weekly([100, 110, 120, 130, 140, 150, 160, 170]) });
    const [insight, ...rest] = detectTrend(input);
    expect(rest).toEqual([]);
    expect(insight?.params).toEqual({ direction: 'up' });
    expect(factOf(insight, 'slope')).toBeCloseTo(10, 10);
    // Mean 135: 10/135 per week.
    expect(factOf(insight, 'slopeShare')).toBeCloseTo(10 / 135, 10);
    expect(factOf(insight, 'weeks')).toBe(8);
    // Perfect fit over the full window: significance 1; impact 10 × 8 / (0.25 × 10,000) = 0.032.
    expect(insight?.score).toBe(0.032);
    expect(insight?.facts[0]?.provenance.query).toBe(
      // Eight weeks ending on the week of 2026-11-23 start 49 days earlier.
      '/v1/value/series?from=2026-10-05&to=2026-11-29&grain=week',
    );
  });

  it('says nothing about a flat, noisy series or too little history', () => {
    // Slope −5/42 per week on a mean of 100: far under 3%.
    expect(
      detectTrend(storyInput({ weekly: weekly([100, 102, 98, 101, 99, 100, 102, 98]) })),
    ).toEqual([]);
    expect(detectTrend(storyInput({ weekly: weekly([100, 200, 300]) }))).toEqual([]);
    expect(fitLine([100, 102, 98, 101, 99, 100, 102, 98]).slope).toBeCloseTo(-5 / 42, 10);
  });
});

describe('trend_change', () => {
  it('needs six weeks on each side: four and four are no regime yet', () => {
    // The turns it names are in trend-change.test.ts (the same change the forecast fits after).
    const moneys = [10, 20, 30, 40, 30, 28, 26, 24];
    expect(detectTrendChange(storyInput({ weekly: weekly(moneys) }))).toEqual([]);
  });

  it('says nothing about a straight line', () => {
    expect(
      detectTrendChange(storyInput({ weekly: weekly([10, 20, 30, 40, 50, 60, 70, 80]) })),
    ).toEqual([]);
  });
});

describe('unusual_change', () => {
  it('flags a week far outside the median ± 3.5 robust deviations', () => {
    // History median 100, MAD 2 → 2.97, floored at 5% of 100 = 5; 200 is z = 20.
    const input = storyInput({ weekly: weekly([100, 104, 96, 100, 102, 98, 200], '2026-09-07') });
    const [insight, ...rest] = detectUnusualChange(input);
    expect(rest).toEqual([]);
    expect(insight?.params).toEqual({ direction: 'up', grain: 'week' });
    expect(insight?.facts.map((f) => [f.id, f.value])).toEqual([
      ['bucket', Date.parse('2026-09-07T00:00:00Z')],
      ['observed', 200],
      ['expected', 100],
      ['low', 82.5],
      ['high', 117.5],
      ['deviation', 1],
    ]);
    // Significance min(1, 20/7) = 1; impact 100 / 2,500 = 0.04.
    expect(insight?.score).toBe(0.04);
  });

  it('does not flag ordinary wobble, nor a small move over a perfectly steady history', () => {
    expect(
      detectUnusualChange(
        storyInput({ weekly: weekly([100, 104, 96, 100, 102, 98, 110], '2026-09-07') }),
      ),
    ).toEqual([]);
    expect(robustBaseline([100, 100, 100, 100, 100, 100])).toEqual({ median: 100, spread: 5 });
    expect(
      detectUnusualChange(
        storyInput({ weekly: weekly([100, 100, 100, 100, 100, 100, 104], '2026-09-07') }),
      ),
    ).toEqual([]);
  });

  it('compares days with the same weekday, so a quiet weekend is not unusual', () => {
    // Five weeks from Monday 2026-08-10: 100 on weekdays, 10 on weekends; the period starts 2026-09-07.
    const days = bucketsEndingOn('2026-09-13', 35, 1);
    const money = (day: string) =>
      [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) ? 10 : 100;
    const daily = (override: Record<string, number>) => ({
      total: days.map((bucket) => ({ bucket, money: override[bucket] ?? money(bucket) })),
      drivers: [],
    });
    expect(detectUnusualChange(storyInput({ daily: daily({}) }))).toEqual([]);
    // A busy Saturday: its baseline is four Saturdays of 10 (spread floored at 0.5): z = 180.
    const [insight] = detectUnusualChange(storyInput({ daily: daily({ '2026-09-12': 100 }) }));
    expect(insight?.id).toBe('unusual_change:total:day:2026-09-12');
    expect(factOf(insight, 'expected')).toBe(10);
    expect(factOf(insight, 'deviation')).toBe(9);
  });
});

describe('record', () => {
  it('reports the best week so far when it falls in the period', () => {
    const moneys = [100, 120, 150, 110, 130, 140, 120, 100, 90, 180];
    const [insight, ...rest] = detectRecord(storyInput({ weekly: weekly(moneys, '2026-09-07') }));
    expect(rest).toEqual([]);
    expect(insight?.facts.map((f) => [f.id, f.value])).toEqual([
      ['bucket', Date.parse('2026-09-07T00:00:00Z')],
      ['record', 180],
      ['previousBest', 150],
      ['margin', 0.2],
    ]);
    // min(1, 0.2/0.3) × min(1, 9/16) = 0.375; impact 30 / 2,500 = 0.012 → 0.0045.
    expect(insight?.score).toBe(0.0045);
  });

  it('reports the best month once three earlier months are known', () => {
    const monthly = {
      total: ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01'].map((bucket, index) => ({
        bucket,
        money: [3000, 3600, 3200, 4500][index] as number,
      })),
      drivers: [],
    };
    const [insight, ...rest] = detectRecord(storyInput({ monthly }));
    expect(rest).toEqual([]);
    expect(insight?.id).toBe('record:total:month');
    // 4,500 against 3,600: +25%; min(1, 0.25/0.3) × min(1, 3/6) = 0.41667; impact 900/2,500 = 0.36.
    expect(factOf(insight, 'margin')).toBeCloseTo(0.25, 10);
    expect(insight?.score).toBe(0.15);
    expect(
      detectRecord(storyInput({ monthly: { ...monthly, total: monthly.total.slice(1) } })),
    ).toEqual([]);
  });

  it('says nothing when the best week is in the past or the history is short', () => {
    const past = [100, 120, 250, 110, 130, 140, 120, 100, 90, 180];
    expect(detectRecord(storyInput({ weekly: weekly(past, '2026-09-07') }))).toEqual([]);
    expect(detectRecord(storyInput({ weekly: weekly([100, 120, 180], '2026-09-07') }))).toEqual([]);
  });
});
