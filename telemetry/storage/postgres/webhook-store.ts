import type {
  DeliveryAttempt,
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../interface.ts';
import {
  DELIVERY_COLUMNS,
  dateOrNull,
  deliveryOf,
  deliveryValues,
  ENDPOINT_COLUMNS,
  endpointOf,
  endpointValues,
  mostOverdueFirst,
} from '../webhook-rows.ts';
import type { PostgresDatabase } from './database.ts';

/**
 * The vendor's webhook endpoints and their outbox on PostgreSQL (migration 6: reference tables
 * under Citus). Any number of service processes deliver from it: a batch is claimed with
 * `FOR UPDATE SKIP LOCKED` and its next attempt moved past the batch's time, so each delivery is
 * attempted by one process at a time.
 */
export class PostgresWebhookStore implements WebhookStore {
  constructor(private readonly database: PostgresDatabase) {}

  async addEndpoint(endpoint: StoredWebhookEndpoint): Promise<void> {
    await this.database.query(
      `INSERT INTO webhook_endpoints (${ENDPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      endpointValues(endpoint),
    );
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

  async removeEndpoint(id: string): Promise<boolean> {
    // Its deliveries go with it (ON DELETE CASCADE).
    const rows = await this.database.query(
      'DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id',
      [id],
    );
    return rows.length === 1;
  }

  async setSecret(id: string, secret: string): Promise<boolean> {
    const rows = await this.database.query(
      'UPDATE webhook_endpoints SET secret = $2 WHERE id = $1 RETURNING id',
      [id, secret],
    );
    return rows.length === 1;
  }

  async setFailingSince(id: string, since: string | null): Promise<void> {
    await this.database.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1', [
      id,
      dateOrNull(since),
    ]);
  }

  async disableEndpoint(id: string, at: string, reason: string): Promise<void> {
    await this.database.transaction(async (client) => {
      await client.query(
        'UPDATE webhook_endpoints SET disabled_at = $2, disabled_reason = $3 WHERE id = $1',
        [id, new Date(at), reason],
      );
      await client.query(
        `UPDATE webhook_deliveries SET status = 'dead', next_attempt_at = NULL,
           last_error = coalesce(last_error || '; ', '') || $2
         WHERE endpoint_id = $1 AND status IN ('pending', 'failed')`,
        [id, `endpoint disabled: ${reason}`],
      );
    });
  }

  async enqueue(deliveries: readonly StoredDelivery[]): Promise<void> {
    await this.database.transaction(async (client) => {
      for (const delivery of deliveries) {
        await client.query(
          `INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (endpoint_id, id) DO NOTHING`,
          deliveryValues(delivery),
        );
      }
    });
  }

  async claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]> {
    const rows = await this.database.query(
      `WITH due AS (
         SELECT d.endpoint_id, d.id
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
           AND e.disabled_at IS NULL
         ORDER BY d.next_attempt_at, d.created_at, d.id
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         SELECT d.endpoint_id, d.id, d.next_attempt_at AS was_due
         FROM webhook_deliveries d JOIN due USING (endpoint_id, id)
       )
       UPDATE webhook_deliveries d SET next_attempt_at = $3
       FROM claimed c WHERE d.endpoint_id = c.endpoint_id AND d.id = c.id
       RETURNING ${prefixed('d')}, c.was_due`,
      [new Date(now), limit, new Date(until)],
    );
    // Most overdue first, by when each was due before the claim moved it.
    return rows
      .map((row) => ({ delivery: deliveryOf(row), wasDue: String(row.was_due) }))
      .sort((a, b) => a.wasDue.localeCompare(b.wasDue) || mostOverdueFirst(a.delivery, b.delivery))
      .map(({ delivery }) => delivery);
  }

  async recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt): Promise<void> {
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
  }

  async deliveries(endpointId: string, limit: number): Promise<StoredDelivery[]> {
    const rows = await this.database.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
       WHERE endpoint_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
      [endpointId, limit],
    );
    return rows.map(deliveryOf);
  }

  async delivery(endpointId: string, id: string): Promise<StoredDelivery | null> {
    const rows = await this.database.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2`,
      [endpointId, id],
    );
    return rows[0] ? deliveryOf(rows[0]) : null;
  }
}

/** The delivery columns of the table under `alias`. */
function prefixed(alias: string): string {
  return DELIVERY_COLUMNS.split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}
