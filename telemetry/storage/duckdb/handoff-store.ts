import {
  EVENT_COLUMNS,
  eventValues,
  HANDOFF_COLUMNS,
  handoffRowOf,
  handoffValues,
  pendingEventOf,
  placeholders,
  REPLY_COLUMNS,
  replyOf,
  replyValues,
  storedHandoffOf,
} from '../handoff-rows.ts';
import type {
  HandoffQueueFilter,
  HandoffRow,
  HandoffStore,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from '../interface.ts';
import { type Database, inTransaction, isoText, queryRows } from './database.ts';

const ROW_COLUMNS = `account_id, id, asked_by, status, topic_kind, topic_ref, topic_label, message,
  channel, timing, ${isoText('created_at')} AS created_at, ${isoText('updated_at')} AS updated_at`;
const READ_REPLY_COLUMNS = `account_id, handoff_id, id, ${isoText('"at"')} AS replied_at, rep_id,
  rep_name, message, scenario_id, scenario_name`;

type Connection = Parameters<Parameters<Database['withConnection']>[0]>[0];

/** Writes a hand-off change's webhook event, in the change's transaction. */
async function insertEvent(connection: Connection, event: PendingHandoffEvent): Promise<void> {
  await queryRows(
    connection,
    `INSERT INTO handoff_events (${EVENT_COLUMNS}) VALUES (${placeholders(6)})`,
    eventValues(event),
  );
}

/**
 * Hand-offs and their replies in DuckDB, keyed by account. Creating one counts its asker's recent
 * hand-offs and inserts in one statement, and creations run one at a time in this process (DuckDB
 * allows one process per file), so the hourly limit holds.
 */
export class DuckDbHandoffStore implements HandoffStore {
  private creating: Promise<unknown> = Promise.resolve();

  constructor(private readonly database: Database) {}

  create(
    handoff: StoredHandoff,
    limit: { max: number; since: string },
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    const run = this.creating.then(() =>
      this.database.withConnection((connection) =>
        inTransaction(connection, async () => {
          const rows = await queryRows(
            connection,
            `INSERT INTO handoffs (${HANDOFF_COLUMNS})
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::JSON, $12, $13
             WHERE (SELECT count(*) FROM handoffs
                    WHERE account_id = $1 AND asked_by = $3 AND created_at > $14) < $15
             RETURNING id`,
            [...handoffValues(handoff), new Date(limit.since), limit.max],
          );
          if (rows.length !== 1) return false;
          await insertEvent(connection, event);
          return true;
        }),
      ),
    );
    this.creating = run.catch(() => undefined);
    return run;
  }

  async pendingEvents(limit: number): Promise<PendingHandoffEvent[]> {
    const rows = await this.database.query(
      `SELECT account_id, id, handoff_id, type, data, ${isoText('created_at')} AS created_at
       FROM handoff_events ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map(pendingEventOf);
  }

  async eventRelayed(accountId: string, id: string): Promise<void> {
    await this.database.query('DELETE FROM handoff_events WHERE account_id = $1 AND id = $2', [
      accountId,
      id,
    ]);
  }

  async askedSince(accountId: string, userId: string, since: string): Promise<string[]> {
    const rows = await this.database.query(
      `SELECT ${isoText('created_at')} AS created_at FROM handoffs
       WHERE account_id = $1 AND asked_by = $2 AND created_at > $3
       ORDER BY created_at`,
      [accountId, userId, new Date(since)],
    );
    return rows.map((row) => String(row.created_at));
  }

  async list(accountId: string): Promise<HandoffRow[]> {
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS} FROM handoffs WHERE account_id = $1
       ORDER BY handoffs.created_at DESC, id DESC`,
      [accountId],
    );
    return rows.map(handoffRowOf);
  }

  async get(accountId: string, id: string): Promise<StoredHandoff | null> {
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS}, brief FROM handoffs WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows[0] ? storedHandoffOf(rows[0]) : null;
  }

  async find(id: string): Promise<StoredHandoff | null> {
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS}, brief FROM handoffs WHERE id = $1`,
      [id],
    );
    return rows[0] ? storedHandoffOf(rows[0]) : null;
  }

  async queue(filter: HandoffQueueFilter): Promise<HandoffRow[]> {
    // SqlParam takes no arrays: the accounts go as one JSON list.
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS} FROM handoffs
       WHERE ($1::VARCHAR IS NULL OR list_contains(from_json($1::JSON, '["VARCHAR"]'), account_id))
         AND ($2::VARCHAR IS NULL OR status = $2)
       ORDER BY handoffs.created_at DESC, id DESC`,
      [filter.accounts === '*' ? null : JSON.stringify(filter.accounts), filter.status ?? null],
    );
    return rows.map(handoffRowOf);
  }

  async setStatus(
    accountId: string,
    id: string,
    status: StoredHandoff['status'],
    at: string,
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    return this.database.withConnection((connection) =>
      inTransaction(connection, async () => {
        const rows = await queryRows(
          connection,
          `UPDATE handoffs SET status = $3, updated_at = $4 WHERE account_id = $1 AND id = $2
           RETURNING id`,
          [accountId, id, status, new Date(at)],
        );
        if (rows.length !== 1) return false;
        await insertEvent(connection, event);
        return true;
      }),
    );
  }

  addReply(reply: StoredHandoffReply, event: PendingHandoffEvent): Promise<boolean> {
    return this.database.withConnection((connection) =>
      inTransaction(connection, async () => {
        const updated = await queryRows(
          connection,
          `UPDATE handoffs SET status = 'answered', updated_at = $3
           WHERE account_id = $1 AND id = $2 RETURNING id`,
          [reply.accountId, reply.handoffId, new Date(reply.at)],
        );
        if (updated.length !== 1) return false;
        await queryRows(
          connection,
          `INSERT INTO handoff_replies (${REPLY_COLUMNS}) VALUES (${placeholders(9)})`,
          replyValues(reply),
        );
        await insertEvent(connection, event);
        return true;
      }),
    );
  }

  async replies(accountId: string, handoffIds?: readonly string[]): Promise<StoredHandoffReply[]> {
    const rows = await this.database.query(
      `SELECT ${READ_REPLY_COLUMNS} FROM handoff_replies
       WHERE account_id = $1
         AND ($2::VARCHAR IS NULL OR list_contains(from_json($2::JSON, '["VARCHAR"]'), handoff_id))
       ORDER BY "at", id`,
      [accountId, handoffIds ? JSON.stringify(handoffIds) : null],
    );
    return rows.map(replyOf);
  }
}
