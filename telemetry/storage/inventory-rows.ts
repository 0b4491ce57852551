import type { EventType } from '../../blueprint/api/events.ts';
import type { EventInventory, Inventory, JsonKind, QuarantineEntry } from './interface.ts';
import type { SqlRow } from './sql-dialect.ts';

/** How the SQL inventory stores (DuckDB, PostgreSQL) read their rows back: one copy. */

/** The five reads of an inventory, as each engine's SQL answers them. */
export interface InventoryRows {
  /** type, name, count, accounts, users, first_seen, last_seen: most frequent first. */
  events: readonly SqlRow[];
  /** type, name, key, kinds (a list), filled: by key. */
  properties: readonly SqlRow[];
  /** One row: n. */
  totals: readonly SqlRow[];
  /** One row: n. */
  duplicates: readonly SqlRow[];
  /** code, count: most frequent first. */
  reasons: readonly SqlRow[];
}

export function inventoryOf(rows: InventoryRows): Inventory {
  const events: EventInventory[] = rows.events.map((row) => {
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
      properties: rows.properties
        .filter((prop) => prop.type === row.type && prop.name === (name ?? ''))
        .map((prop) => ({
          key: String(prop.key),
          types: prop.kinds as JsonKind[],
          fillRate: count === 0 ? 0 : Math.min(1, Number(prop.filled ?? 0) / count),
        })),
    };
  });
  const reasons = rows.reasons.map((row) => ({ code: String(row.code), count: Number(row.count) }));
  return {
    totals: {
      events: Number(rows.totals[0]?.n ?? 0),
      duplicates: Number(rows.duplicates[0]?.n ?? 0),
      quarantined: reasons.reduce((sum, reason) => sum + reason.count, 0),
    },
    events,
    quarantine: { reasons },
  };
}

export function quarantineEntryOf(row: SqlRow): QuarantineEntry {
  return {
    id: String(row.id),
    sourceId: String(row.source_id),
    receivedAt: String(row.received_at),
    code: String(row.code),
    message: String(row.message),
    path: String(row.path),
    raw: String(row.raw),
  };
}
