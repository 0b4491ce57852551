import type { DismissReason, FeedbackAction } from '../../blueprint/offer-feedback.ts';
import type {
  BriefPart,
  HandoffBrief,
  HandoffChannel,
  HandoffTiming,
  HandoffTopic,
  SegmentFilter,
  StoryInsight,
  ValueStory,
} from '../api/types.ts';

/** What each public event carries in `detail`. */
export interface VpEventDetails {
  'vp-ready': { account: string };
  'vp-error': { code: string; message: string };
  'vp-cut-change': Cut;
  'vp-assumption-change': { id: string; value: number; previous: number };
  /** Between the pieces of the dashboard (a host may listen too). */
  'vp-facts-focus': { facts: FactFocus[] };
  'vp-explain-request': ExplainRequest;
  'vp-loaded': { piece: string; account: string };
  'vp-story-change': { story: ValueStory };
  /** Every piece that failed has loaded again: the host may clear its error state. */
  'vp-recovered': { pieces: string[] };
  /** "Try again" was pressed in a piece: the dashboard retries every piece. */
  'vp-retry': Record<string, never>;
  /** The customer moved a lever (or the horizon): the plan's inputs and what it would bring. */
  'vp-scenario-change': ScenarioChange;
  /** A plan was saved (new, or its changes). */
  'vp-scenario-save': { id: string; name: string; shared: boolean };
  /**
   * Open the planner: the story's "What would it take?" under a promise it is behind on (a goal,
   * and what to explain instead when there is no planner), or an offer's "Plan it" (levers).
   */
  'vp-plan-request': PlanRequest;
  /** An offer's call to action; cancel it to route it yourself (else its URL opens in a new tab). */
  'vp-offer-action': OfferAction;
  /** "Talk to your success manager" or "Ask about this": open the hand-off about a topic. */
  'vp-handoff-open': HandoffOpen;
  /** Send was pressed: cancel it to route the brief yourself (else the widget sends it). */
  'vp-handoff-request': HandoffRequest;
  /** The widget sent the hand-off (201). */
  'vp-handoff-sent': { id: string };
  /** The hand-off panel was closed (Escape, Cancel, or Done after sending). */
  'vp-handoff-close': Record<string, never>;
  /** The customer asked a story sentence's question (what it is, never its words). */
  'vp-story-question': { insightId: string; type: StoryInsight['type'] };
  /** A suggestion was shown (once a browser session) or the customer's reaction to it was saved. */
  'vp-offer-feedback': OfferFeedback;
  /** Two saved plans are shown side by side. */
  'vp-scenario-compare': { ids: string[] };
  /** A saved plan was deleted. */
  'vp-scenario-delete': { id: string };
}

export interface OfferFeedback {
  offerId: string;
  decisionId: string;
  /** `clicked` is told by `vp-offer-action`. */
  action: Exclude<FeedbackAction, 'clicked'>;
  /** Why it was dismissed. */
  reason?: DismissReason;
}

/** What a hand-off is about, and how the customer sees it named. */
export interface HandoffOpen {
  topic: HandoffTopic;
  label: string;
}

export interface HandoffRequest {
  /** Exactly what would be shared: the preview, with this message, channel and timing. */
  brief: HandoffBrief;
  topic: HandoffTopic;
  message: string;
  channel: HandoffChannel;
  when: HandoffTiming;
  /** Each part of the brief and whether it is shared. */
  include: Record<BriefPart, boolean>;
}

export interface PlanRequest {
  /** A saved plan to open (a success manager's "Open this plan"). */
  scenarioId?: string;
  goal?: PlanGoal;
  explain?: ExplainRequest;
  /** Lever values to start the plan from, and what they stand for (an offer's label). */
  preset?: PlanPreset;
}

export interface PlanPreset {
  levers: Record<string, number>;
  label: string;
  /** The plan's own horizon and ramp (a success manager's variant of a saved plan); else kept. */
  horizonMonths?: number;
  rampMonths?: number;
}

export interface OfferAction {
  offer: { id: string; label: string; kind: string };
  decisionId: string;
  cta: { label: string; url?: string };
}

/** An amount a year to reach: money, or with `driver` that driver's own unit (hours, tickets). */
export interface PlanGoal {
  target: number;
  driver?: string;
}

interface MoneyBand {
  value: number;
  low: number;
  high: number;
}

export interface ScenarioChange {
  /** Lever values by id, only those moved away from today. */
  levers: Record<string, number>;
  horizonMonths: number;
  rampMonths: number;
  annualRunRate: MoneyBand;
  firstYear: MoneyBand;
  /** Today's annual run rate, for the change. */
  baseline: MoneyBand;
}

/** The driver id that stands for all value together in requests and facts. */
export const TOTAL = 'total';

/** "total" (or nothing) stands for all value together. */
export function isTotal(driver: string | undefined | null): boolean {
  return !driver || driver === TOTAL;
}

/** "Why did this change?": a driver (or "total") in a period, against another period. */
export interface ExplainRequest {
  driver: string;
  from: string;
  to: string;
  compareFrom?: string;
  compareTo?: string;
}

/** A fact a sentence cites, as the charts can show it. */
export interface FactFocus {
  driver: string;
  from: string;
  to: string;
}

export interface Cut {
  from: string;
  to: string;
  /** Which preset the period came from, so the bar can show it; "custom" for picked days. */
  preset: PeriodPreset;
  compare: ComparePreset;
  compareFrom: string;
  compareTo: string;
  filter?: SegmentFilter;
  /** The period runs to today, which is still under way (presets end yesterday otherwise). */
  includeToday?: true;
}

export type PeriodPreset = '30d' | '90d' | 'qtd' | 'ytd' | '12m' | 'custom';
export type ComparePreset = 'previous' | 'last_year' | 'custom';

/**
 * Emits a `vp-*` event that bubbles out of every shadow root, the way hosts expect; false when a
 * listener cancelled a cancelable one.
 */
export function emit<K extends keyof VpEventDetails>(
  from: EventTarget,
  name: K,
  detail: VpEventDetails[K],
  cancelable = false,
): boolean {
  return from.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }),
  );
}

declare global {
  interface HTMLElementEventMap {
    'vp-ready': CustomEvent<VpEventDetails['vp-ready']>;
    'vp-error': CustomEvent<VpEventDetails['vp-error']>;
    'vp-cut-change': CustomEvent<VpEventDetails['vp-cut-change']>;
    'vp-assumption-change': CustomEvent<VpEventDetails['vp-assumption-change']>;
    'vp-facts-focus': CustomEvent<VpEventDetails['vp-facts-focus']>;
    'vp-explain-request': CustomEvent<VpEventDetails['vp-explain-request']>;
    'vp-loaded': CustomEvent<VpEventDetails['vp-loaded']>;
    'vp-story-change': CustomEvent<VpEventDetails['vp-story-change']>;
    'vp-recovered': CustomEvent<VpEventDetails['vp-recovered']>;
    'vp-retry': CustomEvent<VpEventDetails['vp-retry']>;
    'vp-scenario-change': CustomEvent<VpEventDetails['vp-scenario-change']>;
    'vp-scenario-save': CustomEvent<VpEventDetails['vp-scenario-save']>;
    'vp-plan-request': CustomEvent<VpEventDetails['vp-plan-request']>;
    'vp-offer-action': CustomEvent<VpEventDetails['vp-offer-action']>;
    'vp-handoff-open': CustomEvent<VpEventDetails['vp-handoff-open']>;
    'vp-handoff-request': CustomEvent<VpEventDetails['vp-handoff-request']>;
    'vp-handoff-sent': CustomEvent<VpEventDetails['vp-handoff-sent']>;
    'vp-handoff-close': CustomEvent<VpEventDetails['vp-handoff-close']>;
    'vp-story-question': CustomEvent<VpEventDetails['vp-story-question']>;
    'vp-offer-feedback': CustomEvent<VpEventDetails['vp-offer-feedback']>;
    'vp-scenario-compare': CustomEvent<VpEventDetails['vp-scenario-compare']>;
    'vp-scenario-delete': CustomEvent<VpEventDetails['vp-scenario-delete']>;
  }
}
