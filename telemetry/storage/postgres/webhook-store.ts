import type { StoredDelivery } from '../interface.ts';
import { SqlWebhookStore } from '../sql-webhook-store.ts';
import { deliveryOf, mostOverdueFirst } from '../webhook-rows.ts';
import type { PostgresDatabase } from './database.ts';
import { postgresEngine } from './sql-engine.ts';

/**
 * The vendor's webhook endpoints and their outbox on PostgreSQL (the SQL is SqlWebhookStore's;
 * migration 6: reference tables under Citus). Any number of service processes deliver from it: a
 * batch is claimed with `FOR UPDATE SKIP LOCKED` and its next attempt moved past the batch's time,
 * so each delivery is attempted by one process at a time.
 */
export class PostgresWebhookStore extends SqlWebhookStore {
  constructor(database: PostgresDatabase) {
    super({ sql: postgresEngine(database), write: (work) => work(), insertionOrder: 'seq' });
  }

  async claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]> {
    const rows = await this.engine.sql.query(
      `WITH due AS (
         SELECT d.endpoint_id, d.id, d.next_attempt_at AS was_due
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
           AND e.disabled_at IS NULL
         ORDER BY d.next_attempt_at, d.created_at, d.id
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET next_attempt_at = $3
       FROM due WHERE d.endpoint_id = due.endpoint_id AND d.id = due.id
       RETURNING ${this.deliveryColumns}, due.was_due`,
      [new Date(now), limit, new Date(until)],
    );
    // Most overdue first, by when each was due before the claim moved it.
    return rows
      .map((row) => ({ delivery: deliveryOf(row), wasDue: String(row.was_due) }))
      .sort((a, b) => a.wasDue.localeCompare(b.wasDue) || mostOverdueFirst(a.delivery, b.delivery))
      .map(({ delivery }) => delivery);
  }
}
