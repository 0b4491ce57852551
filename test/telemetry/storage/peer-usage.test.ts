import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../../telemetry/storage/open.ts';
import {
  activePeople,
  FIRST_DAY,
  type Fixture,
  fixtureEvents,
  LAST_DAY,
  type Range,
  startFixture,
} from '../../server/value-fixture.ts';

/**
 * What offers compare accounts by: their active users in a window and their traits. Both stores
 * answer the same, and each answer matches an independent count over the raw events.
 */

const events = fixtureEvents();

const expectedActiveUsers = (range: Range) => activePeople(events, range);

/** The latest value of each trait per account, from the group calls in time order. */
function expectedTraits(keys: readonly string[]) {
  const byAccount = new Map<string, Record<string, unknown>>();
  const groups = events
    .filter((event) => event.type === 'group' && event.groupId)
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (const event of groups) {
    for (const [key, value] of Object.entries(event.traits ?? {})) {
      if (!keys.includes(key)) continue;
      const traits = byAccount.get(event.groupId as string) ?? {};
      traits[key] = value;
      byAccount.set(event.groupId as string, traits);
    }
  }
  return [...byAccount]
    .map(([accountId, traits]) => ({ accountId, traits }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}

for (const location of [':memory:', MEMORY]) {
  describe(`active users and traits by account (${location === MEMORY ? 'memory' : 'duckdb'} store)`, () => {
    let storage: Storage;
    let fixture: Fixture;
    beforeAll(async () => {
      storage = await openStorage({ location });
      fixture = await startFixture({ storage, events });
    });
    afterAll(() => fixture.close());

    it('counts each account’s people with any event in the window, attributed as value is', async () => {
      for (const range of [
        { from: FIRST_DAY, to: LAST_DAY },
        { from: '2025-03-10', to: '2025-03-16' },
        { from: '2030-01-01', to: '2030-01-31' },
      ]) {
        const expected = expectedActiveUsers(range);
        expect(await storage.values.activeUsers(range), `${range.from}..${range.to}`).toEqual(
          expected,
        );
      }
      // The fixture has someone in two accounts whose events count for neither.
      expect(expectedActiveUsers({ from: FIRST_DAY, to: LAST_DAY }).length).toBeGreaterThan(1);
    });

    it('reads the asked traits of every account, the latest value of each', async () => {
      const keys = ['plan', 'arr', 'no_such_trait'];
      expect(await storage.values.traitsByAccount(keys)).toEqual(expectedTraits(keys));
      expect(await storage.values.traitsByAccount([])).toEqual([]);
    });
  });
}
