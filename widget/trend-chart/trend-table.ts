import { html, type TemplateResult } from 'lit';
import {
  kindName,
  kindsOf,
  money,
  partialNote,
  range,
  t,
  unit,
  type View,
  valueAt,
  when,
} from './trend-words.ts';

/** The table view: the same numbers as the chart, a row per bucket. */
export function renderTable(v: View): TemplateResult {
  const { model } = v;
  const kinds = kindsOf(model);
  const caption = t(v, 'tableCaption', { what: v.what, unit: unit(v) });
  // Focusable and named, so a keyboard can scroll it when a narrow box makes it scroll.
  return html`<div class="table-wrap" part="table" role="region" tabindex="0" aria-label=${caption}>
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t(v, 'when')}</th>
          ${kinds.map((kind) => html`<th scope="col">${kindName(v, kind)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${model.rows.map(
          (row) => html`<tr
            class=${model.highlighting ? (row.highlighted ? 'highlighted' : 'dimmed') : ''}
            data-bucket=${row.bucket}
          >
            <th scope="row">
              ${when(v, row)}
              ${partialNote(v, row) ? html`<span class="range-text note">${partialNote(v, row)}</span>` : ''}
              ${row.markers.map(
                (label) => html`<span class="range-text note">${t(v, 'unusual')}: ${label}</span>`,
              )}
            </th>
            ${kinds.map((kind) => {
              const value = valueAt(row, kind);
              return html`<td class=${kind} data-value=${value ?? ''}>
                ${value === undefined ? '—' : money(v, value, kind)}
                ${
                  kind === 'forecast' && row.forecast
                    ? html`<span class="range-text">${range(v, row.forecast)}</span>`
                    : ''
                }
              </td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
