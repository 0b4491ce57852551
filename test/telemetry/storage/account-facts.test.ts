import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayRange, Grain } from '../../../blueprint/days.ts';
import { AccountFacts } from '../../../telemetry/storage/account-facts.ts';
import { type DuckDbStorage, openDuckDbStorage } from '../../../telemetry/storage/duckdb/index.ts';
import { DuckDbValueStore } from '../../../telemetry/storage/duckdb/value-store.ts';
import type { AccountFact } from '../../../telemetry/storage/fact-reads.ts';
import type { BreakdownDimension, FactFilter } from '../../../telemetry/storage/interface.ts';
import {
  ACCOUNTS,
  DRIVER_IDS,
  FIRST_DAY,
  type Fixture,
  fixtureEvents,
  LAST_DAY,
  startFixture,
} from '../../server/value-fixture.ts';

const fact = (day: string): AccountFact => ({
  driverId: 'd',
  day,
  userId: 'u',
  segments: ['', '', '', '', '', '', '', ''],
  quantity: 1,
  events: 1,
});
const facts = (n: number) => Array.from({ length: n }, () => fact('2025-01-01'));

describe('the accounts whose facts are held in memory', () => {
  it('holds at most its budget of rows, the least recently read account out first', async () => {
    const held = new AccountFacts(40);
    await held.get('a', async () => facts(10));
    await held.get('b', async () => facts(10));
    await held.get('c', async () => facts(10));
    await held.get('a', async () => expect.fail('a is held'));
    await held.get('d', async () => facts(10));
    expect(held.size).toEqual({ accounts: 4, rows: 40 });
    await held.get('e', async () => facts(5));
    // b was read longest ago: it goes, a (read again) stays.
    expect(held.size).toEqual({ accounts: 4, rows: 35 });
    let loads = 0;
    await held.get('b', async () => {
      loads++;
      return facts(10);
    });
    await held.get('a', async () => expect.fail('a is still held'));
    expect(loads).toBe(1);
  });

  it('never holds an account with more than a quarter of the budget; its reads stay in SQL', async () => {
    const held = new AccountFacts(40);
    let asked = 0;
    const big = async (limit: number) => {
      asked = limit;
      return facts(limit);
    };
    expect(await held.get('big', big)).toBeNull();
    expect(asked).toBe(11);
    // Remembered as too big: not loaded again until its facts change.
    expect(await held.get('big', async () => expect.fail('not loaded again'))).toBeNull();
    expect(held.size.rows).toBe(0);
    held.forget(['big']);
    expect(await held.get('big', async () => facts(3))).toHaveLength(3);
  });

  it('loads an account once for reads that ask at the same time', async () => {
    const held = new AccountFacts(100);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return facts(4);
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => held.get('a', load)));
    expect(loads).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('does not keep what a load read before the facts changed', async () => {
    const held = new AccountFacts(100);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stale = held.get('a', async () => {
      await gate;
      return [fact('2025-01-01')];
    });
    held.forget(['a']);
    release();
    expect(await stale).toHaveLength(1);
    expect(held.size.accounts).toBe(0);
    expect(await held.get('a', async () => [fact('2025-01-01'), fact('2025-01-02')])).toHaveLength(
      2,
    );
    held.clear();
    expect(held.size).toEqual({ accounts: 0, rows: 0 });
  });

  it('holds nothing with a budget of 0', async () => {
    const held = new AccountFacts(0);
    expect(await held.get('a', async () => expect.fail('never loads'))).toBeNull();
  });
});

describe('reads of facts held in memory answer exactly as the SQL over value_facts', () => {
  let storage: DuckDbStorage;
  let f: Fixture;
  let sql: DuckDbValueStore;

  beforeAll(async () => {
    storage = await openDuckDbStorage(':memory:');
    f = await startFixture({ storage });
    await f.ingest(fixtureEvents());
    await f.refresh();
    // A second store over the same database that holds nothing: every read is a query.
    sql = new DuckDbValueStore(storage.database, { factCacheRows: 0 });
    await sql.currentModel();
  });
  afterAll(async () => {
    await sql.close();
    await f.t.close();
  });

  const ranges: DayRange[] = [
    { from: FIRST_DAY, to: LAST_DAY },
    { from: '2025-03-10', to: '2025-03-23' },
    { from: '2025-04-27', to: '2025-04-27' },
    { from: '2024-01-01', to: '2024-12-31' },
  ];
  const filters: Array<FactFilter | undefined> = [
    undefined,
    { segment: 0, value: 'finance' },
    { segment: 1, value: 'north' },
    { segment: 1, value: 'nowhere' },
    { drivers: ['automation_hours', 'active_analysts'] },
    { drivers: [] },
  ];
  const grains: Grain[] = ['day', 'week', 'month'];
  const dimensions: BreakdownDimension[] = [{ segment: 0 }, { segment: 1 }, 'user', 'driver'];

  it('for every account, range, cut, grain and dimension', async () => {
    const held = storage.values;
    let compared = 0;
    for (const account of [...ACCOUNTS, 'nobody']) {
      for (const filter of filters) {
        expect(await held.activity(account, ranges, filter)).toEqual(
          await sql.activity(account, ranges, filter),
        );
        expect(await held.activeDays(account, filter)).toEqual(
          await sql.activeDays(account, filter),
        );
        expect(await held.breakdown(account, ranges, dimensions, filter)).toEqual(
          await sql.breakdown(account, ranges, dimensions, filter),
        );
        for (const segment of [undefined, 0, 1]) {
          const windows = grains.map((grain, index) => ({
            range: ranges[index] as DayRange,
            grain,
          }));
          const options = {
            ...(segment === undefined ? {} : { segment }),
            ...(filter ? { filter } : {}),
          };
          expect(await held.series(account, windows, options)).toEqual(
            await sql.series(account, windows, options),
          );
        }
        compared++;
      }
    }
    expect(compared).toBe(24);
    // The comparison is not empty: the fixture's accounts have value in every driver.
    const [whole] = await held.activity(ACCOUNTS[0], ranges);
    expect(whole?.map((activity) => activity.driverId)).toEqual([...DRIVER_IDS].sort());
  });
});
