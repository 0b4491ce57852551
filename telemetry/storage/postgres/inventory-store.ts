import type { Inventory, InventoryStore, QuarantineEntry } from '../interface.ts';
import { inventoryOf, quarantineEntryOf } from '../inventory-rows.ts';
import type { PostgresDatabase, SqlParam } from './database.ts';

/**
 * Reads what telemetry there is on PostgreSQL: counts from the events, property shapes from the
 * rollup (its folded rows and the deltas not folded yet), like the DuckDB store; text in byte
 * order (as DuckDB) whatever the database's collation.
 */
export class PostgresInventoryStore implements InventoryStore {
  constructor(private readonly database: PostgresDatabase) {}

  async inventory(filter: { sourceId?: string }): Promise<Inventory> {
    const where = filter.sourceId === undefined ? '' : 'WHERE source_id = $1';
    const params: SqlParam[] = filter.sourceId === undefined ? [] : [filter.sourceId];
    const [events, properties, totals, duplicates, reasons] = await Promise.all([
      this.database.query(
        `SELECT type, name, count(*) AS count,
                count(DISTINCT nullif(account_id, '')) AS accounts,
                count(DISTINCT coalesce(user_id, anonymous_id)) AS users,
                min(event_time) AS first_seen, max(event_time) AS last_seen
         FROM events ${where} GROUP BY type, name
         ORDER BY count DESC, type COLLATE "C", name COLLATE "C"`,
        params,
      ),
      this.database.query(
        `SELECT type, name, key, array_agg(DISTINCT kind ORDER BY kind) AS kinds,
                sum(occurrences) FILTER (WHERE kind <> 'null') AS filled
         FROM (SELECT * FROM inventory_properties UNION ALL SELECT * FROM inventory_property_deltas) rollup
         ${where} GROUP BY type, name, key ORDER BY key COLLATE "C"`,
        params,
      ),
      this.database.query(`SELECT count(*) AS n FROM events ${where}`, params),
      this.database.query(
        `SELECT coalesce(sum(duplicates), 0) AS n FROM ingest_counters ${where}`,
        params,
      ),
      this.database.query(
        `SELECT code, count(*) AS count FROM quarantine ${where}
         GROUP BY code ORDER BY count DESC, code COLLATE "C"`,
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
      `SELECT id, source_id, received_at, code, message, path, raw
       FROM quarantine ${where} ORDER BY received_at DESC, id LIMIT $1`,
      params,
    );
    return rows.map(quarantineEntryOf);
  }
}
