import type pg from 'pg';
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
import type { PostgresDatabase } from './database.ts';

const ROW_COLUMNS = `account_id, id, asked_by, status, topic_kind, topic_ref, topic_label, message,
  channel, timing, created_at, updated_at`;
const READ_REPLY_COLUMNS = `account_id, handoff_id, id, "at" AS replied_at, rep_id, rep_name,
  message, scenario_id, scenario_name`;
/** A list of ids passed as one JSON text parameter. */
const inJsonList = (column: string, parameter: string) =>
  `${column} IN (SELECT jsonb_array_elements_text(${parameter}::jsonb))`;

async function insertEvent(client: pg.PoolClient, event: PendingHandoffEvent): Promise<void> {
  await client.query(
    `INSERT INTO handoff_events (${EVENT_COLUMNS}) VALUES (${placeholders(6)})`,
    eventValues(event),
  );
}

/**
 * Hand-offs, their replies and the webhook events they owe, on PostgreSQL, keyed by account
 * (migration 5: distributed and colocated on it under Citus, so each change is a single-shard
 * transaction). The hourly limit per asker holds across service processes: a new hand-off first
 * locks its asker's row, then counts and inserts.
 */
export class PostgresHandoffStore implements HandoffStore {
  constructor(private readonly database: PostgresDatabase) {}

  create(
    handoff: StoredHandoff,
    limit: { max: number; since: string },
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    return this.database.transaction(async (client) => {
      await client.query(
        `INSERT INTO handoff_askers (account_id, asked_by) VALUES ($1, $2)
         ON CONFLICT (account_id, asked_by) DO UPDATE SET asked_by = excluded.asked_by`,
        [handoff.accountId, handoff.askedBy],
      );
      // The asker's row is locked until this commits: the count sees every earlier hand-off.
      const inserted = await client.query(
        `INSERT INTO handoffs (${HANDOFF_COLUMNS})
         SELECT ${placeholders(13)}
         WHERE (SELECT count(*) FROM handoffs
                WHERE account_id = $1 AND asked_by = $3 AND created_at > $14) < $15
         RETURNING id`,
        [...handoffValues(handoff), new Date(limit.since), limit.max],
      );
      if (inserted.rowCount !== 1) return false;
      await insertEvent(client, event);
      return true;
    });
  }

  async pendingEvents(limit: number): Promise<PendingHandoffEvent[]> {
    const rows = await this.database.query(
      `SELECT ${EVENT_COLUMNS} FROM handoff_events ORDER BY created_at, id LIMIT $1`,
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
      `SELECT created_at FROM handoffs
       WHERE account_id = $1 AND asked_by = $2 AND created_at > $3
       ORDER BY created_at`,
      [accountId, userId, new Date(since)],
    );
    return rows.map((row) => String(row.created_at));
  }

  async list(accountId: string): Promise<HandoffRow[]> {
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS} FROM handoffs WHERE account_id = $1
       ORDER BY created_at DESC, id DESC`,
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
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS} FROM handoffs
       WHERE ($1::text IS NULL OR ${inJsonList('account_id', '$1')})
         AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, id DESC`,
      [filter.accounts === '*' ? null : JSON.stringify(filter.accounts), filter.status ?? null],
    );
    return rows.map(handoffRowOf);
  }

  setStatus(
    accountId: string,
    id: string,
    status: StoredHandoff['status'],
    at: string,
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    return this.database.transaction(async (client) => {
      const updated = await client.query(
        `UPDATE handoffs SET status = $3, updated_at = $4 WHERE account_id = $1 AND id = $2
         RETURNING id`,
        [accountId, id, status, new Date(at)],
      );
      if (updated.rowCount !== 1) return false;
      await insertEvent(client, event);
      return true;
    });
  }

  addReply(reply: StoredHandoffReply, event: PendingHandoffEvent): Promise<boolean> {
    return this.database.transaction(async (client) => {
      const updated = await client.query(
        `UPDATE handoffs SET status = 'answered', updated_at = $3
         WHERE account_id = $1 AND id = $2 RETURNING id`,
        [reply.accountId, reply.handoffId, new Date(reply.at)],
      );
      if (updated.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO handoff_replies (${REPLY_COLUMNS}) VALUES (${placeholders(9)})`,
        replyValues(reply),
      );
      await insertEvent(client, event);
      return true;
    });
  }

  async replies(accountId: string, handoffIds?: readonly string[]): Promise<StoredHandoffReply[]> {
    const rows = await this.database.query(
      `SELECT ${READ_REPLY_COLUMNS} FROM handoff_replies
       WHERE account_id = $1 AND ($2::text IS NULL OR ${inJsonList('handoff_id', '$2')})
       ORDER BY "at", id`,
      [accountId, handoffIds ? JSON.stringify(handoffIds) : null],
    );
    return rows.map(replyOf);
  }
}
