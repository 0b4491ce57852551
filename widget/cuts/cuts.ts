import { Task } from '@lit/task';
import { html, type PropertyValues } from 'lit';
import type { CutOptions } from '../api/types.ts';
import { isDay, today } from '../core/days.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { type ComparePreset, type Cut, emit, type PeriodPreset } from '../core/events.ts';
import { formatDayRange } from '../core/format.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './cuts.strings.ts';
import { cutsStyles } from './cuts.styles.ts';
import {
  type Filter,
  renderFilterControls,
  renderFilterLoading,
  renderFilterUnavailable,
} from './cuts-filter.ts';
import {
  type DaysProblem,
  daysProblem,
  sameSettings,
  wayName,
  withCompare,
  withFilter,
  withPeriod,
  withPreset,
  withToday,
} from './cuts-model.ts';
import { type Picker, renderPicker } from './cuts-picker.ts';

/**
 * The compact bar above the dashboard: which period, compared with which, and whether to show
 * everything or one team, workspace, feature… (the ways come from GET /v1/value/cuts). Custom
 * days are checked and explained in words; nothing is applied until they are valid. The period
 * controls keep working when the ways to filter cannot load.
 *
 * @summary Period, compare-to period and filter for every piece of the dashboard.
 *
 * @fires vp-cut-change - The whole new `Cut` {from, to, preset, compare, compareFrom, compareTo, filter?, includeToday?}, after every change. Presets end yesterday (the last complete day) unless "Include today" is checked.
 * @fires vp-error - {code, message} when the ways to filter could not load.
 *
 * @csspart bar - The whole bar.
 * @csspart period - The period picker (presets and custom days).
 * @csspart compare - The compare-to picker.
 * @csspart filter - What to show: everything, or one value of a team, workspace, feature….
 * @csspart summary - The resulting periods and filter in words.
 *
 * @cssprop --vp-color-surface - Bar background.
 * @cssprop --vp-color-bg - Field background.
 * @cssprop --vp-color-border - Bar and field borders.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Labels and the summary.
 * @cssprop --vp-color-negative - Problems with picked days.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpCuts extends VpElement {
  static override properties = {
    ...VpElement.properties,
    today: { type: String },
    options: { attribute: false },
    periodChoice: { state: true },
    compareChoice: { state: true },
    draftFrom: { state: true },
    draftTo: { state: true },
    draftCompareFrom: { state: true },
    draftCompareTo: { state: true },
    periodIssue: { state: true },
    compareIssue: { state: true },
    filterBy: { state: true },
  };

  static override styles = [tokens, cutsStyles];

  /** Today (YYYY-MM-DD); presets end the day before unless today is included. Empty: UTC today. */
  declare today: string;
  /** The ways to filter, when the dashboard already has them; otherwise fetched from /cuts. */
  declare options: CutOptions | undefined;
  declare private periodChoice: PeriodPreset;
  declare private compareChoice: ComparePreset;
  declare private draftFrom: string;
  declare private draftTo: string;
  declare private draftCompareFrom: string;
  declare private draftCompareTo: string;
  declare private periodIssue: DaysProblem | undefined;
  declare private compareIssue: DaysProblem | undefined;
  declare private filterBy: string;

  private readonly cutsTask = new Task(this, {
    task: async ([client, options]) => {
      if (options) return options;
      return (client ?? this.requireClient()).get<CutOptions>('/v1/value/cuts');
    },
    args: () => [this.valueClient, this.options] as const,
  });

  constructor() {
    super();
    this.today = '';
    this.options = undefined;
    this.periodChoice = this.cut.preset;
    this.compareChoice = this.cut.compare;
    this.draftFrom = this.cut.from;
    this.draftTo = this.cut.to;
    this.draftCompareFrom = this.cut.compareFrom;
    this.draftCompareTo = this.cut.compareTo;
    this.periodIssue = undefined;
    this.compareIssue = undefined;
    this.filterBy = '';
  }

  private get day(): string {
    return isDay(this.today) ? this.today : today();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('cut')) return;
    const before = changed.get('cut') as Cut | undefined;
    if (before && sameSettings(before, this.cut)) return;
    this.periodChoice = this.cut.preset;
    this.compareChoice = this.cut.compare;
    this.draftFrom = this.cut.from;
    this.draftTo = this.cut.to;
    this.draftCompareFrom = this.cut.compareFrom;
    this.draftCompareTo = this.cut.compareTo;
    this.periodIssue = undefined;
    this.compareIssue = undefined;
    this.filterBy = this.cut.filter?.by ?? '';
  }

  private apply(next: Cut): void {
    if (sameSettings(next, this.cut)) return;
    this.cut = next;
    emit(this, 'vp-cut-change', next);
  }

  private handlePeriod(event: Event): void {
    const choice = (event.target as HTMLSelectElement).value as PeriodPreset;
    if (choice === 'custom') {
      this.periodChoice = 'custom';
      this.draftFrom = this.cut.from;
      this.draftTo = this.cut.to;
      this.periodIssue = undefined;
      return;
    }
    this.apply(withPreset(this.cut, choice, this.day));
  }

  private handlePeriodDay(event: Event, end: 'from' | 'to'): void {
    const value = (event.target as HTMLInputElement).value;
    if (end === 'from') this.draftFrom = value;
    else this.draftTo = value;
    // A problem already shown goes away (or changes) as soon as the days change.
    if (this.periodIssue) this.periodIssue = daysProblem(this.draftFrom, this.draftTo);
  }

  private applyPeriod(): void {
    this.periodIssue = daysProblem(this.draftFrom, this.draftTo);
    if (this.periodIssue) return;
    const { includeToday: _was, ...cut } = this.cut;
    // Picked days that reach today include it: the checkbox says so.
    const reaches = this.draftTo >= this.day;
    this.apply(
      withPeriod(reaches ? { ...cut, includeToday: true } : cut, 'custom', {
        from: this.draftFrom,
        to: this.draftTo,
      }),
    );
  }

  private handleToday(event: Event): void {
    this.apply(withToday(this.cut, (event.target as HTMLInputElement).checked, this.day));
    this.draftFrom = this.cut.from;
    this.draftTo = this.cut.to;
  }

  private handleCompare(event: Event): void {
    const choice = (event.target as HTMLSelectElement).value as ComparePreset;
    if (choice === 'custom') {
      this.compareChoice = 'custom';
      this.draftCompareFrom = this.cut.compareFrom;
      this.draftCompareTo = this.cut.compareTo;
      this.compareIssue = undefined;
      return;
    }
    this.apply(withCompare(this.cut, choice));
  }

  private handleCompareDay(event: Event, end: 'from' | 'to'): void {
    const value = (event.target as HTMLInputElement).value;
    if (end === 'from') this.draftCompareFrom = value;
    else this.draftCompareTo = value;
    if (this.compareIssue) {
      this.compareIssue = daysProblem(this.draftCompareFrom, this.draftCompareTo);
    }
  }

  private applyCompare(): void {
    this.compareIssue = daysProblem(this.draftCompareFrom, this.draftCompareTo);
    if (this.compareIssue) return;
    this.apply(
      withCompare(this.cut, 'custom', { from: this.draftCompareFrom, to: this.draftCompareTo }),
    );
  }

  private handleFilterBy(event: Event): void {
    const by = (event.target as HTMLSelectElement).value;
    this.filterBy = by;
    // "Everything" applies at once; a way to filter waits for its value.
    if (by === '') this.apply(withFilter(this.cut, undefined));
  }

  private handleFilterValue(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (value === '' || this.filterBy === '') return;
    this.apply(withFilter(this.cut, { by: this.filterBy, value }));
  }

  private async clearFilter(): Promise<void> {
    this.filterBy = '';
    this.apply(withFilter(this.cut, undefined));
    // The button goes away with the filter: keep the keyboard where it makes sense.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLSelectElement>('#filter-by')?.focus();
  }

  /** What the period or the compared-period picker needs: its state and its handlers. */
  private picker(which: 'period' | 'compare'): Picker {
    const period = which === 'period';
    return {
      which,
      locale: this.uiLocale,
      chosen: period ? this.periodChoice : this.compareChoice,
      days: period
        ? { from: this.draftFrom, to: this.draftTo }
        : { from: this.draftCompareFrom, to: this.draftCompareTo },
      issue: period ? this.periodIssue : this.compareIssue,
      choose: (event) => (period ? this.handlePeriod(event) : this.handleCompare(event)),
      editDay: (event, end) =>
        period ? this.handlePeriodDay(event, end) : this.handleCompareDay(event, end),
      applyDays: () => (period ? this.applyPeriod() : this.applyCompare()),
      ...(period
        ? {
            today: {
              checked: Boolean(this.cut.includeToday),
              toggle: (event: Event) => this.handleToday(event),
            },
          }
        : {}),
    };
  }

  /** What the filter needs: the filter that is on, the one being picked, and the handlers. */
  private filterView(): Filter {
    return {
      locale: this.uiLocale,
      filter: this.cut.filter,
      by: this.filterBy,
      chooseBy: (event) => this.handleFilterBy(event),
      chooseValue: (event) => this.handleFilterValue(event),
      clear: () => void this.clearFilter(),
      retry: () => void this.cutsTask.run(),
    };
  }

  private renderFilter() {
    const view = this.filterView();
    const loading = () => renderFilterLoading(view.locale);
    return html`<div class="group" part="filter">
      ${this.cutsTask.render({
        initial: loading,
        pending: loading,
        complete: (options) => renderFilterControls(options, view),
        error: (error) => {
          this.reportError(error);
          return renderFilterUnavailable(view);
        },
      })}
    </div>`;
  }

  private summaryText(): string {
    const locale = this.intlLocale;
    const period = formatDayRange(this.cut.from, this.cut.to, locale);
    const compare = formatDayRange(this.cut.compareFrom, this.cut.compareTo, locale);
    const filter = this.cut.filter;
    if (!filter) return strings(this.uiLocale, 'summary', { period, compare });
    return strings(this.uiLocale, 'summaryFiltered', {
      period,
      compare,
      label: wayName(filter.by, this.options ?? this.cutsTask.value, this.uiLocale),
      value: filter.value,
    });
  }

  override render() {
    return html`<div
      class="bar"
      part="bar"
      role="group"
      aria-label=${strings(this.uiLocale, 'barLabel')}
    >
      ${renderPicker(this.picker('period'))} ${renderPicker(this.picker('compare'))} ${this.renderFilter()}
      <p class="summary" part="summary" aria-live="polite">${this.summaryText()}</p>
    </div>`;
  }
}

defineElement('vp-cuts', VpCuts);

declare global {
  interface HTMLElementTagNameMap {
    'vp-cuts': VpCuts;
  }
}
