import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ComparePreset, PeriodPreset } from '../core/events.ts';
import { strings } from './cuts.strings.ts';
import type { DaysProblem } from './cuts-model.ts';

/** The date-range picker of `<vp-cuts>`, one renderer for the period and the compared period. */

type Key = Parameters<typeof strings>[1];
const periodChoices: Array<{ id: PeriodPreset; key: Key }> = [
  { id: '30d', key: 'preset30d' },
  { id: '90d', key: 'preset90d' },
  { id: 'qtd', key: 'presetQtd' },
  { id: 'ytd', key: 'presetYtd' },
  { id: '12m', key: 'preset12m' },
  { id: 'custom', key: 'presetCustom' },
];
const compareChoices: Array<{ id: ComparePreset; key: Key }> = [
  { id: 'previous', key: 'comparePrevious' },
  { id: 'last_year', key: 'compareLastYear' },
  { id: 'custom', key: 'compareCustom' },
];

/** What one picker needs from `<vp-cuts>`: which period it picks, its state and its handlers. */
export interface Picker {
  which: 'period' | 'compare';
  locale: string;
  chosen: PeriodPreset | ComparePreset;
  /** The custom days being edited, applied only once they are valid. */
  days: { from: string; to: string };
  issue: DaysProblem | undefined;
  choose(event: Event): void;
  editDay(event: Event, end: 'from' | 'to'): void;
  applyDays(): void;
  /** The period's "Include today" choice (off: periods end on the last complete day). */
  today?: { checked: boolean; toggle(event: Event): void };
}

/** The period or compared-period picker: its choices, and the custom days when picked. */
export function renderPicker(view: Picker) {
  const { which, locale, chosen } = view;
  const choices = which === 'period' ? periodChoices : compareChoices;
  return html`<div class="group" part=${which}>
      <span class="field">
        <label class="label" for=${which}>${strings(locale, which)}</label>
        <select id=${which} @change=${(event: Event) => view.choose(event)}>
          ${choices.map(
            (choice) =>
              html`<option value=${choice.id} .selected=${chosen === choice.id}>
                ${strings(locale, choice.key)}
              </option>`,
          )}
        </select>
      </span>
      ${
        view.today
          ? html`<span class="field today">
              <input
                id="include-today"
                type="checkbox"
                .checked=${live(view.today.checked)}
                @change=${(event: Event) => view.today?.toggle(event)}
              />
              <label for="include-today">${strings(locale, 'includeToday')}</label>
            </span>`
          : nothing
      }
      ${chosen === 'custom' ? renderDays(view) : nothing}
    </div>`;
}

/** The two date fields, Apply and the problem line, for the period or the compared period. */
function renderDays(view: Picker) {
  const { which, locale, days, issue } = view;
  const period = which === 'period';
  const prefix = period ? '' : 'compare-';
  const labels = period
    ? ({ from: 'from', to: 'to' } as const)
    : ({ from: 'compareFrom', to: 'compareTo' } as const);
  return html`<fieldset class="custom">
      <legend class="visually-hidden">
        ${strings(locale, period ? 'customPeriod' : 'customCompare')}
      </legend>
      ${(['from', 'to'] as const).map(
        (end) => html`<span class="field">
          <label for=${prefix + end}>${strings(locale, labels[end])}</label>
          <input
            id=${prefix + end}
            type="date"
            .value=${live(days[end])}
            aria-invalid=${issue ? 'true' : 'false'}
            aria-describedby=${`${which}-problem`}
            @input=${(event: Event) => view.editDay(event, end)}
          />
        </span>`,
      )}
      <button type="button" class="button" id=${`apply-${which}`} @click=${() => view.applyDays()}>
        ${strings(locale, 'apply')}
      </button>
      <p id=${`${which}-problem`} class="problem" aria-live="polite">
        ${problemText(locale, issue)}
      </p>
    </fieldset>`;
}

function problemText(locale: string, problem: DaysProblem | undefined): string {
  if (!problem) return '';
  if (problem.key === 'problemLength') {
    return strings(locale, 'problemLength', { days: problem.days, max: problem.max });
  }
  return strings(locale, problem.key);
}
