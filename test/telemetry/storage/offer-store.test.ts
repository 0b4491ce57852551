import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  OfferStore,
  StoredDecision,
  StoredReaction,
} from '../../../telemetry/storage/interface.ts';
import { PostgresOfferStore } from '../../../telemetry/storage/postgres/offer-store.ts';
import { eachStore, type OpenedStore } from './each-store.ts';

/**
 * Offers shown and the customers' reactions: every store (memory, DuckDB, PostgreSQL when one is
 * configured) keeps and counts them alike.
 */

const stores = eachStore(
  (storage) => storage.offers,
  (database) => new PostgresOfferStore(database),
);

const decision = (accountId: string, id: string, offerId = 'reminders'): StoredDecision => ({
  accountId,
  id,
  offerId,
  userId: `${accountId}-u1`,
  projected: { annual: 12_000, low: 8_000, high: 15_500.5, basis: 'peers' },
  createdAt: '2026-12-01T09:00:00.000Z',
});

const reaction = (
  accountId: string,
  decisionId: string,
  action: StoredReaction['action'],
  at: string,
  extra: Partial<StoredReaction> = {},
): StoredReaction => ({
  accountId,
  decisionId,
  offerId: 'reminders',
  userId: `${accountId}-u1`,
  action,
  at,
  ...extra,
});

for (const { name, open, suite } of stores) {
  suite(`offer decisions and reactions (${name} store)`, () => {
    let opened: OpenedStore<OfferStore>;
    let storage: { offers: OfferStore };
    beforeAll(async () => {
      opened = await open();
      storage = { offers: opened.store };
    });
    afterAll(() => opened.close());

    it('keeps decisions per account: another account’s id is not found', async () => {
      await storage.offers.addDecisions([decision('acme', 'd1'), decision('globex', 'd2', 'auto')]);
      expect(await storage.offers.decision('acme', 'd1')).toEqual(decision('acme', 'd1'));
      expect(await storage.offers.decision('globex', 'd1')).toBeNull();
      expect(await storage.offers.decision('acme', 'd2')).toBeNull();
    });

    it('returns an account’s reactions oldest first, and counts them per offer, action and reason', async () => {
      await storage.offers.addReaction(
        reaction('acme', 'd1', 'clicked', '2026-12-01T09:05:00.000Z'),
      );
      await storage.offers.addReaction(reaction('acme', 'd1', 'shown', '2026-12-01T09:00:00.000Z'));
      await storage.offers.addReaction(
        reaction('acme', 'd1', 'dismissed', '2026-12-02T10:00:00.000Z', { reason: 'not_now' }),
      );
      await storage.offers.addReaction(
        reaction('globex', 'd2', 'shown', '2026-12-01T11:00:00.000Z', { offerId: 'auto' }),
      );
      await storage.offers.addReaction(
        reaction('initech', 'd3', 'shown', '2026-12-03T08:00:00.000Z'),
      );
      const acme = await storage.offers.reactions('acme');
      expect(acme.map((item) => item.action)).toEqual(['shown', 'clicked', 'dismissed']);
      expect(acme[2]).toEqual(
        reaction('acme', 'd1', 'dismissed', '2026-12-02T10:00:00.000Z', { reason: 'not_now' }),
      );
      expect(await storage.offers.reactions('nobody')).toEqual([]);
      expect(await storage.offers.reactionCounts()).toEqual([
        { offerId: 'auto', action: 'shown', count: 1, accounts: 1 },
        { offerId: 'reminders', action: 'clicked', count: 1, accounts: 1 },
        { offerId: 'reminders', action: 'dismissed', reason: 'not_now', count: 1, accounts: 1 },
        { offerId: 'reminders', action: 'shown', count: 2, accounts: 2 },
      ]);
    });
  });
}

for (const { name, open, suite } of stores) {
  suite(`the vendor's offer performance (${name} store)`, () => {
    let opened: OpenedStore<OfferStore>;
    let storage: { offers: OfferStore };
    beforeAll(async () => {
      opened = await open();
      storage = { offers: opened.store };
      const made = (accountId: string, id: string, offerId: string, createdAt: string) => ({
        ...decision(accountId, id, offerId),
        createdAt,
      });
      await storage.offers.addDecisions([
        made('acme', 'a1', 'reminders', '2026-11-30T23:59:59.000Z'),
        made('acme', 'a2', 'reminders', '2026-12-01T00:00:00.000Z'),
        made('globex', 'g1', 'reminders', '2026-12-02T12:00:00.000Z'),
        made('globex', 'g2', 'retired', '2026-12-03T08:00:00.000Z'),
      ]);
      const said: StoredReaction[] = [
        reaction('acme', 'a1', 'shown', '2026-11-30T23:59:59.000Z'),
        reaction('acme', 'a2', 'shown', '2026-12-01T00:00:00.000Z'),
        reaction('acme', 'a2', 'clicked', '2026-12-01T00:01:00.000Z'),
        reaction('acme', 'a2', 'accepted', '2026-12-01T00:02:00.000Z'),
        reaction('globex', 'g1', 'shown', '2026-12-02T12:00:00.000Z'),
        reaction('globex', 'g1', 'dismissed', '2026-12-02T12:01:00.000Z', {
          reason: 'already_have',
        }),
        reaction('globex', 'g2', 'dismissed', '2026-12-04T09:00:00.000Z', {
          offerId: 'retired',
          reason: 'already_have',
        }),
      ];
      for (const item of said) await storage.offers.addReaction(item);
    });
    afterAll(() => opened.close());

    it('counts decisions, reactions and who already has it, per offer, over all time', async () => {
      expect(await storage.offers.performance()).toEqual([
        {
          offerId: 'reminders',
          decisions: 3,
          accounts: 2,
          reactions: [
            { action: 'accepted', count: 1, accounts: 1 },
            { action: 'clicked', count: 1, accounts: 1 },
            { action: 'dismissed', reason: 'already_have', count: 1, accounts: 1 },
            { action: 'shown', count: 3, accounts: 2 },
          ],
          alreadyHave: ['globex'],
        },
        {
          offerId: 'retired',
          decisions: 1,
          accounts: 1,
          reactions: [{ action: 'dismissed', reason: 'already_have', count: 1, accounts: 1 }],
          alreadyHave: ['globex'],
        },
      ]);
    });

    it('counts only the UTC days asked for, each end inclusive, either end open', async () => {
      const december = await storage.offers.performance({ from: '2026-12-01', to: '2026-12-02' });
      expect(december.map((offer) => [offer.offerId, offer.decisions, offer.accounts])).toEqual([
        ['reminders', 2, 2],
      ]);
      expect(december[0]?.reactions).toContainEqual({ action: 'shown', count: 2, accounts: 2 });
      expect(december[0]?.alreadyHave).toEqual(['globex']);
      // A reaction on a day counted makes its offer appear, though its decision is earlier.
      const late = await storage.offers.performance({ from: '2026-12-04' });
      expect(late).toEqual([
        {
          offerId: 'retired',
          decisions: 0,
          accounts: 0,
          reactions: [{ action: 'dismissed', reason: 'already_have', count: 1, accounts: 1 }],
          alreadyHave: ['globex'],
        },
      ]);
      const november = await storage.offers.performance({ to: '2026-11-30' });
      expect(november).toEqual([
        {
          offerId: 'reminders',
          decisions: 1,
          accounts: 1,
          reactions: [{ action: 'shown', count: 1, accounts: 1 }],
          alreadyHave: [],
        },
      ]);
      expect(await storage.offers.performance({ from: '2027-01-01' })).toEqual([]);
      expect(await storage.offers.reactionCounts({ from: '2026-12-04' })).toEqual([
        { offerId: 'retired', action: 'dismissed', reason: 'already_have', count: 1, accounts: 1 },
      ]);
    });

    it('reads every account’s answers (reactions but shown), oldest first', async () => {
      const answers = await storage.offers.answers();
      expect(answers.map((item) => [item.accountId, item.action, item.at])).toEqual([
        ['acme', 'clicked', '2026-12-01T00:01:00.000Z'],
        ['acme', 'accepted', '2026-12-01T00:02:00.000Z'],
        ['globex', 'dismissed', '2026-12-02T12:01:00.000Z'],
        ['globex', 'dismissed', '2026-12-04T09:00:00.000Z'],
      ]);
      expect(answers[3]).toEqual(
        reaction('globex', 'g2', 'dismissed', '2026-12-04T09:00:00.000Z', {
          offerId: 'retired',
          reason: 'already_have',
        }),
      );
    });
  });
}
