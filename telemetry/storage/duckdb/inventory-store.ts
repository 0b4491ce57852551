import type { Inventory, InventoryStore, QuarantineEntry } from '../interface.ts';
import { inventoryOf, quarantineEntryOf } from '../inventory-rows.ts';
import { type Database, isoText, type SqlParam } from './database.ts';

/** Reads what telemetry there is. Counts come from columnar scans; property shapes from a rollup. */
export class DuckDbInventoryStore implements InventoryStore {
  constructor(private readonly database: Database) {}

  async inventory(filter: { sourceId?: string }): Promise<Inventory> {
    const where = filter.sourceId === undefined ? '' : 'WHERE source_id = $1';
    const params: SqlParam[] = filter.sourceId === undefined ? [] : [filter.sourceId];
    const [events, properties, totals, duplicates, reasons] = await Promise.all([
      this.database.query(
        `SELECT type, name, count(*)::DOUBLE AS count,
                count(DISTINCT account_id)::DOUBLE AS accounts,
                count(DISTINCT coalesce(user_id, anonymous_id))::DOUBLE AS users,
                ${isoText('min(event_time)')} AS first_seen, ${isoText('max(event_time)')} AS last_seen
         FROM events ${where} GROUP BY type, name ORDER BY count DESC, type, name`,
        params,
      ),
      this.database.query(
        `SELECT type, name, key, list(DISTINCT kind ORDER BY kind) AS kinds,
                (sum(occurrences) FILTER (WHERE kind <> 'null'))::DOUBLE AS filled
         FROM (SELECT * FROM inventory_properties UNION ALL SELECT * FROM inventory_property_deltas)
         ${where} GROUP BY type, name, key ORDER BY key`,
        params,
      ),
      this.database.query(`SELECT count(*)::DOUBLE AS n FROM events ${where}`, params),
      this.database.query(
        `SELECT coalesce(sum(duplicates), 0)::DOUBLE AS n FROM ingest_counters ${where}`,
        params,
      ),
      this.database.query(
        `SELECT code, count(*)::DOUBLE AS count FROM quarantine ${where}
         GROUP BY code ORDER BY count DESC, code`,
        params,
      ),
    ]);
    return inventoryOf({ events, properties, totals, duplicates, reasons });
  }

  async quarantine(filter: { sourceId?: string; limit: number }): Promise<QuarantineEntry[]> {
    const where = filter.sourceId === undefined ? '' : 'WHERE source_id = $2';
    const params: SqlParam[] = [filter.limit];
    if (filter.sourceId !== undefined) params.push(filter.sourceId);
    const rows = await this.database.query(
      `SELECT id, source_id, ${isoText('received_at')} AS received_at, code, message, path, raw
       FROM quarantine ${where} ORDER BY received_at DESC, id LIMIT $1`,
      params,
    );
    return rows.map(quarantineEntryOf);
  }
}
