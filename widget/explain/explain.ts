import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { CutOptions, ExplainContribution } from '../api/types.ts';
import { comparePeriodOf, cutParams } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { type Cut, type ExplainRequest, emit } from '../core/events.ts';
import { formatDayRange, formatMoney, formatPercent, formatQuantity } from '../core/format.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { type DaysProblem, daysProblem, inSentence } from '../cuts/cuts-model.ts';
import { common } from '../i18n/common.strings.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './explain.strings.ts';
import { explainStyles } from './explain.styles.ts';
import {
  type Explanation,
  leadOf,
  type RestSum,
  signed,
  topContributions,
  withMinus,
} from './explain-model.ts';

/** What is being explained: a driver id or "total", in a period, against another. */
interface Query {
  driver: string;
  from: string;
  to: string;
  compareFrom?: string;
  compareTo?: string;
}

type Row = (ExplainContribution | RestSum) & { name: string; rest: boolean };

const TOTAL = 'total';

/**
 * Troubleshooting: "what moved it". For one driver or all value, in a period against another,
 * the one-sentence answer first, then per team, workspace, feature and user the largest changes
 * as a diverging bar list (a table on request), with the explain endpoint's numbers.
 *
 * Asked by the dashboard (`request`, from a chart click or a story question), by the `driver`
 * property with the cut's periods, or by the customer with the controls and "Explain".
 *
 * @summary What moved the value, by team, workspace, feature and user.
 *
 * @fires vp-loaded - {piece: "explain", account} when an answer arrived.
 * @fires vp-error - {code, message} when the answer could not load.
 *
 * @csspart controls - What to explain, the two periods and the Explain button.
 * @csspart answer - The one-sentence answer.
 * @csspart dimension - One way of cutting the change (by team, by workspace, …).
 * @csspart bar - A bar of the diverging bar list.
 * @csspart table - The table alternative of a dimension.
 * @csspart loading - The skeleton while the answer loads.
 * @csspart error - The error state, with a retry.
 * @csspart empty - Nothing moved, or no value in either period.
 * @csspart idle - The prompt before anything is asked.
 *
 * @cssprop --vp-color-bg - Background and field background.
 * @cssprop --vp-color-surface - Controls background.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Labels, details, the centre line.
 * @cssprop --vp-color-border - Borders and row rules.
 * @cssprop --vp-color-accent - The Explain button and links.
 * @cssprop --vp-color-positive - Bars and changes that went up.
 * @cssprop --vp-color-negative - Bars and changes that went down; date problems.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpExplain extends VpElement {
  static override properties = {
    ...VpElement.properties,
    driver: { type: String },
    request: { attribute: false },
    options: { attribute: false },
    chosen: { state: true },
    draftDriver: { state: true },
    draftFrom: { state: true },
    draftTo: { state: true },
    draftCompareFrom: { state: true },
    draftCompareTo: { state: true },
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
  declare private draftDriver: string;
  declare private draftFrom: string;
  declare private draftTo: string;
  declare private draftCompareFrom: string;
  declare private draftCompareTo: string;
  declare private editing: boolean;
  declare private problems: string[];
  declare private asTable: boolean;

  private readonly optionsTask = new Task(this, {
    task: async ([client, options]) => {
      if (options) return options;
      return (client ?? this.requireClient()).get<CutOptions>('/v1/value/cuts');
    },
    args: () => [this.valueClient, this.options] as const,
  });

  private readonly explainTask = new Task(this, {
    task: async ([client, driver, from, to, compareFrom, compareTo, filter]) => {
      if (driver === undefined || from === undefined || to === undefined) return null;
      const body = await (client ?? this.requireClient()).get<Explanation>('/v1/value/explain', {
        from,
        to,
        compareFrom,
        compareTo,
        driver: driver === TOTAL ? undefined : driver,
        filter,
      });
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
    this.draftDriver = TOTAL;
    this.draftFrom = this.cut.from;
    this.draftTo = this.cut.to;
    this.draftCompareFrom = this.cut.compareFrom;
    this.draftCompareTo = this.cut.compareTo;
    this.editing = false;
    this.problems = [];
    this.asTable = false;
  }

  /** What is asked, or undefined while nothing is (the idle prompt). */
  private query(): Query | undefined {
    if (this.chosen) return this.chosen;
    if (this.request) return { ...this.request };
    if (this.driver) return { driver: this.driver, ...periodsOf(this.cut) };
    return undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const external = changed.has('request') || changed.has('driver') || changed.has('cut');
    if (!external) return;
    // A new question from the dashboard, or a new driver, replaces what was picked here.
    if ((changed.has('request') && this.request) || changed.has('driver')) this.chosen = undefined;
    // The dashboard drops its request when the cut changes: keep explaining the same thing there.
    const asked = changed.get('request') as ExplainRequest | undefined;
    if (changed.has('request') && !this.request && asked && !this.chosen) {
      this.chosen = { driver: asked.driver, ...periodsOf(this.cut) };
    }
    const before = changed.get('cut') as Cut | undefined;
    if (this.chosen && before && !samePeriods(before, this.cut)) {
      this.chosen = { driver: this.chosen.driver, ...periodsOf(this.cut) };
    }
    const query = this.query() ?? { driver: TOTAL, ...periodsOf(this.cut) };
    const compare =
      query.compareFrom && query.compareTo
        ? { from: query.compareFrom, to: query.compareTo }
        : comparePeriodOf(query, 'previous');
    this.draftDriver = query.driver || TOTAL;
    this.draftFrom = query.from;
    this.draftTo = query.to;
    this.draftCompareFrom = compare.from;
    this.draftCompareTo = compare.to;
    this.problems = [];
  }

  private problemText(problem: DaysProblem, period: string): string {
    const locale = this.uiLocale;
    if (problem.key === 'problemLength') {
      return strings(locale, 'problemLength', { period, days: problem.days, max: problem.max });
    }
    return strings(locale, problem.key, { period });
  }

  private handleSubmit(event: Event): void {
    event.preventDefault();
    const locale = this.uiLocale;
    const problems: string[] = [];
    const period = daysProblem(this.draftFrom, this.draftTo);
    if (period) problems.push(this.problemText(period, strings(locale, 'thisPeriod')));
    const compare = daysProblem(this.draftCompareFrom, this.draftCompareTo);
    if (compare) problems.push(this.problemText(compare, strings(locale, 'comparedWith')));
    this.problems = problems;
    if (problems.length > 0) {
      this.editing = true;
      return;
    }
    this.chosen = {
      driver: this.draftDriver,
      from: this.draftFrom,
      to: this.draftTo,
      compareFrom: this.draftCompareFrom,
      compareTo: this.draftCompareTo,
    };
  }

  private handleDay(event: Event, which: 'from' | 'to' | 'compareFrom' | 'compareTo'): void {
    const value = (event.target as HTMLInputElement).value;
    if (which === 'from') this.draftFrom = value;
    else if (which === 'to') this.draftTo = value;
    else if (which === 'compareFrom') this.draftCompareFrom = value;
    else this.draftCompareTo = value;
  }

  private range(from: string, to: string): string {
    if (daysProblem(from, to)) return `${from || '…'} – ${to || '…'}`;
    return formatDayRange(from, to, this.intlLocale);
  }

  private renderDriverPicker(): TemplateResult {
    const locale = this.uiLocale;
    const loaded = this.optionsTask.value;
    const drivers = loaded?.drivers.map((driver) => ({ id: driver.id, label: driver.label })) ?? [];
    if (this.draftDriver !== TOTAL && !drivers.some((driver) => driver.id === this.draftDriver)) {
      drivers.push({ id: this.draftDriver, label: this.draftDriver });
    }
    return html`<span class="field">
        <label class="label" for="driver">${strings(locale, 'what')}</label>
        <select
          id="driver"
          @change=${(event: Event) => {
            this.draftDriver = (event.target as HTMLSelectElement).value;
          }}
        >
          <option value=${TOTAL} .selected=${this.draftDriver === TOTAL}>
            ${strings(locale, 'allValue')}
          </option>
          ${drivers.map(
            (driver) =>
              html`<option value=${driver.id} .selected=${this.draftDriver === driver.id}>
                ${driver.label}
              </option>`,
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
      })}`;
  }

  private renderDateFields(
    legend: string,
    ids: [string, string],
    values: [string, string],
    which: ['from' | 'compareFrom', 'to' | 'compareTo'],
  ): TemplateResult {
    const locale = this.uiLocale;
    const invalid = daysProblem(values[0], values[1]) !== undefined && this.problems.length > 0;
    return html`<fieldset>
      <legend>${legend}</legend>
      <span class="field">
        <label for=${ids[0]}>${strings(locale, 'from')}</label>
        <input
          id=${ids[0]}
          type="date"
          .value=${live(values[0])}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby="explain-problem"
          @input=${(event: Event) => this.handleDay(event, which[0])}
        />
      </span>
      <span class="field">
        <label for=${ids[1]}>${strings(locale, 'to')}</label>
        <input
          id=${ids[1]}
          type="date"
          .value=${live(values[1])}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby="explain-problem"
          @input=${(event: Event) => this.handleDay(event, which[1])}
        />
      </span>
    </fieldset>`;
  }

  private renderControls(): TemplateResult {
    const locale = this.uiLocale;
    return html`<form class="controls" part="controls" @submit=${this.handleSubmit} novalidate>
      ${this.renderDriverPicker()}
      <p class="periods">
        <span>
          <span class="label">${strings(locale, 'thisPeriod')}:</span>
          <span id="period-words">${this.range(this.draftFrom, this.draftTo)}</span>
        </span>
        <span>
          <span class="label">${strings(locale, 'comparedWith')}:</span>
          <span id="compare-words">${this.range(this.draftCompareFrom, this.draftCompareTo)}</span>
        </span>
        <button
          type="button"
          class="link"
          id="toggle-dates"
          aria-expanded=${this.editing ? 'true' : 'false'}
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
            ? html`${this.renderDateFields(
                strings(locale, 'thisPeriod'),
                ['from', 'to'],
                [this.draftFrom, this.draftTo],
                ['from', 'to'],
              )}
              ${this.renderDateFields(
                strings(locale, 'comparedWith'),
                ['compare-from', 'compare-to'],
                [this.draftCompareFrom, this.draftCompareTo],
                ['compareFrom', 'compareTo'],
              )}`
            : nothing
        }
      </div>
      <p class="problem" id="explain-problem" aria-live="polite">${this.problems.join(' ')}</p>
      <button type="submit" class="button primary" id="explain">
        ${strings(locale, 'explain')}
      </button>
    </form>`;
  }

  // --- the answer -----------------------------------------------------------------------------

  /** Whether the money is modelled: the driver's basis, or any modelled driver in all value. */
  private estimated(body: Explanation): boolean {
    const drivers = this.optionsTask.value?.drivers;
    if (!drivers) return true;
    if (body.driver)
      return drivers.find((driver) => driver.id === body.driver)?.basis !== 'measured';
    return drivers.some((driver) => driver.basis === 'modelled');
  }

  private formatter(body: Explanation): (value: number) => string {
    const locale = this.intlLocale;
    const unit = body.unit;
    if (unit) return (value) => formatQuantity(value, unit, body.currency, locale);
    const estimated = this.estimated(body);
    return (value) => formatMoney(value, body.currency, locale, { estimated });
  }

  private subject(body: Explanation): string {
    if (!body.driver) return strings(this.uiLocale, 'subjectTotal');
    const driver = this.optionsTask.value?.drivers.find(
      (candidate) => candidate.id === body.driver,
    );
    return driver?.label ?? body.driver;
  }

  /** "Team" for a dimension's values, from the server's words where it has them. */
  private nameOf(by: string): string {
    if (by === 'user') return strings(this.uiLocale, 'nameUser');
    const segment = this.optionsTask.value?.segments.find((candidate) => candidate.id === by);
    if (segment) return segment.label;
    if (by === 'feature') return strings(this.uiLocale, 'nameFeature');
    return by;
  }

  private headingOf(by: string): string {
    const locale = this.uiLocale;
    if (by === 'user') return strings(locale, 'byUser');
    const segment = this.optionsTask.value?.segments.find((candidate) => candidate.id === by);
    if (!segment && by === 'feature') return strings(locale, 'byFeature');
    return strings(locale, 'byLabel', { label: inSentence(segment?.label ?? by, locale) });
  }

  private who(by: string, value: string): string {
    const locale = this.uiLocale;
    if (by === 'user') return strings(locale, 'whoUser', { value });
    return strings(locale, 'whoNamed', { value, label: inSentence(this.nameOf(by), locale) });
  }

  /** The one-sentence answer, from the endpoint's numbers only. */
  private answerOf(body: Explanation): string {
    const locale = this.uiLocale;
    const format = this.formatter(body);
    const { total } = body;
    const up = total.delta > 0;
    const percent =
      total.deltaShare === null
        ? ''
        : ` (${withMinus(formatPercent(total.deltaShare, this.intlLocale, true))})`;
    const first = strings(locale, up ? 'up' : 'down', {
      subject: this.subject(body),
      amount: format(Math.abs(total.delta)),
      percent,
      compare: formatDayRange(body.comparePeriod.from, body.comparePeriod.to, this.intlLocale),
    });
    const lead = leadOf(body);
    if (!lead) return `${first}.`;
    const share = lead.contribution.shareOfChange ?? 0;
    const key = share >= 0.5 ? (up ? 'mostRise' : 'mostDrop') : up ? 'largestRise' : 'largestDrop';
    const second = strings(locale, key, {
      who: this.who(lead.by, lead.contribution.segment),
      delta: signed(lead.contribution.delta, format),
      share: formatPercent(share, this.intlLocale),
    });
    return `${first}; ${second}.`;
  }

  private rowsOf(contributions: ExplainContribution[]): Row[] {
    const { top, rest } = topContributions(contributions);
    const rows: Row[] = top.map((row) => ({ ...row, name: row.segment, rest: false }));
    if (rest) {
      rows.push({
        ...rest,
        name: strings(this.uiLocale, 'everythingElseCount', { count: rest.count }),
        rest: true,
      });
    }
    return rows;
  }

  private renderBars(rows: Row[], format: (value: number) => string): TemplateResult {
    const locale = this.uiLocale;
    const largest = Math.max(...rows.map((row) => Math.abs(row.delta)), 0);
    const width = (row: Row) =>
      styleMap({ width: `${largest === 0 ? 0 : (Math.abs(row.delta) / largest) * 100}%` });
    // Diverging only when the changes went both ways; otherwise the whole track is one side.
    const sides = `${rows.some((row) => row.delta < 0) ? 'has-down' : ''} ${
      rows.some((row) => row.delta > 0) ? 'has-up' : ''
    }`;
    return html`<ol class="rows ${sides}">
      ${rows.map((row) => {
        const direction = row.delta > 0 ? 'up' : row.delta < 0 ? 'down' : 'flat';
        const share =
          row.shareOfChange === null
            ? ''
            : ` · ${strings(locale, 'shareOfChange', {
                share: withMinus(formatPercent(row.shareOfChange, this.intlLocale)),
              })}`;
        return html`<li class="row ${row.rest ? 'rest' : ''}">
          <span class="name">${row.name}</span>
          <span class="track" aria-hidden="true">
            <span class="half negative">
              ${
                direction === 'down'
                  ? html`<span class="bar down" part="bar" style=${width(row)}></span>`
                  : nothing
              }
            </span>
            <span class="half positive">
              ${
                direction === 'up'
                  ? html`<span class="bar up" part="bar" style=${width(row)}></span>`
                  : nothing
              }
            </span>
          </span>
          <span class="delta ${direction}">${signed(row.delta, format)}</span>
          <span class="detail">
            ${strings(locale, 'now', { value: format(row.current) })} ·
            ${strings(locale, 'before', { value: format(row.previous) })}${share}
          </span>
        </li>`;
      })}
    </ol>`;
  }

  private renderTable(
    by: string,
    heading: string,
    rows: Row[],
    format: (value: number) => string,
  ): TemplateResult {
    const locale = this.uiLocale;
    return html`<table part="table">
      <caption class="visually-hidden">${heading}</caption>
      <thead>
        <tr>
          <th scope="col">${this.nameOf(by)}</th>
          <th scope="col">${strings(locale, 'columnCurrent')}</th>
          <th scope="col">${strings(locale, 'columnPrevious')}</th>
          <th scope="col">${strings(locale, 'columnChange')}</th>
          <th scope="col">${strings(locale, 'columnShare')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            <th scope="row">${row.name}</th>
            <td>${format(row.current)}</td>
            <td>${format(row.previous)}</td>
            <td>${signed(row.delta, format)}</td>
            <td>
              ${
                row.shareOfChange === null
                  ? '—'
                  : withMinus(formatPercent(row.shareOfChange, this.intlLocale))
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderAnswer(body: Explanation): TemplateResult {
    const locale = this.uiLocale;
    const { total } = body;
    const period = formatDayRange(body.period.from, body.period.to, this.intlLocale);
    const compare = formatDayRange(body.comparePeriod.from, body.comparePeriod.to, this.intlLocale);
    if (total.current === 0 && total.previous === 0) {
      return renderEmpty(strings(locale, 'noValue', { period, compare }));
    }
    if (total.delta === 0) {
      return renderEmpty(
        strings(locale, 'noChange', { subject: this.subject(body), period, compare }),
      );
    }
    const format = this.formatter(body);
    const estimated = !body.unit && this.estimated(body);
    const dimensions = body.dimensions.filter((dimension) => dimension.contributions.length > 0);
    return html`<p class="answer" part="answer">
        ${this.answerOf(body)}
        ${
          estimated
            ? html`<span class="badge estimated" title=${common(locale, 'estimatedHint')}>
                ${common(locale, 'estimated')}
              </span>`
            : nothing
        }
      </p>
      ${
        dimensions.length > 0
          ? html`<div class="toolbar">
              <button
                type="button"
                class="button"
                id="toggle-table"
                @click=${() => {
                  this.asTable = !this.asTable;
                }}
              >
                ${common(locale, this.asTable ? 'showChart' : 'showTable')}
              </button>
            </div>`
          : nothing
      }
      <div class="dimensions ${this.asTable ? 'tables' : ''}">
        ${dimensions.map((dimension) => {
          const heading = this.headingOf(dimension.by);
          const rows = this.rowsOf(dimension.contributions);
          const id = `dimension-${dimension.by}`;
          return html`<section class="dimension" part="dimension" aria-labelledby=${id}>
            <h4 id=${id}>${heading}</h4>
            ${
              this.asTable
                ? this.renderTable(dimension.by, heading, rows, format)
                : this.renderBars(rows, format)
            }
          </section>`;
        })}
      </div>`;
  }

  override render() {
    const locale = this.uiLocale;
    const body = this.explainTask.value;
    const announcement =
      body && this.explainTask.status === TaskStatus.COMPLETE && body.total.delta !== 0
        ? this.answerOf(body)
        : '';
    return html`<h3>${strings(locale, 'title')}</h3>
      ${this.renderControls()}
      <div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>
      ${this.explainTask.render({
        initial: () => html`<div class="state idle" part="idle">${strings(locale, 'idle')}</div>`,
        pending: () => renderLoading(locale, 'rows'),
        complete: (answer) =>
          answer === null
            ? html`<div class="state idle" part="idle">${strings(locale, 'idle')}</div>`
            : this.renderAnswer(answer),
        error: (error) => {
          this.reportError(error);
          return renderError(error, locale, () => this.explainTask.run());
        },
      })}`;
  }
}

function periodsOf(cut: Cut): Omit<Query, 'driver'> {
  return { from: cut.from, to: cut.to, compareFrom: cut.compareFrom, compareTo: cut.compareTo };
}

function samePeriods(a: Cut, b: Cut): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.compareFrom === b.compareFrom &&
    a.compareTo === b.compareTo
  );
}

defineElement('vp-explain', VpExplain);

declare global {
  interface HTMLElementTagNameMap {
    'vp-explain': VpExplain;
  }
}
