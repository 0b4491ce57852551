import { z } from 'zod';
import { dismissReasons, feedbackActions } from '../../blueprint/offer-feedback.ts';
import type {
  DayBounds,
  OfferActivity,
  ReactionCount,
  StoredDecision,
  StoredReaction,
} from './interface.ts';

/**
 * What the SQL offer stores (DuckDB, PostgreSQL) share: reading their rows back into the store's
 * types, checked, and putting the vendor's performance view together from three queries' rows.
 */

type Row = Record<string, unknown>;

const projectedSchema = z.object({
  annual: z.number(),
  low: z.number(),
  high: z.number(),
  basis: z.enum(['peers', 'vendor_estimate']),
});
const actionSchema = z.enum(feedbackActions);
const reasonSchema = z.enum(dismissReasons);

/** A condition on a timestamp column: its UTC day within the bounds $1..$2 (null: open). */
export function withinDays(column: 'created_at' | 'reacted_at'): string {
  return `($1::DATE IS NULL OR CAST(${column} AS DATE) >= $1::DATE)
    AND ($2::DATE IS NULL OR CAST(${column} AS DATE) <= $2::DATE)`;
}

export function boundsOf(days: DayBounds): [string | null, string | null] {
  return [days.from ?? null, days.to ?? null];
}

export function decisionOf(row: Row): StoredDecision {
  return {
    accountId: String(row.account_id),
    id: String(row.id),
    offerId: String(row.offer_id),
    userId: String(row.user_id),
    projected: projectedSchema.parse(JSON.parse(String(row.projected))),
    createdAt: String(row.created_at),
  };
}

export function reactionOf(row: Row): StoredReaction {
  return {
    accountId: String(row.account_id),
    decisionId: String(row.decision_id),
    offerId: String(row.offer_id),
    userId: String(row.user_id),
    action: actionSchema.parse(row.action),
    ...(row.reason === null ? {} : { reason: reasonSchema.parse(row.reason) }),
    at: String(row.at),
  };
}

export function reactionCountOf(row: Row): ReactionCount {
  return {
    offerId: String(row.offer_id),
    action: actionSchema.parse(row.action),
    ...(row.reason === null ? {} : { reason: reasonSchema.parse(row.reason) }),
    count: Number(row.count),
    accounts: Number(row.accounts),
  };
}

/**
 * Per offer, by offer id: its decisions and accounts (rows of offer_id, decisions, accounts), its
 * reactions counted, and the accounts that said they already have it (rows of offer_id, account_id).
 */
export function offerActivity(
  decisions: Row[],
  reactions: ReactionCount[],
  alreadyHave: Row[],
): OfferActivity[] {
  const offers = new Map<string, OfferActivity>();
  const offerOf = (offerId: string) => {
    let offer = offers.get(offerId);
    if (!offer) {
      offer = { offerId, decisions: 0, accounts: 0, reactions: [], alreadyHave: [] };
      offers.set(offerId, offer);
    }
    return offer;
  };
  for (const row of decisions) {
    const offer = offerOf(String(row.offer_id));
    offer.decisions = Number(row.decisions);
    offer.accounts = Number(row.accounts);
  }
  for (const { offerId, ...count } of reactions) offerOf(offerId).reactions.push(count);
  for (const row of alreadyHave) {
    offerOf(String(row.offer_id)).alreadyHave.push(String(row.account_id));
  }
  return [...offers.values()].sort((a, b) => (a.offerId < b.offerId ? -1 : 1));
}
