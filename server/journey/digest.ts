import type { JourneyDigest } from '../../blueprint/api/journey.ts';
import {
  type DismissReason,
  dismissReasons,
  type OfferState,
} from '../../blueprint/offer-feedback.ts';
import type { StoredJourneyEvent } from '../../telemetry/storage/interface.ts';

/**
 * The digest of a journey: what the customer explored, prioritized, learned and discarded in the
 * last 30 days, and the questions they left open. Pure and deterministic: the same journey, plans,
 * offers and `now` give the same digest, every list in a stated order with ties broken by key.
 */

export const DIGEST_DAYS = 30;
const DAY_MS = 86_400_000;

/** A saved plan the reader may see now. */
export interface DigestPlan {
  id: string;
  name: string;
  shared: boolean;
  updatedAt: string;
}

/** An offer's state now (blueprint/offer-feedback.ts `offerState`). */
export interface DigestOffer {
  offerId: string;
  state: OfferState;
}

export interface DigestInput {
  /** The journey, any order; events outside the window are left out here. */
  journey: readonly StoredJourneyEvent[];
  plans: readonly DigestPlan[];
  offers: readonly DigestOffer[];
  /** UTC milliseconds. */
  now: number;
}

/**
 * Doing one of these after asking closes a question: the person acted on what they learned. An
 * explain or story question is open when the same person did none of them later in the window.
 */
const ACTIONS: ReadonlySet<StoredJourneyEvent['type']> = new Set([
  'scenario_built',
  'scenario_saved',
  'scenario_compared',
  'offer_accepted',
  'offer_dismissed',
  'assumption_changed',
]);

type Of<T extends StoredJourneyEvent['type']> = Extract<StoredJourneyEvent, { type: T }>;

/** Per key: how often, the last time, and the last event. */
interface Tally<E> {
  key: string;
  times: number;
  last: number;
  event: E;
}

function tally<E extends StoredJourneyEvent>(events: readonly E[], keyOf: (event: E) => string) {
  const tallies = new Map<string, Tally<E>>();
  for (const event of events) {
    const key = keyOf(event);
    const at = Date.parse(event.at);
    const known = tallies.get(key);
    if (!known) tallies.set(key, { key, times: 1, last: at, event });
    else {
      known.times += 1;
      if (at >= known.last) Object.assign(known, { last: at, event });
    }
  }
  return [...tallies.values()];
}

type Ranked = Pick<Tally<unknown>, 'key' | 'times' | 'last'>;
const byKey = (a: Ranked, b: Ranked) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const mostTimes = (a: Ranked, b: Ranked) => b.times - a.times || byKey(a, b);
const mostRecent = (a: Ranked, b: Ranked) => b.last - a.last || byKey(a, b);
const iso = (ms: number) => new Date(ms).toISOString();

export function digestJourney(input: DigestInput): JourneyDigest {
  const from = input.now - DIGEST_DAYS * DAY_MS;
  const journey = input.journey
    .filter((event) => {
      const at = Date.parse(event.at);
      return at >= from && at <= input.now;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const ofType = <T extends StoredJourneyEvent['type']>(type: T) =>
    journey.filter((event): event is Of<T> => event.type === type);

  const sections = tally(ofType('section_viewed'), (event) => event.detail.section).sort(mostTimes);
  const cuts = tally(ofType('cut_applied'), (event) => JSON.stringify(cutKey(event))).sort(
    mostRecent,
  );
  const explains = ofType('explain_asked');
  const drivers = tally(explains, (event) => event.detail.driver).sort(mostTimes);
  const asked = tally(explains, (event) => JSON.stringify(explainKey(event))).sort(mostRecent);
  const questions = tally(ofType('story_question_opened'), (event) => event.detail.insightId).sort(
    mostRecent,
  );

  return {
    window: { from: iso(from), to: iso(input.now) },
    explored: {
      sections: sections.map(({ event, times, last }) => ({
        section: event.detail.section,
        views: times,
        lastAt: iso(last),
      })),
      cuts: cuts.map(({ event, times, last }) => ({ ...cutKey(event), times, lastAt: iso(last) })),
      drivers: drivers.map(({ event, times, last }) => ({
        driver: event.detail.driver,
        explains: times,
        lastAt: iso(last),
      })),
    },
    prioritized: {
      plans: [...input.plans]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
        .map((plan) => ({
          scenarioId: plan.id,
          name: plan.name,
          shared: plan.shared,
          updatedAt: plan.updatedAt,
        })),
      comparedPlans: newestFirst(ofType('scenario_compared')).map((event) => ({
        scenarioIds: event.detail.scenarioIds,
        at: iso(Date.parse(event.at)),
      })),
      acceptedOffers: input.offers
        .flatMap(({ offerId, state }) =>
          state.state === 'in_progress' ? [{ offerId, since: state.since }] : [],
        )
        .sort((a, b) => b.since - a.since || a.offerId.localeCompare(b.offerId))
        .map(({ offerId, since }) => ({ offerId, since: iso(since) })),
    },
    learned: {
      storyQuestions: questions.map(({ event, times, last }) => ({
        insightId: event.detail.insightId,
        type: event.detail.type,
        times,
        lastAt: iso(last),
      })),
      explains: asked.map(({ event, last }) => ({ ...explainKey(event), at: iso(last) })),
    },
    discarded: {
      offers: input.offers
        .flatMap(({ offerId, state }) =>
          state.state === 'hidden' && isDismissReason(state.reason)
            ? [{ offerId, reason: state.reason, until: state.until ? iso(state.until) : null }]
            : [],
        )
        .sort((a, b) => a.offerId.localeCompare(b.offerId)),
      plans: newestFirst(ofType('scenario_deleted')).map((event) => ({
        scenarioId: event.detail.scenarioId,
        at: iso(Date.parse(event.at)),
      })),
    },
    openQuestions: openQuestions(journey),
  };
}

/** Explains (by driver and period) and story questions whose asker did nothing after. */
function openQuestions(journey: readonly StoredJourneyEvent[]): JourneyDigest['openQuestions'] {
  const lastAction = new Map<string, number>();
  for (const event of journey) {
    if (ACTIONS.has(event.type)) lastAction.set(event.userId, Date.parse(event.at));
  }
  const unanswered = (event: StoredJourneyEvent) =>
    Date.parse(event.at) >= (lastAction.get(event.userId) ?? Number.NEGATIVE_INFINITY);
  const explains = tally(
    journey.filter((event): event is Of<'explain_asked'> => event.type === 'explain_asked'),
    ({ detail }) => `explain\u0000${detail.driver}\u0000${detail.from}\u0000${detail.to}`,
  );
  const stories = tally(
    journey.filter(
      (event): event is Of<'story_question_opened'> => event.type === 'story_question_opened',
    ),
    ({ detail }) => `story\u0000${detail.insightId}`,
  );
  const open = [
    ...explains
      .filter(({ event }) => unanswered(event))
      .map((found) => ({
        ...found,
        question: {
          kind: 'explain' as const,
          driver: found.event.detail.driver,
          from: found.event.detail.from,
          to: found.event.detail.to,
          at: iso(found.last),
        },
      })),
    ...stories
      .filter(({ event }) => unanswered(event))
      .map((found) => ({
        ...found,
        question: {
          kind: 'story_question' as const,
          insightId: found.event.detail.insightId,
          type: found.event.detail.type,
          at: iso(found.last),
        },
      })),
  ];
  return open.sort(mostRecent).map(({ question }) => question);
}

function cutKey({ detail }: Of<'cut_applied'>) {
  return {
    from: detail.from,
    to: detail.to,
    ...(detail.compare ? { compare: detail.compare } : {}),
    ...(detail.filter ? { filter: { by: detail.filter.by, value: detail.filter.value } } : {}),
  };
}

function explainKey({ detail }: Of<'explain_asked'>) {
  return {
    driver: detail.driver,
    from: detail.from,
    to: detail.to,
    ...(detail.compareFrom ? { compareFrom: detail.compareFrom } : {}),
    ...(detail.compareTo ? { compareTo: detail.compareTo } : {}),
  };
}

/** Newest first; the same instant keeps the order they were stored in, latest first. */
function newestFirst<E extends StoredJourneyEvent>(events: readonly E[]): E[] {
  return [...events].reverse().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function isDismissReason(reason: DismissReason | 'snoozed'): reason is DismissReason {
  return (dismissReasons as readonly string[]).includes(reason);
}
