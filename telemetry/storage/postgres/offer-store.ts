import type {
  DayBounds,
  OfferActivity,
  OfferStore,
  ReactionCount,
  StoredDecision,
  StoredReaction,
} from '../interface.ts';
import {
  boundsOf,
  decisionOf,
  offerActivity,
  reactionCountOf,
  reactionOf,
  withinDays,
} from '../offer-rows.ts';
import type { PostgresDatabase } from './database.ts';

/**
 * Offers shown (decisions) and what customers did with them, on PostgreSQL, keyed by account
 * (migration 3: distributed and colocated on it under Citus).
 */
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
    return rows[0] ? decisionOf(rows[0]) : null;
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
    return rows.map(reactionCountOf);
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
    return offerActivity(decisions, reactions, alreadyHave);
  }

  async answers(): Promise<StoredReaction[]> {
    const rows = await this.database.query(
      `SELECT account_id, decision_id, offer_id, user_id, action, reason, reacted_at AS at
       FROM offer_reactions WHERE action <> 'shown' ORDER BY reacted_at, id`,
    );
    return rows.map(reactionOf);
  }
}
