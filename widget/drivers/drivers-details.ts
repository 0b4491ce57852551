import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Assumption, Assumptions, DriverFigure } from '../api/types.ts';
import { formatDay, formatNumber } from '../core/format.ts';
import { pluralForm } from '../i18n/locale.ts';
import { strings } from './drivers.strings.ts';
import { formulaText } from './drivers-formula.ts';
import { assumptionValueText, latestChange } from './drivers-model.ts';

/** "How is this calculated?": formula, events counted, and the assumptions (inputs for editors). */

/** One input: an assumption as one row shows it (the same assumption may serve several rows). */
export type FieldKey = string;

/** What the details need from `<vp-drivers>`: its words, its state and its handlers. */
export interface Details {
  locale: string;
  intl: string;
  currency: string;
  vendor: string;
  editor: boolean;
  assumptions: Assumptions;
  drafts: Readonly<Record<FieldKey, string>>;
  problems: Readonly<Record<FieldKey, string | undefined>>;
  saving: FieldKey | undefined;
  submit(event: Event, field: FieldKey, assumption: Assumption): void;
  input(field: FieldKey, event: Event): void;
  save(field: FieldKey, assumption: Assumption, value: number): void;
}

export function renderDetails(driver: DriverFigure, view: Details) {
  const { locale, intl } = view;
  const count = formatNumber(driver.events, intl);
  const events = strings(locale, `events_${pluralForm(locale, driver.events)}`, { count });
  // The full assumption (bounds, default, note) behind each of the row's uses of it; one the
  // list lacks is shown as the row has it, and not offered for editing.
  const used = driver.assumptions.map(
    (use): Assumption =>
      view.assumptions.assumptions.find((assumption) => assumption.id === use.id) ?? {
        ...use,
        min: use.value,
        max: use.value,
        customerEditable: false,
      },
  );
  return html`<dl>
    <dt>${strings(locale, 'formula')}</dt>
    <dd class="formula">${formulaText(driver.formula, view.currency, locale, intl)}</dd>
    <dt>${strings(locale, 'eventsCounted')}</dt>
    <dd>${strings(locale, 'eventsOf', { count: events, event: driver.event })}</dd>
    <dt>${strings(locale, 'assumptionsUsed')}</dt>
    <dd>
      ${
        used.length
          ? html`<ul class="assumptions" role="list">
              ${used.map((assumption) => renderAssumption(`${driver.id}--${assumption.id}`, assumption, view))}
            </ul>`
          : nothing
      }
      ${
        used.length === 0 ||
        (!view.editor && used.some((assumption) => assumption.customerEditable))
          ? html`<p class="quiet">${strings(locale, used.length ? 'viewerHint' : 'noAssumptions')}</p>`
          : nothing
      }
    </dd>
  </dl>`;
}

function renderAssumption(field: FieldKey, assumption: Assumption, view: Details) {
  const { locale, intl, vendor } = view;
  const editable = view.editor && assumption.customerEditable;
  const change = latestChange(view.assumptions.history, assumption.id);
  const customer = assumption.source === 'customer';
  return html`<li part="assumption" class="assumption">
    ${
      editable
        ? html`<label class="a-label" for="input-${field}">${assumption.label}</label>`
        : html`<span class="a-label">${assumption.label}</span>`
    }
    <strong class="a-value">${assumptionValueText(assumption.value, assumption.unit, intl)}</strong>
    <p class="quiet">
      <span class=${customer ? 'customer' : ''}>${
        customer
          ? strings(locale, 'sourceCustomer')
          : vendor
            ? strings(locale, 'sourceVendor', { vendor })
            : strings(locale, 'sourceDefault')
      }.</span>
      ${assumption.sourceNote ?? nothing}
    </p>
    ${
      change
        ? html`<p class="quiet a-history">
            ${strings(locale, 'changedBy', {
              user: change.userId,
              date: formatDay(change.changedAt.slice(0, 10), intl),
            })}
          </p>`
        : nothing
    }
    ${editable ? renderEditor(field, assumption, view) : nothing}
  </li>`;
}

function renderEditor(field: FieldKey, assumption: Assumption, view: Details) {
  const { locale } = view;
  const { min, max, unit } = assumption;
  const text = (value: number) => assumptionValueText(value, unit, view.intl);
  const problem = view.problems[field];
  const saving = view.saving === field;
  // The problem line is always there (empty when all is well), so the input can point to it.
  return html`<form class="edit" novalidate @submit=${(event: Event) => view.submit(event, field, assumption)}>
    <input
      id="input-${field}"
      type="number"
      inputmode="decimal"
      step="any"
      min=${min}
      max=${max}
      .value=${live(view.drafts[field] ?? String(assumption.value))}
      aria-invalid=${String(!!problem)}
      aria-describedby="bounds-${field} problem-${field}"
      @input=${(event: Event) => view.input(field, event)}
    />
    <span class="quiet">${unit}</span>
    <button type="submit" class="button primary" ?disabled=${saving}>
      ${strings(locale, saving ? 'saving' : 'save')}
    </button>
    ${
      assumption.default !== undefined && assumption.value !== assumption.default
        ? html`<button
            type="button"
            class="button"
            ?disabled=${saving}
            @click=${() => view.save(field, assumption, assumption.default as number)}
          >
            ${strings(locale, 'reset', { value: text(assumption.default) })}
          </button>`
        : nothing
    }
    <p class="quiet" id="bounds-${field}">
      ${strings(locale, 'bounds', { min: text(min), max: text(max) })}
    </p>
    <p class="field-problem" id="problem-${field}" role="alert">${problem ?? ''}</p>
  </form>`;
}
