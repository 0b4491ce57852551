import { html, type TemplateResult } from 'lit';
import { common } from '../i18n/common.strings.ts';
import { strings } from './trend-chart.strings.ts';

/** The toolbar: the title (with how the value was counted), what to show, chart or table. */
export function renderToolbar(
  locale: string,
  /** The shown driver, "" for all value. */
  driver: string,
  choices: ReadonlyArray<{ id: string; label: string }>,
  /** Undefined before there is value to badge. */
  estimated: boolean | undefined,
  showTable: boolean,
  onDriver: (event: Event) => void,
  onToggle: () => void,
): TemplateResult {
  const options = [{ id: '', label: strings(locale, 'allValue') }, ...choices];
  // A driver the summary does not name (yet) is still offered under its id.
  if (driver && !choices.some((choice) => choice.id === driver)) {
    options.push({ id: driver, label: driver });
  }
  const badge = estimated ? 'estimated' : 'measured';
  return html`<div class="toolbar" part="toolbar">
    <h3 class="title">
      ${strings(locale, 'title')}
      ${
        estimated === undefined
          ? ''
          : html`<span class="badge ${badge}" title=${common(locale, `${badge}Hint`)}
              >${common(locale, badge)}</span
            >`
      }
    </h3>
    <label class="pick"
      >${strings(locale, 'show')}
      <select @change=${onDriver} .value=${driver}>
        ${options.map(
          ({ id, label }) => html`<option value=${id} ?selected=${id === driver}>${label}</option>`,
        )}
      </select></label
    >
    <button type="button" class="button" aria-pressed=${showTable} @click=${onToggle}>
      ${common(locale, 'showTable')}
    </button>
  </div>`;
}
