import type { OfferStore, ReactionCount, StoredDecision, StoredReaction } from '../interface.ts';

/** Offers shown and what customers did with them, in memory; copies go in and out. */
export class MemoryOfferStore implements OfferStore {
  private readonly decisions = new Map<string, StoredDecision>();
  private readonly all: StoredReaction[] = [];

  async addDecisions(decisions: readonly StoredDecision[]): Promise<void> {
    for (const decision of decisions) {
      this.decisions.set(`${decision.accountId}\u0000${decision.id}`, structuredClone(decision));
    }
  }

  async decision(accountId: string, id: string): Promise<StoredDecision | null> {
    const found = this.decisions.get(`${accountId}\u0000${id}`);
    return found ? structuredClone(found) : null;
  }

  async addReaction(reaction: StoredReaction): Promise<void> {
    this.all.push(structuredClone(reaction));
  }

  async reactions(accountId: string): Promise<StoredReaction[]> {
    return this.all
      .filter((reaction) => reaction.accountId === accountId)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((reaction) => structuredClone(reaction));
  }

  async reactionCounts(): Promise<ReactionCount[]> {
    const counts = new Map<string, ReactionCount & { seen: Set<string> }>();
    for (const reaction of this.all) {
      const key = `${reaction.offerId}\u0000${reaction.action}\u0000${reaction.reason ?? ''}`;
      const count = counts.get(key) ?? {
        offerId: reaction.offerId,
        action: reaction.action,
        ...(reaction.reason ? { reason: reaction.reason } : {}),
        count: 0,
        accounts: 0,
        seen: new Set<string>(),
      };
      count.count += 1;
      count.seen.add(reaction.accountId);
      count.accounts = count.seen.size;
      counts.set(key, count);
    }
    return [...counts.values()]
      .map(({ seen: _seen, ...count }) => count)
      .sort(
        (a, b) =>
          a.offerId.localeCompare(b.offerId) ||
          a.action.localeCompare(b.action) ||
          (a.reason ?? '').localeCompare(b.reason ?? ''),
      );
  }
}
