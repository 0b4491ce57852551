import { z } from 'zod';
import { deliveryStatuses, webhookEventTypes } from '../../../blueprint/api/webhooks.ts';
import type {
  DeliveryAttempt,
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../interface.ts';
import { type Database, execute, inTransaction, isoText, type Row } from './database.ts';

const eventsSchema = z.array(z.enum(webhookEventTypes));
const eventTypeSchema = z.enum(webhookEventTypes);
const statusSchema = z.enum(deliveryStatuses);

const ENDPOINT_COLUMNS = `id, url, events, description, secret, ${isoText('created_at')} AS created_at,
  ${isoText('disabled_at')} AS disabled_at, disabled_reason, ${isoText('failing_since')} AS failing_since`;
const DELIVERY_COLUMNS = `d.endpoint_id, d.id, d.event_type, d.payload, d.attempts,
  ${isoText('d.next_attempt_at')} AS next_attempt_at, d.status, d.last_status_code, d.last_error,
  ${isoText('d.created_at')} AS created_at, ${isoText('d.delivered_at')} AS delivered_at`;

/**
 * Webhook endpoints and their outbox in DuckDB: deliveries wait in the file, so they outlive a
 * restart. Writes run one at a time: the worker and the admin routes touch the same rows, and
 * DuckDB answers two transactions updating one row with a conflict rather than a wait.
 */
export class DuckDbWebhookStore implements WebhookStore {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly database: Database) {}

  private serially<T>(write: () => Promise<T>): Promise<T> {
    const run = this.writing.then(write);
    this.writing = run.catch(() => undefined);
    return run;
  }

  addEndpoint(endpoint: StoredWebhookEndpoint): Promise<void> {
    return this.serially(async () => {
      await this.database.query(
        'INSERT INTO webhook_endpoints VALUES ($1, $2, $3::JSON, $4, $5, $6, $7, $8, $9)',
        [
          endpoint.id,
          endpoint.url,
          JSON.stringify(endpoint.events),
          endpoint.description,
          endpoint.secret,
          new Date(endpoint.createdAt),
          dateOrNull(endpoint.disabledAt),
          endpoint.disabledReason,
          dateOrNull(endpoint.failingSince),
        ],
      );
    });
  }

  async endpoints(): Promise<StoredWebhookEndpoint[]> {
    const rows = await this.database.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`,
    );
    return rows.map(endpointOf);
  }

  async endpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    const rows = await this.database.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`,
      [id],
    );
    return rows[0] ? endpointOf(rows[0]) : null;
  }

  removeEndpoint(id: string): Promise<boolean> {
    return this.serially(() =>
      this.database.withConnection((connection) =>
        inTransaction(connection, async () => {
          await execute(connection, 'DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
          const reader = await connection.runAndReadAll(
            'DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id',
            [id],
          );
          return reader.getRows().length === 1;
        }),
      ),
    );
  }

  setSecret(id: string, secret: string): Promise<boolean> {
    return this.serially(async () => {
      const rows = await this.database.query(
        'UPDATE webhook_endpoints SET secret = $2 WHERE id = $1 RETURNING id',
        [id, secret],
      );
      return rows.length === 1;
    });
  }

  setFailingSince(id: string, since: string | null): Promise<void> {
    return this.serially(async () => {
      await this.database.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1', [
        id,
        dateOrNull(since),
      ]);
    });
  }

  disableEndpoint(id: string, at: string, reason: string): Promise<void> {
    return this.serially(() =>
      this.database.withConnection((connection) =>
        inTransaction(connection, async () => {
          await execute(
            connection,
            'UPDATE webhook_endpoints SET disabled_at = $2, disabled_reason = $3 WHERE id = $1',
            [id, new Date(at), reason],
          );
          await execute(
            connection,
            `UPDATE webhook_deliveries SET status = 'dead', next_attempt_at = NULL,
               last_error = coalesce(last_error || '; ', '') || $2
             WHERE endpoint_id = $1 AND status IN ('pending', 'failed')`,
            [id, `endpoint disabled: ${reason}`],
          );
        }),
      ),
    );
  }

  enqueue(deliveries: readonly StoredDelivery[]): Promise<void> {
    return this.serially(() =>
      this.database.withConnection((connection) =>
        inTransaction(connection, async () => {
          for (const delivery of deliveries) {
            await execute(
              connection,
              'INSERT INTO webhook_deliveries VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
              [
                delivery.endpointId,
                delivery.id,
                delivery.eventType,
                delivery.payload,
                delivery.attempts,
                dateOrNull(delivery.nextAttemptAt),
                delivery.status,
                delivery.lastStatusCode,
                delivery.lastError,
                new Date(delivery.createdAt),
                dateOrNull(delivery.deliveredAt),
              ],
            );
          }
        }),
      ),
    );
  }

  async dueDeliveries(now: string, limit: number): Promise<StoredDelivery[]> {
    const rows = await this.database.query(
      `SELECT ${DELIVERY_COLUMNS}
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
         AND e.disabled_at IS NULL
       ORDER BY d.next_attempt_at, d.created_at, d.id
       LIMIT $2`,
      [new Date(now), limit],
    );
    return rows.map(deliveryOf);
  }

  recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt): Promise<void> {
    return this.serially(async () => {
      await this.database.query(
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
    const rows = await this.database.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
       WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC, d.rowid DESC LIMIT $2`,
      [endpointId, limit],
    );
    return rows.map(deliveryOf);
  }

  async delivery(endpointId: string, id: string): Promise<StoredDelivery | null> {
    const rows = await this.database.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.endpoint_id = $1 AND d.id = $2`,
      [endpointId, id],
    );
    return rows[0] ? deliveryOf(rows[0]) : null;
  }
}

function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

const textOrNull = (value: unknown) => (value === null ? null : String(value));

function endpointOf(row: Row): StoredWebhookEndpoint {
  return {
    id: String(row.id),
    url: String(row.url),
    events: eventsSchema.parse(JSON.parse(String(row.events))),
    description: textOrNull(row.description),
    secret: String(row.secret),
    createdAt: String(row.created_at),
    disabledAt: textOrNull(row.disabled_at),
    disabledReason: textOrNull(row.disabled_reason),
    failingSince: textOrNull(row.failing_since),
  };
}

function deliveryOf(row: Row): StoredDelivery {
  return {
    endpointId: String(row.endpoint_id),
    id: String(row.id),
    eventType: eventTypeSchema.parse(row.event_type),
    payload: String(row.payload),
    attempts: Number(row.attempts),
    nextAttemptAt: textOrNull(row.next_attempt_at),
    status: statusSchema.parse(row.status),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: textOrNull(row.last_error),
    createdAt: String(row.created_at),
    deliveredAt: textOrNull(row.delivered_at),
  };
}
