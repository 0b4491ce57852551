import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import {
  goalSeek,
  type Lever,
  LeverRefused,
  leversOf,
  type Projection,
  type ProjectionBasis,
  project,
} from '../../blueprint/projection.ts';
import { ValueprintError } from '../api/client.ts';
import type { LeversAnswer, SavedScenario, SavedScenarios } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit, type PlanGoal, type PlanPreset } from '../core/events.ts';
import { formatDayRange, formatMoney, formatPercent, formatRatio } from '../core/format.ts';
import { errorMessage, renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { handoffWords } from '../handoff/handoff-ask.ts';
import { common } from '../i18n/common.strings.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './planner.strings.ts';
import { plannerStyles } from './planner.styles.ts';
import { chartSummary, renderChart, renderMonthTable } from './planner-chart.ts';
import { renderLevers } from './planner-levers.ts';
import {
  goalAmountText,
  goalLevers,
  goalUnit,
  type LeverValues,
  leverName,
  leverValueText,
  movedOnly,
} from './planner-model.ts';
import { knownLevers, renderSaved } from './planner-saved.ts';

const HORIZONS = [6, 12, 24, 36];
const RAMPS = [0, 1, 3, 6];
const DEFAULTS = { horizonMonths: 12, rampMonths: 3 };

interface Message {
  kind: 'ok' | 'problem';
  text: string;
}

/**
 * The body of `<vp-scenario-planner>` (see widget/planner/planner.ts), in its own chunk: loaded
 * the first time the planner is shown. Hosts use `<vp-scenario-planner>`.
 * @internal
 */
export class VpPlannerPanel extends VpElement {
  static override properties = {
    ...VpElement.properties,
    goal: { attribute: false },
    preset: { attribute: false },
    handoff: { type: Boolean },
    presetNote: { state: true },
    values: { state: true },
    horizonMonths: { state: true },
    rampMonths: { state: true },
    goalTarget: { state: true },
    goalLever: { state: true },
    goalMessage: { state: true },
    opened: { state: true },
    saveMessage: { state: true },
    renaming: { state: true },
    confirmingDelete: { state: true },
    comparing: { state: true },
    asTable: { state: true },
    savedRevision: { state: true },
    announcement: { state: true },
  };

  static override styles = [tokens, plannerStyles];

  /** What to aim for (the story's promise): fills "What would it take?" and answers it. */
  declare goal: PlanGoal | undefined;
  /** Lever values to start from (an offer's "Plan it"). */
  declare preset: PlanPreset | undefined;
  /** "Ask about this" on saved plans (the page answers `vp-handoff-open`). */
  declare handoff: boolean;
  /** Says what the plan was set to, until a lever moves. */
  declare private presetNote: string | undefined;
  declare private values: LeverValues;
  declare private horizonMonths: number;
  declare private rampMonths: number;
  declare private goalTarget: string;
  declare private goalLever: string;
  declare private goalMessage: Message | undefined;
  /** The saved plan on screen, if one was opened or just saved. */
  declare private opened: SavedScenario | undefined;
  declare private saveMessage: Message | undefined;
  declare private renaming: string | undefined;
  declare private confirmingDelete: string | undefined;
  declare private comparing: string[];
  declare private asTable: boolean;
  declare private savedRevision: number;
  declare private announcement: string;
  private sessionRole: string | undefined;
  /** A success manager's view (the rep console): no saving, no saved list; they push plans. */
  private repView = false;
  private projection: Projection | undefined;
  /** A goal handed in before the levers loaded: answered once they are here. */
  private goalPending = false;
  private presetPending = false;
  private lastEmitted = '';

  private readonly leversTask = new Task(this, {
    task: async ([client]) => {
      const active = client ?? this.requireClient();
      const [answer, session] = await Promise.all([
        active.get<LeversAnswer>('/v1/scenarios/levers'),
        active.session(),
      ]);
      this.sessionRole = session.role;
      this.repView = session.rep !== undefined;
      emit(this, 'vp-loaded', { piece: 'plan', account: session.accountId ?? '' });
      return { answer, basis: answer.basis as ProjectionBasis, levers: leversOf(answer.basis) };
    },
    args: () => [this.valueClient, this.revision] as const,
  });

  private readonly savedTask = new Task(this, {
    task: async ([client]) => (client ?? this.requireClient()).get<SavedScenarios>('/v1/scenarios'),
    args: () => [this.valueClient, this.revision, this.savedRevision] as const,
  });

  constructor() {
    super();
    this.goal = undefined;
    this.preset = undefined;
    this.handoff = false;
    this.presetNote = undefined;
    this.values = {};
    this.horizonMonths = DEFAULTS.horizonMonths;
    this.rampMonths = DEFAULTS.rampMonths;
    this.goalTarget = '';
    this.goalLever = '';
    this.goalMessage = undefined;
    this.opened = undefined;
    this.saveMessage = undefined;
    this.renaming = undefined;
    this.confirmingDelete = undefined;
    this.comparing = [];
    this.asTable = false;
    this.savedRevision = 0;
    this.announcement = '';
  }

  private get loaded() {
    return this.leversTask.value;
  }

  /** Moves focus to "What would it take?" (after the story asked it). */
  async focusGoal(): Promise<void> {
    await this.leversTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    const field = this.renderRoot.querySelector<HTMLElement>('#goal-target');
    field?.scrollIntoView({ block: 'nearest' });
    field?.focus();
  }

  /** Moves focus to the note saying what the plan was set to (after "Plan it"). */
  async focusPreset(): Promise<void> {
    await this.leversTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    const note = this.renderRoot.querySelector<HTMLElement>('#preset-note');
    note?.scrollIntoView({ block: 'nearest' });
    note?.focus();
  }

  /** Opens a saved plan by id (the list is asked for again: it may have just been pushed). */
  async openSaved(id: string): Promise<void> {
    this.savedRevision += 1;
    await this.leversTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    const saved = await this.savedTask.taskComplete.catch(() => undefined);
    const plan = saved?.scenarios.find((each) => each.id === id);
    if (plan) this.openPlan(plan);
    else this.saveMessage = { kind: 'problem', text: handoffWords(this.uiLocale, 'planGone') };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('preset') && this.preset) this.presetPending = true;
    if (changed.has('goal') && this.goal) {
      this.goalTarget = String(Math.ceil(this.goal.target));
      this.goalLever = '';
      this.goalPending = true;
    }
    const loaded = this.loaded;
    if (!loaded) return;
    if (this.presetPending && this.preset) {
      this.presetPending = false;
      // Only the levers this account has (one it never used may have none): the rest stay today's.
      const known = new Set(loaded.levers.map((lever) => lever.id));
      this.values = Object.fromEntries(
        Object.entries(this.preset.levers).filter(([id]) => known.has(id)),
      );
      this.horizonMonths = this.preset.horizonMonths ?? this.horizonMonths;
      this.rampMonths = this.preset.rampMonths ?? this.rampMonths;
      this.opened = undefined;
      this.goalMessage = undefined;
      this.presetNote = strings(this.uiLocale, 'fromOffer', { offer: this.preset.label });
    }
    if (this.goalPending) {
      this.goalPending = false;
      this.seekGoal();
    }
    this.projection = project(loaded.basis, this.values, {
      horizonMonths: this.horizonMonths,
      rampMonths: this.rampMonths,
    });
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const loaded = this.loaded;
    const projection = this.projection;
    if (!loaded || !projection) return;
    const levers = movedOnly(loaded.levers, this.values);
    const key = JSON.stringify([levers, this.horizonMonths, this.rampMonths]);
    if (key === this.lastEmitted) return;
    const first = this.lastEmitted === '';
    this.lastEmitted = key;
    if (first) return;
    emit(this, 'vp-scenario-change', {
      levers,
      horizonMonths: this.horizonMonths,
      rampMonths: this.rampMonths,
      annualRunRate: projection.annualRunRate,
      firstYear: projection.firstYear,
      baseline: projection.baseline.annualRunRate,
    });
  }

  private setLever(lever: Lever, value: number): void {
    this.values = { ...this.values, [lever.id]: value };
    this.goalMessage = undefined;
    this.presetNote = undefined;
  }

  private handleReset(): void {
    this.values = {};
    this.horizonMonths = DEFAULTS.horizonMonths;
    this.rampMonths = DEFAULTS.rampMonths;
    this.opened = undefined;
    this.goalMessage = undefined;
    this.presetNote = undefined;
    this.saveMessage = undefined;
    this.announce();
  }

  /** Said once a change is committed (not on every step of a drag). */
  private announce(): void {
    const projection = this.projection;
    const loaded = this.loaded;
    if (!projection || !loaded) return;
    const money = (value: number) =>
      formatMoney(value, loaded.basis.model.currency, this.intlLocale, true);
    this.announcement = `${strings(this.uiLocale, 'runRate')}: ${money(projection.annualRunRate.value)}, ${this.changeText(projection)}`;
  }

  private changeText(projection: Projection): string {
    const before = projection.baseline.annualRunRate.value;
    const delta = projection.annualRunRate.value - before;
    if (Math.abs(delta) < 0.5) return strings(this.uiLocale, 'sameAsToday');
    const currency = this.loaded?.basis.model.currency ?? 'USD';
    const amount = formatMoney(Math.abs(delta), currency, this.intlLocale, true);
    const share = before > 0 ? ` (${formatPercent(delta / before, this.intlLocale, true)})` : '';
    return strings(this.uiLocale, 'vsToday', {
      change: `${delta > 0 ? '+' : '−'}${amount}${share}`,
    });
  }

  private seekGoal(): void {
    const loaded = this.loaded;
    if (!loaded) return;
    const target = Number(this.goalTarget);
    if (!(target > 0) || !Number.isFinite(target)) {
      this.goalMessage = { kind: 'problem', text: strings(this.uiLocale, 'goalInvalid') };
      return;
    }
    const driver = this.goal?.driver;
    const candidates = goalLevers(loaded.levers, driver);
    const lever = candidates.find((candidate) => candidate.id === this.goalLever) ?? candidates[0];
    if (!lever) return;
    this.goalLever = lever.id;
    const words = (value: number) =>
      leverValueText(lever, value, loaded.basis.model.currency, this.intlLocale);
    const name = `${lever.kind === 'assumption' ? '' : `${lever.label}: `}${leverName(lever, this.uiLocale)}`;
    try {
      const answer = goalSeek(
        loaded.basis,
        lever.id,
        target,
        this.values,
        driver ? { driver } : {},
      );
      if (answer.found) {
        this.values = { ...this.values, [lever.id]: answer.value };
        this.goalMessage = {
          kind: 'ok',
          text: strings(this.uiLocale, 'goalFound', { lever: name, value: words(answer.value) }),
        };
      } else {
        const reached = answer.best.driverValue ?? answer.best.annualRunRate;
        this.goalMessage = {
          kind: 'problem',
          text: strings(this.uiLocale, 'goalBest', {
            lever: name,
            value: words(answer.best.value),
            reached: goalAmountText(reached, loaded.basis, driver, this.intlLocale),
          }),
        };
      }
    } catch (error) {
      if (!(error instanceof LeverRefused)) throw error;
      this.goalMessage = { kind: 'problem', text: strings(this.uiLocale, 'goalNotRelevant') };
    }
  }

  private canChange(plan: SavedScenario): boolean {
    return plan.mine || this.sessionRole === 'editor';
  }

  private async saveWith(run: () => Promise<SavedScenario | undefined>): Promise<void> {
    this.saveMessage = undefined;
    try {
      const plan = await run();
      if (plan) {
        this.opened = plan;
        this.saveMessage = {
          kind: 'ok',
          text: strings(this.uiLocale, 'saved', { name: plan.name }),
        };
        emit(this, 'vp-scenario-save', { id: plan.id, name: plan.name, shared: plan.shared });
      }
      this.savedRevision += 1;
    } catch (error) {
      this.saveMessage = { kind: 'problem', text: this.problemText(error) };
      this.reportError(error);
    }
  }

  private problemText(error: unknown): string {
    if (error instanceof ValueprintError && error.code === 'scenario_limit') {
      return strings(this.uiLocale, 'limit', { limit: this.savedTask.value?.limit ?? 200 });
    }
    if (error instanceof ValueprintError && error.status === 403) {
      return strings(this.uiLocale, 'forbidden');
    }
    return errorMessage(error, this.uiLocale);
  }

  private handleSave(event: SubmitEvent): void {
    event.preventDefault();
    const loaded = this.loaded;
    if (!loaded) return;
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('plan-name') as HTMLInputElement).value.trim();
    const shared = (form.elements.namedItem('plan-shared') as HTMLInputElement).checked;
    const inputs = {
      levers: movedOnly(loaded.levers, this.values),
      horizonMonths: this.horizonMonths,
      rampMonths: this.rampMonths,
    };
    const asChanges = (event.submitter as HTMLButtonElement | null)?.value === 'update';
    const opened = this.opened;
    if (asChanges && opened) {
      void this.saveWith(() =>
        this.requireClient().put<SavedScenario>(`/v1/scenarios/${opened.id}`, inputs),
      );
      return;
    }
    if (!name) {
      this.saveMessage = { kind: 'problem', text: strings(this.uiLocale, 'nameMissing') };
      return;
    }
    void this.saveWith(() =>
      this.requireClient().post<SavedScenario>('/v1/scenarios', { name, shared, ...inputs }),
    );
  }

  private openPlan(plan: SavedScenario): void {
    const loaded = this.loaded;
    if (!loaded) return;
    this.values = knownLevers(loaded.levers, plan.levers);
    this.horizonMonths = plan.horizonMonths;
    this.rampMonths = plan.rampMonths;
    this.opened = plan;
    this.goalMessage = undefined;
    this.saveMessage = undefined;
    this.announce();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.results')?.focus(),
    );
  }

  private change(plan: SavedScenario, body: Record<string, unknown>): void {
    void this.saveWith(async () => {
      await this.requireClient().put<SavedScenario>(`/v1/scenarios/${plan.id}`, body);
      this.renaming = undefined;
      return undefined;
    });
  }

  private removePlan(plan: SavedScenario): void {
    void this.saveWith(async () => {
      await this.requireClient().delete(`/v1/scenarios/${plan.id}`);
      this.confirmingDelete = undefined;
      this.comparing = this.comparing.filter((id) => id !== plan.id);
      if (this.opened?.id === plan.id) this.opened = undefined;
      emit(this, 'vp-scenario-delete', { id: plan.id });
      return undefined;
    });
  }

  private toggleCompare(plan: SavedScenario): void {
    this.comparing = this.comparing.includes(plan.id)
      ? this.comparing.filter((id) => id !== plan.id)
      : [...this.comparing, plan.id].slice(-2);
    if (this.comparing.length === 2) emit(this, 'vp-scenario-compare', { ids: this.comparing });
  }

  override render() {
    return this.leversTask.render({
      pending: () => renderLoading(this.uiLocale, 'rows'),
      error: (error) => {
        this.reportError(error);
        return renderError(error, this.uiLocale, () => void this.leversTask.run());
      },
      complete: () => this.renderPlanner(),
    });
  }

  private renderPlanner() {
    const loaded = this.loaded;
    const projection = this.projection;
    if (!loaded || !projection) return nothing;
    const locale = this.uiLocale;
    // Assumptions alone move nothing when nobody uses anything yet.
    if (!loaded.levers.some((lever) => lever.kind !== 'assumption')) {
      return renderEmpty(strings(locale, 'nothingToPlan'));
    }
    const currency = loaded.basis.model.currency;
    const period = formatDayRange(
      loaded.answer.baseline.from,
      loaded.answer.baseline.to,
      this.intlLocale,
    );
    const unused = loaded.answer.unusedDrivers
      .map((id) => loaded.basis.model.drivers.find((driver) => driver.id === id)?.label ?? id)
      .join(', ');
    return html`<div class="planner" part="planner">
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <p class="intro">
        ${strings(locale, 'intro', { period })}
        <span class="badge estimated" title=${common(locale, 'estimatedHint')}
          >${common(locale, 'estimated')}</span
        >
      </p>
      ${
        this.presetNote
          ? html`<p class="message ok" id="preset-note" tabindex="-1" role="status">${this.presetNote}</p>`
          : nothing
      }
      ${this.renderSummary(projection, currency)}
      <div class="layout">
        <div class="inputs" @change=${this.announce}>
          <h4>${strings(locale, 'levers')}</h4>
          ${renderLevers(
            {
              locale,
              intlLocale: this.intlLocale,
              currency,
              values: this.values,
              set: (lever, value) => this.setLever(lever, value),
            },
            loaded.levers,
          )}
          ${unused ? html`<p class="note">${strings(locale, 'unused', { names: unused })}</p>` : nothing}
          ${this.renderTiming()}
          <button type="button" class="link reset" @click=${this.handleReset}>
            ${strings(locale, 'reset')}
          </button>
        </div>
        <div class="outputs">
          ${this.renderResults(projection, currency)}
          ${this.renderGoal(loaded.basis, loaded.levers)}
        </div>
      </div>
      ${this.repView ? nothing : this.renderSave()}
      ${
        this.repView
          ? nothing
          : this.savedTask.render({
              pending: () => renderLoading(locale, 'rows'),
              error: (error) => {
                this.reportError(error);
                return renderError(error, locale, () => void this.savedTask.run());
              },
              complete: (saved) =>
                renderSaved({
                  locale,
                  intlLocale: this.intlLocale,
                  basis: loaded.basis,
                  levers: loaded.levers,
                  plans: saved.scenarios,
                  handoff: this.handoff,
                  canChange: (plan) => this.canChange(plan),
                  comparing: this.comparing,
                  renaming: this.renaming,
                  confirmingDelete: this.confirmingDelete,
                  open: (plan) => this.openPlan(plan),
                  toggleCompare: (plan) => this.toggleCompare(plan),
                  startRename: (plan) => {
                    this.renaming = plan?.id;
                  },
                  rename: (plan, name) => this.change(plan, { name }),
                  toggleShare: (plan) => this.change(plan, { shared: !plan.shared }),
                  askDelete: (plan) => {
                    this.confirmingDelete = plan?.id;
                  },
                  remove: (plan) => this.removePlan(plan),
                  closeCompare: () => {
                    this.comparing = [];
                  },
                }),
            })
      }
    </div>`;
  }

  private renderTiming() {
    const locale = this.uiLocale;
    const months = (count: number) =>
      strings(locale, count === 1 ? 'months_one' : 'months_other', { months: count });
    return html`<div class="timing">
      <label>
        ${strings(locale, 'horizon')}
        <select
          @change=${(event: Event) => {
            this.horizonMonths = Number((event.target as HTMLSelectElement).value);
            this.announce();
          }}
        >
          ${HORIZONS.map(
            (count) =>
              html`<option value=${count} ?selected=${count === this.horizonMonths}>${months(count)}</option>`,
          )}
        </select>
      </label>
      <label>
        ${strings(locale, 'ramp')}
        <select
          @change=${(event: Event) => {
            this.rampMonths = Number((event.target as HTMLSelectElement).value);
            this.announce();
          }}
        >
          ${RAMPS.map(
            (count) =>
              html`<option value=${count} ?selected=${count === this.rampMonths}>
                ${
                  count === 0
                    ? strings(locale, 'rampNow')
                    : strings(locale, count === 1 ? 'rampOver_one' : 'rampOver_other', {
                        months: count,
                      })
                }
              </option>`,
          )}
        </select>
      </label>
    </div>`;
  }

  /** The answer first: the plan's value a year and over its first months, kept in view. */
  private renderSummary(projection: Projection, currency: string) {
    const locale = this.uiLocale;
    const money = (value: number) => formatMoney(value, currency, this.intlLocale, true);
    const band = (value: { low: number; high: number }) =>
      strings(locale, 'range', { low: money(value.low), high: money(value.high) });
    const firstMonths = Math.min(12, this.horizonMonths);
    return html`<div class="cards" part="summary">
        <div class="card">
          <span class="label"
            >${strings(locale, 'runRate')}
            <span class="badge estimated" title=${common(locale, 'estimatedHint')}
              >${common(locale, 'estimated')}</span
            ></span
          >
          <strong class="figure" id="run-rate">${money(projection.annualRunRate.value)}</strong>
          <span class="range">${band(projection.annualRunRate)}</span>
          <span class="delta">${this.changeText(projection)}</span>
        </div>
        <div class="card">
          <span class="label"
            >${strings(locale, firstMonths === 1 ? 'firstMonths_one' : 'firstMonths_other', {
              months: firstMonths,
            })}</span
          >
          <strong class="figure" id="first-year">${money(projection.firstYear.value)}</strong>
          <span class="range">${band(projection.firstYear)}</span>
          ${
            projection.roi !== null
              ? html`<span class="delta">${strings(locale, 'roi', {
                  multiple: formatRatio(projection.roi, this.intlLocale),
                })}</span>`
              : nothing
          }
        </div>
      </div>`;
  }

  private renderResults(projection: Projection, currency: string) {
    const locale = this.uiLocale;
    const money = (value: number) => formatMoney(value, currency, this.intlLocale, true);
    const words = { locale, intlLocale: this.intlLocale, currency };
    const drivers = this.loaded?.basis.model.drivers ?? [];
    return html`<div class="results" tabindex="-1" part="results">
      <div class="chart-head">
        <h4>${strings(locale, 'chartTitle')}</h4>
        <button
          type="button"
          class="link"
          aria-pressed=${this.asTable ? 'true' : 'false'}
          @click=${() => {
            this.asTable = !this.asTable;
          }}
        >
          ${this.asTable ? common(locale, 'showChart') : common(locale, 'showTable')}
        </button>
      </div>
      ${this.asTable ? renderMonthTable(projection.months, words) : renderChart(projection.months, words)}
      <p class="visually-hidden">${chartSummary(projection.months, words)}</p>
      <div class="table-scroll">
      <table class="sources" part="table">
        <caption>${strings(locale, 'sources')}</caption>
        <thead>
          <tr>
            <td></td>
            <th scope="col">${strings(locale, 'chartToday')}</th>
            <th scope="col">${strings(locale, 'chartPlan')}</th>
            <th scope="col">${strings(locale, 'change')}</th>
          </tr>
        </thead>
        <tbody>
          ${projection.drivers
            .filter((row) => row.baseline > 0 || row.scenario > 0)
            .map(
              (row) => html`<tr class=${row.delta !== 0 ? 'moved' : ''}>
                <th scope="row">${drivers.find((driver) => driver.id === row.id)?.label ?? row.id}</th>
                <td>${money(row.baseline)}</td>
                <td>${money(row.scenario)}</td>
                <td>${row.delta === 0 ? '—' : `${row.delta > 0 ? '+' : '−'}${money(Math.abs(row.delta))}`}</td>
              </tr>`,
            )}
        </tbody>
      </table>
      </div>
    </div>`;
  }

  private renderGoal(basis: ProjectionBasis, levers: readonly Lever[]) {
    const locale = this.uiLocale;
    const driver = this.goal?.driver;
    const unit = goalUnit(basis, driver);
    const candidates = goalLevers(levers, driver);
    return html`<form
      class="goal"
      part="goal"
      @submit=${(event: Event) => {
        event.preventDefault();
        this.seekGoal();
      }}
    >
      <h4>${strings(locale, 'goalTitle')}</h4>
      ${
        this.goal
          ? html`<p class="note">${strings(locale, 'goalPromise', {
              target: goalAmountText(this.goal.target, basis, driver, this.intlLocale),
            })}</p>`
          : nothing
      }
      <div class="goal-fields">
        <label for="goal-target">${strings(locale, 'goalTarget')}</label>
        <input
          id="goal-target"
          type="number"
          min="0"
          step="any"
          required
          .value=${this.goalTarget}
          @input=${(event: Event) => {
            this.goalTarget = (event.target as HTMLInputElement).value;
          }}
        />
        <span>${unit ? unit.plural : basis.model.currency} ${strings(locale, 'goalPerYear')}</span>
      </div>
      <div class="goal-fields">
        <label for="goal-lever">${strings(locale, 'goalLever')}</label>
        <select
          id="goal-lever"
          @change=${(event: Event) => {
            this.goalLever = (event.target as HTMLSelectElement).value;
          }}
        >
          ${candidates.map(
            (lever) =>
              html`<option value=${lever.id} ?selected=${lever.id === this.goalLever}>
                ${lever.kind === 'assumption' ? lever.label : `${lever.label}: ${leverName(lever, locale)}`}
              </option>`,
          )}
        </select>
        <button type="submit" class="button">${strings(locale, 'goalFind')}</button>
      </div>
      ${
        this.goalMessage
          ? html`<p class="message ${this.goalMessage.kind}" role="status">${this.goalMessage.text}</p>`
          : nothing
      }
    </form>`;
  }

  private renderSave() {
    const locale = this.uiLocale;
    const opened = this.opened;
    return html`<form class="save" part="save" @submit=${this.handleSave}>
      <h4>${strings(locale, 'saveTitle')}</h4>
      <div class="save-fields">
        <label for="plan-name">${strings(locale, 'name')}</label>
        <input id="plan-name" name="plan-name" maxlength="120" .value=${opened?.name ?? ''} />
        <label class="check">
          <input type="checkbox" name="plan-shared" .checked=${opened?.shared ?? false} />
          ${strings(locale, 'share')}
        </label>
        <button type="submit" class="button" value="new">${strings(locale, 'save')}</button>
        ${
          opened && this.canChange(opened)
            ? html`<button type="submit" class="link" value="update">
                ${strings(locale, 'saveChanges', { name: opened.name })}
              </button>`
            : nothing
        }
      </div>
      ${
        this.saveMessage
          ? html`<p class="message ${this.saveMessage.kind}" role="status">${this.saveMessage.text}</p>`
          : nothing
      }
    </form>`;
  }
}

defineElement('vp-planner-panel', VpPlannerPanel);

declare global {
  interface HTMLElementTagNameMap {
    'vp-planner-panel': VpPlannerPanel;
  }
}
