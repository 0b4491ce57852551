import { html, nothing, type TemplateResult } from 'lit';
import { decimalsOf, type Lever, onStep } from '../../blueprint/projection.ts';
import { formatNumber } from '../core/format.ts';
import { strings } from './planner.strings.ts';
import {
  groupLevers,
  type LeverValues,
  leverName,
  leverUnitText,
  leverValueText,
  pageStep,
} from './planner-model.ts';

/** What the lever controls need from the planner: words, values and how to change one. */
export interface LeverView {
  locale: string;
  intlLocale: string;
  currency: string;
  values: LeverValues;
  set(lever: Lever, value: number): void;
}

const currentValue = (v: LeverView, lever: Lever) => v.values[lever.id] ?? lever.baseline;

/** Arrow keys are the slider's own; Page Up/Down move a tenth of the range, on the step. */
function handleKeys(v: LeverView, lever: Lever, event: KeyboardEvent): void {
  if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
  event.preventDefault();
  const by = event.key === 'PageUp' ? pageStep(lever) : -pageStep(lever);
  v.set(lever, onStep(lever, currentValue(v, lever) + by));
}

/** A typed value: used within bounds and on the step; anything not a number puts the value back. */
function handleTyped(v: LeverView, lever: Lever, field: HTMLInputElement): void {
  const typed = field.valueAsNumber;
  const value = Number.isFinite(typed) ? onStep(lever, typed) : currentValue(v, lever);
  field.value = fieldText(lever, value);
  v.set(lever, value);
}

/** The number field's text: today's value to a sensible precision (a moved value is on its step). */
function fieldText(lever: Lever, value: number): string {
  return String(Number(value.toFixed(decimalsOf(lever.step) + 1)));
}

function renderLever(v: LeverView, lever: Lever): TemplateResult {
  const id = lever.id.replace(/[^a-zA-Z0-9_-]/g, '-');
  const value = currentValue(v, lever);
  const words = (amount: number) => leverValueText(lever, amount, v.currency, v.intlLocale);
  const name = leverName(lever, v.locale);
  const moved = value !== lever.baseline;
  return html`<div class="lever ${moved ? 'moved' : ''}" part="lever">
    <label for="range-${id}">${name}</label>
    <div class="lever-controls">
      <input
        type="range"
        id="range-${id}"
        min=${lever.min}
        max=${lever.max}
        step=${lever.step}
        .value=${String(value)}
        list="today-${id}"
        aria-valuetext=${words(value)}
        aria-describedby="about-${id}"
        @input=${(event: Event) =>
          v.set(lever, onStep(lever, (event.target as HTMLInputElement).valueAsNumber))}
        @keydown=${(event: KeyboardEvent) => handleKeys(v, lever, event)}
      />
      <datalist id="today-${id}"><option value=${lever.baseline}></option></datalist>
      <input
        type="number"
        class="amount"
        min=${lever.min}
        max=${lever.max}
        step="any"
        .value=${fieldText(lever, value)}
        aria-label="${name} (${leverUnitText(lever, v.currency, v.intlLocale)})"
        @change=${(event: Event) => handleTyped(v, lever, event.target as HTMLInputElement)}
      />
      <span class="unit">${leverUnitText(lever, v.currency, v.intlLocale)}</span>
    </div>
    <p class="about" id="about-${id}">
      ${strings(v.locale, 'today', { value: words(lever.baseline) })} ·
      ${strings(v.locale, 'bounds', {
        min: formatNumber(lever.min, v.intlLocale, 2),
        max: formatNumber(lever.max, v.intlLocale, 2),
      })}
      ${
        lever.peerAccounts
          ? html`<br />${strings(v.locale, 'peers', { accounts: lever.peerAccounts })}`
          : nothing
      }
    </p>
  </div>`;
}

/** The levers in groups: each way value is gained (its people, their use), then what a unit is worth. */
export function renderLevers(v: LeverView, levers: readonly Lever[]): TemplateResult {
  return html`${groupLevers(levers, v.locale).map(
    (group) => html`<fieldset class="group" part="lever-group">
      <legend>${group.label}</legend>
      ${group.levers.map((lever) => renderLever(v, lever))}
    </fieldset>`,
  )}`;
}
