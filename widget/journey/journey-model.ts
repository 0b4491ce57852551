import type { JourneyEvent } from '../../blueprint/api/journey.ts';

/**
 * The journey's pure half: which `vp-*` event becomes which journey event of `POST /v1/journey`
 * (blueprint/api/journey.ts), and how a queue of them is cut into requests. Details carry ids,
 * enums, numbers and days only, never words the customer can read or typed: a plan's name, an
 * offer's label or a sentence's text is left out. An event the server would refuse (an id with
 * other characters, a number that is not finite) is left out too, so it cannot spoil a batch.
 */

export type { JourneyEvent };

/** At most this many events and bytes a request (journeyLimits on the server). */
export const MAX_EVENTS = 100;
export const MAX_BYTES = 16 * 1024;
/** A batch goes at this many events (else every FLUSH_MS). */
export const FLUSH_AT = 20;
export const FLUSH_MS = 10_000;
/** Unsent events kept while the service cannot be reached; the oldest go first past it. */
export const KEEP = 300;
/** A plan counts as built once its levers rest this long. */
export const SETTLE_MS = 3_000;
const MAX_LEVERS = 50;

const ID = /^[\w.:-]{1,128}$/;
/** A segment value (a team's name): picked from the cuts, never typed; no control characters. */
const SEGMENT = /^[^\p{Cc}]{1,128}$/u;

/** The `vp-*` events the recorder listens to. */
export const recordedEvents = [
  'vp-cut-change',
  'vp-explain-request',
  'vp-story-question',
  'vp-scenario-save',
  'vp-scenario-compare',
  'vp-scenario-delete',
  'vp-offer-action',
  'vp-offer-feedback',
  'vp-assumption-change',
] as const;

// biome-ignore lint/suspicious/noExplicitAny: details are read defensively and checked by clean()
type Loose = any;

/** Every string an id (a segment value where it is one), every number finite. */
function clean(detail: object): boolean {
  let ok = true;
  JSON.stringify(detail, (key, value: unknown) => {
    if (typeof value === 'string' && !(key === 'value' ? SEGMENT : ID).test(value)) ok = false;
    if (typeof value === 'number' && !Number.isFinite(value)) ok = false;
    return value;
  });
  return ok;
}

function detailOf(name: string, d: Loose): [JourneyEvent['type'], object] | undefined {
  switch (name) {
    case 'vp-cut-change':
      return [
        'cut_applied',
        {
          from: d.from,
          to: d.to,
          compare: d.compare,
          ...(d.filter && { filter: { by: d.filter.by, value: d.filter.value } }),
        },
      ];
    case 'vp-explain-request':
      return [
        'explain_asked',
        {
          driver: d.driver,
          from: d.from,
          to: d.to,
          ...(d.compareFrom &&
            d.compareTo && { compareFrom: d.compareFrom, compareTo: d.compareTo }),
        },
      ];
    case 'vp-story-question':
      return ['story_question_opened', { insightId: d.insightId, type: d.type }];
    case 'vp-scenario-change':
      return ['scenario_built', { levers: d.levers }];
    case 'vp-scenario-save':
      return ['scenario_saved', { scenarioId: d.id }];
    case 'vp-scenario-compare':
      return ['scenario_compared', { scenarioIds: d.ids }];
    case 'vp-scenario-delete':
      return ['scenario_deleted', { scenarioId: d.id }];
    case 'vp-offer-action':
      return ['offer_clicked', { offerId: d.offer?.id, decisionId: d.decisionId }];
    case 'vp-offer-feedback':
      if (!['shown', 'accepted', 'dismissed'].includes(d.action)) return undefined;
      return [
        `offer_${d.action}` as JourneyEvent['type'],
        {
          offerId: d.offerId,
          decisionId: d.decisionId,
          ...(d.action === 'dismissed' && { reason: d.reason }),
        },
      ];
    case 'vp-assumption-change':
      return ['assumption_changed', { assumptionId: d.id, value: d.value, previous: d.previous }];
  }
  return undefined;
}

/**
 * The journey event a `vp-*` event stands for, at `at` (ISO 8601), or undefined when it stands for
 * none or could not be sent as it is. `vp-scenario-change` is every slider tick: the recorder
 * passes it here only once the levers settled (SETTLE_MS), and not when none moved.
 */
export function journeyEventOf(
  name: string,
  detail: unknown,
  at = new Date().toISOString(),
): JourneyEvent | undefined {
  const mapped = detail && typeof detail === 'object' ? detailOf(name, detail) : undefined;
  if (!mapped) return undefined;
  const [type, body] = mapped;
  const { levers, scenarioIds } = body as Loose;
  if (levers && (Object.keys(levers).length < 1 || Object.keys(levers).length > MAX_LEVERS)) {
    return undefined;
  }
  if (levers && !Object.keys(levers).every((id) => ID.test(id))) return undefined;
  if (scenarioIds && !(scenarioIds.length > 0 && scenarioIds.length <= 10)) return undefined;
  // A key whose value is missing (`reason` of an old dismissal) fails the check: a string or
  // number is expected everywhere.
  if (Object.values(body).some((value) => value === undefined) || !clean(body)) return undefined;
  return { type, at, detail: body } as JourneyEvent;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;
/** `{"events":[]}`: the body around the events. */
const ENVELOPE = 13;

/** The queue as request bodies: at most MAX_EVENTS events and MAX_BYTES bytes each, in order. */
export function batchesOf(events: readonly JourneyEvent[]): JourneyEvent[][] {
  const batches: JourneyEvent[][] = [];
  let batch: JourneyEvent[] = [];
  let size = ENVELOPE;
  for (const event of events) {
    // Its JSON and the comma before the next.
    const own = bytes(JSON.stringify(event)) + 1;
    if (batch.length > 0 && (batch.length >= MAX_EVENTS || size + own > MAX_BYTES)) {
      batches.push(batch);
      batch = [];
      size = ENVELOPE;
    }
    batch.push(event);
    size += own;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The queue with `more` at its end, the oldest dropped past KEEP. */
export function kept(
  queue: readonly JourneyEvent[],
  more: readonly JourneyEvent[],
): JourneyEvent[] {
  return [...queue, ...more].slice(-KEEP);
}
