import { describe, expect, it } from 'vitest';
import { fitRegime } from '../../../blueprint/trend-fit.ts';
import { seededRandom } from '../../../examples/demo/random.ts';
import { detectTrendChange } from '../../../server/insights/trend.ts';
import { renderInsight } from '../../../server/story/render.ts';
import { bucketsEndingOn, storyInput, totalSeries } from './story-fixture.ts';

/**
 * trend_change names a sustained decline after a rise or a flat stretch, on the week the forecast
 * finds too (both read blueprint/trend-fit.ts), and stays silent on noise and on a short lull.
 */

const LAST = '2026-11-23';
const weekly = (moneys: number[]) => ({ total: totalSeries(LAST, moneys), drivers: [] });
const factOf = (insight: { facts: Array<{ id: string; value: number }> } | undefined, id: string) =>
  insight?.facts.find((f) => f.id === id)?.value;
/** A fixed wobble with mean 0 and amplitude 2, repeated every eight weeks. */
const WOBBLE = [1.5, -2, 0.5, 2, -1.5, -0.5, 1, -1];
const wobble = (i: number) => WOBBLE[i % WOBBLE.length] as number;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('trend_change on a sustained decline', () => {
  it('names a rise that turned into a decline, with both slopes', () => {
    // Eight weeks rising 10 a week (10 … 80), then eight falling 3 a week (70 … 49): exact lines.
    const moneys = range(16).map((i) => (i < 8 ? 10 + 10 * i : 70 - 3 * (i - 8)));
    const buckets = bucketsEndingOn(LAST, 16);
    const [insight, ...rest] = detectTrendChange(storyInput({ weekly: weekly(moneys) }));
    expect(rest).toEqual([]);
    expect(insight?.params).toEqual({ direction: 'down' });
    expect(factOf(insight, 'turnedOn')).toBe(Date.parse(`${buckets[8]}T00:00:00Z`));
    expect(factOf(insight, 'slopeBefore')).toBeCloseTo(10, 10);
    expect(factOf(insight, 'slopeAfter')).toBeCloseTo(-3, 10);
    // Eight weeks since the turn (full significance); impact |−3 − 10| × 8 / 2,500 = 0.0416.
    expect(insight?.score).toBe(0.0416);
  });

  it('names a Vandelay-like decline: flat around 140, then falling 6 a week for eight weeks', () => {
    const moneys = range(20).map((i) => (i < 12 ? 140 : 140 - 6 * (i - 11)) + wobble(i));
    const [insight] = detectTrendChange(storyInput({ weekly: weekly(moneys) }));
    expect(insight?.type).toBe('trend_change');
    expect(insight?.params).toEqual({ direction: 'down' });
    expect(Math.abs((factOf(insight, 'slopeAfter') ?? 0) - -6)).toBeLessThan(0.75);
    expect(Math.abs(factOf(insight, 'slopeBefore') ?? 99)).toBeLessThan(1);
    // The week the forecast fits from is the week the story names.
    const fit = fitRegime(moneys);
    if ('notEnoughData' in fit) throw new Error('expected a fit');
    const buckets = bucketsEndingOn(LAST, 20);
    expect(factOf(insight, 'turnedOn')).toBe(
      Date.parse(`${buckets[fit.changeAt as number]}T00:00:00Z`),
    );
    // Within a week of the corner (week 11, where the decline's line meets the flat).
    expect([11, 12]).toContain(fit.changeAt);
  });

  it('names a step down that held: a ramp, a plateau near 145, then seven weeks near 103', () => {
    // The demo's Vandelay, by hand: the money of its weeks (in hundreds of dollars).
    const moneys = [
      4, 23, 50, 60, 88, 103, 121, 130, 136, 145, 143, 136, 148, 142, 103, 99, 101, 101, 108, 104,
      105,
    ];
    const buckets = bucketsEndingOn(LAST, moneys.length);
    const [insight] = detectTrendChange(storyInput({ weekly: weekly(moneys) }));
    expect(insight?.params).toEqual({ kind: 'step', direction: 'down' });
    expect(factOf(insight, 'turnedOn')).toBe(Date.parse(`${buckets[14]}T00:00:00Z`));
    // Since the step: the mean of the last seven weeks.
    expect(factOf(insight, 'levelAfter')).toBeCloseTo(
      (103 + 99 + 101 + 101 + 108 + 104 + 105) / 7,
      6,
    );
    expect(factOf(insight, 'levelBefore')).toBeGreaterThan(140);
    const text = renderInsight(insight as NonNullable<typeof insight>, 'en').text ?? '';
    expect(text).toMatch(
      /^Your value dropped in the week of .*: from about \$\d+ a week to about \$\d+, and it has held there since\.$/,
    );
  });

  it('says nothing of a level that barely moved (under 15%)', () => {
    const moneys = [
      ...range(10).map((i) => 100 + wobble(i)),
      ...range(8).map((i) => 92 + wobble(i)),
    ];
    expect(detectTrendChange(storyInput({ weekly: weekly(moneys) }))).toEqual([]);
  });

  it('says nothing about a noisy flat series', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = seededRandom(seed);
      const moneys = range(26).map(() => 100 + 20 * (next() - 0.5));
      expect(detectTrendChange(storyInput({ weekly: weekly(moneys) }))).toEqual([]);
    }
  });

  it('says nothing about a three-week lull inside a flat stretch, nor in its last weeks', () => {
    const inside = range(26).map((i) => (i >= 12 && i <= 14 ? 20 : 100 + wobble(i)));
    expect(detectTrendChange(storyInput({ weekly: weekly(inside) }))).toEqual([]);
    const atTheEnd = [...range(23).map((i) => 100 + wobble(i)), 20, 22, 21];
    expect(detectTrendChange(storyInput({ weekly: weekly(atTheEnd) }))).toEqual([]);
  });

  it('says nothing about a ramp that levelled off, nor a straight line', () => {
    const ramp = range(22).map((i) => (i < 8 ? 10 * i : 100 + wobble(i)));
    expect(detectTrendChange(storyInput({ weekly: weekly(ramp) }))).toEqual([]);
    const line = range(16).map((i) => 10 + 10 * i);
    expect(detectTrendChange(storyInput({ weekly: weekly(line) }))).toEqual([]);
  });
});
