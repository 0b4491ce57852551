import { html, svg, type TemplateResult } from 'lit';
import { diamond } from './trend-geometry.ts';
import { type Kind, kindName, kindsOf, statusText, t, type View, when } from './trend-words.ts';

/** What each line means, and the unusual points in words. */

/** A short stretch of a line (the forecast on its band), to name it by. */
export function swatch(kind: Kind): TemplateResult {
  return html`<svg class="swatch" width="22" height="10" aria-hidden="true" focusable="false">
    ${kind === 'forecast' ? svg`<rect class="band" width="22" height="10"></rect>` : ''}
    <line class=${kind} x1="1" x2="21" y1="5" y2="5"></line>
  </svg>`;
}

/** The unusual-point mark, for words next to it. */
export function markIcon(): TemplateResult {
  return html`<svg class="swatch" width="12" height="12" aria-hidden="true" focusable="false">
    <path class="mark" d=${diamond(6, 6)}></path>
  </svg>`;
}

/** The hollow point a partial bucket is drawn with. */
function partialIcon(): TemplateResult {
  return html`<svg class="swatch" width="12" height="12" aria-hidden="true" focusable="false">
    <circle class="point-swatch" cx="6" cy="6" r="3.5"></circle>
  </svg>`;
}

export function renderLegend(v: View): TemplateResult {
  const status = statusText(v);
  return html`${
    status
      ? html`<p class="promise-status ${v.model.promiseStatus?.status ?? ''}" part="promise-status">
          ${status}
        </p>`
      : ''
  }
    <ul class="legend" part="legend">
      ${kindsOf(v.model).map((kind) => html`<li>${swatch(kind)}${kindName(v, kind)}</li>`)}
      ${v.model.hasPartial ? html`<li>${partialIcon()}${t(v, 'partial')}</li>` : ''}
    </ul>`;
}

/** Why the forecast asked for is not drawn: too few complete weeks yet. Quiet, one line. */
export function renderForecastWait(v: View): TemplateResult | string {
  const wait = v.model.forecastWait;
  return wait ? html`<p class="legend">${t(v, 'forecastWait', wait)}</p>` : '';
}

export function renderMarks(v: View): TemplateResult | string {
  const marks = v.model.rows.flatMap((row) =>
    row.markers.map(
      (label) =>
        html`<li>${markIcon()}<span
            ><strong>${when(v, row)}</strong> · ${t(v, 'unusual')}: ${label}</span
          ></li>`,
    ),
  );
  return marks.length
    ? html`<ul class="marks" part="markers" aria-label=${t(v, 'marked')}>${marks}</ul>`
    : '';
}
