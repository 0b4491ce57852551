import type {
  DayBounds,
  OfferActivity,
  OfferStore,
  ReactionCount,
  StoredDecision,
  StoredReaction,
} from './interface.ts';
import {
  boundsOf,
  decisionOf,
  offerActivity,
  reactionCountOf,
  reactionOf,
  withinDays,
} from './offer-rows.ts';
import type { SqlEngine, SqlSession } from './sql-dialect.ts';

/**
 * Offers shown (decisions) and what customers did with them, in a SQL database, keyed by account:
 * one copy of the SQL for DuckDB and PostgreSQL. `insertionOrder` is the column that orders
 * reactions of the same time as they came.
 */
export class SqlOfferStore implements OfferStore {
  private readonly reactionColumns: string;

  constructor(
    private readonly sql: SqlEngine,
    private readonly insertionOrder: string,
  ) {
    this.reactionColumns = `account_id, decision_id, offer_id, user_id, action, reason,
      ${sql.timestamp('reacted_at', 'at')}`;
  }

  async addDecisions(decisions: readonly StoredDecision[]): Promise<void> {
    for (const decision of decisions) {
      await this.sql.query(
        `INSERT INTO offer_decisions (account_id, id, offer_id, user_id, projected, created_at)
         VALUES ($1, $2, $3, $4, ${this.sql.json('$5')}, $6)`,
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
    const rows = await this.sql.query(
      `SELECT account_id, id, offer_id, user_id, projected,
         ${this.sql.timestamp('created_at', 'created_at')}
       FROM offer_decisions WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows[0] ? decisionOf(rows[0]) : null;
  }

  async addReaction(reaction: StoredReaction): Promise<void> {
    await this.insertReaction(this.sql, reaction);
  }

  /** The reaction's row, written on `session` (an engine may wrap it in its own transaction). */
  protected async insertReaction(session: SqlSession, reaction: StoredReaction): Promise<void> {
    await session.query(
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
    const rows = await this.sql.query(
      `SELECT ${this.reactionColumns} FROM offer_reactions WHERE account_id = $1
       ORDER BY reacted_at, ${this.insertionOrder}`,
      [accountId],
    );
    return rows.map(reactionOf);
  }

  async reactionCounts(days: DayBounds = {}): Promise<ReactionCount[]> {
    const rows = await this.sql.query(
      `SELECT offer_id, action, reason, count(*) AS count, count(DISTINCT account_id) AS accounts
       FROM offer_reactions WHERE ${withinDays('reacted_at')}
       GROUP BY offer_id, action, reason ORDER BY offer_id, action, reason NULLS FIRST`,
      boundsOf(days),
    );
    return rows.map(reactionCountOf);
  }

  async performance(days: DayBounds = {}): Promise<OfferActivity[]> {
    const [decisions, reactions, alreadyHave] = await Promise.all([
      this.sql.query(
        `SELECT offer_id, count(*) AS decisions, count(DISTINCT account_id) AS accounts
         FROM offer_decisions WHERE ${withinDays('created_at')} GROUP BY offer_id`,
        boundsOf(days),
      ),
      this.reactionCounts(days),
      this.sql.query(
        `SELECT DISTINCT offer_id, account_id FROM offer_reactions
         WHERE action = 'dismissed' AND reason = 'already_have' AND ${withinDays('reacted_at')}
         ORDER BY offer_id, account_id`,
        boundsOf(days),
      ),
    ]);
    return offerActivity(decisions, reactions, alreadyHave);
  }

  async answers(): Promise<StoredReaction[]> {
    const rows = await this.sql.query(
      `SELECT ${this.reactionColumns} FROM offer_reactions WHERE action <> 'shown'
       ORDER BY reacted_at, ${this.insertionOrder}`,
    );
    return rows.map(reactionOf);
  }
}
