import { median, medianAbsoluteDeviation } from 'simple-statistics';
import {
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

/** 1.4826 × MAD estimates the standard deviation of normal data, so the cut-off reads in "sigmas". */
export const MAD_TO_SIGMA = 1.4826;
/** 3.5 robust standard deviations: Iglewicz and Hoaglin's cut-off for a modified z-score outlier. */
export const UNUSUAL_Z = 3.5;
/** A robust z of 7 (twice the cut-off) is as unusual as it gets for ranking purposes. */
export const FULL_UNUSUAL_Z = 2 * UNUSUAL_Z;
/** Six earlier weeks are the least that give a median and MAD worth trusting. */
export const MIN_WEEKLY_HISTORY = 6;
/** Four earlier same weekdays (four weeks of days) for a weekday baseline. */
export const MIN_WEEKDAY_HISTORY = 4;
/**
 * A perfectly steady history has a MAD of zero, which would flag any cent of difference; the
 * spread is floored at 5% of the median so only real departures count.
 */
export const MIN_SPREAD_SHARE = 0.05;

export interface Baseline {
  median: number;
  /** Robust standard deviation: MAD × 1.4826, floored at 5% of the median. */
  spread: number;
}

/** Median and floored robust spread of a history, which must not be empty. */
export function robustBaseline(history: readonly number[]): Baseline {
  const center = median(history);
  // simple-statistics' MAD is the raw median of absolute deviations; the scale to sigma is ours.
  const mad = medianAbsoluteDeviation(history);
  return {
    median: center,
    spread: Math.max(MAD_TO_SIGMA * mad, MIN_SPREAD_SHARE * Math.abs(center)),
  };
}

interface Candidate {
  driver: string;
  bucket: string;
  observed: number;
  baseline: Baseline;
  z: number;
}

/**
 * Weeks (and, when daily data is there, days) of the current period outside the expected range:
 * against the median and MAD of the weeks before, or of the same weekday before for days, since
 * weekends are quiet by design and would otherwise always look unusual. One per series: the most
 * extreme.
 */
export function detectUnusualChange(input: StoryInput): Insight[] {
  const insights: Insight[] = [];
  for (const [grain, series] of [
    ['week', input.weekly],
    ['day', input.daily],
  ] as const) {
    if (!series) continue;
    for (const line of linesOf(series)) {
      const candidate = mostUnusual(input, line.driver, line.points, grain);
      if (candidate) insights.push(toInsight(input, candidate, grain));
    }
  }
  return insights;
}

function mostUnusual(
  input: StoryInput,
  driver: string,
  points: ReadonlyArray<{ bucket: string; money: number }>,
  grain: 'week' | 'day',
): Candidate | null {
  let best: Candidate | null = null;
  // Each point against the points before it (days: before it on the same weekday), gathered as the
  // walk goes rather than filtered again for every point.
  const earlier: number[][] = grain === 'week' ? [[]] : [[], [], [], [], [], [], []];
  const minimum = grain === 'week' ? MIN_WEEKLY_HISTORY : MIN_WEEKDAY_HISTORY;
  for (const point of points) {
    const history = earlier[grain === 'week' ? 0 : weekday(point.bucket)] as number[];
    const candidate =
      point.bucket >= input.period.from && history.length >= minimum
        ? unusualAgainst(driver, point, history)
        : null;
    if (candidate && (!best || Math.abs(candidate.z) > Math.abs(best.z))) best = candidate;
    history.push(point.money);
  }
  return best;
}

function unusualAgainst(
  driver: string,
  point: { bucket: string; money: number },
  history: readonly number[],
): Candidate | null {
  const baseline = robustBaseline(history);
  if (!(baseline.spread > 0)) return null;
  const z = (point.money - baseline.median) / baseline.spread;
  if (Math.abs(z) < UNUSUAL_Z) return null;
  return { driver, bucket: point.bucket, observed: point.money, baseline, z };
}

function toInsight(input: StoryInput, found: Candidate, grain: 'week' | 'day'): Insight {
  const { driver, bucket, observed, baseline, z } = found;
  const estimated = estimatedFor(input, driver);
  // The bucket's own days: a week runs from its first day for seven days.
  const last = new Date(dayMs(bucket) + (grain === 'week' ? 6 : 0) * 86_400_000);
  const period = { from: bucket, to: last.toISOString().slice(0, 10) };
  const source = provenance(
    driver,
    period,
    seriesQuery({ from: bucket, to: input.period.to }, grain, driver),
  );
  const money = moneyUnit(input.currency);
  const band = UNUSUAL_Z * baseline.spread;
  const facts = [
    fact('bucket', grain === 'week' ? 'Week' : 'Day', dayMs(bucket), dateUnit, false, source),
    fact('observed', 'Value in that bucket', observed, money, estimated, source),
    fact('expected', 'Usual value (median)', baseline.median, money, estimated, source),
    fact(
      'low',
      'Low end of the usual range',
      Math.max(0, baseline.median - band),
      money,
      estimated,
      source,
    ),
    fact('high', 'High end of the usual range', baseline.median + band, money, estimated, source),
  ];
  if (baseline.median > 0) {
    facts.push(
      fact(
        'deviation',
        'Difference from the usual value',
        (observed - baseline.median) / baseline.median,
        percentUnit,
        false,
        source,
      ),
    );
  }
  return {
    id: `unusual_change:${driver}:${grain}:${bucket}`,
    type: 'unusual_change',
    score: scoreOf(Math.abs(z) / FULL_UNUSUAL_Z, impactOf(observed - baseline.median, input)),
    drivers: [driver],
    params: {
      direction: z > 0 ? 'up' : 'down',
      grain,
      ...(driver === TOTAL ? {} : { driver: driverLabel(input, driver) }),
    },
    facts,
  };
}

function weekday(day: string): number {
  return new Date(dayMs(day)).getUTCDay();
}
