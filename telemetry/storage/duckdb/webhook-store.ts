import type {
  DeliveryAttempt,
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../interface.ts';
import {
  DELIVERY_COLUMNS as COLUMNS,
  dateOrNull,
  deliveryOf,
  deliveryValues,
  ENDPOINT_COLUMNS as ENDPOINT_FIELDS,
  endpointOf,
  endpointValues,
} from '../webhook-rows.ts';
import { type Database, execute, inTransaction, isoText } from './database.ts';

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
        `INSERT INTO webhook_endpoints (${ENDPOINT_FIELDS})
         VALUES ($1, $2, $3::JSON, $4, $5, $6, $7, $8, $9)`,
        endpointValues(endpoint),
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
              `INSERT INTO webhook_deliveries (${COLUMNS})
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
              deliveryValues(delivery),
            );
          }
        }),
      ),
    );
  }

  claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]> {
    // One process per file, and writes one at a time: reading then moving them is a claim.
    return this.serially(async () => {
      const rows = await this.database.query(
        `SELECT ${DELIVERY_COLUMNS}
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
           AND e.disabled_at IS NULL
         ORDER BY d.next_attempt_at, d.created_at, d.id
         LIMIT $2`,
        [new Date(now), limit],
      );
      const due = rows.map(deliveryOf);
      for (const delivery of due) {
        await this.database.query(
          'UPDATE webhook_deliveries SET next_attempt_at = $3 WHERE endpoint_id = $1 AND id = $2',
          [delivery.endpointId, delivery.id, new Date(until)],
        );
        delivery.nextAttemptAt = until;
      }
      return due;
    });
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
