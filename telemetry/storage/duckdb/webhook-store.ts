import type { StoredDelivery } from '../interface.ts';
import { SqlWebhookStore } from '../sql-webhook-store.ts';
import { deliveryOf } from '../webhook-rows.ts';
import type { Database } from './database.ts';
import { duckDbEngine } from './sql-engine.ts';

/**
 * Webhook endpoints and their outbox in DuckDB (the SQL is SqlWebhookStore's): deliveries wait in
 * the file, so they outlive a restart. Writes run one at a time: the worker and the admin routes
 * touch the same rows, and DuckDB answers two transactions updating one row with a conflict
 * rather than a wait.
 */
export class DuckDbWebhookStore extends SqlWebhookStore {
  constructor(database: Database) {
    let writing: Promise<unknown> = Promise.resolve();
    super({
      sql: duckDbEngine(database),
      write<T>(work: () => Promise<T>): Promise<T> {
        const run = writing.then(work);
        writing = run.catch(() => undefined);
        return run;
      },
      insertionOrder: 'rowid',
    });
  }

  claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]> {
    // One process per file, and writes one at a time: reading then moving them is a claim.
    return this.engine.write(async () => {
      const rows = await this.engine.sql.query(
        `SELECT ${this.deliveryColumns}
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
           AND e.disabled_at IS NULL
         ORDER BY d.next_attempt_at, d.created_at, d.id
         LIMIT $2`,
        [new Date(now), limit],
      );
      const due = rows.map(deliveryOf);
      for (const delivery of due) {
        await this.engine.sql.query(
          'UPDATE webhook_deliveries SET next_attempt_at = $3 WHERE endpoint_id = $1 AND id = $2',
          [delivery.endpointId, delivery.id, new Date(until)],
        );
        delivery.nextAttemptAt = until;
      }
      return due;
    });
  }
}
