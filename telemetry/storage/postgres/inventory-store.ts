import type { EventType } from '../../../blueprint/api/events.ts';
import type {
  EventInventory,
  Inventory,
  InventoryStore,
  JsonKind,
  QuarantineEntry,
} from '../interface.ts';
import type { PostgresDatabase, SqlParam } from './database.ts';

/**
 * Reads what telemetry there is on PostgreSQL: counts from the events, property shapes from the
 * rollup (its folded rows and the deltas not folded yet), like the DuckDB store.
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
         FROM events ${where} GROUP BY type, name ORDER BY count DESC, type, name`,
        params,
      ),
      this.database.query(
        `SELECT type, name, key, array_agg(DISTINCT kind ORDER BY kind) AS kinds,
                sum(occurrences) FILTER (WHERE kind <> 'null') AS filled
         FROM (SELECT * FROM inventory_properties UNION ALL SELECT * FROM inventory_property_deltas) rollup
         ${where} GROUP BY type, name, key ORDER BY key`,
        params,
      ),
      this.database.query(`SELECT count(*) AS n FROM events ${where}`, params),
      this.database.query(
        `SELECT coalesce(sum(duplicates), 0) AS n FROM ingest_counters ${where}`,
        params,
      ),
      this.database.query(
        `SELECT code, count(*) AS count FROM quarantine ${where}
         GROUP BY code ORDER BY count DESC, code`,
        params,
      ),
    ]);
    const inventory: EventInventory[] = events.map((row) => {
      const name = row.name == null ? null : String(row.name);
      const count = Number(row.count);
      return {
        name,
        type: row.type as EventType,
        count,
        accounts: Number(row.accounts),
        users: Number(row.users),
        firstSeen: String(row.first_seen),
        lastSeen: String(row.last_seen),
        properties: properties
          .filter((prop) => prop.type === row.type && prop.name === (name ?? ''))
          .map((prop) => ({
            key: String(prop.key),
            types: prop.kinds as JsonKind[],
            fillRate: count === 0 ? 0 : Math.min(1, Number(prop.filled ?? 0) / count),
          })),
      };
    });
    const quarantineReasons = reasons.map((row) => ({
      code: String(row.code),
      count: Number(row.count),
    }));
    return {
      totals: {
        events: Number(totals[0]?.n ?? 0),
        duplicates: Number(duplicates[0]?.n ?? 0),
        quarantined: quarantineReasons.reduce((sum, reason) => sum + reason.count, 0),
      },
      events: inventory,
      quarantine: { reasons: quarantineReasons },
    };
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
    return rows.map((row) => ({
      id: String(row.id),
      sourceId: String(row.source_id),
      receivedAt: String(row.received_at),
      code: String(row.code),
      message: String(row.message),
      path: String(row.path),
      raw: String(row.raw),
    }));
  }
}
