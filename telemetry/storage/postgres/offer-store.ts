import { z } from 'zod';
import { dismissReasons, feedbackActions } from '../../../blueprint/offer-feedback.ts';
import type {
  DayBounds,
  OfferActivity,
  OfferStore,
  ReactionCount,
  StoredDecision,
  StoredReaction,
} from '../interface.ts';
import type { PostgresDatabase, Row } from './database.ts';

const projectedSchema = z.object({
  annual: z.number(),
  low: z.number(),
  high: z.number(),
  basis: z.enum(['peers', 'vendor_estimate']),
});
const actionSchema = z.enum(feedbackActions);
const reasonSchema = z.enum(dismissReasons);

/** Offers shown (decisions) and what customers did with them, on PostgreSQL, keyed by account (migration 3: distributed and colocated on it under Citus). */
export class PostgresOfferStore implements OfferStore {
  constructor(private readonly database: PostgresDatabase) {}

  async addDecisions(decisions: readonly StoredDecision[]): Promise<void> {
    for (const decision of decisions) {
      await this.database.query(
        `INSERT INTO offer_decisions (account_id, id, offer_id, user_id, projected, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          decision.accountId,
          decision.id,
          decision.offerId,
          decision.userId,
          JSON.stringify(decision.projected),
          new Date(decision.createdAt),
        ],
      );
    }
  }

  async decision(accountId: string, id: string): Promise<StoredDecision | null> {
    const rows = await this.database.query(
      `SELECT account_id, id, offer_id, user_id, projected, created_at
       FROM offer_decisions WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    const row = rows[0];
    return row
      ? {
          accountId: String(row.account_id),
          id: String(row.id),
          offerId: String(row.offer_id),
          userId: String(row.user_id),
          projected: projectedSchema.parse(JSON.parse(String(row.projected))),
          createdAt: String(row.created_at),
        }
      : null;
  }

  async addReaction(reaction: StoredReaction): Promise<void> {
    await this.database.query(
      `INSERT INTO offer_reactions (account_id, decision_id, offer_id, user_id, action, reason, reacted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        reaction.accountId,
        reaction.decisionId,
        reaction.offerId,
        reaction.userId,
        reaction.action,
        reaction.reason ?? null,
        new Date(reaction.at),
      ],
    );
  }

  async reactions(accountId: string): Promise<StoredReaction[]> {
    const rows = await this.database.query(
      `SELECT account_id, decision_id, offer_id, user_id, action, reason, reacted_at AS at
       FROM offer_reactions WHERE account_id = $1 ORDER BY reacted_at, id`,
      [accountId],
    );
    return rows.map(reactionOf);
  }

  async reactionCounts(days: DayBounds = {}): Promise<ReactionCount[]> {
    const rows = await this.database.query(
      `SELECT offer_id, action, reason, count(*) AS count, count(DISTINCT account_id) AS accounts
       FROM offer_reactions WHERE ${withinDays('reacted_at')}
       GROUP BY offer_id, action, reason ORDER BY offer_id, action, reason NULLS FIRST`,
      boundsOf(days),
    );
    return rows.map((row) => ({
      offerId: String(row.offer_id),
      action: actionSchema.parse(row.action),
      ...(row.reason === null ? {} : { reason: reasonSchema.parse(row.reason) }),
      count: Number(row.count),
      accounts: Number(row.accounts),
    }));
  }

  async performance(days: DayBounds = {}): Promise<OfferActivity[]> {
    const [decisions, reactions, alreadyHave] = await Promise.all([
      this.database.query(
        `SELECT offer_id, count(*) AS decisions, count(DISTINCT account_id) AS accounts
         FROM offer_decisions WHERE ${withinDays('created_at')} GROUP BY offer_id`,
        boundsOf(days),
      ),
      this.reactionCounts(days),
      this.database.query(
        `SELECT DISTINCT offer_id, account_id FROM offer_reactions
         WHERE action = 'dismissed' AND reason = 'already_have' AND ${withinDays('reacted_at')}
         ORDER BY offer_id, account_id`,
        boundsOf(days),
      ),
    ]);
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

  async answers(): Promise<StoredReaction[]> {
    const rows = await this.database.query(
      `SELECT account_id, decision_id, offer_id, user_id, action, reason, reacted_at AS at
       FROM offer_reactions WHERE action <> 'shown' ORDER BY reacted_at, id`,
    );
    return rows.map(reactionOf);
  }
}

/** A condition on a timestamp column: its UTC day within the bounds $1..$2 (null: open). */
function withinDays(column: 'created_at' | 'reacted_at'): string {
  return `($1::DATE IS NULL OR CAST(${column} AS DATE) >= $1::DATE)
    AND ($2::DATE IS NULL OR CAST(${column} AS DATE) <= $2::DATE)`;
}

function boundsOf(days: DayBounds): [string | null, string | null] {
  return [days.from ?? null, days.to ?? null];
}

function reactionOf(row: Row): StoredReaction {
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
