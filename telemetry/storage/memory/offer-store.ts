import type {
  DayBounds,
  OfferActivity,
  OfferStore,
  ReactionCount,
  StoredDecision,
  StoredReaction,
} from '../interface.ts';

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

  async reactionCounts(days: DayBounds = {}): Promise<ReactionCount[]> {
    const counts = new Map<string, ReactionCount & { seen: Set<string> }>();
    for (const reaction of this.all) {
      if (!within(reaction.at, days)) continue;
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

  async performance(days: DayBounds = {}): Promise<OfferActivity[]> {
    const offers = new Map<string, OfferActivity & { offered: Set<string>; had: Set<string> }>();
    const offerOf = (offerId: string) => {
      let offer = offers.get(offerId);
      if (!offer) {
        offer = {
          offerId,
          decisions: 0,
          accounts: 0,
          reactions: [],
          alreadyHave: [],
          offered: new Set(),
          had: new Set(),
        };
        offers.set(offerId, offer);
      }
      return offer;
    };
    for (const decision of this.decisions.values()) {
      if (!within(decision.createdAt, days)) continue;
      const offer = offerOf(decision.offerId);
      offer.decisions += 1;
      offer.offered.add(decision.accountId);
    }
    for (const { offerId, ...count } of await this.reactionCounts(days)) {
      offerOf(offerId).reactions.push(count);
    }
    for (const reaction of this.all) {
      if (reaction.reason === 'already_have' && within(reaction.at, days)) {
        offerOf(reaction.offerId).had.add(reaction.accountId);
      }
    }
    return [...offers.values()]
      .map(({ offered, had, ...offer }) => ({
        ...offer,
        accounts: offered.size,
        alreadyHave: [...had].sort(),
      }))
      .sort((a, b) => (a.offerId < b.offerId ? -1 : 1));
  }

  async answers(): Promise<StoredReaction[]> {
    return this.all
      .filter((reaction) => reaction.action !== 'shown')
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((reaction) => structuredClone(reaction));
  }
}

/** An ISO time's UTC day within the bounds (both inclusive, either open). */
function within(at: string, days: DayBounds): boolean {
  const day = at.slice(0, 10);
  return (days.from === undefined || day >= days.from) && (days.to === undefined || day <= days.to);
}
