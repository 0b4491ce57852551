import type { DuckDBConnection } from '@duckdb/node-api';
import type { StoredModel } from '../interface.ts';
import { execute, inTransaction, queryRows, type Row } from './database.ts';
import { factInsert, REATTRIBUTED_USERS, SINGLE_ACCOUNT_USERS } from './fact-sql.ts';

/** Rows out of account order that make compactFacts re-sort: about one DuckDB row group… */
const COMPACT_MIN_UNSORTED_ROWS = 122_880;
/** …or this share of all facts, whichever is more, so big tables are not rewritten too often. */
const COMPACT_UNSORTED_SHARE = 0.02;

/** The accounts whose facts a refresh changed: some, or all of them (a rebuild). */
export type ChangedAccounts = ReadonlySet<string> | 'all';

/**
 * Rolls events committed since the last pass into value_facts, or rebuilds them all when the model
 * version changed, in one transaction on `connection`. Says which accounts' facts changed.
 */
export async function refreshFacts(
  connection: DuckDBConnection,
  current: StoredModel,
): Promise<ChangedAccounts> {
  const [cursor] = await queryRows(
    connection,
    'SELECT model_version, seq FROM value_cursor WHERE id = 1',
  );
  const rebuild = !cursor || Number(cursor.model_version) !== current.version;
  const after = rebuild ? 0 : Number(cursor?.seq ?? 0);
  const [latest] = await queryRows(connection, 'SELECT coalesce(max(seq), 0) AS seq FROM events');
  const upto = Number(latest?.seq ?? 0);
  if (!rebuild && upto <= after) return new Set();
  const insert = factInsert(current.model, after, upto);
  const changed = new Set<string>();
  const note = (rows: Row[]) => {
    for (const row of rows) changed.add(String(row.account_id));
  };
  await inTransaction(connection, async () => {
    if (rebuild) {
      await execute(connection, 'DELETE FROM value_facts');
      await execute(connection, 'DELETE FROM value_attribution');
    } else {
      // A user who joined their first account, or a second one, since the last pass: their
      // earlier events without a groupId now count for another account (or none), so their
      // facts are derived again, as a rebuild would.
      await execute(
        connection,
        `CREATE OR REPLACE TEMP TABLE ${REATTRIBUTED_USERS} AS
         SELECT user_id FROM (${SINGLE_ACCOUNT_USERS}) latest
         FULL OUTER JOIN value_attribution known USING (user_id)
         WHERE latest.account_id IS DISTINCT FROM known.account_id`,
      );
      note(
        await queryRows(
          connection,
          `DELETE FROM value_facts WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})
           RETURNING account_id`,
        ),
      );
      const again = factInsert(current.model, 0, after, { reattributedOnly: true });
      note(await queryRows(connection, `${again.sql} RETURNING account_id`, again.params));
      await execute(
        connection,
        `DELETE FROM value_attribution WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`,
      );
    }
    if (rebuild) await execute(connection, insert.sql, insert.params);
    else note(await queryRows(connection, `${insert.sql} RETURNING account_id`, insert.params));
    await execute(
      connection,
      `INSERT INTO value_attribution SELECT user_id, account_id FROM (${SINGLE_ACCOUNT_USERS})
       ${rebuild ? '' : `WHERE user_id IN (SELECT user_id FROM ${REATTRIBUTED_USERS})`}`,
    );
    await execute(
      connection,
      `INSERT INTO value_cursor VALUES (1, $1, $2)
       ON CONFLICT DO UPDATE SET model_version = excluded.model_version, seq = excluded.seq`,
      [current.version, upto],
    );
  });
  return rebuild ? 'all' : changed;
}

/**
 * Reads of one account skip every row group whose account range misses it, which works while the
 * facts lie in account order: a rebuild writes them so, but refreshes append theirs at the end.
 * When enough rows sit out of order (more than a row group's worth, or 2% of the facts), this
 * rewrites the table sorted. Cheap to call often: the check is one pass over the keys.
 */
export async function compactFactTable(
  connection: DuckDBConnection,
  minUnsortedRows = COMPACT_MIN_UNSORTED_ROWS,
): Promise<void> {
  const [layout] = await queryRows(
    connection,
    `SELECT count(*)::DOUBLE AS total,
            coalesce(count(*) - min(position) FILTER (WHERE out_of_order) + 1, 0)::DOUBLE AS unsorted
     FROM (
       SELECT row_number() OVER (ORDER BY rowid) AS position,
              account_id < lag(account_id) OVER (ORDER BY rowid)
              OR (account_id = lag(account_id) OVER (ORDER BY rowid)
                  AND day < lag(day) OVER (ORDER BY rowid)) AS out_of_order
       FROM value_facts
     )`,
  );
  const total = Number(layout?.total ?? 0);
  const unsorted = Number(layout?.unsorted ?? 0);
  if (unsorted === 0 || unsorted <= Math.max(minUnsortedRows, total * COMPACT_UNSORTED_SHARE))
    return;
  await inTransaction(connection, async () => {
    await execute(
      connection,
      `CREATE OR REPLACE TEMP TABLE value_facts_sorted AS
       SELECT * FROM value_facts ORDER BY account_id, day`,
    );
    await execute(connection, 'DELETE FROM value_facts');
    await execute(connection, 'INSERT INTO value_facts SELECT * FROM value_facts_sorted');
    await execute(connection, 'DROP TABLE value_facts_sorted');
  });
}
