import { linearRegression, meanSimple, median, sumNthPowerDeviations } from 'simple-statistics';
import { MIN_FORECAST_POINTS, tQuantile90 } from './value-math.ts';

/**
 * Which regime a weekly series is in, and the line (or level) that regime follows. Pure functions
 * on plain numbers; the forecast and the story's trend_change both read it, so they agree on when
 * the account changed.
 *
 * Method:
 * 1. Noise: σ = 1.4826 × MAD of the week-to-week differences ÷ √2 (robust to a ramp, a step and
 *    a lull, which move only a few differences).
 * 2. Lulls: a run of at most 3 weeks lying more than 4σ from the running median of 7 weeks, with
 *    ordinary weeks after it, is a transient (a shutdown, a holiday) and is left out of the fit.
 *    A dip in the last 1–3 weeks (4σ off the line of the 6 weeks before, all on one side)
 *    cannot yet be told from the start of a decline: it is left out of the change search and the
 *    fit, and the interval stretches to cover it. The forecast says the regime resumes, the
 *    interval that the dip may last; six weeks on, a lasting drop is a regime of its own.
 * 3. Change points: the partition into piecewise-linear segments of at least 6 weeks with the
 *    least total squared error plus a BIC-style penalty of 5 · ln(n) · σ² per extra segment
 *    (optimal partitioning, exact). Pure noise pays it in about 3% of 26-week series (simulated).
 * 4. The regime is the last segment. Its least-squares slope is kept ('linear') only when it is
 *    at least 2.5 standard errors (and the 90% t quantile) from zero; otherwise the forecast is
 *    the regime's mean ('level').
 * 5. The 90% prediction interval uses the residuals of the chosen fit with Student's t, and widens
 *    with the horizon as a line's does (1 + 1/n + (x − x̄)²/Sxx): a level still carries the slope
 *    it could not rule out.
 */

/** Each regime needs six weeks: fewer and a wobble, or a lull, looks like a new regime. */
export const MIN_REGIME_WEEKS = 6;
/** The longest dip (or spike) that is a transient rather than a regime. */
export const MAX_TRANSIENT_WEEKS = 3;
/** How far from the running median, in σ, a week must be to count as a transient. */
const TRANSIENT_SIGMAS = 4;
/** Penalty per extra segment, in σ² · ln(n): BIC's 3 (slope, level, where) raised so noise rarely splits. */
const SEGMENT_PENALTY = 5;
/** A slope is kept when it is this many standard errors from zero (pure noise: about 1 in 50). */
const SLOPE_SIGNIFICANCE = 2.5;

export type TrendMethod = 'linear' | 'level';

export interface RegimeFit {
  method: TrendMethod;
  /** Index of the regime's first week (0 without a change). */
  from: number;
  /** Index of the week the regime began when a change was found. */
  changeAt?: number;
  /** Indexes of the weeks fitted: the regime without its transients. */
  fitted: number[];
  /** Indexes of every week left out as a transient, in the whole series. */
  transients: number[];
  /**
   * Indexes of the last weeks (at most 3) that depart from the regime: too few for a regime of
   * their own, left out of the fit; the interval stretches to cover their range.
   */
  recent: number[];
  recentRange: readonly [low: number, high: number] | null;
  /** Change per week (0 for a level). */
  slope: number;
  /** The line (or level) through the fitted weeks, at index x. */
  at(x: number): number;
  /** The slope of the least-squares line on the regime, kept or not. */
  rawSlope: number;
  /** Residual standard deviation of the chosen fit. */
  spread: number;
  /** The segments found, oldest first: index ranges (inclusive) with their own line's slope. */
  segments: Array<{ from: number; to: number; slope: number; mean: number }>;
}

export type RegimeResult = RegimeFit | { notEnoughData: true; have: number };

interface Line {
  slope: number;
  intercept: number;
  sse: number;
}

function lineOf(xs: readonly number[], ys: readonly number[]): Line {
  if (xs.length === 1) return { slope: 0, intercept: ys[0] as number, sse: 0 };
  const { m, b } = linearRegression(xs.map((x, i) => [x, ys[i] as number]));
  let sse = 0;
  for (let i = 0; i < xs.length; i++) sse += ((ys[i] as number) - (b + m * (xs[i] as number))) ** 2;
  return { slope: m, intercept: b, sse };
}

/** The integers from `a` up to, not including, `b`. */
const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

const mad = (values: readonly number[]) => {
  const centre = median([...values]);
  return median(values.map((v) => Math.abs(v - centre)));
};

/** Robust weekly noise from the week-to-week differences. */
export function noiseOf(ys: readonly number[]): number {
  if (ys.length < 3) return 0;
  const diffs = ys.slice(1).map((y, i) => y - (ys[i] as number));
  return (1.4826 * mad(diffs)) / Math.SQRT2;
}

/** Weeks of a short excursion away from the running median, followed by ordinary weeks. */
export function transientsOf(ys: readonly number[], sigma: number): number[] {
  const n = ys.length;
  if (n < 2 * MIN_REGIME_WEEKS || !(sigma > 0)) return [];
  const half = MAX_TRANSIENT_WEEKS;
  const residual = ys.map(
    (y, i) => y - median(ys.slice(Math.max(0, i - half), Math.min(n, i + half + 1)) as number[]),
  );
  const far = residual.map((r) => Math.abs(r) > TRANSIENT_SIGMAS * sigma);
  const out: number[] = [];
  let i = 0;
  while (i < n) {
    if (!far[i]) {
      i += 1;
      continue;
    }
    let j = i;
    while (
      j + 1 < n &&
      far[j + 1] &&
      Math.sign(residual[j + 1] as number) === Math.sign(residual[i] as number)
    )
      j += 1;
    const length = j - i + 1;
    // Short, not the first week, and ordinary weeks after it: a lull, not a new regime.
    if (length <= MAX_TRANSIENT_WEEKS && i > 0 && j < n - MAX_TRANSIENT_WEEKS) {
      for (let k = i; k <= j; k++) out.push(k);
    }
    i = j + 1;
  }
  return out;
}

/**
 * The last weeks (at most MAX_TRANSIENT_WEEKS) lying more than 4σ off the line through the
 * MIN_REGIME_WEEKS before them, all on the same side: a dip (or jump) too recent to tell a lull
 * from a new regime. A decline that goes on at its pace is on that line, so it is not one.
 */
export function recentDepartureOf(ys: readonly number[], sigma: number): number[] {
  const n = ys.length;
  if (!(sigma > 0)) return [];
  for (let k = MAX_TRANSIENT_WEEKS; k >= 1; k--) {
    if (n - k < MIN_REGIME_WEEKS) continue;
    const before = range(n - k - MIN_REGIME_WEEKS, n - k);
    const line = lineOf(
      before,
      before.map((i) => ys[i] as number),
    );
    const tail = range(n - k, n).map((i) => (ys[i] as number) - (line.intercept + line.slope * i));
    const sign = Math.sign(tail[0] as number);
    if (tail.every((d) => Math.abs(d) > TRANSIENT_SIGMAS * sigma && Math.sign(d) === sign)) {
      return Array.from({ length: k }, (_, i) => n - k + i);
    }
  }
  return [];
}

/** Optimal partitioning into linear segments of ≥ MIN_REGIME_WEEKS points; returns start offsets. */
function segmentStarts(xs: readonly number[], ys: readonly number[], penalty: number): number[] {
  const n = xs.length;
  const L = MIN_REGIME_WEEKS;
  const cost = (a: number, b: number) => lineOf(xs.slice(a, b), ys.slice(a, b)).sse;
  // best[t]: least cost of the first t points; start[t]: where its last segment starts.
  const best: number[] = [0];
  const start: number[] = [0];
  for (let t = 1; t <= n; t++) {
    best[t] = Number.POSITIVE_INFINITY;
    start[t] = 0;
    if (t < L) continue;
    // One segment from the beginning: no penalty.
    best[t] = cost(0, t);
    for (let s = L; s <= t - L; s++) {
      const candidate = (best[s] as number) + cost(s, t) + penalty;
      // Strictly better (with a margin), so float noise and exact fits never split.
      if (candidate < (best[t] as number) - 1e-9 * (1 + Math.abs(best[t] as number))) {
        best[t] = candidate;
        start[t] = s;
      }
    }
  }
  const starts: number[] = [];
  for (let t = n; t > 0; t = start[t] as number) {
    starts.unshift(start[t] as number);
    if (start[t] === 0) break;
  }
  return starts;
}

/**
 * The regime a weekly series (oldest first, consecutive weeks) is in, and its fit. Fewer than
 * MIN_FORECAST_POINTS weeks in the regime is not enough data; a change is only found with
 * MIN_REGIME_WEEKS on each side, so that means fewer than four weeks of history in all.
 */
export function fitRegime(ys: readonly number[]): RegimeResult {
  if (ys.some((y) => !Number.isFinite(y))) return { notEnoughData: true, have: 0 };
  const sigma = noiseOf(ys);
  const transients = transientsOf(ys, sigma);
  const recent = recentDepartureOf(ys, sigma);
  const kept = ys.map((_, i) => i).filter((i) => !transients.includes(i) && !recent.includes(i));
  const keptYs = kept.map((i) => ys[i] as number);
  if (kept.length < MIN_FORECAST_POINTS) return { notEnoughData: true, have: kept.length };
  const scale = meanSimple(keptYs.map(Math.abs));
  const floor = 1e-6 * (scale > 0 ? scale : 1);
  const penalty = SEGMENT_PENALTY * Math.log(kept.length) * Math.max(sigma, floor) ** 2;
  const starts = segmentStarts(kept, keptYs, penalty);
  const bounds = starts.map((s, k) => [s, (starts[k + 1] ?? kept.length) - 1] as const);
  const segments = bounds.map(([a, b]) => {
    const line = lineOf(kept.slice(a, b + 1), keptYs.slice(a, b + 1));
    return {
      from: kept[a] as number,
      to: kept[b] as number,
      slope: line.slope,
      mean: meanSimple(keptYs.slice(a, b + 1)),
    };
  });
  const lastStart = starts.at(-1) as number;
  const fitted = kept.slice(lastStart);
  const fys = keptYs.slice(lastStart);
  const m = fitted.length;
  const line = lineOf(fitted, fys);
  const meanX = meanSimple(fitted);
  const meanY = meanSimple(fys);
  const sxx = sumNthPowerDeviations(fitted, 2);
  const sLinear = m > 2 ? Math.sqrt(line.sse / (m - 2)) : 0;
  const se = sxx > 0 ? sLinear / Math.sqrt(sxx) : Number.POSITIVE_INFINITY;
  const t = se > 0 ? Math.abs(line.slope) / se : line.slope === 0 ? 0 : Number.POSITIVE_INFINITY;
  const linear = t >= Math.max(SLOPE_SIGNIFICANCE, tQuantile90(m - 2)) && line.slope !== 0;
  const from = fitted[0] as number;
  const base = {
    from,
    ...(lastStart > 0 ? { changeAt: from } : {}),
    fitted,
    transients,
    recent,
    recentRange: recent.length
      ? ([
          Math.min(...recent.map((i) => ys[i] as number)),
          Math.max(...recent.map((i) => ys[i] as number)),
        ] as const)
      : null,
    rawSlope: line.slope,
    segments,
  };
  if (linear) {
    return {
      ...base,
      method: 'linear',
      slope: line.slope,
      at: (x) => meanY + line.slope * (x - meanX),
      spread: sLinear,
    };
  }
  const sseLevel = sumNthPowerDeviations(fys, 2);
  return {
    ...base,
    method: 'level',
    slope: 0,
    at: () => meanY,
    spread: m > 1 ? Math.sqrt(sseLevel / (m - 1)) : 0,
  };
}

/** The fit at each future index x, with its 90% prediction interval. */
export function projectRegime(
  fit: RegimeFit,
  xs: readonly number[],
): Array<{ x: number; y: number; low: number; high: number }> {
  const m = fit.fitted.length;
  const meanX = meanSimple(fit.fitted);
  const sxx = sumNthPowerDeviations(fit.fitted, 2);
  const t = tQuantile90(fit.method === 'linear' ? m - 2 : m - 1);
  return xs.map((x) => {
    const y = fit.at(x);
    const widen = sxx > 0 ? (x - meanX) ** 2 / sxx : 0;
    const half = fit.spread === 0 ? 0 : t * fit.spread * Math.sqrt(1 + 1 / m + widen);
    const [low, high] = [y - half, y + half];
    if (!fit.recentRange) return { x, y, low, high };
    return {
      x,
      y,
      low: Math.min(low, fit.recentRange[0]),
      high: Math.max(high, fit.recentRange[1]),
    };
  });
}
