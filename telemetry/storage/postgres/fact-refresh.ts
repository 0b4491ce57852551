import type { StoredModel } from '../interface.ts';
import type { PostgresSession, Row } from './database.ts';
import {
  factInsert,
  REATTRIBUTED_USERS,
  ROLLING_COMMITS,
  SINGLE_ACCOUNT_USERS,
  SINGLE_ACCOUNTS,
} from './fact-sql.ts';

/** One number for every process: whoever holds it refreshes the facts, the others wait. */
export const REFRESH_LOCK = 0x76_70_76_66; // "vpvf"

/** The accounts whose facts a refresh changed: some, or all of them (a rebuild). */
export type ChangedAccounts = ReadonlySet<string> | 'all';

/**
 * Rolls the commits still in value_pending into value_facts, or rebuilds them all when the model
 * version changed, in `session`'s transaction, which must hold REFRESH_LOCK. An event is in the
 * facts exactly when its commit's value_pending row is gone: a commit that lands meanwhile keeps
 * its row (and its events) for the next refresh. Says which accounts' facts changed.
 */
export async function refreshFacts(
  session: PostgresSession,
  current: StoredModel,
  options: { citus: boolean },
): Promise<ChangedAccounts> {
  const [cursor] = await session.query('SELECT model_version FROM value_cursor WHERE id = 1');
  if (cursor && Number(cursor.model_version) === current.version) return rollIn(session, current);
  await rebuild(session, current, options);
  return 'all';
}

/** Every fact derived again, from every settled commit; every pending one is settled now. */
async function rebuild(
  session: PostgresSession,
  current: StoredModel,
  { citus }: { citus: boolean },
): Promise<void> {
  await session.query('DELETE FROM value_facts');
  await session.query('DELETE FROM value_attribution');
  await session.query('DELETE FROM value_pending');
  // A rebuild reads every event: fresh statistics first (cheap, a sample), so a table that grew
  // fast since autovacuum last looked is not planned as a handful of rows. Not on Citus: its
  // shards are planned where they are, with their own statistics, and a distributed ANALYZE after
  // the deletes above (run on the shards the coordinator holds) is refused in one transaction.
  if (!citus) {
    await session.query('ANALYZE events');
    await session.query('ANALYZE account_users');
  }
  await readSingleAccounts(session);
  const insert = factInsert(current.model, 'settled');
  await session.query(insert.sql, insert.params);
  await session.query(
    `INSERT INTO value_attribution (user_id, account_id)
     SELECT user_id, account_id FROM ${SINGLE_ACCOUNTS}`,
  );
  await session.query(
    `INSERT INTO value_cursor (id, model_version) VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET model_version = excluded.model_version`,
    [current.version],
  );
}

/**
 * Takes the pending commits out of value_pending and rolls their events in; first, the facts of
 * users whose single account changed are derived again, as a rebuild would. Answers the accounts
 * whose facts changed.
 */
async function rollIn(session: PostgresSession, current: StoredModel): Promise<Set<string>> {
  const changed = new Set<string>();
  const note = (rows: Row[]) => {
    for (const row of rows) changed.add(String(row.account_id));
  };
  // Most refreshes of an idle service find nothing: no temporary table is made for them.
  const [pending] = await session.query('SELECT EXISTS (SELECT 1 FROM value_pending) AS waiting');
  if (!pending?.waiting) return changed;
  await session.query(
    `CREATE TEMP TABLE ${ROLLING_COMMITS} ON COMMIT DROP AS
     WITH taken AS (DELETE FROM value_pending RETURNING commit_id) SELECT commit_id FROM taken`,
  );
  // Statistics, so a handful of commits are read through events' commit index, not a full scan.
  await session.query(`ANALYZE ${ROLLING_COMMITS}`);
  const [taken] = await session.query(`SELECT count(*) AS commits FROM ${ROLLING_COMMITS}`);
  if (Number(taken?.commits ?? 0) === 0) return changed;
  // After the commits are taken, so their memberships are read with them.
  await readSingleAccounts(session);
  // A user who joined their first account, or a second one, since the last pass: their earlier
  // events without an account now count for another account (or none).
  await session.query(
    `CREATE TEMP TABLE ${REATTRIBUTED_USERS} ON COMMIT DROP AS
     SELECT user_id FROM ${SINGLE_ACCOUNTS} latest
     FULL OUTER JOIN value_attribution known USING (user_id)
     WHERE latest.account_id IS DISTINCT FROM known.account_id`,
  );
  const [moved] = await session.query(`SELECT count(*) AS users FROM ${REATTRIBUTED_USERS}`);
  const reattributed = Number(moved?.users ?? 0) > 0;
  if (reattributed) {
    await session.query(`ANALYZE ${REATTRIBUTED_USERS}`);
    note(
      await session.query(
        `WITH gone AS (
           DELETE FROM value_facts WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})
           RETURNING account_id
         )
         SELECT DISTINCT account_id FROM gone`,
      ),
    );
    const again = factInsert(current.model, 'rolled', { reattributedOnly: true });
    note(await session.query(again.sql, again.params));
    await session.query(
      `DELETE FROM value_attribution WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`,
    );
  }
  const insert = factInsert(current.model, 'rolling');
  note(await session.query(insert.sql, insert.params));
  if (reattributed) {
    await session.query(
      `INSERT INTO value_attribution (user_id, account_id)
       SELECT user_id, account_id FROM ${SINGLE_ACCOUNTS}
       WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`,
    );
  }
  return changed;
}

/** Reads SINGLE_ACCOUNT_USERS once for this refresh (see SINGLE_ACCOUNTS). */
async function readSingleAccounts(session: PostgresSession): Promise<void> {
  await session.query(
    `CREATE TEMP TABLE ${SINGLE_ACCOUNTS} ON COMMIT DROP AS ${SINGLE_ACCOUNT_USERS}`,
  );
  await session.query(`ANALYZE ${SINGLE_ACCOUNTS}`);
}
