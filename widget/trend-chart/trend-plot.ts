import { scaleBand } from 'd3-scale';
import { html, svg, type TemplateResult } from 'lit';
import { formatMoneyAxis } from '../core/format.ts';
import { inlineStyle } from '../core/inline-style.ts';
import { diamond, type Geometry, linearScale, niceTicks, pathOf } from './trend-geometry.ts';
import { markIcon, swatch } from './trend-legend.ts';
import type { TrendRow } from './trend-model.ts';
import {
  KINDS,
  kindName,
  money,
  partialNote,
  range,
  t,
  tick,
  unit,
  type View,
  valueAt,
  when,
} from './trend-words.ts';

/** The plot's name for assistive technology: what it shows and how to move in it. */
export function plotLabel(v: View): string {
  const rows = v.model.rows;
  const first = rows.find((row) => row.realized !== undefined) ?? rows[0];
  const last = rows[rows.length - 1];
  return t(v, 'plotLabel', {
    what: v.what,
    unit: unit(v),
    units: unit(v, true),
    first: first ? when(v, first) : '',
    last: last ? when(v, last) : '',
  });
}

/** The SVG plot, with the tooltip of the active point when it is open. */
export function renderPlot(
  v: View,
  g: Geometry,
  active: number | undefined,
  tipOpen: boolean,
): TemplateResult {
  const { model } = v;
  const rows = model.rows;
  const x = scaleBand<string>()
    .domain(rows.map((row) => row.bucket))
    .range([g.left, g.width - g.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const cx = (row: TrendRow) => (x(row.bucket) ?? 0) + x.bandwidth() / 2;
  const max = Math.max(
    ...rows.map((row) =>
      Math.max(row.realized ?? 0, row.promised ?? 0, row.pace ?? 0, row.forecast?.high ?? 0),
    ),
  );
  const ticks = niceTicks(max, g.compact ? 2 : 4);
  const y = linearScale(ticks[ticks.length - 1] ?? 1, g.height - g.bottom, g.top);
  const right = g.width - g.right;
  const bottom = g.height - g.bottom;
  // An x label every so many buckets, so they keep about 76px apart.
  const every = Math.ceil(rows.length / Math.max(1, Math.floor((g.width - g.left) / 76))) || 1;
  const at = active === undefined ? undefined : rows[active];
  const pointY = (row: TrendRow) => y(row.realized ?? row.forecast?.value ?? row.pace ?? 0);
  const lines = [
    [
      'band',
      pathOf(
        rows.map((row) => row.forecast && [cx(row), y(row.forecast.high), y(row.forecast.low)]),
        true,
      ),
    ],
    ...(['pace', 'promised', 'forecast', 'realized'] as const).map((kind) => [
      kind === 'realized' && model.highlighting ? 'realized dimmed-line' : kind,
      pathOf(
        rows.map((row) => {
          const value = valueAt(row, kind);
          return value === undefined ? undefined : [cx(row), y(value)];
        }),
      ),
    ]),
  ];

  return html`<svg
      class="plot"
      width=${g.width}
      height=${g.height}
      viewBox="0 0 ${g.width} ${g.height}"
      aria-hidden="true"
      focusable="false"
    >
      ${rows.map((row) =>
        row.highlighted
          ? svg`<rect class="highlight" x=${(x(row.bucket) ?? 0) - (x.step() - x.bandwidth()) / 2}
              y=${g.top} width=${x.step()} height=${bottom - g.top}></rect>`
          : '',
      )}
      ${ticks.map(
        (value) =>
          svg`<line class="grid" x1=${g.left} x2=${right} y1=${y(value)} y2=${y(value)}></line>
            <text class="axis" x=${g.left - 6} y=${y(value)} dy="0.32em" text-anchor="end">${formatMoneyAxis(value, model.currency, v.intl)}</text>`,
      )}
      ${rows.map((row, index) =>
        // Narrow: the first and the last bucket only, anchored inside the plot so they never meet.
        g.compact
          ? index === 0 || index === rows.length - 1
            ? svg`<text class="axis" x=${cx(row)} y=${g.height - 6}
                text-anchor=${index === 0 ? 'start' : 'end'}>${tick(v, row)}</text>`
            : ''
          : index % every
            ? ''
            : svg`<text class="axis" x=${cx(row)} y=${g.height - 8} text-anchor="middle">${tick(v, row)}</text>`,
      )}
      ${lines.map(([kind, d]) => (d ? svg`<path class=${kind} d=${d}></path>` : ''))}
      ${at ? svg`<line class="guide" x1=${cx(at)} x2=${cx(at)} y1=${g.top} y2=${bottom}></line>` : ''}
      ${rows.map((row, index) =>
        row.realized !== undefined && (!g.compact || index === active || row.highlighted)
          ? svg`<circle class="point ${row.partial ? 'partial' : ''} ${
              model.highlighting && !row.highlighted ? 'dimmed' : ''
            } ${row.highlighted ? 'highlighted' : ''}" data-bucket=${row.bucket}
              cx=${cx(row)} cy=${y(row.realized)} r=${g.compact ? 3 : 3.5}></circle>`
          : '',
      )}
      ${rows.map((row) =>
        row.markers.length && row.realized !== undefined
          ? svg`<path class="mark ${model.highlighting && !row.highlighted ? 'dimmed' : ''}"
              data-bucket=${row.bucket} d=${diamond(cx(row), Math.max(g.top, y(row.realized) - 14))}></path>`
          : '',
      )}
      ${at ? svg`<circle class="ring" cx=${cx(at)} cy=${pointY(at)} r="7"></circle>` : ''}
    </svg>
    ${at && tipOpen ? renderTooltip(v, at, cx(at), pointY(at), g) : ''}`;
}

/** The details of one point, next to it (on its left in the right half). */
function renderTooltip(
  v: View,
  row: TrendRow,
  left: number,
  top: number,
  g: Geometry,
): TemplateResult {
  return html`<div
    class="tooltip ${left > g.width / 2 ? 'end' : ''}"
    part="tooltip"
    aria-hidden="true"
    ${inlineStyle({ left: `${left}px`, top: `${Math.max(24, Math.min(g.height - 24, top))}px` })}
  >
    <strong>${when(v, row)}</strong>
    <dl>
      ${KINDS.map((kind) => {
        const value = valueAt(row, kind);
        return value === undefined
          ? ''
          : html`<dt>${swatch(kind)}${kindName(v, kind)}</dt>
              <dd>${money(v, value, kind)}</dd>
              ${
                kind === 'forecast' && row.forecast
                  ? html`<dd class="range">${range(v, row.forecast)}</dd>`
                  : ''
              }`;
      })}
    </dl>
    ${partialNote(v, row) ? html`<p>${partialNote(v, row)}</p>` : ''}
    ${row.markers.map((label) => html`<p>${markIcon()} ${label}</p>`)}
    ${row.realized === undefined ? '' : html`<p class="hint">${t(v, 'why')}</p>`}
  </div>`;
}
