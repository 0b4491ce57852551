/**
 * The plot's pixels: its box, the y axis and the SVG paths. (A few lines here instead of
 * d3-shape, which ships as one module: line and area would bring every curve along, about 4 KB
 * gzip; and instead of d3-scale's scaleLinear, which brings d3-interpolate, d3-color and
 * d3-format, about 9 KB.)
 */

export interface Geometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  compact: boolean;
}

/**
 * Narrower than this the chart is a sparkline with its table a tap away. It is the chart's own
 * width: in a two-column dashboard a full chart still fits in ~450 px.
 */
export const COMPACT_BELOW = 400;

/**
 * The plot's box for the host's width (below 400px it turns into a sparkline, like the container
 * query) and the width its body has to draw in; 0 when not measured yet.
 */
export function geometry(hostWidth: number, bodyWidth: number): Geometry {
  const width = bodyWidth || 640;
  return hostWidth > 0 && hostWidth < COMPACT_BELOW
    ? {
        width: Math.max(200, width),
        height: 132,
        left: 44,
        right: 8,
        top: 10,
        bottom: 22,
        compact: true,
      }
    : {
        width: Math.max(280, width),
        height: 240,
        left: 60,
        right: 16,
        top: 16,
        bottom: 28,
        compact: false,
      };
}

/** A y axis from zero: the maximum rounded up to a step of 1, 2, 2.5 or 5 × 10ⁿ so about `count` ticks fit. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  let tick = 0;
  // Up to the first tick at or above the maximum.
  for (let index = 0; tick < max - step * 1e-9; index += 1) {
    tick = Number((index * step).toPrecision(12));
    ticks.push(tick);
  }
  return ticks;
}

/** Maps [0, max] onto [bottom, top] pixels. */
export function linearScale(max: number, bottom: number, top: number): (value: number) => number {
  const span = max > 0 ? max : 1;
  return (value) => bottom + ((top - bottom) * value) / span;
}

/**
 * SVG path data through points, straight segments, with a gap at each undefined point. With
 * `area`, each point is [x, top, bottom] and each run is closed along its bottom edge backwards.
 */
export function pathOf(points: Array<number[] | undefined>, area?: boolean): string {
  let d = '';
  let run: number[][] = [];
  for (const point of [...points, undefined]) {
    if (point) run.push(point);
    else if (run.length) {
      d += `M${run.map(([x, y]) => [x, y]).join('L')}`;
      const back = run.reverse().map(([x, , y]) => [x, y]);
      // A lone point closes on itself, so a round cap shows it as a dot (as d3-shape draws it).
      d += area ? `L${back.join('L')}Z` : run[1] ? '' : 'Z';
      run = [];
    }
  }
  return d;
}

/** A diamond of radius 6 around a point: the mark of an unusual point. */
export function diamond(x: number, y: number): string {
  return `M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z`;
}
