import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DayRange, Grain } from '../../../blueprint/days.ts';
import { valueModelSchema } from '../../../blueprint/value-model.ts';
import { Database } from '../../../telemetry/storage/duckdb/database.ts';
import { DuckDbValueStore } from '../../../telemetry/storage/duckdb/value-store.ts';
import type { BreakdownDimension } from '../../../telemetry/storage/interface.ts';
import { valueModel } from '../../server/value-fixture.ts';

/**
 * The value facts' layout: reads of one account are quick while the facts lie in account order, so
 * a rebuild writes them sorted and compact() re-sorts what refreshes appended. Neither may change
 * an answer; a read of several periods (windows, dimensions) must equal one read per period.
 */

const ACCOUNTS = ['acct-a', 'acct-b', 'acct-c', 'acct-d'];
const WHOLE: DayRange = { from: '2025-03-01', to: '2025-04-30' };
const RANGES: DayRange[] = [
  WHOLE,
  { from: '2025-03-01', to: '2025-03-31' },
  { from: '2025-04-10', to: '2025-04-20' },
  { from: '2025-05-01', to: '2025-04-01' },
];
const GRAINS: Grain[] = ['day', 'week', 'month'];
const DIMENSIONS: BreakdownDimension[] = [{ segment: 0 }, { segment: 1 }, 'user', 'driver'];

let database: Database;
let store: DuckDbValueStore;
let seq = 0;

/**
 * `count` events per account in round-robin account order (as ingest interleaves them), on days
 * from `firstDay` on: workflow runs (some failed), deals with amounts and report views.
 */
async function addEvents(count: number, firstDay: string) {
  const first = seq;
  const accounts = `[${ACCOUNTS.map((account) => `'${account}'`).join(', ')}]`;
  seq += count * ACCOUNTS.length;
  await database.query(
    `INSERT INTO events
     SELECT 'src', 'm-' || i, false, 'track',
       ['Workflow Run Completed', 'Deal Closed', 'Report Viewed'][(i % 3)::INTEGER + 1],
       'u-' || (i % 7), NULL, ${accounts}[(i % ${ACCOUNTS.length})::INTEGER + 1],
       ('{"status":"' || CASE WHEN i % 5 = 0 THEN 'failed' ELSE 'success' END || '","amount":' ||
         (i % 90) || ',"team":"t' || (i % 2) || '","workspace":"w' || (i % 3) || '"}')::JSON,
       NULL, NULL, NULL, now(), $3::TIMESTAMP + INTERVAL (i % 30) DAY + INTERVAL (i % 24) HOUR,
       NULL, i + 1
     FROM range($1, $2) t(i)`,
    [first, seq, firstDay],
  );
}

/** Every read the value API makes, for every account. */
async function answers() {
  return Promise.all(
    ACCOUNTS.map(async (account) => ({
      single: {
        activity: await Promise.all(
          RANGES.map(async (range) => (await store.activity(account, [range]))[0]),
        ),
        series: await Promise.all(
          GRAINS.map(async (grain) => (await store.series(account, [{ range: WHOLE, grain }]))[0]),
        ),
        breakdown: await Promise.all(
          RANGES.map(async (range) =>
            Promise.all(
              DIMENSIONS.map(
                async (dimension) => (await store.breakdown(account, [range], [dimension]))[0]?.[0],
              ),
            ),
          ),
        ),
      },
      together: {
        activity: await store.activity(account, RANGES),
        series: await store.series(
          account,
          GRAINS.map((grain) => ({ range: WHOLE, grain })),
        ),
        breakdown: await store.breakdown(account, RANGES, DIMENSIONS),
      },
      bySegment: await store.series(account, [{ range: WHOLE, grain: 'week' }], { segment: 0 }),
      activeDays: await store.activeDays(account),
    })),
  );
}

/** Rows out of (account_id, day) order, in storage order. */
async function outOfOrder(): Promise<number> {
  const rows = await database.query(
    `SELECT count(*) FILTER (WHERE account_id < prev_account
              OR (account_id = prev_account AND day < prev_day))::INTEGER AS n
     FROM (SELECT account_id, day, lag(account_id) OVER (ORDER BY rowid) AS prev_account,
                  lag(day) OVER (ORDER BY rowid) AS prev_day FROM value_facts)`,
  );
  return Number(rows[0]?.n);
}

beforeEach(async () => {
  seq = 0;
  database = await Database.open(':memory:');
  store = new DuckDbValueStore(database);
});

afterEach(async () => {
  await store.close();
  database.close();
});

describe('value facts layout', () => {
  it('a rebuild writes the facts in account order', async () => {
    await addEvents(300, '2025-03-01');
    await store.saveModel(valueModelSchema.parse(valueModel()));
    await store.refresh();
    // 1,200 events, of which the 80 failed runs (i divisible by 15) match no driver.
    const [counted] = await database.query('SELECT sum(events)::INTEGER AS n FROM value_facts');
    expect(counted?.n).toBe(1120);
    expect(await outOfOrder()).toBe(0);
  });

  it('compaction re-sorts appended facts and changes no answer', async () => {
    await addEvents(300, '2025-03-01');
    await store.saveModel(valueModelSchema.parse(valueModel()));
    await store.refresh();
    await addEvents(100, '2025-03-20');
    await store.refresh();
    await addEvents(100, '2025-04-01');
    await store.refresh();
    expect(await outOfOrder()).toBeGreaterThan(0);
    const before = await answers();

    await store.compact({ minUnsortedRows: 0 });
    expect(await outOfOrder()).toBe(0);
    expect(await answers()).toEqual(before);

    // Refreshes keep working on top of the compacted table.
    await addEvents(10, '2025-04-15');
    await store.refresh();
    await store.compact({ minUnsortedRows: 0 });
    expect(await outOfOrder()).toBe(0);
  });

  it('leaves a table with few rows out of order alone', async () => {
    await addEvents(300, '2025-03-01');
    await store.saveModel(valueModelSchema.parse(valueModel()));
    await store.refresh();
    await addEvents(5, '2025-04-01');
    await store.refresh();
    const unsorted = await outOfOrder();
    expect(unsorted).toBeGreaterThan(0);
    await store.compact();
    expect(await outOfOrder()).toBe(unsorted);
  });

  it('one read of several periods, windows or dimensions answers each as a read of one does', async () => {
    await addEvents(300, '2025-03-01');
    await store.saveModel(valueModelSchema.parse(valueModel()));
    await store.refresh();
    for (const { single, together } of await answers()) {
      expect(together).toEqual(single);
      expect(together.activity[0]?.length).toBe(3);
      expect(together.activity[3]).toEqual([]);
      expect(together.series[0]?.length).toBeGreaterThan(together.series[1]?.length ?? 0);
      expect(together.breakdown[0]?.map((rows) => rows.length)).not.toContain(0);
    }
    expect(await store.activity('acct-a', [])).toEqual([]);
    expect(await store.activity('nobody', [WHOLE])).toEqual([[]]);
    expect(await store.breakdown('nobody', [WHOLE], DIMENSIONS)).toEqual([[[], [], [], []]]);
  });
});
