import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Assumption, Assumptions, DriverFigure } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit } from '../core/events.ts';
import { formatDay, formatNumber } from '../core/format.ts';
import { errorMessage } from '../core/states.ts';
import { pluralForm } from '../i18n/locale.ts';
import { strings } from './drivers-details.strings.ts';
import { formulaText } from './drivers-formula.ts';
import { assumptionValueText, latestChange, readAssumptionInput } from './drivers-model.ts';

/** One input: an assumption as one row shows it (the same assumption may serve several rows). */
type FieldKey = string;

/** What the renderers below need from the panel: its words, its state and its handlers. */
interface Details {
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

/**
 * The body of `<vp-drivers-details>` (see drivers-details.ts), in its own chunk: "How is this
 * calculated?" for one row of `<vp-drivers>` — formula, events counted, and the assumptions, with
 * inputs for editors. It saves an edited assumption itself (PUT) and emits `vp-assumption-change`,
 * which `<vp-drivers>` answers by announcing it and reloading. Rendered without a shadow root,
 * inside `<vp-drivers>`' own, so its styles and parts are those of `<vp-drivers>`.
 * @internal
 */
export class VpDriversDetailsPanel extends VpElement {
  static override properties = {
    ...VpElement.properties,
    driver: { attribute: false },
    assumptions: { attribute: false },
    editor: { type: Boolean },
    vendor: { type: String },
    currency: { type: String },
    drafts: { state: true },
    problems: { state: true },
    saving: { state: true },
  };

  declare driver: DriverFigure | undefined;
  declare assumptions: Assumptions | undefined;
  declare editor: boolean;
  declare vendor: string;
  declare currency: string;
  /** What an editor typed and has not saved yet. */
  declare private drafts: Readonly<Record<FieldKey, string>>;
  /** Why a typed value was refused, in words. */
  declare private problems: Readonly<Record<FieldKey, string | undefined>>;
  declare private saving: FieldKey | undefined;

  constructor() {
    super();
    this.driver = undefined;
    this.assumptions = undefined;
    this.editor = false;
    this.vendor = '';
    this.currency = '';
    this.drafts = {};
    this.problems = {};
    this.saving = undefined;
  }

  /** No shadow root: the details render inside `<vp-drivers>`' own, styled by it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Forgets what was typed once the assumptions agree with it (after a save and its reload). */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('assumptions') || !this.assumptions) return;
    const drafts = { ...this.drafts };
    for (const field in drafts) {
      const current = this.assumptions.assumptions.find(
        (assumption) => assumption.id === field.slice(field.lastIndexOf('--') + 2),
      );
      if (Number(drafts[field]) === current?.value || !current) delete drafts[field];
    }
    this.drafts = drafts;
  }

  private handleInput(field: FieldKey, event: Event): void {
    this.drafts = { ...this.drafts, [field]: (event.target as HTMLInputElement).value };
    this.setProblem(field);
  }

  private setProblem(field: FieldKey, message?: string): void {
    this.problems = { ...this.problems, [field]: message };
  }

  private handleSubmit(event: Event, field: FieldKey, assumption: Assumption): void {
    event.preventDefault();
    const input = readAssumptionInput(this.drafts[field] ?? String(assumption.value), assumption);
    const bound = (value: number) => assumptionValueText(value, assumption.unit, this.intlLocale);
    if (!input.ok) {
      this.setProblem(
        field,
        strings(this.uiLocale, input.problem === 'number' ? 'invalidNumber' : 'outOfBounds', {
          min: bound(assumption.min),
          max: bound(assumption.max),
        }),
      );
    } else if (input.value === assumption.value) this.setProblem(field);
    else void this.save(field, assumption, input.value);
  }

  /** PUT the value; on success tell `<vp-drivers>` and the host, on failure say why by the input. */
  private async save(field: FieldKey, assumption: Assumption, value: number): Promise<void> {
    const client = this.valueClient;
    if (!client || this.saving) return;
    this.saving = field;
    this.setProblem(field);
    try {
      await client.put(`/v1/value/assumptions/${encodeURIComponent(assumption.id)}`, { value });
    } catch (error) {
      this.reportError(error);
      // The server's own words for a value it refused; ours for everything else.
      const status = (error as { status?: number }).status ?? 0;
      this.setProblem(
        field,
        status >= 400 && status < 500 && status !== 401 && status !== 403
          ? (error as Error).message
          : errorMessage(error, this.uiLocale),
      );
      return;
    } finally {
      this.saving = undefined;
    }
    // The input keeps showing the saved value until the reload brings it back (then it is pruned).
    this.drafts = { ...this.drafts, [field]: String(value) };
    emit(this, 'vp-assumption-change', { id: assumption.id, value, previous: assumption.value });
  }

  override render() {
    const { driver, assumptions } = this;
    if (!driver || !assumptions) return nothing;
    return renderDetails(driver, {
      locale: this.uiLocale,
      intl: this.intlLocale,
      currency: this.currency,
      vendor: this.vendor,
      editor: this.editor,
      assumptions,
      drafts: this.drafts,
      problems: this.problems,
      saving: this.saving,
      submit: (event, field, assumption) => this.handleSubmit(event, field, assumption),
      input: (field, event) => this.handleInput(field, event),
      save: (field, assumption, value) => void this.save(field, assumption, value),
    });
  }
}

function renderDetails(driver: DriverFigure, view: Details) {
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

defineElement('vp-drivers-details-panel', VpDriversDetailsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'vp-drivers-details-panel': VpDriversDetailsPanel;
  }
}
