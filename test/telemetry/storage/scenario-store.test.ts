import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScenarioStore, StoredScenario } from '../../../telemetry/storage/interface.ts';
import { PostgresScenarioStore } from '../../../telemetry/storage/postgres/scenario-store.ts';
import { describePostgres, withTwoProcesses } from '../../postgres.ts';
import { eachStore, type OpenedStore } from './each-store.ts';

/**
 * Saved plans: every store (memory, DuckDB, PostgreSQL when one is configured) keeps them per
 * account, alike; on PostgreSQL an account's limit holds across service processes.
 */

const stores = eachStore(
  (storage) => storage.scenarios,
  (database) => new PostgresScenarioStore(database),
);

const plan = (
  accountId: string,
  id: string,
  extra: Partial<StoredScenario> = {},
): StoredScenario => ({
  accountId,
  id,
  authorId: `${accountId}-ana`,
  name: `Plan ${id}`,
  description: null,
  levers: { 'automations.adoption': 0.6, 'reports.intensity': 12.5 },
  horizonMonths: 12,
  rampMonths: 3,
  shared: false,
  made: {
    modelVersion: 2,
    from: '2026-09-07',
    to: '2026-11-29',
    baselineRunRate: 118_250.5,
    planRunRate: 164_000,
  },
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  ...extra,
});

for (const { name, open, suite } of stores) {
  suite(`saved plans (${name} store)`, () => {
    let opened: OpenedStore<ScenarioStore>;
    let scenarios: ScenarioStore;
    beforeAll(async () => {
      opened = await open();
      scenarios = opened.store;
    });
    afterAll(() => opened.close());

    it('keeps a plan as given and lists an account’s plans oldest first, no other account’s', async () => {
      const later = plan('acme', 'p2', {
        description: 'Finance on automations — “ÿ” 🚀',
        createdAt: '2026-12-02T10:30:00.250Z',
        updatedAt: '2026-12-02T10:30:00.250Z',
        shared: true,
        fromRep: { repId: 'rep-1', name: 'Sam Rivera', handoffId: 'h1' },
      });
      expect(await scenarios.create(later, 10)).toBe(true);
      expect(await scenarios.create(plan('acme', 'p1'), 10)).toBe(true);
      expect(await scenarios.create(plan('globex', 'p3'), 10)).toBe(true);
      expect(await scenarios.list('acme')).toEqual([plan('acme', 'p1'), later]);
      expect(await scenarios.get('acme', 'p2')).toEqual(later);
      expect(await scenarios.get('globex', 'p2')).toBeNull();
      expect(await scenarios.list('initech')).toEqual([]);
      // Written over without who pushed it, it no longer says so.
      const { fromRep: _gone, ...own } = later;
      expect(await scenarios.replace({ ...own, name: 'Renamed' })).toBe(true);
      expect(await scenarios.get('acme', 'p2')).toEqual({ ...own, name: 'Renamed' });
      expect(await scenarios.replace(later)).toBe(true);
    });

    it('writes over a plan by account and id only, and removes it once', async () => {
      const renamed = plan('globex', 'p3', {
        name: 'Renamed',
        levers: { 'automations.adoption': 0.9 },
        updatedAt: '2026-12-03T08:00:00.000Z',
      });
      expect(await scenarios.replace(renamed)).toBe(true);
      expect(await scenarios.get('globex', 'p3')).toEqual(renamed);
      expect(await scenarios.replace(plan('acme', 'p3'))).toBe(false);
      expect(await scenarios.get('acme', 'p3')).toBeNull();
      expect(await scenarios.remove('acme', 'p3')).toBe(false);
      expect(await scenarios.remove('globex', 'p3')).toBe(true);
      expect(await scenarios.remove('globex', 'p3')).toBe(false);
      expect(await scenarios.list('globex')).toEqual([]);
    });

    it('refuses a plan past the account’s limit, counting only that account, and takes one again after a removal', async () => {
      for (const id of ['a', 'b'])
        expect(await scenarios.create(plan('umbrella', id), 2)).toBe(true);
      expect(await scenarios.create(plan('umbrella', 'c'), 2)).toBe(false);
      expect(await scenarios.create(plan('hooli', 'c'), 2)).toBe(true);
      expect(await scenarios.remove('umbrella', 'a')).toBe(true);
      expect(await scenarios.create(plan('umbrella', 'c'), 2)).toBe(true);
      expect((await scenarios.list('umbrella')).map((s) => s.id)).toEqual(['b', 'c']);
    });

    it('holds the limit when many plans are created at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) => scenarios.create(plan('wayne', `w${index}`), 5)),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await scenarios.list('wayne')).toHaveLength(5);
    });
  });
}

describePostgres('saved plans on PostgreSQL, from two service processes', () => {
  it('holds an account’s limit when both create at once, and a failed insert leaves the count as it was', async () => {
    await withTwoProcesses(async (one, two) => {
      const stores = [new PostgresScenarioStore(one), new PostgresScenarioStore(two)];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (stores[index % 2] as PostgresScenarioStore).create(plan('acme', `p${index}`), 7),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(7);
      const kept = (await stores[1]?.list('acme')) ?? [];
      expect(kept).toHaveLength(7);
      // A kept id again fails inside the transaction: the count must not keep the place.
      const again = plan('acme', kept[0]?.id ?? '');
      await expect(stores[0]?.create(again, 100)).rejects.toThrow(/duplicate key/);
      const [count] = await one.query('SELECT plans FROM scenario_counts WHERE account_id = $1', [
        'acme',
      ]);
      expect(count?.plans).toBe(7);
    });
  });
});
