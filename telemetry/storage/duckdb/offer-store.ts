import { z } from 'zod';
import { dismissReasons, feedbackActions } from '../../../blueprint/offer-feedback.ts';
import type { OfferStore, ReactionCount, StoredDecision, StoredReaction } from '../interface.ts';
import { type Database, isoText, type Row } from './database.ts';

const projectedSchema = z.object({
  annual: z.number(),
  low: z.number(),
  high: z.number(),
  basis: z.enum(['peers', 'vendor_estimate']),
});
const actionSchema = z.enum(feedbackActions);
const reasonSchema = z.enum(dismissReasons);

/** Offers shown (decisions) and what customers did with them, in DuckDB, keyed by account. */
export class DuckDbOfferStore implements OfferStore {
  constructor(private readonly database: Database) {}

  async addDecisions(decisions: readonly StoredDecision[]): Promise<void> {
    for (const decision of decisions) {
      await this.database.query(
        `INSERT INTO offer_decisions VALUES ($1, $2, $3, $4, $5::JSON, $6)`,
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
      `SELECT account_id, id, offer_id, user_id, projected, ${isoText('created_at')} AS created_at
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
    await this.database.query('INSERT INTO offer_reactions VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      reaction.accountId,
      reaction.decisionId,
      reaction.offerId,
      reaction.userId,
      reaction.action,
      reaction.reason ?? null,
      new Date(reaction.at),
    ]);
  }

  async reactions(accountId: string): Promise<StoredReaction[]> {
    const rows = await this.database.query(
      `SELECT account_id, decision_id, offer_id, user_id, action, reason, ${isoText('reacted_at')} AS at
       FROM offer_reactions WHERE account_id = $1 ORDER BY reacted_at, rowid`,
      [accountId],
    );
    return rows.map(reactionOf);
  }

  async reactionCounts(): Promise<ReactionCount[]> {
    const rows = await this.database.query(
      `SELECT offer_id, action, reason, count(*) AS count, count(DISTINCT account_id) AS accounts
       FROM offer_reactions GROUP BY ALL ORDER BY offer_id, action, reason NULLS FIRST`,
    );
    return rows.map((row) => ({
      offerId: String(row.offer_id),
      action: actionSchema.parse(row.action),
      ...(row.reason === null ? {} : { reason: reasonSchema.parse(row.reason) }),
      count: Number(row.count),
      accounts: Number(row.accounts),
    }));
  }
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
