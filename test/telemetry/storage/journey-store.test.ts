import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JourneyEvent } from '../../../blueprint/api/journey.ts';
import type { JourneyStore } from '../../../telemetry/storage/interface.ts';
import { PostgresJourneyStore } from '../../../telemetry/storage/postgres/journey-store.ts';
import { eachStore, type OpenedStore } from './each-store.ts';

/**
 * The customers' journeys: every store (memory, DuckDB, PostgreSQL when one is configured) keeps
 * them per account and user, in time, and prunes alike.
 */

const stores = eachStore(
  (storage) => storage.journey,
  (database) => new PostgresJourneyStore(database),
);

const viewed = (at: string, section: 'story' | 'plan' = 'story'): JourneyEvent => ({
  type: 'section_viewed',
  at,
  detail: { section },
});

for (const { name, open, suite } of stores) {
  suite(`journey store (${name})`, () => {
    let opened: OpenedStore<JourneyStore>;
    let storage: { journey: JourneyStore };
    beforeAll(async () => {
      opened = await open();
      storage = { journey: opened.store };
      await storage.journey.append('acme', 'ana', [
        viewed('2026-11-02T10:00:00Z', 'plan'),
        {
          type: 'cut_applied',
          at: '2026-11-01T09:30:00.250+01:00',
          detail: {
            from: '2026-09-01',
            to: '2026-10-31',
            filter: { by: 'team', value: 'Zürich ops' },
          },
        },
        {
          type: 'scenario_built',
          at: '2026-11-03T08:00:00Z',
          detail: { levers: { 'adoption:automation_hours': 12, 'rate:hourly_rate': 62.5 } },
        },
      ]);
      await storage.journey.append('acme', 'bo', [viewed('2026-11-02T11:00:00Z')]);
      await storage.journey.append('globex', 'ana', [viewed('2026-11-02T10:00:00Z')]);
    });
    afterAll(() => opened.close());

    it('reads an account’s events oldest first, times in UTC, details as they were sent', async () => {
      const events = await storage.journey.read('acme', {
        since: new Date('2026-01-01T00:00:00Z'),
      });
      expect(events).toEqual([
        {
          accountId: 'acme',
          userId: 'ana',
          type: 'cut_applied',
          at: '2026-11-01T08:30:00.250Z',
          detail: {
            from: '2026-09-01',
            to: '2026-10-31',
            filter: { by: 'team', value: 'Zürich ops' },
          },
        },
        { accountId: 'acme', userId: 'ana', ...viewed('2026-11-02T10:00:00.000Z', 'plan') },
        { accountId: 'acme', userId: 'bo', ...viewed('2026-11-02T11:00:00.000Z') },
        {
          accountId: 'acme',
          userId: 'ana',
          type: 'scenario_built',
          at: '2026-11-03T08:00:00.000Z',
          detail: { levers: { 'adoption:automation_hours': 12, 'rate:hourly_rate': 62.5 } },
        },
      ]);
    });

    it('reads from `since` on (inclusive), and one user’s only when asked', async () => {
      const since = new Date('2026-11-02T10:00:00Z');
      const fromSince = await storage.journey.read('acme', { since });
      expect(fromSince.map((event) => event.at)).toEqual([
        '2026-11-02T10:00:00.000Z',
        '2026-11-02T11:00:00.000Z',
        '2026-11-03T08:00:00.000Z',
      ]);
      const bo = await storage.journey.read('acme', { since, userId: 'bo' });
      expect(bo.map((event) => event.userId)).toEqual(['bo']);
    });

    it('never reads another account’s events', async () => {
      const globex = await storage.journey.read('globex', { since: new Date(0) });
      expect(globex.map((event) => [event.accountId, event.userId])).toEqual([['globex', 'ana']]);
      expect(await storage.journey.read('initech', { since: new Date(0) })).toEqual([]);
    });

    it('prunes what happened before the cut-off, across accounts, and keeps the rest', async () => {
      expect(await storage.journey.prune(new Date('2026-11-02T10:00:00Z'))).toBe(1);
      expect(await storage.journey.prune(new Date('2026-11-02T10:00:00Z'))).toBe(0);
      expect(await storage.journey.prune(new Date('2026-11-02T10:30:00Z'))).toBe(2);
      const left = await storage.journey.read('acme', { since: new Date(0) });
      expect(left.map((event) => event.at)).toEqual([
        '2026-11-02T11:00:00.000Z',
        '2026-11-03T08:00:00.000Z',
      ]);
      expect(await storage.journey.read('globex', { since: new Date(0) })).toEqual([]);
    });
  });
}
