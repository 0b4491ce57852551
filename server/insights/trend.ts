import { linearRegression, meanSimple } from 'simple-statistics';
import { fitRegime } from '../../blueprint/trend-fit.ts';
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
/**
 * A turn is told while it is at most half a year old, the weekly history the story reads: the
 * regime it began is the one the account is in (each side of a turn has six weeks or more).
 */
export const TURN_WINDOW = 26;

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
 * When the trend turned: the change of regime blueprint/trend-fit.ts finds in the weekly money (the
 * same one the forecast fits after, so the story and the forecast agree on the week), reported
 * when the current regime has a clear slope (not a level) pointing another way than the regime
 * before it: a rise or a flat stretch that turned into a decline, or the reverse. A short lull is
 * no regime, and noise rarely pays the change's penalty.
 */
export function detectTrendChange(input: StoryInput): Insight[] {
  const insights: Insight[] = [];
  for (const line of linesOf(input.weekly)) {
    const points = line.points;
    const ys = points.map((point) => point.money);
    const fit = fitRegime(ys);
    if ('notEnoughData' in fit || fit.changeAt === undefined) continue;
    if (fit.method !== 'linear') {
      // A step: the value fell (or rose) to a new level and has held there since.
      const step = stepOf(input, line, fit);
      if (step) insights.push(step);
      continue;
    }
    // The story tells what happened lately: a turn older than the window is the trend now.
    if (ys.length - fit.changeAt > TURN_WINDOW) continue;
    const before = fit.segments.at(-2);
    const after = fit.segments.at(-1);
    if (!before || !after) continue;
    const mean = meanSimple(ys.slice(before.from));
    if (!(mean > 0)) continue;
    const share = (slope: number) => slope / mean;
    const steep = (slope: number) => Math.abs(share(slope)) >= MIN_TREND_SLOPE_SHARE;
    // Before: the other direction, or flat. After: steep.
    const turned = !steep(before.slope) || Math.sign(before.slope) !== Math.sign(after.slope);
    if (!steep(fit.slope) || !turned) continue;
    const weeksAfter = ys.length - fit.changeAt;
    const turn = (points[fit.changeAt] as { bucket: string }).bucket;
    const period = {
      from: (points[before.from] as { bucket: string }).bucket,
      to: input.period.to,
    };
    const source = provenance(line.driver, period, seriesQuery(period, 'week', line.driver));
    const estimated = estimatedFor(input, line.driver);
    const money = moneyUnit(input.currency);
    insights.push({
      id: `trend_change:${line.driver}`,
      type: 'trend_change',
      // Significance: how long the new direction has held, full at the trend window (the change's
      // penalty already rules out noise); impact: how far the turn moved the weekly money since.
      score: scoreOf(
        weeksAfter / TREND_WINDOW,
        impactOf((fit.slope - before.slope) * weeksAfter, input),
      ),
      drivers: [line.driver],
      params: {
        direction: fit.slope > 0 ? 'up' : 'down',
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
        fact('slopeAfter', 'Change per week since the turn', fit.slope, money, estimated, source),
      ],
    });
  }
  return insights;
}

function sumSquares(ys: readonly number[], mean: number): number {
  return ys.reduce((sum, y) => sum + (y - mean) ** 2, 0);
}

/** A level this far (share of the level before) from the one before is a step worth telling. */
export const MIN_STEP_SHARE = 0.15;

/**
 * The regime is a level that sits well away from where the segment before ended: "your value
 * dropped in the week of October 12, from about $14,000 a week to about $10,300, and has held
 * there since". A drop that held for six weeks or more is a decline the customer should hear of.
 */
function stepOf(
  input: StoryInput,
  line: { driver: string; points: ReadonlyArray<{ bucket: string; money: number }> },
  fit: Extract<ReturnType<typeof fitRegime>, { method: string }>,
): Insight | undefined {
  const points = line.points;
  const changeAt = fit.changeAt;
  const before = fit.segments.at(-2);
  const after = fit.segments.at(-1);
  if (changeAt === undefined || !before || !after) return undefined;
  if (points.length - changeAt > TURN_WINDOW) return undefined;
  // From a level to a level: a ramp that levels off is growth settling, not a step.
  if (!(before.mean > 0) || Math.abs(before.slope / before.mean) >= MIN_TREND_SLOPE_SHARE) {
    return undefined;
  }
  // Where the segment before ended (its own line at its last week), and the level since.
  const levelBefore = before.mean + before.slope * ((before.to - before.from) / 2);
  const levelAfter = after.mean;
  if (!(levelBefore > 0)) return undefined;
  const moved = levelAfter - levelBefore;
  if (Math.abs(moved) / levelBefore < MIN_STEP_SHARE) return undefined;
  const weeksAfter = points.length - changeAt;
  const turn = (points[changeAt] as { bucket: string }).bucket;
  const period = { from: (points[before.from] as { bucket: string }).bucket, to: input.period.to };
  const source = provenance(line.driver, period, seriesQuery(period, 'week', line.driver));
  const estimated = estimatedFor(input, line.driver);
  const money = moneyUnit(input.currency);
  return {
    id: `trend_change:${line.driver}`,
    type: 'trend_change',
    // Significance: how long the new level has held, full at the trend window; impact: the money
    // a week the step moved, over the weeks since.
    score: scoreOf(
      Math.min(1, weeksAfter / TREND_WINDOW),
      impactOf(Math.abs(moved) * weeksAfter, input),
    ),
    drivers: [line.driver],
    params: {
      kind: 'step',
      direction: moved > 0 ? 'up' : 'down',
      ...(line.driver === TOTAL ? {} : { driver: driverLabel(input, line.driver) }),
    },
    facts: [
      fact('turnedOn', 'Week the level changed', dayMs(turn), dateUnit, false, source),
      fact('levelBefore', 'Value a week before the change', levelBefore, money, estimated, source),
      fact('levelAfter', 'Value a week since the change', levelAfter, money, estimated, source),
    ],
  };
}
