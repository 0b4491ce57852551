import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Storage,
  StoredDecision,
  StoredReaction,
} from '../../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../../telemetry/storage/open.ts';

/** Offers shown and the customers' reactions: both stores keep and count them alike. */

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

for (const location of [':memory:', MEMORY]) {
  describe(`offer decisions and reactions (${location === MEMORY ? 'memory' : 'duckdb'} store)`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openStorage({ location });
    });
    afterAll(() => storage.close());

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
