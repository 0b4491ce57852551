import { linearRegression } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  fitRegime,
  MIN_REGIME_WEEKS,
  projectRegime,
  type RegimeFit,
  type RegimeResult,
} from '../../blueprint/trend-fit.ts';
import { seededRandom } from '../../examples/demo/random.ts';

/**
 * Synthetic weekly series, plain numbers: each expectation is a formula on the fixture (the level
 * the flat weeks were drawn around, the slope they were drawn with), never a number the code gave.
 */

/** A fixed wobble with mean 0 and amplitude 2, repeated every eight weeks. */
const WOBBLE = [1.5, -2, 0.5, 2, -1.5, -0.5, 1, -1];
const wobble = (i: number) => WOBBLE[i % WOBBLE.length] as number;
const mean = (ys: readonly number[]) => ys.reduce((sum, y) => sum + y, 0) / ys.length;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function fitted(result: RegimeResult): RegimeFit {
  if ('notEnoughData' in result) throw new Error('expected a fit');
  return result;
}
/** The next week and the one twelve weeks on. */
const ahead = (fit: RegimeFit, n: number) => projectRegime(fit, [n, n + 12]);

describe('fitRegime', () => {
  it('ramp then flat: the forecast is the flat level, not the ramp extrapolated', () => {
    // Eight weeks rising 10 a week from 0, then 14 weeks around 100.
    const ys = range(22).map((i) => (i < 8 ? 10 * i : 100 + wobble(i)));
    const fit = fitted(fitRegime(ys));
    expect(fit.changeAt).toBe(8);
    expect(fit.method).toBe('level');
    expect(fit.fitted).toEqual(range(14).map((i) => 8 + i));
    const level = mean(ys.slice(8));
    const [next, later] = ahead(fit, 22);
    expect(next?.y).toBeCloseTo(level, 10);
    expect(Math.abs((next?.y ?? 0) - 100)).toBeLessThanOrEqual(2);
    // One straight line over every week would say far more.
    const { m, b } = linearRegression(ys.map((y, x) => [x, y]));
    expect(b + m * 22).toBeGreaterThan(115);
    // The interval covers the flat weeks' wobble, stays narrow, and widens with the horizon.
    expect(next?.low).toBeLessThanOrEqual(98);
    expect(next?.high).toBeGreaterThanOrEqual(102);
    expect((next?.high ?? 0) - (next?.low ?? 0)).toBeLessThan(20);
    expect((later?.high ?? 0) - (later?.low ?? 0)).toBeGreaterThan(
      (next?.high ?? 0) - (next?.low ?? 0),
    );
  });

  it('decline: the forecast continues below the last weeks, never above them', () => {
    // Ten weeks around 100, then eight weeks falling 5 a week (95, 90, … 60): the line of the
    // decline passes through week 9 too, so the change is week 9 or 10.
    const ys = range(18).map((i) => (i < 10 ? 100 : 100 - 5 * (i - 9)) + wobble(i));
    const fit = fitted(fitRegime(ys));
    expect([9, 10]).toContain(fit.changeAt);
    expect(fit.method).toBe('linear');
    expect(Math.abs(fit.slope - -5)).toBeLessThan(0.75);
    const lastWeeks = Math.min(...ys.slice(-3));
    const projected = projectRegime(
      fit,
      range(12).map((k) => 18 + k),
    );
    expect(projected[0]?.y).toBeLessThan(lastWeeks);
    for (let k = 1; k < projected.length; k++) {
      expect(projected[k]?.y).toBeLessThan(projected[k - 1]?.y ?? 0);
    }
    // Not the rising straight line of the old fit either: the flat weeks are left out.
    expect(fit.segments.map((s) => [s.from, s.to])).toEqual([
      [0, (fit.changeAt ?? 0) - 1],
      [fit.changeAt, 17],
    ]);
  });

  it('a three-week lull inside a flat year is a transient, not a change', () => {
    // 26 weeks around 100, with weeks 12–14 at 20 (a shutdown).
    const ys = range(26).map((i) => (i >= 12 && i <= 14 ? 20 : 100 + wobble(i)));
    const fit = fitted(fitRegime(ys));
    expect(fit.transients).toEqual([12, 13, 14]);
    expect(fit.changeAt).toBeUndefined();
    expect(fit.method).toBe('level');
    const ordinary = ys.filter((_, i) => i < 12 || i > 14);
    const [next] = ahead(fit, 26);
    expect(next?.y).toBeCloseTo(mean(ordinary), 10);
    expect(next?.low).toBeGreaterThan(90);
  });

  it('a lull in the last three weeks: the forecast resumes, the interval covers the lull too', () => {
    // 23 weeks around 100, then the last three at 20, 22, 21: too recent to tell from a decline.
    const ys = [...range(23).map((i) => 100 + wobble(i)), 20, 22, 21];
    const fit = fitted(fitRegime(ys));
    expect(fit.recent).toEqual([23, 24, 25]);
    expect(fit.changeAt).toBeUndefined();
    expect(fit.method).toBe('level');
    for (const week of ahead(fit, 26)) {
      expect(week.y).toBeCloseTo(mean(ys.slice(0, 23)), 10);
      // Recovery (the level before the lull) and the lull itself are both inside the interval.
      expect(week.low).toBeLessThanOrEqual(20);
      expect(week.high).toBeGreaterThanOrEqual(100);
    }
  });

  it('noisy flat: no change point, a level', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = seededRandom(seed);
      // Uniform noise of ±10 around 100 over 26 weeks.
      const ys = range(26).map(() => 100 + 20 * (next() - 0.5));
      const fit = fitted(fitRegime(ys));
      expect(fit.changeAt).toBeUndefined();
      expect(fit.method).toBe('level');
      expect(fit.fitted).toHaveLength(26);
      const [week] = ahead(fit, 26);
      expect(week?.y).toBeCloseTo(mean(ys), 10);
      expect(week?.low).toBeLessThan(95);
      expect(week?.high).toBeGreaterThan(105);
    }
  });

  it('steady growth: one line, its slope kept', () => {
    // 20 weeks rising 4 a week from 50.
    const ys = range(20).map((i) => 50 + 4 * i + wobble(i));
    const fit = fitted(fitRegime(ys));
    expect(fit.changeAt).toBeUndefined();
    expect(fit.method).toBe('linear');
    expect(Math.abs(fit.slope - 4)).toBeLessThan(0.3);
    const [next, later] = ahead(fit, 20);
    expect(Math.abs((next?.y ?? 0) - (50 + 4 * 20))).toBeLessThan(3);
    expect(Math.abs((later?.y ?? 0) - (50 + 4 * 32))).toBeLessThan(6);
  });

  it('an exact line has no spread; a flat series is a level', () => {
    const line = fitted(fitRegime([5, 8, 11, 14, 17, 20, 23, 26]));
    expect(line.method).toBe('linear');
    const [next] = projectRegime(line, [8]);
    expect(next).toEqual({ x: 8, y: 29, low: 29, high: 29 });
    const flat = fitted(fitRegime([7, 7, 7, 7, 7]));
    expect(flat.method).toBe('level');
    expect(projectRegime(flat, [5])).toEqual([{ x: 5, y: 7, low: 7, high: 7 }]);
  });

  it('needs four weeks, and six on each side of a change', () => {
    expect(fitRegime([1, 2, 3])).toEqual({ notEnoughData: true, have: 3 });
    // Eleven weeks: a step after five is too early to be a regime; one line (or level) fits all.
    const short = fitted(fitRegime([10, 10, 10, 10, 10, 50, 50, 50, 50, 50, 50]));
    expect(short.changeAt).toBeUndefined();
    expect(short.fitted).toHaveLength(11);
    expect(MIN_REGIME_WEEKS).toBe(6);
  });
});
