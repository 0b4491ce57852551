import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CutOptions, ValueExplanation } from '../api/types.ts';
import { comparePeriodOf, cutParams } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { type Cut, type ExplainRequest, emit, TOTAL } from '../core/events.ts';
import { renderError, renderLoading } from '../core/states.ts';
import { daysProblem } from '../cuts/cuts-model.ts';
import { common } from '../i18n/common.strings.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './explain.strings.ts';
import { explainStyles } from './explain.styles.ts';
import { answerOf, renderAnswer } from './explain-answer.ts';
import { type Draft, draftProblems, periodsOf, rangeText } from './explain-model.ts';

/** What is being explained: a driver id or "total", in a period, against another. */
type Query = ExplainRequest;
type Day = 'from' | 'to' | 'compareFrom' | 'compareTo';

/**
 * The body of `<vp-explain>` (see widget/explain/explain.ts), in its own chunk: loaded the first
 * time troubleshooting is shown. Hosts use `<vp-explain>`.
 * @internal
 */
export class VpExplainPanel extends VpElement {
  static override properties = {
    ...VpElement.properties,
    driver: { type: String },
    request: { attribute: false },
    options: { attribute: false },
    chosen: { state: true },
    draft: { state: true },
    editing: { state: true },
    problems: { state: true },
    asTable: { state: true },
  };

  static override styles = [tokens, explainStyles];

  /** A driver id, or "total" for all value, to explain over the cut's periods; empty: not asked. */
  declare driver: string;
  /** What to explain, set by the dashboard; wins over `driver` and the cut's periods. */
  declare request: ExplainRequest | undefined;
  /** The drivers and ways to cut, when the dashboard already has them (else GET /cuts). */
  declare options: CutOptions | undefined;
  declare private chosen: Query | undefined;
  declare private draft: Draft;
  declare private editing: boolean;
  declare private problems: string[];
  declare private asTable: boolean;
  /** Where the question was asked from: Escape in the answer returns focus there. */
  private returnFocus: HTMLElement | SVGElement | undefined;

  private readonly optionsTask = new Task(this, {
    task: async ([client, options]) =>
      options ?? (client ?? this.requireClient()).get<CutOptions>('/v1/value/cuts'),
    args: () => [this.valueClient, this.options] as const,
  });

  private readonly explainTask = new Task(this, {
    task: async ([client, driver, from, to, compareFrom, compareTo, filter]) => {
      if (driver === undefined || from === undefined || to === undefined) return null;
      const body = await (client ?? this.requireClient()).get<ValueExplanation>(
        '/v1/value/explain',
        {
          from,
          to,
          compareFrom,
          compareTo,
          driver: driver === TOTAL ? undefined : driver,
          filter,
        },
      );
      emit(this, 'vp-loaded', { piece: 'explain', account: body.account });
      return body;
    },
    args: () => {
      const query = this.query();
      return [
        this.valueClient,
        query?.driver,
        query?.from,
        query?.to,
        query?.compareFrom,
        query?.compareTo,
        cutParams(this.cut).filter,
        this.revision,
      ] as const;
    },
  });

  constructor() {
    super();
    this.driver = '';
    this.request = undefined;
    this.options = undefined;
    this.chosen = undefined;
    this.draft = { driver: TOTAL, ...periodsOf(this.cut) };
    this.editing = false;
    this.problems = [];
    this.asTable = false;
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !this.returnFocus?.isConnected) return;
      event.preventDefault();
      this.returnFocus.focus();
      this.returnFocus = undefined;
    });
  }

  /**
   * Moves focus to the answer once it is in (or to what stands in its place: the error, nothing
   * moved); Escape then takes focus back to `trigger`, the sentence or point that asked.
   */
  async showAnswer(trigger?: HTMLElement | SVGElement): Promise<void> {
    this.returnFocus = trigger;
    await this.updateComplete;
    await this.explainTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(
      '[part~="answer"], [part~="error"], [part~="empty"], [part~="idle"]',
    );
    if (!target) return;
    target.tabIndex = -1;
    target.focus();
  }

  /** What is asked, or undefined while nothing is (the idle prompt). */
  private query(): Query | undefined {
    if (this.chosen) return this.chosen;
    if (this.request) return { ...this.request };
    if (this.driver) return { driver: this.driver, ...periodsOf(this.cut) };
    return undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('request') && !changed.has('driver') && !changed.has('cut')) return;
    // A new question from the dashboard, or a new driver, replaces what was picked here.
    if ((changed.has('request') && this.request) || changed.has('driver')) this.chosen = undefined;
    // The dashboard drops its request when the cut changes: keep explaining the same thing there.
    const asked = changed.get('request') as ExplainRequest | undefined;
    if (changed.has('request') && !this.request && asked && !this.chosen) {
      this.chosen = { driver: asked.driver, ...periodsOf(this.cut) };
    }
    const before = changed.get('cut') as Cut | undefined;
    const periods = periodsOf(this.cut);
    if (this.chosen && before && JSON.stringify(periodsOf(before)) !== JSON.stringify(periods)) {
      this.chosen = { driver: this.chosen.driver, ...periods };
    }
    const query = this.query() ?? { driver: TOTAL, ...periods };
    const compare =
      query.compareFrom && query.compareTo
        ? { from: query.compareFrom, to: query.compareTo }
        : comparePeriodOf(query, 'previous');
    this.draft = {
      driver: query.driver || TOTAL,
      from: query.from,
      to: query.to,
      compareFrom: compare.from,
      compareTo: compare.to,
    };
    this.problems = [];
  }

  private handleSubmit(event: Event): void {
    event.preventDefault();
    this.problems = draftProblems(this.draft, this.uiLocale);
    if (this.problems.length) this.editing = true;
    else this.chosen = { ...this.draft };
  }

  private renderDates(legend: 'thisPeriod' | 'comparedWith', from: Day, to: Day) {
    const locale = this.uiLocale;
    const invalid = this.problems.length > 0 && !!daysProblem(this.draft[from], this.draft[to]);
    return html`<fieldset>
      <legend>${strings(locale, legend)}</legend>
      ${[from, to].map((day, index) => {
        const id = day.replace(/[A-Z]/, (letter) => `-${letter.toLowerCase()}`);
        return html`<span class="field">
          <label for=${id}>${strings(locale, index ? 'to' : 'from')}</label>
          <input
            id=${id}
            type="date"
            .value=${live(this.draft[day])}
            aria-invalid=${String(invalid)}
            aria-describedby="explain-problem"
            @input=${(event: Event) => {
              this.draft = { ...this.draft, [day]: (event.target as HTMLInputElement).value };
            }}
          />
        </span>`;
      })}
    </fieldset>`;
  }

  private renderControls() {
    const locale = this.uiLocale;
    const { draft } = this;
    const drivers = this.optionsTask.value?.drivers.map(({ id, label }) => ({ id, label })) ?? [];
    if (draft.driver !== TOTAL && !drivers.some((driver) => driver.id === draft.driver)) {
      drivers.push({ id: draft.driver, label: draft.driver });
    }
    return html`<form class="controls" part="controls" @submit=${this.handleSubmit} novalidate>
      <span class="field">
        <label class="label" for="driver">${strings(locale, 'what')}</label>
        <select
          id="driver"
          @change=${(event: Event) => {
            this.draft = { ...draft, driver: (event.target as HTMLSelectElement).value };
          }}
        >
          ${[{ id: TOTAL, label: strings(locale, 'allValue') }, ...drivers].map(
            ({ id, label }) =>
              html`<option value=${id} .selected=${draft.driver === id}>${label}</option>`,
          )}
        </select>
      </span>
      ${this.optionsTask.render({
        error: () =>
          html`<p class="note">
            ${strings(locale, 'listUnavailable')}
            <button type="button" class="button" id="retry-options" @click=${() => this.optionsTask.run()}>
              ${common(locale, 'retry')}
            </button>
          </p>`,
      })}
      <p class="periods">
        <span>
          <span class="label">${strings(locale, 'thisPeriod')}:</span>
          <span id="period-words">${rangeText(draft.from, draft.to, this.intlLocale)}</span>
        </span>
        <span>
          <span class="label">${strings(locale, 'comparedWith')}:</span>
          <span id="compare-words">${rangeText(draft.compareFrom, draft.compareTo, this.intlLocale)}</span>
        </span>
        <button
          type="button"
          class="link"
          id="toggle-dates"
          aria-expanded=${String(this.editing)}
          aria-controls="dates"
          @click=${() => {
            this.editing = !this.editing;
          }}
        >
          ${strings(locale, this.editing ? 'hideDates' : 'changeDates')}
        </button>
      </p>
      <div class="dates" id="dates" ?hidden=${!this.editing}>
        ${
          this.editing
            ? [
                this.renderDates('thisPeriod', 'from', 'to'),
                this.renderDates('comparedWith', 'compareFrom', 'compareTo'),
              ]
            : nothing
        }
      </div>
      <p class="problem" id="explain-problem" aria-live="polite">${this.problems.join(' ')}</p>
      <button type="submit" class="button primary" id="explain">${strings(locale, 'explain')}</button>
    </form>`;
  }

  override render() {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const options = this.optionsTask.value;
    const body = this.explainTask.value;
    const idle = html`<div class="state" part="idle">${strings(locale, 'idle')}</div>`;
    return html`<h3>${strings(locale, 'title')}</h3>
      ${this.renderControls()}
      <div class="visually-hidden" role="status" aria-live="polite">
        ${
          body && this.explainTask.status === TaskStatus.COMPLETE && body.total.delta !== 0
            ? answerOf(body, locale, intl, options)
            : ''
        }
      </div>
      ${this.explainTask.render({
        initial: () => idle,
        pending: () => renderLoading(locale, 'rows'),
        complete: (answer) =>
          answer
            ? renderAnswer(answer, locale, intl, options, this.asTable, () => {
                this.asTable = !this.asTable;
              })
            : idle,
        error: (error) => {
          this.reportError(error);
          return renderError(error, locale, () => this.explainTask.run());
        },
      })}`;
  }
}

defineElement('vp-explain-panel', VpExplainPanel);

declare global {
  interface HTMLElementTagNameMap {
    'vp-explain-panel': VpExplainPanel;
  }
}
