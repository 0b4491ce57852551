import { z } from 'zod';
import {
  handoffChannels,
  handoffStatuses,
  handoffTimings,
  handoffTopicKinds,
} from '../../../blueprint/api/handoffs.ts';
import type {
  HandoffQueueFilter,
  HandoffRow,
  HandoffStore,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from '../interface.ts';
import { type Database, inTransaction, isoText, queryRows, type Row } from './database.ts';

const ROW_COLUMNS = `account_id, id, asked_by, status, topic_kind, topic_ref, topic_label, message,
  channel, timing, ${isoText('created_at')} AS created_at, ${isoText('updated_at')} AS updated_at`;
const REPLY_COLUMNS = `account_id, handoff_id, id, ${isoText('"at"')} AS replied_at, rep_id,
  rep_name, message, scenario_id, scenario_name`;

const rowSchema = z.object({
  account_id: z.string(),
  id: z.string(),
  asked_by: z.string(),
  status: z.enum(handoffStatuses),
  topic_kind: z.enum(handoffTopicKinds),
  topic_ref: z.string().nullable(),
  topic_label: z.string(),
  message: z.string(),
  channel: z.enum(handoffChannels),
  timing: z.enum(handoffTimings).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const eventRowSchema = z.object({
  account_id: z.string(),
  id: z.string(),
  handoff_id: z.string(),
  type: z.enum(['handoff.created', 'handoff.updated', 'handoff.replied']),
  data: z.string(),
  created_at: z.string(),
});

type Connection = Parameters<Parameters<Database['withConnection']>[0]>[0];

/** Writes a hand-off change's webhook event, in the change's transaction. */
async function insertEvent(connection: Connection, event: PendingHandoffEvent): Promise<void> {
  await queryRows(
    connection,
    `INSERT INTO handoff_events (account_id, id, handoff_id, type, data, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [event.accountId, event.id, event.handoffId, event.type, event.data, new Date(event.createdAt)],
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
            `INSERT INTO handoffs (account_id, id, asked_by, status, topic_kind, topic_ref,
               topic_label, message, channel, timing, brief, created_at, updated_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::JSON, $12, $13
             WHERE (SELECT count(*) FROM handoffs
                    WHERE account_id = $1 AND asked_by = $3 AND created_at > $14) < $15
             RETURNING id`,
            [
              handoff.accountId,
              handoff.id,
              handoff.askedBy,
              handoff.status,
              handoff.topic.kind,
              handoff.topic.ref,
              handoff.topic.label,
              handoff.message,
              handoff.channel,
              handoff.timing,
              handoff.brief,
              new Date(handoff.createdAt),
              new Date(handoff.updatedAt),
              new Date(limit.since),
              limit.max,
            ],
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
    return rows.map((row) => {
      const event = eventRowSchema.parse(row);
      return {
        accountId: event.account_id,
        id: event.id,
        handoffId: event.handoff_id,
        type: event.type,
        data: event.data,
        createdAt: event.created_at,
      };
    });
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
    return rows[0] ? storedOf(rows[0]) : null;
  }

  async find(id: string): Promise<StoredHandoff | null> {
    const rows = await this.database.query(
      `SELECT ${ROW_COLUMNS}, brief FROM handoffs WHERE id = $1`,
      [id],
    );
    return rows[0] ? storedOf(rows[0]) : null;
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
          `INSERT INTO handoff_replies (account_id, handoff_id, id, "at", rep_id, rep_name, message,
             scenario_id, scenario_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            reply.accountId,
            reply.handoffId,
            reply.id,
            new Date(reply.at),
            reply.repId,
            reply.repName,
            reply.message,
            reply.scenario?.id ?? null,
            reply.scenario?.name ?? null,
          ],
        );
        await insertEvent(connection, event);
        return true;
      }),
    );
  }

  async replies(accountId: string, handoffIds?: readonly string[]): Promise<StoredHandoffReply[]> {
    const rows = await this.database.query(
      `SELECT ${REPLY_COLUMNS} FROM handoff_replies
       WHERE account_id = $1
         AND ($2::VARCHAR IS NULL OR list_contains(from_json($2::JSON, '["VARCHAR"]'), handoff_id))
       ORDER BY "at", id`,
      [accountId, handoffIds ? JSON.stringify(handoffIds) : null],
    );
    return rows.map((row) => ({
      accountId: String(row.account_id),
      handoffId: String(row.handoff_id),
      id: String(row.id),
      at: String(row.replied_at),
      repId: String(row.rep_id),
      repName: String(row.rep_name),
      message: String(row.message),
      scenario:
        row.scenario_id === null
          ? null
          : { id: String(row.scenario_id), name: String(row.scenario_name) },
    }));
  }
}

function handoffRowOf(row: Row): HandoffRow {
  const parsed = rowSchema.parse(row);
  return {
    accountId: parsed.account_id,
    id: parsed.id,
    askedBy: parsed.asked_by,
    status: parsed.status,
    topic: { kind: parsed.topic_kind, ref: parsed.topic_ref, label: parsed.topic_label },
    message: parsed.message,
    channel: parsed.channel,
    timing: parsed.timing,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
  };
}

function storedOf(row: Row): StoredHandoff {
  return { ...handoffRowOf(row), brief: String(row.brief) };
}
