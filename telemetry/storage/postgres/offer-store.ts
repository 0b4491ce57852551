import type { StoredReaction } from '../interface.ts';
import { SqlOfferStore } from '../sql-offer-store.ts';
import type { PostgresDatabase } from './database.ts';
import { postgresEngine } from './sql-engine.ts';

/**
 * Offers shown (decisions) and what customers did with them, on PostgreSQL, keyed by account (the
 * SQL is SqlOfferStore's; migration 3: distributed and colocated on it under Citus; reactions of
 * one time keep the order they came in by their identity column). A reaction can change which
 * offer an account's story names, so the other service processes hear of it.
 */
export class PostgresOfferStore extends SqlOfferStore {
  constructor(private readonly database: PostgresDatabase) {
    super(postgresEngine(database), 'id');
  }

  /** The row and its announcement in one transaction: heard if and only if it is stored. */
  override async addReaction(reaction: StoredReaction): Promise<void> {
    await this.database.transaction(async (session) => {
      await this.insertReaction(session, reaction);
      await this.database.announce({ kind: 'account', accountId: reaction.accountId }, session);
    });
  }
}
