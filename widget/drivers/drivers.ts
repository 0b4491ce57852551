import { Task, TaskStatus } from '@lit/task';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ValueprintError } from '../api/client.ts';
import type {
  Assumption,
  Assumptions,
  AssumptionUse,
  PromiseProgress,
  ValueSummary,
} from '../api/types.ts';
import { cutParams } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit } from '../core/events.ts';
import { formatDay, formatNumber, formatPercent, formatQuantity } from '../core/format.ts';
import { errorMessage, renderEmpty, renderError } from '../core/states.ts';
import { common } from '../i18n/common.strings.ts';
import { pluralForm } from '../i18n/locale.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './drivers.strings.ts';
import { driversStyles } from './drivers.styles.ts';
import {
  assumptionValueText,
  changeOf,
  type DriverAnswer,
  latestChange,
  moneyText,
  promiseWord,
  readAssumptionInput,
  shareOf,
  totalIsEstimated,
} from './drivers-model.ts';

interface DriversData {
  summary: ValueSummary & { drivers: DriverAnswer[] };
  assumptions: Assumptions;
  role: 'viewer' | 'editor';
}

/** One input: an assumption as one row shows it (the same assumption may serve several rows). */
type FieldKey = string;

/**
 * @summary Where the value comes from: money and natural units for each way value was realized,
 * measured or estimated, with how each is calculated and the assumptions behind it — editable in
 * place for editors — and the value against what was promised.
 *
 * @fires vp-assumption-change - An editor saved an assumption. detail: {id, value, previous}
 * @fires vp-loaded - The figures loaded. detail: {piece: 'drivers', account}
 * @fires vp-error - The figures could not load, or an assumption could not be saved.
 *   detail: {code, message}
 *
 * @csspart table - The list of rows.
 * @csspart row - One way value was realized (and the total row).
 * @csspart badge - The "Estimated" or "Measured" badge of a row.
 * @csspart details - "How is this calculated?": formula, events counted, assumptions.
 * @csspart assumption - One assumption, with its source and history (and its input for editors).
 * @csspart promise - One promise and how far along it is.
 * @csspart loading - The loading skeleton.
 * @csspart error - The error state with its retry button.
 * @csspart empty - The empty state.
 *
 * @cssprop --vp-font - Font (inherits the host's by default).
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Labels, hints, the "Estimated" badge.
 * @cssprop --vp-color-border - Row rules and inputs.
 * @cssprop --vp-color-surface - The open details.
 * @cssprop --vp-color-bg - Inputs and buttons.
 * @cssprop --vp-color-accent - Share bars, progress, the save button.
 * @cssprop --vp-color-promise - The "expected by now" mark on a promise.
 * @cssprop --vp-color-positive - Increases, "Measured", promises ahead.
 * @cssprop --vp-color-negative - Decreases, errors, promises behind.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 */
export class VpDrivers extends VpElement {
  static override properties = {
    ...VpElement.properties,
    vendor: { type: String },
    open: { state: true },
    drafts: { state: true },
    problems: { state: true },
    saving: { state: true },
    announcement: { state: true },
  };

  static override styles = [tokens, driversStyles];

  /** The vendor's name, for "Acme Flow's default"; without it, "The default". */
  declare vendor: string;
  /** Rows whose "How is this calculated?" is open, by driver id. */
  declare open: ReadonlySet<string>;
  /** What an editor typed and has not saved yet. */
  declare drafts: ReadonlyMap<FieldKey, string>;
  /** Why a typed value was refused, in words. */
  declare problems: ReadonlyMap<FieldKey, string>;
  declare saving: FieldKey | undefined;
  declare announcement: string;
  private loadedFor: DriversData | undefined;

  private readonly task = new Task(this, {
    task: async ([client, cut]): Promise<DriversData> => {
      const api = client ?? this.requireClient();
      const [summary, assumptions, session] = await Promise.all([
        api.get<DriversData['summary']>('/v1/value/summary', cutParams(cut)),
        api.get<Assumptions>('/v1/value/assumptions'),
        api.session(),
      ]);
      return { summary, assumptions, role: session.role === 'editor' ? 'editor' : 'viewer' };
    },
    args: () => [this.valueClient, this.cut, this.revision, this.intlLocale] as const,
    onComplete: (data) => this.pruneDrafts(data),
  });

  constructor() {
    super();
    this.vendor = '';
    this.open = new Set();
    this.drafts = new Map();
    this.problems = new Map();
    this.saving = undefined;
    this.announcement = '';
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const data = this.task.value;
    if (this.task.status === TaskStatus.COMPLETE && data && data !== this.loadedFor) {
      this.loadedFor = data;
      emit(this, 'vp-loaded', { piece: 'drivers', account: data.summary.account });
    }
  }

  /** Forgets what was typed once the figures agree with it (after a save and its reload). */
  private pruneDrafts(data: DriversData): void {
    if (this.drafts.size === 0) return;
    const drafts = new Map(this.drafts);
    for (const [field, text] of this.drafts) {
      const id = field.slice(field.lastIndexOf('--') + 2);
      const current = data.assumptions.assumptions.find((assumption) => assumption.id === id);
      if (!current || Number(text) === current.value) drafts.delete(field);
    }
    this.drafts = drafts;
  }

  private handleToggle(id: string): void {
    const open = new Set(this.open);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this.open = open;
  }

  private handleInput(field: FieldKey, text: string): void {
    this.drafts = new Map(this.drafts).set(field, text);
    if (this.problems.has(field)) {
      const problems = new Map(this.problems);
      problems.delete(field);
      this.problems = problems;
    }
  }

  private setProblem(field: FieldKey, message: string | undefined): void {
    const problems = new Map(this.problems);
    if (message) problems.set(field, message);
    else problems.delete(field);
    this.problems = problems;
  }

  private handleSubmit(event: Event, field: FieldKey, assumption: Assumption): void {
    event.preventDefault();
    const text = this.drafts.get(field) ?? String(assumption.value);
    const input = readAssumptionInput(text, assumption);
    if (!input.ok) {
      const locale = this.intlLocale;
      this.setProblem(
        field,
        input.problem === 'number'
          ? strings(this.uiLocale, 'invalidNumber')
          : strings(this.uiLocale, 'outOfBounds', {
              min: assumptionValueText(assumption.min ?? -Infinity, assumption.unit, locale),
              max: assumptionValueText(assumption.max ?? Infinity, assumption.unit, locale),
            }),
      );
      return;
    }
    if (input.value === assumption.value) {
      this.setProblem(field, undefined);
      return;
    }
    void this.save(field, assumption, input.value);
  }

  private handleReset(field: FieldKey, assumption: Assumption): void {
    if (assumption.default !== undefined) void this.save(field, assumption, assumption.default);
  }

  /** PUT the value; on success tell the host and reload, on failure say why next to the input. */
  private async save(field: FieldKey, assumption: Assumption, value: number): Promise<void> {
    const client = this.valueClient;
    if (!client || this.saving) return;
    const previous = assumption.value;
    this.saving = field;
    this.setProblem(field, undefined);
    try {
      await client.put(`/v1/value/assumptions/${encodeURIComponent(assumption.id)}`, { value });
    } catch (error) {
      this.reportError(error);
      const clientSide =
        error instanceof ValueprintError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 401 &&
        error.status !== 403;
      this.setProblem(
        field,
        clientSide ? (error as ValueprintError).message : errorMessage(error, this.uiLocale),
      );
      return;
    } finally {
      this.saving = undefined;
    }
    // The input keeps showing the saved value until the reload brings it back (then it is pruned).
    this.drafts = new Map(this.drafts).set(field, String(value));
    this.announcement = strings(this.uiLocale, 'saved', {
      label: assumption.label,
      value: assumptionValueText(value, assumption.unit, this.intlLocale),
    });
    const revision = this.revision;
    emit(this, 'vp-assumption-change', { id: assumption.id, value, previous });
    // Inside a dashboard the event bumps `revision` (after its next render), which reloads every
    // piece, this one included; alone on a page, nobody does: reload here then.
    setTimeout(() => {
      if (this.revision === revision) void this.task.run();
    }, 0);
  }

  override render() {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
      ${this.task.render({
        initial: () => this.renderSkeleton(),
        pending: () => {
          const previous = this.task.value;
          return previous ? this.renderData(previous, true) : this.renderSkeleton();
        },
        complete: (data) => this.renderData(data, false),
        error: (error) => {
          this.reportError(error);
          return renderError(error, this.uiLocale, () => void this.task.run());
        },
      })}`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="loading" role="status" aria-busy="true" part="loading">
      <span class="visually-hidden">${common(this.uiLocale, 'loading')}</span>
      <span class="skeleton skeleton-title"></span>
      ${['w90', 'w80', 'w90', 'w75', 'w80'].map(
        (width) => html`<span class="skeleton skeleton-rows ${width}"></span>`,
      )}
    </div>`;
  }

  private renderData(data: DriversData, stale: boolean): TemplateResult {
    const { summary } = data;
    const locale = this.uiLocale;
    if (summary.drivers.length === 0) {
      return html`<h3 class="title">${strings(locale, 'title')}</h3>
        ${renderEmpty(strings(locale, 'empty'))}`;
    }
    return html`<div class="drivers ${stale ? 'stale' : ''}" aria-busy=${stale ? 'true' : 'false'}>
      <h3 class="title">${strings(locale, 'title')}</h3>
      ${
        summary.dataStatus.state === 'no_data'
          ? html`<p class="notice">${strings(locale, 'empty')}</p>`
          : nothing
      }
      <div class="grid">
        <div class="head" aria-hidden="true">
          <span>${strings(locale, 'colName')}</span>
          <span>${strings(locale, 'colMoney')}</span>
          <span>${strings(locale, 'colUnits')}</span>
          <span>${strings(locale, 'colShare')}</span>
          <span>${strings(locale, 'colChange')}</span>
        </div>
        <ul part="table" class="table" role="list">
          ${summary.drivers.map((driver) => this.renderRow(driver, data))}
          ${this.renderTotal(summary)}
        </ul>
      </div>
      ${this.renderPromised(summary)}
    </div>`;
  }

  private renderBadge(estimated: boolean) {
    const locale = this.uiLocale;
    const hint = common(locale, estimated ? 'estimatedHint' : 'measuredHint');
    return html`<span part="badge" class="badge ${estimated ? 'estimated' : 'measured'}" title=${hint}
      ><span aria-hidden="true">${common(locale, estimated ? 'estimated' : 'measured')}</span
      ><span class="visually-hidden">${hint}</span></span
    >`;
  }

  private renderShare(share: number | undefined) {
    if (share === undefined) return html`<dd>–</dd>`;
    const width = Math.max(0, Math.min(100, share * 100));
    return html`<dd>
      <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        ${svg`<rect class="track" width="100" height="6" rx="3"></rect><rect class="fill" width=${width} height="6" rx="3"></rect>`}
      </svg>
      <span class="share-text">${formatPercent(share, this.intlLocale)}</span>
    </dd>`;
  }

  private renderChange(current: number, previous: number | undefined) {
    const change = changeOf(current, previous);
    const locale = this.uiLocale;
    if (change === undefined)
      return html`<dd class="change none">${strings(locale, 'changeNone')}</dd>`;
    if (change === 'new') return html`<dd class="change up">${strings(locale, 'changeNew')}</dd>`;
    const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    return html`<dd class="change ${direction}">
      <span aria-hidden="true" class="arrow">${direction === 'up' ? '▲' : direction === 'down' ? '▼' : '•'}</span>
      ${formatPercent(change, this.intlLocale, true)}
    </dd>`;
  }

  private renderRow(driver: DriverAnswer, data: DriversData) {
    const { summary } = data;
    const locale = this.uiLocale;
    const estimated = driver.basis === 'modelled';
    const open = this.open.has(driver.id);
    const detailsId = `details-${driver.id}`;
    return html`<li part="row" class="row" data-driver=${driver.id}>
      <div class="name">
        <span class="label">${driver.label}</span>
        ${this.renderBadge(estimated)}
        <button
          type="button"
          class="disclosure"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${detailsId}
          @click=${() => this.handleToggle(driver.id)}
        >
          <span class="chevron" aria-hidden="true"></span>${strings(locale, 'howCalculated')}
        </button>
      </div>
      <dl class="figures">
        <div class="figure money">
          <dt>${strings(locale, 'colMoney')}</dt>
          <dd>${moneyText(driver.money, summary.currency, this.intlLocale, estimated)}</dd>
        </div>
        <div class="figure units">
          <dt>${strings(locale, 'colUnits')}</dt>
          <dd>${formatQuantity(driver.quantity, driver.unit, summary.currency, this.intlLocale)}</dd>
        </div>
        <div class="figure share">
          <dt>${strings(locale, 'colShare')}</dt>
          ${this.renderShare(shareOf(driver.money, summary.total.money))}
        </div>
        <div class="figure change-cell">
          <dt>${strings(locale, 'colChange')}</dt>
          ${this.renderChange(driver.money, driver.previous?.money)}
        </div>
      </dl>
      <div part="details" class="details" id=${detailsId} ?hidden=${!open}>
        ${open ? this.renderDetails(driver, data) : nothing}
      </div>
    </li>`;
  }

  private renderTotal(summary: ValueSummary) {
    const locale = this.uiLocale;
    const estimated = totalIsEstimated(summary);
    return html`<li part="row" class="row total">
      <div class="name">
        <span class="label">${common(locale, 'total')}</span>
        ${this.renderBadge(estimated)}
      </div>
      <dl class="figures">
        <div class="figure money">
          <dt>${strings(locale, 'colMoney')}</dt>
          <dd>${moneyText(summary.total.money, summary.currency, this.intlLocale, estimated)}</dd>
        </div>
        <div class="figure units" aria-hidden="true"></div>
        <div class="figure share">
          <dt>${strings(locale, 'colShare')}</dt>
          ${this.renderShare(summary.total.money > 0 ? 1 : undefined)}
        </div>
        <div class="figure change-cell">
          <dt>${strings(locale, 'colChange')}</dt>
          ${this.renderChange(summary.total.money, summary.total.previous?.money)}
        </div>
      </dl>
    </li>`;
  }

  private renderDetails(driver: DriverAnswer, data: DriversData) {
    const locale = this.uiLocale;
    const count = formatNumber(driver.events, this.intlLocale);
    const events = strings(
      locale,
      pluralForm(locale, driver.events) === 'one' ? 'events_one' : 'events_other',
      { count },
    );
    return html`<dl class="calc">
        <div>
          <dt>${strings(locale, 'formula')}</dt>
          <dd><code>${driver.formula}</code></dd>
        </div>
        <div>
          <dt>${strings(locale, 'eventsCounted')}</dt>
          <dd>${driver.event ? strings(locale, 'eventsOf', { count: events, event: driver.event }) : events}</dd>
        </div>
      </dl>
      <p class="subhead">${strings(locale, 'assumptionsUsed')}</p>
      ${
        driver.assumptions.length === 0
          ? html`<p class="quiet">${strings(locale, 'noAssumptions')}</p>`
          : html`<ul class="assumptions" role="list">
              ${driver.assumptions.map((use) => this.renderAssumption(driver.id, use, data))}
            </ul>
            ${
              data.role === 'viewer' &&
              driver.assumptions.some((use) => this.assumptionOf(use, data).customerEditable)
                ? html`<p class="quiet">${strings(locale, 'viewerHint')}</p>`
                : nothing
            }`
      }`;
  }

  /** The full assumption (bounds, default, note) behind a row's use of it. */
  private assumptionOf(use: AssumptionUse, data: DriversData): Assumption {
    return (
      data.assumptions.assumptions.find((assumption) => assumption.id === use.id) ?? {
        ...use,
        customerEditable: false,
        default: use.value,
      }
    );
  }

  private renderAssumption(driverId: string, use: AssumptionUse, data: DriversData) {
    const locale = this.uiLocale;
    const assumption = this.assumptionOf(use, data);
    const editable = data.role === 'editor' && assumption.customerEditable;
    const field = `${driverId}--${assumption.id}`;
    const change = latestChange(data.assumptions.history, assumption.id);
    const source =
      assumption.source === 'customer'
        ? strings(locale, 'sourceCustomer')
        : this.vendor
          ? strings(locale, 'sourceVendor', { vendor: this.vendor })
          : strings(locale, 'sourceDefault');
    const valueText = assumptionValueText(assumption.value, assumption.unit, this.intlLocale);
    return html`<li part="assumption" class="assumption">
      <div class="a-head">
        ${
          editable
            ? html`<label class="a-label" for=${`input-${field}`}>${assumption.label}</label>`
            : html`<span class="a-label">${assumption.label}</span>`
        }
        <strong class="a-value">${valueText}</strong>
      </div>
      <p class="a-source">
        <span class="source ${assumption.source === 'customer' ? 'customer' : 'default'}">${source}.</span>
        ${assumption.sourceNote ? html` <span class="note">${assumption.sourceNote}</span>` : nothing}
      </p>
      ${
        change
          ? html`<p class="a-history">
              ${strings(locale, 'changedBy', {
                user: change.userId,
                date: formatDay(change.changedAt.slice(0, 10), this.intlLocale),
              })}
            </p>`
          : nothing
      }
      ${editable ? this.renderEditor(field, assumption) : nothing}
    </li>`;
  }

  private renderEditor(field: FieldKey, assumption: Assumption) {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const problem = this.problems.get(field);
    const saving = this.saving === field;
    const boundsId = `bounds-${field}`;
    const problemId = `problem-${field}`;
    const hasBounds = assumption.min !== undefined && assumption.max !== undefined;
    return html`<form class="edit" novalidate @submit=${(event: Event) => this.handleSubmit(event, field, assumption)}>
      <div class="edit-row">
        <input
          id=${`input-${field}`}
          type="number"
          inputmode="decimal"
          step="any"
          min=${assumption.min ?? nothing}
          max=${assumption.max ?? nothing}
          .value=${live(this.drafts.get(field) ?? String(assumption.value))}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${`${hasBounds ? boundsId : ''} ${problem ? problemId : ''}`.trim() || nothing}
          @input=${(event: Event) => this.handleInput(field, (event.target as HTMLInputElement).value)}
        />
        <span class="unit">${assumption.unit}</span>
        <button type="submit" class="button primary" ?disabled=${saving}>
          ${strings(locale, saving ? 'saving' : 'save')}
        </button>
        ${
          assumption.default !== undefined && assumption.value !== assumption.default
            ? html`<button
                type="button"
                class="button"
                ?disabled=${saving}
                @click=${() => this.handleReset(field, assumption)}
              >
                ${strings(locale, 'reset', {
                  value: assumptionValueText(assumption.default, assumption.unit, intl),
                })}
              </button>`
            : nothing
        }
      </div>
      ${
        hasBounds
          ? html`<p class="hint" id=${boundsId}>
              ${strings(locale, 'bounds', {
                min: assumptionValueText(assumption.min as number, assumption.unit, intl),
                max: assumptionValueText(assumption.max as number, assumption.unit, intl),
              })}
            </p>`
          : nothing
      }
      <p class="field-problem" id=${problemId} role="alert">${problem ?? ''}</p>
    </form>`;
  }

  private renderPromised(summary: ValueSummary) {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const promises = summary.promises ?? [];
    const roi = summary.roi?.multiple ?? undefined;
    const payback = summary.payback?.days ?? undefined;
    if (roi === undefined && payback === undefined && promises.length === 0) return nothing;
    const days = (count: number) =>
      strings(locale, pluralForm(locale, count) === 'one' ? 'days_one' : 'days_other', {
        count: formatNumber(count, intl),
      });
    return html`<section class="promised">
      <h4>${strings(locale, 'promisedTitle')}</h4>
      ${
        roi !== undefined || payback !== undefined
          ? html`<div class="returns">
              ${
                roi !== undefined
                  ? html`<p class="roi">
                      ${strings(locale, 'roi', {
                        multiple: `${formatNumber(roi, intl, roi < 10 ? 1 : 0)}×`,
                      })}
                      ${this.renderBadge(true)}
                    </p>`
                  : nothing
              }
              ${
                payback !== undefined
                  ? html`<p class="payback">
                      ${strings(locale, 'payback', { days: days(Math.round(payback)) })}
                      ${this.renderBadge(true)}
                    </p>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        promises.length > 0
          ? html`<ul class="promises" role="list">
              ${promises.map((promise) => this.renderPromise(promise, summary.currency))}
            </ul>`
          : nothing
      }
    </section>`;
  }

  private renderPromise(promise: PromiseProgress, currency: string) {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const word = promiseWord(promise.status);
    const amount = (value: number) => formatQuantity(value, promise.unit, currency, intl);
    const done = Math.max(0, Math.min(100, promise.share * 100));
    const expected =
      promise.target > 0
        ? Math.max(0, Math.min(100, (promise.expectedByNow / promise.target) * 100))
        : 0;
    return html`<li part="promise" class="promise ${word}">
      <div class="p-head">
        <span class="p-label">${promise.label}</span>
        <span class="status ${word}">${strings(locale, word)}</span>
      </div>
      <svg class="progress" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        ${svg`<rect class="track" width="100" height="8" rx="4"></rect>
          <rect class="fill" width=${done} height="8" rx="4"></rect>
          <rect class="expected" x=${Math.max(0, expected - 0.4)} width="0.8" height="8"></rect>`}
      </svg>
      <p class="p-text">
        ${strings(locale, 'promiseProgress', {
          realized: amount(promise.realized),
          target: amount(promise.target),
          share: formatPercent(promise.share, intl),
        })}
        <span class="quiet">${strings(locale, 'expectedByNow', { expected: amount(promise.expectedByNow) })}</span>
      </p>
    </li>`;
  }
}

defineElement('vp-drivers', VpDrivers);

declare global {
  interface HTMLElementTagNameMap {
    'vp-drivers': VpDrivers;
  }
}
