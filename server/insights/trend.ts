import { linearRegression, meanSimple } from 'simple-statistics';
import { MIN_FORECAST_POINTS } from '../../blueprint/value-math.ts';
import {
  countUnit,
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
import type { StoryInput } from './story-input.ts';

/** The recent trend reads the last 8 weeks: two months, long enough to beat noise, short enough to be "recent". */
export const TREND_WINDOW = 8;
/** Below 3% of the weekly average per week, a slope is flat for any practical purpose. */
export const MIN_TREND_SLOPE_SHARE = 0.03;
/** A line that explains under half the variance (R²) is not a trend worth stating. */
export const MIN_TREND_FIT = 0.5;
/** Each side of a turn needs three weeks: fewer and any wobble looks like a turn. */
export const MIN_TURN_SEGMENT = 3;
/** The longest history searched for a turn: a quarter of a year, what the story looks back over. */
export const TURN_WINDOW = 13;

export interface Line {
  slope: number;
  intercept: number;
  /** Share of the variance the line explains; 1 for a flat series the line matches exactly. */
  fit: number;
  sse: number;
}

/** Least squares on (index, y); `ys` must not be empty. */
export function fitLine(ys: readonly number[]): Line {
  const { m: slope, b: intercept } = linearRegression(ys.map((y, x) => [x, y]));
  // Kept by hand: the turn search needs the SSE itself, and a flat series fits perfectly (R² 1),
  // where simple-statistics' rSquared divides zero by zero.
  const syy = sumSquares(ys, meanSimple(ys));
  const sse = ys.reduce((sum, y, x) => sum + (y - (intercept + slope * x)) ** 2, 0);
  return { slope, intercept, fit: syy === 0 ? 1 : 1 - sse / syy, sse };
}

/** The direction of the last weeks' money, when a line fits it well and is not flat. */
export function detectTrend(input: StoryInput): Insight[] {
  const insights: Insight[] = [];
  for (const line of linesOf(input.weekly)) {
    const points = line.points.slice(-TREND_WINDOW);
    if (points.length < MIN_FORECAST_POINTS) continue;
    const ys = points.map((point) => point.money);
    const mean = meanSimple(ys);
    if (!(mean > 0)) continue;
    const { slope, fit } = fitLine(ys);
    const slopeShare = slope / mean;
    if (Math.abs(slopeShare) < MIN_TREND_SLOPE_SHARE || fit < MIN_TREND_FIT) continue;
    const period = { from: (points[0] as { bucket: string }).bucket, to: input.period.to };
    const source = provenance(line.driver, period, seriesQuery(period, 'week', line.driver));
    const estimated = estimatedFor(input, line.driver);
    // Significance: how well the line fits, scaled by how much of the window there is.
    const significance = fit * (points.length / TREND_WINDOW);
    insights.push({
      id: `trend:${line.driver}`,
      type: 'trend',
      score: scoreOf(significance, impactOf(slope * points.length, input)),
      drivers: [line.driver],
      params: {
        direction: slope > 0 ? 'up' : 'down',
        ...(line.driver === TOTAL ? {} : { driver: driverLabel(input, line.driver) }),
      },
      facts: [
        fact(
          'slope',
          'Change in value per week',
          slope,
          moneyUnit(input.currency),
          estimated,
          source,
        ),
        fact(
          'slopeShare',
          'Change per week against the weekly average',
          slopeShare,
          percentUnit,
          false,
          source,
        ),
        fact(
          'weeks',
          'Weeks the trend covers',
          points.length,
          countUnit('week', 'weeks'),
          false,
          source,
        ),
      ],
    });
  }
  return insights;
}

/**
 * When the trend turned: the split of the recent weeks into two lines that fits best, reported
 * when the two lines point in opposite directions and neither is flat.
 */
export function detectTrendChange(input: StoryInput): Insight[] {
  const insights: Insight[] = [];
  for (const line of linesOf(input.weekly)) {
    const points = line.points.slice(-TURN_WINDOW);
    if (points.length < 2 * MIN_TURN_SEGMENT) continue;
    const ys = points.map((point) => point.money);
    const mean = meanSimple(ys);
    if (!(mean > 0)) continue;
    let best: { at: number; before: Line; after: Line } | null = null;
    for (let at = MIN_TURN_SEGMENT; at <= ys.length - MIN_TURN_SEGMENT; at += 1) {
      const before = fitLine(ys.slice(0, at));
      const after = fitLine(ys.slice(at));
      // Ties go to the earlier split, so the answer never depends on float noise order.
      if (!best || before.sse + after.sse < best.before.sse + best.after.sse - 1e-9) {
        best = { at, before, after };
      }
    }
    if (!best) continue;
    const { before, after, at } = best;
    const opposite = Math.sign(before.slope) * Math.sign(after.slope) < 0;
    const steep = (slope: number) => Math.abs(slope / mean) >= MIN_TREND_SLOPE_SHARE;
    if (!opposite || !steep(before.slope) || !steep(after.slope)) continue;
    const turn = (points[at] as { bucket: string }).bucket;
    const period = { from: (points[0] as { bucket: string }).bucket, to: input.period.to };
    const source = provenance(line.driver, period, seriesQuery(period, 'week', line.driver));
    const estimated = estimatedFor(input, line.driver);
    const money = moneyUnit(input.currency);
    const fit = 1 - (before.sse + after.sse) / Math.max(sumSquares(ys, mean), Number.MIN_VALUE);
    insights.push({
      id: `trend_change:${line.driver}`,
      type: 'trend_change',
      score: scoreOf(
        Math.max(0, fit) * Math.min(1, (ys.length - at) / MIN_FORECAST_POINTS),
        impactOf((after.slope - before.slope) * (ys.length - at), input),
      ),
      drivers: [line.driver],
      params: {
        direction: after.slope > 0 ? 'up' : 'down',
        ...(line.driver === TOTAL ? {} : { driver: driverLabel(input, line.driver) }),
      },
      facts: [
        fact('turnedOn', 'Week the trend turned', dayMs(turn), dateUnit, false, source),
        fact(
          'slopeBefore',
          'Change per week before the turn',
          before.slope,
          money,
          estimated,
          source,
        ),
        fact('slopeAfter', 'Change per week since the turn', after.slope, money, estimated, source),
      ],
    });
  }
  return insights;
}

function sumSquares(ys: readonly number[], mean: number): number {
  return ys.reduce((sum, y) => sum + (y - mean) ** 2, 0);
}
