import { html } from 'lit';
import { defineElement } from '../core/define.ts';
import type { PlanGoal, PlanPreset } from '../core/events.ts';
import { Chunk, VpLazyElement } from '../core/lazy.ts';
import type { VpPlannerPanel } from './planner-panel.ts';

const body = new Chunk(() => import('./planner-panel.ts'));

const PARTS =
  'planner, summary, lever-group, lever, results, chart, table, goal, save, saved-plan, ask, compare, loading, error, empty';

/**
 * Scenario planning: the customer moves what their team would do (how many people use each part,
 * how much, what a unit is worth) and sees the value it would bring at once, with its likely range,
 * month by month against today; asks what it would take to reach an amount a year; saves named
 * plans, shares them with the team and compares two side by side with their inputs. Every figure is
 * computed in the browser by the same projection the server's /v1/scenarios answers with.
 *
 * Its body is a chunk of its own, fetched the first time the element is shown; the parts below are
 * those of the body, exported.
 *
 * @summary Plan ahead: levers, the value they would bring, goal seek, saved and compared plans.
 *
 * `preset` ({levers, label}, an offer's "Plan it") sets the levers to those values and says so.
 *
 * @fires vp-scenario-change - A lever, the horizon or the ramp changed. detail: {levers (moved ones only), horizonMonths, rampMonths, annualRunRate, firstYear, baseline}, each money figure {value, low, high}
 * @fires vp-scenario-save - A plan was saved or its changes were. detail: {id, name, shared}
 * @fires vp-handoff-open - "Ask about this" on a saved plan (with `handoff`). detail: {topic: {kind: 'scenario', ref: the plan's id}, label: its name}; a dashboard opens the hand-off about it.
 * @fires vp-scenario-compare - Two saved plans are shown side by side. detail: {ids}
 * @fires vp-scenario-delete - A saved plan was deleted. detail: {id}
 * @fires vp-loaded - {piece: 'plan', account} when the levers loaded.
 * @fires vp-error - {code, message} when the levers or the plans could not load, or a plan could not be saved.
 *
 * @csspart planner - The whole planner.
 * @csspart lever-group - The levers of one way value is gained, or the assumptions.
 * @csspart lever - One lever: its slider, number field, today's value and bounds.
 * @csspart summary - The plan's value a year and over its first months, with ranges (kept in view while scrolling).
 * @csspart results - The chart and where the value would come from.
 * @csspart chart - The month-by-month chart.
 * @csspart table - The month table and the per-source table.
 * @csspart goal - "What would it take?"
 * @csspart save - Naming, sharing and saving a plan.
 * @csspart saved-plan - One saved plan in the list; a plan a success manager pushed says "Shared by <name>, your success manager".
 * @csspart ask - "Ask about this" on a saved plan (with `handoff`).
 * @csspart compare - Two plans side by side.
 * @csspart loading - The skeleton while loading.
 * @csspart error - The error state, with a retry.
 * @csspart empty - Nothing to plan yet, or no saved plans.
 *
 * @cssprop --vp-color-bg - Background and field background.
 * @cssprop --vp-color-surface - Figure cards and tags.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Notes, ranges and axis labels.
 * @cssprop --vp-color-border - Borders, grid lines and rules.
 * @cssprop --vp-color-accent - The plan's line and band, sliders and links.
 * @cssprop --vp-color-promise - Today's line.
 * @cssprop --vp-color-negative - Problems and delete.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpScenarioPlanner extends VpLazyElement {
  static override properties = {
    ...VpLazyElement.properties,
    goal: { attribute: false },
    preset: { attribute: false },
    handoff: { type: Boolean },
  };

  /** An amount a year to aim for, {target, driver?} (money, or the driver's unit): fills "What would it take?" and answers it. */
  declare goal: PlanGoal | undefined;
  /** Lever values to start from, {levers, label} (an offer's "Plan it"): the plan is set to them. */
  declare preset: PlanPreset | undefined;
  /** Offer "Ask about this" on each saved plan: set it when the page answers `vp-handoff-open` (the dashboard does). */
  declare handoff: boolean;
  protected readonly chunk = body;
  protected override readonly loadingShape = 'rows';

  constructor() {
    super();
    this.goal = undefined;
    this.preset = undefined;
    this.handoff = false;
  }

  /** Opens a saved plan by its id (a success manager's "Open this plan") and moves focus to it. */
  async openSaved(id: string): Promise<void> {
    await this.bodyReady();
    await this.renderRoot.querySelector<VpPlannerPanel>('vp-planner-panel')?.openSaved(id);
  }

  /** Moves focus to "What would it take?", once the planner is shown. */
  async focusGoal(): Promise<void> {
    await this.bodyReady();
    await this.renderRoot.querySelector<VpPlannerPanel>('vp-planner-panel')?.focusGoal();
  }

  /** Moves focus to the note saying what the plan was set to, once the planner is shown. */
  async focusPreset(): Promise<void> {
    await this.bodyReady();
    await this.renderRoot.querySelector<VpPlannerPanel>('vp-planner-panel')?.focusPreset();
  }

  protected renderBody() {
    return html`<vp-planner-panel
      exportparts=${PARTS}
      .goal=${this.goal}
      .preset=${this.preset}
      ?handoff=${this.handoff}
      .client=${this.valueClient}
      .revision=${this.revision}
      locale=${this.locale}
      theme=${this.theme}
    ></vp-planner-panel>`;
  }
}

defineElement('vp-scenario-planner', VpScenarioPlanner);

declare global {
  interface HTMLElementTagNameMap {
    'vp-scenario-planner': VpScenarioPlanner;
  }
}
