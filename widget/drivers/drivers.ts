import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import type { Assumptions, DataStatus, DriverFigure, ValueSummary } from '../api/types.ts';
import { comparable, comparisonNote } from '../core/comparison.ts';
import { cutKey, cutParams } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit, type VpEventDetails } from '../core/events.ts';
import { formatDay, formatMoney, formatQuantity } from '../core/format.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { common } from '../i18n/common.strings.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './drivers.strings.ts';
import { driversStyles } from './drivers.styles.ts';
import './drivers-details.ts';
import { badge, figures } from './drivers-figures.ts';
import { assumptionValueText, shareOf, totalIsEstimated } from './drivers-model.ts';
import { renderPromised } from './drivers-promised.ts';

interface DriversData {
  summary: ValueSummary;
  assumptions: Assumptions;
  editor: boolean;
}

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
    announcement: { state: true },
  };

  static override styles = [tokens, driversStyles];

  /** The vendor's name, for "Acme Flow's default"; without it, "The default". */
  declare vendor: string;
  /** Rows whose "How is this calculated?" is open, by driver id. */
  declare open: ReadonlySet<string>;
  declare announcement: string;
  /** Rows whose details were opened once: kept (hidden when closed) so what was typed stays. */
  private readonly shown = new Set<string>();

  /** Assumptions do not change with the cut: asked again only after a change or a save. */
  private assumptionsRead:
    | { client: unknown; revision: number; saves: number; promise: Promise<Assumptions> }
    | undefined;
  private saves = 0;

  private assumptionsOf(api: NonNullable<VpDrivers['valueClient']>): Promise<Assumptions> {
    const read = this.assumptionsRead;
    if (
      read &&
      read.client === api &&
      read.revision === this.revision &&
      read.saves === this.saves
    ) {
      return read.promise;
    }
    const promise = api.get<Assumptions>('/v1/value/assumptions');
    promise.catch(() => {
      if (this.assumptionsRead?.promise === promise) this.assumptionsRead = undefined;
    });
    this.assumptionsRead = { client: api, revision: this.revision, saves: this.saves, promise };
    return promise;
  }

  private readonly task = new Task(this, {
    task: async ([client]): Promise<DriversData> => {
      const api = client ?? this.requireClient();
      const [summary, assumptions, session] = await Promise.all([
        api.get<ValueSummary>('/v1/value/summary', cutParams(this.cut, true)),
        this.assumptionsOf(api),
        api.session(),
      ]);
      return { summary, assumptions, editor: session.role === 'editor' };
    },
    // The request's parameters, not the cut object: an equal cut asks nothing again.
    args: () => [this.valueClient, cutKey(this.cut, true), this.revision, this.intlLocale] as const,
    onComplete: (data) => {
      emit(this, 'vp-loaded', { piece: 'drivers', account: data.summary.account });
    },
  });

  constructor() {
    super();
    this.vendor = '';
    this.open = new Set();
    this.announcement = '';
  }

  private handleToggle(id: string): void {
    const open = new Set(this.open);
    if (!open.delete(id)) open.add(id);
    this.shown.add(id);
    this.open = open;
  }

  /**
   * An editor saved an assumption in a row's details (their body saved it and emits the event,
   * which goes on to the host): say so, and reload. Inside a dashboard the event bumps `revision`
   * (after its next render), which reloads every piece, this one included; alone on a page,
   * nobody does: reload here then.
   */
  private handleSaved(event: CustomEvent<VpEventDetails['vp-assumption-change']>): void {
    const { id, value } = event.detail;
    const assumption = this.task.value?.assumptions.assumptions.find((one) => one.id === id);
    if (assumption) {
      this.announcement = strings(this.uiLocale, 'saved', {
        label: assumption.label,
        value: assumptionValueText(value, assumption.unit, this.intlLocale),
      });
    }
    const revision = this.revision;
    this.saves += 1;
    setTimeout(() => {
      if (this.revision === revision) void this.task.run();
    }, 0);
  }

  override render() {
    const locale = this.uiLocale;
    const pending = () => {
      const previous = this.task.value;
      return previous ? this.renderData(previous, true) : renderLoading(locale, 'rows');
    };
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
      ${this.task.render({
        initial: pending,
        pending,
        complete: (data) => this.renderData(data, false),
        error: (error) => {
          this.reportError(error);
          return renderError(error, locale, () => void this.task.run());
        },
      })}`;
  }

  private renderData(data: DriversData, stale: boolean) {
    const { summary } = data;
    const { total, currency } = summary;
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const title = html`<h3 class="title">${strings(locale, 'title')}</h3>`;
    const status = summary.dataStatus;
    const none = status.state === 'no_data';
    const note = statusNote(status, locale, intl) ?? (none ? strings(locale, 'empty') : undefined);
    if (!summary.drivers.length) {
      return html`${title}${renderEmpty(note ?? strings(locale, 'empty'))}`;
    }
    const estimated = totalIsEstimated(summary);
    // A compared period that is no baseline gives no change: the note says why.
    const compared = comparisonNote(summary.comparison, locale);
    return html`<div class="drivers ${stale ? 'stale' : ''}" aria-busy=${String(stale)}>
      ${title}
      ${note ? html`<p class=${none ? 'state' : 'quiet'}>${note}</p>` : nothing}
      ${compared ? html`<p class="quiet" part="comparison-note">${compared}</p>` : nothing}
      <div class="grid">
        <div class="head" aria-hidden="true">
          ${(['colName', 'colMoney', 'colUnits', 'colShare', 'colChange'] as const).map(
            (key) => html`<span>${strings(locale, key)}</span>`,
          )}
        </div>
        <ul part="table" class="table" role="list">
          ${summary.drivers.map((driver) => this.renderRow(driver, data))}
          <li part="row" class="row total">
            <div class="name"><span class="label">${common(locale, 'total')}</span>${badge(locale, estimated)}</div>
            ${figures(
              locale,
              intl,
              formatMoney(total.money, currency, intl, estimated),
              undefined,
              total.money > 0 ? 1 : undefined,
              total.money,
              comparable(summary.comparison) ? total.previous.money : undefined,
            )}
          </li>
        </ul>
      </div>
      ${renderPromised(summary, locale, intl)}
    </div>`;
  }

  private renderRow(driver: DriverFigure, data: DriversData) {
    const { currency, total } = data.summary;
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const estimated = driver.basis === 'modelled';
    const open = this.open.has(driver.id);
    const id = `details-${driver.id}`;
    return html`<li part="row" class="row" data-driver=${driver.id}>
      <div class="name">
        <span class="label">${driver.label}</span>
        ${badge(locale, estimated)}
        <button
          type="button"
          class="disclosure"
          aria-expanded=${String(open)}
          aria-controls=${id}
          @click=${() => this.handleToggle(driver.id)}
        >
          ${strings(locale, 'howCalculated')}
        </button>
      </div>
      ${figures(
        locale,
        intl,
        formatMoney(driver.money, currency, intl, estimated),
        // `value` is the amount in the unit (hours); `quantity` counts the events behind it.
        formatQuantity(driver.value, driver.unit, currency, intl, estimated),
        shareOf(driver.money, total.money),
        driver.money,
        comparable(data.summary.comparison) ? driver.previous.money : undefined,
      )}
      <div
        part="details"
        class="details"
        id=${id}
        ?hidden=${!open}
        @vp-assumption-change=${this.handleSaved}
      >
        ${
          this.shown.has(driver.id)
            ? html`<vp-drivers-details
                .driver=${driver}
                .assumptions=${data.assumptions}
                ?editor=${data.editor}
                vendor=${this.vendor}
                currency=${currency}
                .client=${this.valueClient}
                locale=${intl}
              ></vp-drivers-details>`
            : nothing
        }
      </div>
    </li>`;
  }
}

/** Why the figures are what they are, when the data says: no activity yet, none in the period… */
function statusNote(status: DataStatus, locale: string, intl: string): string | undefined {
  const { reason } = status;
  const day = reason === 'no_activity_in_period' ? status.lastDay : status.firstDay;
  return reason && strings(locale, reason, { date: day ? formatDay(day, intl) : '' });
}

defineElement('vp-drivers', VpDrivers);

declare global {
  interface HTMLElementTagNameMap {
    'vp-drivers': VpDrivers;
  }
}
