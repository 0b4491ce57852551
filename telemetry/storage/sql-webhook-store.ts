import type {
  DeliveryAttempt,
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from './interface.ts';
import { placeholders, type SqlEngine } from './sql-dialect.ts';
import {
  DELIVERY_COLUMNS,
  dateOrNull,
  deliveryOf,
  deliveryValues,
  ENDPOINT_COLUMNS,
  endpointOf,
  endpointValues,
} from './webhook-rows.ts';

/** How an engine keeps its outbox: the parts of the SQL webhook store that differ. */
export interface WebhookEngine {
  sql: SqlEngine;
  /** Runs a write (DuckDB: one at a time, as it answers two writers of one row with a conflict). */
  write<T>(work: () => Promise<T>): Promise<T>;
  /** A column that orders an endpoint's deliveries made at the same time, oldest first. */
  insertionOrder: string;
}

/**
 * The vendor's webhook endpoints and their outbox in a SQL database: one copy of the SQL for
 * DuckDB and PostgreSQL. Claiming due deliveries is each engine's own (`claimDue`).
 */
export abstract class SqlWebhookStore implements WebhookStore {
  /** The delivery columns of alias `d`, timestamps as ISO text. */
  protected readonly deliveryColumns: string;
  private readonly endpointColumns: string;

  constructor(protected readonly engine: WebhookEngine) {
    const at = (column: string) => engine.sql.timestamp(column, column);
    this.endpointColumns = `id, url, events, description, secret, ${at('created_at')},
      ${at('disabled_at')}, disabled_reason, ${at('failing_since')}`;
    this.deliveryColumns = `d.endpoint_id, d.id, d.event_type, d.payload, d.attempts,
      ${engine.sql.timestamp('d.next_attempt_at', 'next_attempt_at')}, d.status,
      d.last_status_code, d.last_error, ${engine.sql.timestamp('d.created_at', 'created_at')},
      ${engine.sql.timestamp('d.delivered_at', 'delivered_at')}`;
  }

  abstract claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]>;

  addEndpoint(endpoint: StoredWebhookEndpoint): Promise<void> {
    return this.engine.write(async () => {
      await this.engine.sql.query(
        `INSERT INTO webhook_endpoints (${ENDPOINT_COLUMNS})
         VALUES ($1, $2, ${this.engine.sql.json('$3')}, $4, $5, $6, $7, $8, $9)`,
        endpointValues(endpoint),
      );
    });
  }

  async endpoints(): Promise<StoredWebhookEndpoint[]> {
    const rows = await this.engine.sql.query(
      `SELECT ${this.endpointColumns} FROM webhook_endpoints ORDER BY webhook_endpoints.created_at, id`,
    );
    return rows.map(endpointOf);
  }

  async endpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    const rows = await this.engine.sql.query(
      `SELECT ${this.endpointColumns} FROM webhook_endpoints WHERE id = $1`,
      [id],
    );
    return rows[0] ? endpointOf(rows[0]) : null;
  }

  removeEndpoint(id: string): Promise<boolean> {
    return this.engine.write(() =>
      this.engine.sql.transaction(async (session) => {
        await session.query('DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
        const rows = await session.query(
          'DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id',
          [id],
        );
        return rows.length === 1;
      }),
    );
  }

  setSecret(id: string, secret: string): Promise<boolean> {
    return this.engine.write(async () => {
      const rows = await this.engine.sql.query(
        'UPDATE webhook_endpoints SET secret = $2 WHERE id = $1 RETURNING id',
        [id, secret],
      );
      return rows.length === 1;
    });
  }

  setFailingSince(id: string, since: string | null): Promise<void> {
    return this.engine.write(async () => {
      await this.engine.sql.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1', [
        id,
        dateOrNull(since),
      ]);
    });
  }

  disableEndpoint(id: string, at: string, reason: string): Promise<void> {
    return this.engine.write(() =>
      this.engine.sql.transaction(async (session) => {
        await session.query(
          'UPDATE webhook_endpoints SET disabled_at = $2, disabled_reason = $3 WHERE id = $1',
          [id, new Date(at), reason],
        );
        await session.query(
          `UPDATE webhook_deliveries SET status = 'dead', next_attempt_at = NULL,
             last_error = coalesce(last_error || '; ', '') || $2
           WHERE endpoint_id = $1 AND status IN ('pending', 'failed')`,
          [id, `endpoint disabled: ${reason}`],
        );
      }),
    );
  }

  enqueue(deliveries: readonly StoredDelivery[]): Promise<void> {
    return this.engine.write(() =>
      this.engine.sql.transaction(async (session) => {
        for (const delivery of deliveries) {
          await session.query(
            `INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS})
             VALUES (${placeholders(11)})
             ON CONFLICT (endpoint_id, id) DO NOTHING`,
            deliveryValues(delivery),
          );
        }
      }),
    );
  }

  recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt): Promise<void> {
    return this.engine.write(async () => {
      await this.engine.sql.query(
        `UPDATE webhook_deliveries SET status = $3, attempts = $4, next_attempt_at = $5,
           last_status_code = $6, last_error = $7, delivered_at = $8
         WHERE endpoint_id = $1 AND id = $2`,
        [
          endpointId,
          id,
          attempt.status,
          attempt.attempts,
          dateOrNull(attempt.nextAttemptAt),
          attempt.lastStatusCode,
          attempt.lastError,
          dateOrNull(attempt.deliveredAt),
        ],
      );
    });
  }

  async deliveries(endpointId: string, limit: number): Promise<StoredDelivery[]> {
    const rows = await this.engine.sql.query(
      `SELECT ${this.deliveryColumns} FROM webhook_deliveries d WHERE d.endpoint_id = $1
       ORDER BY d.created_at DESC, d.${this.engine.insertionOrder} DESC LIMIT $2`,
      [endpointId, limit],
    );
    return rows.map(deliveryOf);
  }

  async delivery(endpointId: string, id: string): Promise<StoredDelivery | null> {
    const rows = await this.engine.sql.query(
      `SELECT ${this.deliveryColumns} FROM webhook_deliveries d WHERE d.endpoint_id = $1 AND d.id = $2`,
      [endpointId, id],
    );
    return rows[0] ? deliveryOf(rows[0]) : null;
  }
}
