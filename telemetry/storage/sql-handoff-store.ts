import {
  EVENT_COLUMNS,
  eventValues,
  HANDOFF_COLUMNS,
  handoffRowOf,
  handoffValues,
  pendingEventOf,
  REPLY_COLUMNS,
  replyOf,
  replyValues,
  storedHandoffOf,
} from './handoff-rows.ts';
import type {
  HandoffQueueFilter,
  HandoffRow,
  HandoffStore,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from './interface.ts';
import { placeholders, type SqlEngine, type SqlSession } from './sql-dialect.ts';

/**
 * Hand-offs, their replies and the webhook events they owe, in a SQL database, keyed by account:
 * one copy of the SQL for DuckDB and PostgreSQL (see SqlEngine for what differs). A change and
 * its event are one transaction. `lockAsker` is how the engine keeps an asker's hourly limit when
 * hand-offs are created at once: it runs first in the creating transaction.
 */
export class SqlHandoffStore implements HandoffStore {
  private readonly rowColumns: string;
  private readonly replyColumns: string;

  constructor(
    private readonly engine: SqlEngine,
    private readonly lockAsker: (
      session: SqlSession,
      accountId: string,
      askedBy: string,
    ) => Promise<void> = async () => undefined,
  ) {
    const at = (column: string) => engine.timestamp(column, column);
    this.rowColumns = `account_id, id, asked_by, status, topic_kind, topic_ref, topic_label,
      message, channel, timing, ${at('created_at')}, ${at('updated_at')}`;
    this.replyColumns = `account_id, handoff_id, id, ${engine.timestamp('"at"', 'replied_at')},
      rep_id, rep_name, message, scenario_id, scenario_name`;
  }

  create(
    handoff: StoredHandoff,
    limit: { max: number; since: string },
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    return this.engine.transaction(async (session) => {
      await this.lockAsker(session, handoff.accountId, handoff.askedBy);
      const inserted = await session.query(
        `INSERT INTO handoffs (${HANDOFF_COLUMNS})
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${this.engine.json('$11')}, $12, $13
         WHERE (SELECT count(*) FROM handoffs
                WHERE account_id = $1 AND asked_by = $3 AND created_at > $14) < $15
         RETURNING id`,
        [...handoffValues(handoff), new Date(limit.since), limit.max],
      );
      if (inserted.length !== 1) return false;
      await insertEvent(session, event);
      return true;
    });
  }

  async pendingEvents(limit: number): Promise<PendingHandoffEvent[]> {
    const rows = await this.engine.query(
      `SELECT account_id, id, handoff_id, type, data, ${this.engine.timestamp('created_at', 'created_at')}
       FROM handoff_events ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map(pendingEventOf);
  }

  async eventRelayed(accountId: string, id: string): Promise<void> {
    await this.engine.query('DELETE FROM handoff_events WHERE account_id = $1 AND id = $2', [
      accountId,
      id,
    ]);
  }

  async askedSince(accountId: string, userId: string, since: string): Promise<string[]> {
    const rows = await this.engine.query(
      `SELECT ${this.engine.timestamp('created_at', 'created_at')} FROM handoffs
       WHERE account_id = $1 AND asked_by = $2 AND created_at > $3
       ORDER BY created_at`,
      [accountId, userId, new Date(since)],
    );
    return rows.map((row) => String(row.created_at));
  }

  async list(accountId: string): Promise<HandoffRow[]> {
    const rows = await this.engine.query(
      `SELECT ${this.rowColumns} FROM handoffs WHERE account_id = $1
       ORDER BY handoffs.created_at DESC, id DESC`,
      [accountId],
    );
    return rows.map(handoffRowOf);
  }

  async get(accountId: string, id: string): Promise<StoredHandoff | null> {
    const rows = await this.engine.query(
      `SELECT ${this.rowColumns}, brief FROM handoffs WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows[0] ? storedHandoffOf(rows[0]) : null;
  }

  async find(id: string): Promise<StoredHandoff | null> {
    const rows = await this.engine.query(
      `SELECT ${this.rowColumns}, brief FROM handoffs WHERE id = $1`,
      [id],
    );
    return rows[0] ? storedHandoffOf(rows[0]) : null;
  }

  async queue(filter: HandoffQueueFilter): Promise<HandoffRow[]> {
    // The accounts go as one JSON list (a parameter is never an array).
    const rows = await this.engine.query(
      `SELECT ${this.rowColumns} FROM handoffs
       WHERE ($1::VARCHAR IS NULL OR ${this.engine.inJsonList('account_id', '$1')})
         AND ($2::VARCHAR IS NULL OR status = $2)
       ORDER BY handoffs.created_at DESC, id DESC`,
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
    return this.engine.transaction(async (session) => {
      const updated = await session.query(
        `UPDATE handoffs SET status = $3, updated_at = $4 WHERE account_id = $1 AND id = $2
         RETURNING id`,
        [accountId, id, status, new Date(at)],
      );
      if (updated.length !== 1) return false;
      await insertEvent(session, event);
      return true;
    });
  }

  addReply(reply: StoredHandoffReply, event: PendingHandoffEvent): Promise<boolean> {
    return this.engine.transaction(async (session) => {
      const updated = await session.query(
        `UPDATE handoffs SET status = 'answered', updated_at = $3
         WHERE account_id = $1 AND id = $2 RETURNING id`,
        [reply.accountId, reply.handoffId, new Date(reply.at)],
      );
      if (updated.length !== 1) return false;
      await session.query(
        `INSERT INTO handoff_replies (${REPLY_COLUMNS}) VALUES (${placeholders(9)})`,
        replyValues(reply),
      );
      await insertEvent(session, event);
      return true;
    });
  }

  async replies(accountId: string, handoffIds?: readonly string[]): Promise<StoredHandoffReply[]> {
    const rows = await this.engine.query(
      `SELECT ${this.replyColumns} FROM handoff_replies
       WHERE account_id = $1
         AND ($2::VARCHAR IS NULL OR ${this.engine.inJsonList('handoff_id', '$2')})
       ORDER BY "at", id`,
      [accountId, handoffIds ? JSON.stringify(handoffIds) : null],
    );
    return rows.map(replyOf);
  }
}

/** Writes a hand-off change's webhook event, in the change's transaction. */
async function insertEvent(session: SqlSession, event: PendingHandoffEvent): Promise<void> {
  await session.query(
    `INSERT INTO handoff_events (${EVENT_COLUMNS}) VALUES (${placeholders(6)})`,
    eventValues(event),
  );
}
