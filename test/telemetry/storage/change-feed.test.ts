import { expect, it } from 'vitest';
import type { StoreChange } from '../../../telemetry/storage/interface.ts';
import type { PostgresDatabase } from '../../../telemetry/storage/postgres/database.ts';
import { describePostgres, withTwoProcesses } from '../../postgres.ts';

/**
 * The change feed between service processes on one PostgreSQL database: a change is heard by the
 * others when its transaction commits (never when it rolls back, never by the process that made
 * it); a change too large to announce, or a lost listening connection, is heard as `all`.
 */

/** What `database` hears, and a way to wait for the next change. */
async function listen(database: PostgresDatabase) {
  const heard: StoreChange[] = [];
  let waiting: (() => void) | undefined;
  database.changes.subscribe((change) => {
    heard.push(change);
    waiting?.();
  });
  await database.changes.listening();
  return {
    heard,
    /** Resolves once `count` changes have been heard, or fails after 5 s. */
    async until(count: number): Promise<StoreChange[]> {
      const deadline = Date.now() + 5_000;
      while (heard.length < count) {
        if (Date.now() > deadline) throw new Error(`heard ${heard.length} of ${count} changes`);
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 50);
        });
      }
      return heard;
    },
  };
}

describePostgres('the change feed between processes on PostgreSQL', () => {
  it('delivers a change to the others when it commits, not when it rolls back, not to itself', async () => {
    await withTwoProcesses(async (one, two) => {
      const ear = await listen(two);
      const own = await listen(one);
      await expect(
        one.transaction(async (session) => {
          await one.announce({ kind: 'account', accountId: 'rolled-back' }, session);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await one.transaction(async (session) => {
        await one.announce({ kind: 'account', accountId: 'acme' }, session);
        // Not yet: the transaction has not committed.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(ear.heard).toEqual([]);
      });
      await one.announce({ kind: 'events', accounts: ['acme', null] });
      expect(await ear.until(2)).toEqual([
        { kind: 'account', accountId: 'acme' },
        { kind: 'events', accounts: ['acme', null] },
      ]);
      expect(own.heard).toEqual([]);
    });
  });

  it('announces a change too large for NOTIFY as `all`', async () => {
    await withTwoProcesses(async (one, two) => {
      const ear = await listen(two);
      const accounts = Array.from({ length: 2_000 }, (_, index) => `account-${index}`);
      await one.announce({ kind: 'facts', accounts });
      expect(await ear.until(1)).toEqual([{ kind: 'all' }]);
    });
  });

  it('hears `all` once its listening connection is back after the server dropped it, then goes on hearing', async () => {
    await withTwoProcesses(async (one, two) => {
      const ear = await listen(two);
      const [ended] = await one.query(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      expect(Number(ended?.n)).toBe(1);
      expect(await ear.until(1)).toEqual([{ kind: 'all' }]);
      await one.announce({ kind: 'model' });
      expect(await ear.until(2)).toEqual([{ kind: 'all' }, { kind: 'model' }]);
    });
  }, 15_000);
});
