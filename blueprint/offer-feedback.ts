/**
 * What the customer said about an offer decides whether it shows: dismissed "not now" rests 30
 * days, "not relevant" until the customer restores it, "already have" for good; snoozed rests 14
 * days; accepted moves it to "in progress"; shown 3 times in 7 days with no reaction, it rests 10
 * days. Pure, with the clock passed in.
 */

export const feedbackActions = [
  'shown',
  'clicked',
  'accepted',
  'dismissed',
  'snoozed',
  'restored',
] as const;
export type FeedbackAction = (typeof feedbackActions)[number];

export const dismissReasons = ['not_now', 'not_relevant', 'already_have'] as const;
export type DismissReason = (typeof dismissReasons)[number];

const DAY_MS = 86_400_000;
export const NOT_NOW_DAYS = 30;
export const SNOOZE_DAYS = 14;
/** Shown this often within UNANSWERED_WINDOW_DAYS without a reaction: it rests. */
export const UNANSWERED_SHOWS = 3;
export const UNANSWERED_WINDOW_DAYS = 7;
export const UNANSWERED_REST_DAYS = 10;

export interface Reaction {
  action: FeedbackAction;
  reason?: DismissReason;
  /** UTC milliseconds. */
  at: number;
}

export type OfferState =
  | { state: 'open' }
  | { state: 'in_progress'; since: number }
  /** Hidden by the customer; `until` undefined: until restored. */
  | { state: 'hidden'; reason: DismissReason | 'snoozed'; until?: number }
  /** Shown without a reaction too often: back by itself at `until`. */
  | { state: 'resting'; until: number };

/** The offer's state now, from every reaction of this account to it (any order). */
export function offerState(reactions: readonly Reaction[], now: number): OfferState {
  const sorted = [...reactions].sort((a, b) => a.at - b.at);
  const answers = sorted.filter((reaction) => reaction.action !== 'shown');
  const last = answers.findLast((reaction) => reaction.action !== 'clicked' && reaction.at <= now);
  if (last?.action === 'accepted') return { state: 'in_progress', since: last.at };
  if (last?.action === 'snoozed') {
    const until = last.at + SNOOZE_DAYS * DAY_MS;
    if (now < until) return { state: 'hidden', reason: 'snoozed', until };
  }
  if (last?.action === 'dismissed') {
    const reason = last.reason ?? 'not_now';
    if (reason !== 'not_now') return { state: 'hidden', reason };
    const until = last.at + NOT_NOW_DAYS * DAY_MS;
    if (now < until) return { state: 'hidden', reason, until };
  }
  // Shows since the customer last reacted in any way (a click counts): the last three, within
  // a week of each other, mean it is not wanted just now.
  const lastAnswer = answers.findLast((reaction) => reaction.at <= now)?.at ?? -Infinity;
  const shows = sorted.filter(
    (reaction) => reaction.action === 'shown' && reaction.at > lastAnswer && reaction.at <= now,
  );
  const recent = shows.slice(-UNANSWERED_SHOWS);
  if (recent.length === UNANSWERED_SHOWS) {
    const first = recent[0] as Reaction;
    const third = recent[UNANSWERED_SHOWS - 1] as Reaction;
    const until = third.at + UNANSWERED_REST_DAYS * DAY_MS;
    if (third.at - first.at <= UNANSWERED_WINDOW_DAYS * DAY_MS && now < until) {
      return { state: 'resting', until };
    }
  }
  return { state: 'open' };
}
