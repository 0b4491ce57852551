import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { readToken } from '../api/client.ts';
import type { CutOptions, HandoffList, ValueStory } from '../api/types.ts';
import { type Cut, sameCut } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import {
  type ExplainRequest,
  emit,
  type FactFocus,
  type HandoffOpen,
  type PlanGoal,
  type PlanPreset,
  type PlanRequest,
  TOTAL,
} from '../core/events.ts';
import { formatDayRange } from '../core/format.ts';
import { renderLoading } from '../core/states.ts';
import { wayName } from '../cuts/cuts-model.ts';
import '../handoff/handoff.ts';
import '../handoff/handoff-replies.ts';
import { recordJourney } from '../journey/journey.ts';
import { tokens } from '../styles/tokens.ts';
import type { TrendMarker } from '../trend-chart/trend-model.ts';
import { strings } from './dashboard.strings.ts';
import { dashboardStyles } from './dashboard.styles.ts';

export const dashboardSections = [
  'cuts',
  'story',
  'trend',
  'drivers',
  'explain',
  'next',
  'plan',
] as const;
export type DashboardSection = (typeof dashboardSections)[number];

/** A story insight the chart marks as an unusual point. */
export type ChartMarker = TrendMarker;

/** Unusual days and weeks the story found, as markers for the chart. */
export function markersOf(story: ValueStory): ChartMarker[] {
  return story.chapters
    .flatMap((chapter) => chapter.insights)
    .filter((insight) => insight.type === 'unusual_change' && insight.facts[0])
    .map((insight) => {
      const period = insight.facts[0]?.provenance.period ?? { from: '', to: '' };
      return {
        driver: insight.drivers[0] ?? TOTAL,
        from: period.from,
        to: period.to,
        label: insight.text ?? '',
      };
    });
}

/** `sections="story trend"` or `"story,trend"`; unknown names are ignored, nothing means all. */
export function sectionsOf(attribute: string | null | undefined): Set<DashboardSection> {
  const asked = (attribute ?? '')
    .split(/[\s,]+/)
    .filter((name): name is DashboardSection =>
      (dashboardSections as readonly string[]).includes(name),
    );
  return new Set(asked.length > 0 ? asked : dashboardSections);
}

/** The focused element, inside shadow roots too (the sentence's button, the chart's point). */
function deepestFocus(): HTMLElement | SVGElement | undefined {
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return focused instanceof HTMLElement || focused instanceof SVGElement ? focused : undefined;
}

/** The pieces that say `vp-loaded`, by tag: their failures are tracked until they load again. */
const PIECE_NAMES: Record<string, string> = {
  'vp-value-story': 'story',
  'vp-trend-chart': 'trend',
  'vp-drivers': 'drivers',
  'vp-explain': 'explain',
  'vp-explain-panel': 'explain',
  'vp-scenario-planner': 'plan',
  'vp-planner-panel': 'plan',
  'vp-next-best': 'next',
  'vp-next-best-panel': 'next',
};

/**
 * @summary The customer's value dashboard: the story, the trend against the promise, where the
 * value comes from, cuts and troubleshooting, suggestions for more value and planning ahead, all
 * for the account in the embed token.
 *
 * @fires vp-ready - The story has loaded for the first time. detail: {account}
 * @fires vp-error - A piece could not load or save. detail: {code, message}
 * @fires vp-cut-change - The customer changed the period, comparison or filter. detail: the Cut
 * @fires vp-assumption-change - An editor changed an assumption. detail: {id, value, previous}
 * @fires vp-scenario-change - The customer moved a lever in "Plan ahead". detail: {levers, horizonMonths, rampMonths, annualRunRate, firstYear, baseline}
 * @fires vp-scenario-save - The customer saved a plan. detail: {id, name, shared}
 * @fires vp-offer-action - The customer pressed a suggestion's call to action; cancel it to route it yourself, else its URL opens in a new tab. detail: {offer: {id, label, kind}, decisionId, cta: {label, url?}}
 * @fires vp-handoff-request - The customer pressed Send in "Talk to your success manager"; cancelable: cancel it to route the brief to your own chat, else the widget sends it. detail: {brief, topic: {kind, ref?}, message, channel, when, include}
 * @fires vp-handoff-sent - The widget sent a hand-off to the success manager. detail: {id}
 * @fires vp-recovered - Every piece that failed has loaded again (after "Try again", which retries them all): clear your error state. detail: {pieces}
 *
 * @csspart frame - The dashboard's outer box.
 * @csspart header - Title, the period shown and "Talk to your success manager" (not in a success manager's own view of it: a token with a `rep` claim).
 * @csspart panel - Each piece's card, the hand-off panel and "From your success manager" (shown once the account has hand-offs) included.
 *
 * @cssprop --vp-font - Font (inherits the host's by default).
 * @cssprop --vp-color-bg - Background of the dashboard and its cards.
 * @cssprop --vp-color-surface - Background of quiet surfaces (states, tooltips).
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Secondary text.
 * @cssprop --vp-color-border - Borders and grid lines.
 * @cssprop --vp-color-accent - Realized value and primary actions.
 * @cssprop --vp-color-promise - The promised pace.
 * @cssprop --vp-color-forecast - The forecast and its band.
 * @cssprop --vp-color-positive - Increases and "measured".
 * @cssprop --vp-color-negative - Decreases and errors.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-chart-1 - First series colour (also --vp-chart-2 … --vp-chart-6).
 * @cssprop --vp-scroll-margin - Room kept above what the widget scrolls into view or focuses (a sticky header's height, e.g. 64px).
 */
export class VpDashboard extends VpElement {
  static override properties = {
    ...VpElement.properties,
    sections: { type: String },
    vendor: { type: String },
    journey: { type: String },
    highlight: { state: true },
    markers: { state: true },
    explainRequest: { state: true },
    announcement: { state: true },
    planOpen: { state: true },
    planGoal: { state: true },
    planPreset: { state: true },
    handoff: { state: true },
    handoffs: { state: true },
  };

  static override styles = [tokens, dashboardStyles];

  /** Which pieces show: cuts, story, trend, drivers, explain, next, plan (space or comma separated). */
  declare sections: string;
  /** The product's name, for words like "Acme Flow's default". */
  declare vendor: string;
  /** "off": record nothing of what the customer does here (e.g. until they consent). */
  declare journey: string;
  private stopJourney: (() => void) | undefined;
  declare highlight: FactFocus[];
  declare markers: ChartMarker[];
  declare explainRequest: ExplainRequest | undefined;
  declare announcement: string;
  /** "Plan ahead" was opened (its chunk loads then); it stays on the page once opened. */
  declare planOpen: boolean | undefined;
  declare planGoal: PlanGoal | undefined;
  declare planPreset: PlanPreset | undefined;
  /** The hand-off panel is open about this; `handoffs` counts sends, to list them again. */
  declare handoff: HandoffOpen | undefined;
  declare handoffs: number;
  /** What opened the hand-off: focus goes back to it when the panel closes. */
  private handoffFrom: HTMLElement | undefined;
  private readyFor: string | undefined;
  /** Whether the token is a success manager's read-only view, for the token it was read from. */
  private repView: { token: string; rep: boolean } | undefined;
  /** Pieces whose last load failed, by their `vp-loaded` name, until they load again. */
  private readonly failed = new Set<string>();
  /** Every piece that failed since the dashboard was last whole, for `vp-recovered`. */
  private readonly failedSince = new Set<string>();
  /** The ways to filter, for the filter's label in the header (the cut bar asks the same: shared). */
  private readonly cutOptions = new Task(this, {
    task: async ([client]) => client?.get<CutOptions>('/v1/value/cuts'),
    args: () => [this.valueClient] as const,
  });
  /**
   * The account's hand-offs, once the dashboard is ready ("From your success manager"). The section
   * is extra: without hand-offs, or when they cannot be listed, it is simply not there.
   */
  private readonly handoffList = new Task(this, {
    task: async ([client, ready]) =>
      client && ready ? (await client.get<HandoffList>('/v1/handoffs')).handoffs : [],
    args: () =>
      [
        this.handoffAllowed ? this.valueClient : undefined,
        this.readyFor,
        this.revision,
        this.handoffs,
      ] as const,
  });

  constructor() {
    super();
    this.sections = '';
    this.vendor = '';
    this.journey = '';
    this.highlight = [];
    this.markers = [];
    this.explainRequest = undefined;
    this.announcement = '';
    this.planOpen = undefined;
    this.planGoal = undefined;
    this.planPreset = undefined;
    this.handoff = undefined;
    this.handoffs = 0;
    this.addEventListener('vp-handoff-open', (event) => this.handleHandoffOpen(event));
    this.addEventListener('vp-handoff-close', () => this.handleHandoffClose());
    this.addEventListener('vp-handoff-sent', () => {
      this.handoffs += 1;
    });
    this.addEventListener('vp-plan-request', (event) => this.handlePlanRequest(event));
    this.addEventListener('vp-cut-change', (event) => this.handleCutChange(event.detail));
    this.addEventListener('vp-assumption-change', () => this.handleAssumptionChange());
    this.addEventListener('vp-facts-focus', (event) => {
      this.highlight = event.detail.facts;
    });
    this.addEventListener('vp-story-change', (event) => this.handleStory(event.detail.story));
    // Without the story shown, the first piece to load makes the dashboard ready.
    this.addEventListener('vp-loaded', (event) => {
      if (!sectionsOf(this.sections).has('story')) this.markReady(event.detail.account);
    });
    this.addEventListener('vp-explain-request', (event) => this.handleExplainRequest(event));
    this.addEventListener('vp-error', (event) => {
      const piece = PIECE_NAMES[(event.composedPath()[0] as Element | undefined)?.localName ?? ''];
      if (piece) {
        this.failed.add(piece);
        this.failedSince.add(piece);
      }
    });
    this.addEventListener('vp-loaded', (event) => this.handleLoaded(event.detail.piece));
    // One "Try again" retries every piece (a new revision reloads each; equal GETs are shared).
    this.addEventListener('vp-retry', (event) => {
      event.stopPropagation();
      this.revision += 1;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.readyFor !== undefined)
      this.stopJourney ??= recordJourney(this, () => this.valueClient);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopJourney?.();
    this.stopJourney = undefined;
  }

  /** Hand-offs are the customer's: a success manager's read-only view (a `rep` claim) has none. */
  private get handoffAllowed(): boolean {
    const token = this.token || this.valueClient?.heldToken;
    if (!token) return false;
    // Asked on every render: the token is read once, not decoded each time.
    if (this.repView?.token !== token) this.repView = { token, rep: !!readToken(token).rep };
    return !this.repView.rep;
  }

  private handleHandoffOpen(event: CustomEvent<HandoffOpen>): void {
    if (!this.handoffAllowed) return;
    const from = event.composedPath()[0];
    this.handoffFrom = from instanceof HTMLElement ? from : undefined;
    // The brief tells the value and the story for the days the customer is looking at.
    const period = { from: this.cut.from, to: this.cut.to };
    this.handoff = { ...event.detail, topic: { ...event.detail.topic, period } };
    void this.updateComplete.then(() => this.renderRoot.querySelector('vp-handoff')?.focusPanel());
  }

  private handleHandoffClose(): void {
    this.handoff = undefined;
    const back = this.handoffFrom?.isConnected
      ? this.handoffFrom
      : this.renderRoot.querySelector<HTMLElement>('.talk');
    void this.updateComplete.then(() => back?.focus());
  }

  private handleLoaded(piece: string): void {
    if (!this.failed.delete(piece) || this.failed.size > 0) return;
    const pieces = [...this.failedSince];
    this.failedSince.clear();
    emit(this, 'vp-recovered', { pieces });
  }

  private handleCutChange(cut: Cut): void {
    if (sameCut(cut, this.cut)) return;
    this.cut = cut;
    this.explainRequest = undefined;
    this.highlight = [];
    this.announcement = this.periodText();
  }

  private handleAssumptionChange(): void {
    this.revision += 1;
  }

  private handleStory(story: ValueStory): void {
    this.markers = markersOf(story);
    this.markReady(story.account);
  }

  private markReady(account: string): void {
    if (this.readyFor === account) return;
    this.readyFor = account;
    this.stopJourney ??= recordJourney(this, () => this.valueClient);
    // The suggestions wait for the answer: they load once the story is on screen.
    this.requestUpdate();
    emit(this, 'vp-ready', { account });
  }

  private handleExplainRequest(event: CustomEvent<ExplainRequest>): void {
    if (!sectionsOf(this.sections).has('explain')) return;
    const trigger = deepestFocus();
    this.explainRequest = event.detail;
    // Only on the customer's own action: bring the answer into view and focus it (Escape there
    // returns to the sentence or point that asked).
    void this.updateComplete.then(() => {
      const explain = this.renderRoot.querySelector('vp-explain');
      explain?.scrollIntoView({ block: 'nearest' });
      return explain?.showAnswer(trigger);
    });
  }

  /**
   * The planner, opened with a goal ("What would it take?" under a promise) or an offer's levers
   * ("Plan it"); without a planner on the page, the goal's question is explained instead.
   */
  private handlePlanRequest(event: CustomEvent<PlanRequest>): void {
    const { goal, preset, explain, scenarioId } = event.detail;
    if (!sectionsOf(this.sections).has('plan')) {
      if (explain) {
        this.handleExplainRequest(new CustomEvent('vp-explain-request', { detail: explain }));
      }
      return;
    }
    this.planOpen = true;
    if (goal) this.planGoal = goal;
    if (preset) this.planPreset = preset;
    void this.updateComplete.then(() => {
      const planner = this.renderRoot.querySelector('vp-scenario-planner');
      if (scenarioId) return planner?.openSaved(scenarioId);
      return goal ? planner?.focusGoal() : planner?.focusPreset();
    });
  }

  private togglePlan(): void {
    this.planOpen = !this.planOpen;
  }

  private renderPlan() {
    const locale = this.uiLocale;
    return html`<section class="panel wide plan" part="panel" aria-labelledby="plan-title">
      <div class="plan-head">
        <h3 id="plan-title">${strings(locale, 'planTitle')}</h3>
        <button
          type="button"
          class="button"
          aria-expanded=${this.planOpen ? 'true' : 'false'}
          aria-controls="planner"
          @click=${this.togglePlan}
        >
          ${this.planOpen ? strings(locale, 'planHide') : strings(locale, 'planOpen')}
        </button>
      </div>
      ${this.planOpen ? nothing : html`<p class="pitch">${strings(locale, 'planPitch')}</p>`}
      ${
        this.planOpen === undefined
          ? nothing
          : html`<vp-scenario-planner
              id="planner"
              ?hidden=${!this.planOpen}
              .goal=${this.planGoal}
              .preset=${this.planPreset}
              ?handoff=${this.handoffAllowed}
              .client=${this.valueClient}
              .revision=${this.revision}
              locale=${this.locale}
              theme=${this.theme}
            ></vp-scenario-planner>`
      }
    </section>`;
  }

  private periodText(): string {
    const period = formatDayRange(this.cut.from, this.cut.to, this.intlLocale);
    const filter = this.cut.filter;
    if (!filter) return strings(this.uiLocale, 'showing', { period });
    return strings(this.uiLocale, 'showingFiltered', {
      period,
      by: wayName(filter.by, this.cutOptions.value, this.uiLocale),
      value: filter.value,
    });
  }

  override render() {
    const shown = sectionsOf(this.sections);
    const client = this.valueClient;
    const shared = {
      locale: this.locale,
      theme: this.theme,
    };
    const handoff = this.handoffAllowed;
    const talk = strings(this.uiLocale, 'talk');
    const handoffs = this.handoffList.value ?? [];
    return html`<div class="frame" part="frame">
      <header part="header">
        <h2>${strings(this.uiLocale, 'title')}</h2>
        <span class="period">${this.periodText()}</span>
        ${
          handoff
            ? html`<button
                type="button"
                class="button talk"
                @click=${(event: Event) =>
                  emit(event.currentTarget as Element, 'vp-handoff-open', {
                    topic: { kind: 'general' },
                    label: talk,
                  })}
              >
                ${talk}
              </button>`
            : nothing
        }
      </header>
      ${
        this.handoff
          ? html`<vp-handoff
              class="panel"
              part="panel"
              .topic=${this.handoff.topic}
              label=${this.handoff.label}
              .client=${client}
              .revision=${this.revision}
              locale=${shared.locale}
              theme=${shared.theme}
            ></vp-handoff>`
          : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        shown.has('cuts')
          ? html`<vp-cuts
              .client=${client}
              .options=${this.cutOptions.value}
              .cut=${this.cut}
              .revision=${this.revision}
              locale=${shared.locale}
              theme=${shared.theme}
            ></vp-cuts>`
          : nothing
      }
      <div class="grid">
        ${
          shown.has('story')
            ? html`<section class="panel" part="panel" aria-label=${strings(this.uiLocale, 'storyTitle')}>
                <vp-value-story
                  ?handoff=${handoff}
                  .client=${client}
                  .cut=${this.cut}
                  .revision=${this.revision}
                  locale=${shared.locale}
                  theme=${shared.theme}
                ></vp-value-story>
              </section>`
            : nothing
        }
        ${
          shown.has('trend')
            ? html`<section class="panel" part="panel" aria-label=${strings(this.uiLocale, 'trendTitle')}>
                <vp-trend-chart
                  .client=${client}
                  .cut=${this.cut}
                  .revision=${this.revision}
                  .highlight=${this.highlight}
                  .markers=${this.markers}
                  locale=${shared.locale}
                  theme=${shared.theme}
                ></vp-trend-chart>
              </section>`
            : nothing
        }
        ${
          handoffs.length > 0
            ? html`<vp-handoff-replies
                class="panel wide"
                part="panel"
                ?planning=${shown.has('plan')}
                .handoffs=${handoffs}
                .client=${client}
                .revision=${this.revision}
                locale=${shared.locale}
                theme=${shared.theme}
              ></vp-handoff-replies>`
            : nothing
        }
        ${
          shown.has('drivers')
            ? html`<section class="panel wide" part="panel" aria-label=${strings(this.uiLocale, 'driversTitle')}>
                <vp-drivers
                  vendor=${this.vendor}
                  .client=${client}
                  .cut=${this.cut}
                  .revision=${this.revision}
                  locale=${shared.locale}
                  theme=${shared.theme}
                ></vp-drivers>
              </section>`
            : nothing
        }
        ${
          shown.has('explain')
            ? html`<section class="panel wide" part="panel" aria-label=${strings(this.uiLocale, 'explainTitle')}>
                <vp-explain
                  .client=${client}
                  .options=${this.cutOptions.value}
                  .cut=${this.cut}
                  .revision=${this.revision}
                  .request=${this.explainRequest}
                  locale=${shared.locale}
                  theme=${shared.theme}
                ></vp-explain>
              </section>`
            : nothing
        }
        ${
          shown.has('next')
            ? html`<section class="panel wide" part="panel" aria-label=${strings(this.uiLocale, 'nextTitle')}>
                ${
                  this.readyFor === undefined
                    ? renderLoading(this.uiLocale, 'rows')
                    : html`<vp-next-best
                  ?planning=${shown.has('plan')}
                  ?handoff=${handoff}
                  .client=${client}
                  .revision=${this.revision}
                  locale=${shared.locale}
                  theme=${shared.theme}
                ></vp-next-best>`
                }
              </section>`
            : nothing
        }
        ${shown.has('plan') ? this.renderPlan() : nothing}
      </div>
    </div>`;
  }
}

defineElement('vp-dashboard', VpDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'vp-dashboard': VpDashboard;
  }
}
