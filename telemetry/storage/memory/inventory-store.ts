import type { EventType } from '../../../blueprint/api/events.ts';
import type {
  EventInventory,
  Inventory,
  InventoryStore,
  JsonKind,
  QuarantineEntry,
} from '../interface.ts';
import { keyOf, type MemoryState, partsOf } from './state.ts';

/** The vendor's view of what telemetry there is, counted from the events in memory. */
export class MemoryInventoryStore implements InventoryStore {
  constructor(private readonly state: MemoryState) {}

  async inventory(filter: { sourceId?: string }): Promise<Inventory> {
    const mine = (sourceId: string) =>
      filter.sourceId === undefined || sourceId === filter.sourceId;
    const groups = new Map<
      string,
      {
        type: EventType;
        name: string | null;
        count: number;
        accounts: Set<string>;
        users: Set<string>;
        first: Date;
        last: Date;
      }
    >();
    let total = 0;
    for (const event of this.state.events) {
      if (!mine(event.sourceId)) continue;
      total++;
      const id = keyOf(event.type, ...(event.name === null ? [] : [event.name]));
      let group = groups.get(id);
      if (!group) {
        group = {
          type: event.type,
          name: event.name,
          count: 0,
          accounts: new Set(),
          users: new Set(),
          first: event.eventTime,
          last: event.eventTime,
        };
        groups.set(id, group);
      }
      group.count++;
      if (event.accountId !== null) group.accounts.add(event.accountId);
      const person = event.userId ?? event.anonymousId;
      if (person !== null) group.users.add(person);
      if (event.eventTime < group.first) group.first = event.eventTime;
      if (event.eventTime > group.last) group.last = event.eventTime;
    }
    const properties = this.propertiesByEvent(mine);
    const events: EventInventory[] = [...groups.values()]
      .sort(
        (a, b) =>
          b.count - a.count ||
          compare(a.type, b.type) ||
          // DuckDB sorts NULL names last.
          (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) ||
          compare(a.name ?? '', b.name ?? ''),
      )
      .map((group) => ({
        name: group.name,
        type: group.type,
        count: group.count,
        accounts: group.accounts.size,
        users: group.users.size,
        firstSeen: group.first.toISOString(),
        lastSeen: group.last.toISOString(),
        properties: [...(properties.get(keyOf(group.type, group.name ?? '')) ?? new Map())]
          .sort(([a], [b]) => compare(a, b))
          .map(([key, { kinds, filled }]) => ({
            key,
            types: [...kinds].sort() as JsonKind[],
            fillRate: group.count === 0 ? 0 : Math.min(1, filled / group.count),
          })),
      }));
    let duplicates = 0;
    for (const [id, count] of this.state.duplicates) {
      if (mine(partsOf(id)[0] ?? '')) duplicates += count;
    }
    const reasons = new Map<string, number>();
    for (const entry of this.state.quarantine) {
      if (mine(entry.sourceId)) reasons.set(entry.code, (reasons.get(entry.code) ?? 0) + 1);
    }
    const quarantineReasons = [...reasons]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || compare(a.code, b.code));
    return {
      totals: {
        events: total,
        duplicates,
        quarantined: quarantineReasons.reduce((sum, reason) => sum + reason.count, 0),
      },
      events,
      quarantine: { reasons: quarantineReasons },
    };
  }

  async quarantine(filter: { sourceId?: string; limit: number }): Promise<QuarantineEntry[]> {
    return this.state.quarantine
      .filter((entry) => filter.sourceId === undefined || entry.sourceId === filter.sourceId)
      .sort((a, b) => compare(b.receivedAt, a.receivedAt) || compare(a.id, b.id))
      .slice(0, filter.limit)
      .map((entry) => ({ ...entry }));
  }

  /** `${type}\0${name}` → property key → its kinds and how often it held a non-null value. */
  private propertiesByEvent(mine: (sourceId: string) => boolean) {
    const byEvent = new Map<string, Map<string, { kinds: Set<string>; filled: number }>>();
    for (const [id, occurrences] of this.state.properties) {
      const [sourceId = '', type = '', name = '', key = '', kind = ''] = partsOf(id);
      if (!mine(sourceId)) continue;
      const event = keyOf(type, name);
      const keys = byEvent.get(event) ?? new Map();
      byEvent.set(event, keys);
      const entry = keys.get(key) ?? { kinds: new Set<string>(), filled: 0 };
      keys.set(key, entry);
      entry.kinds.add(kind);
      if (kind !== 'null') entry.filled += occurrences;
    }
    return byEvent;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
