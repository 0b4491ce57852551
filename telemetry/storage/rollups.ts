import type { StoredEvent } from './interface.ts';
import type { SqlValue as SqlParam } from './sql-dialect.ts';

interface AcceptedEvents {
  sourceId: string;
  events: StoredEvent[];
}

/** How many times each (source, type, name, key, kind) appeared in this commit's events. */
export function inventoryDeltas(groups: AcceptedEvents[]): SqlParam[][] {
  // This runs for every property of every event: maps keyed by the property alone in the usual
  // case of one kind per key, and a composite key only for keys seen with a second kind.
  const rows: SqlParam[][] = [];
  for (const { sourceId, events } of groups) {
    const byEvent = new Map<
      string,
      { first: Map<string, SqlParam[]>; other: Map<string, SqlParam[]> }
    >();
    for (const event of events) {
      const name = event.name ?? '';
      const eventKey = `${event.type}\u0000${name}`;
      let counts = byEvent.get(eventKey);
      if (!counts) {
        counts = { first: new Map(), other: new Map() };
        byEvent.set(eventKey, counts);
      }
      for (const [key, kind] of event.shape) {
        let row = counts.first.get(key);
        if (!row) {
          counts.first.set(key, [sourceId, event.type, name, key, kind, 1]);
          continue;
        }
        if (row[4] !== kind) {
          const otherKey = `${key}\u0000${kind}`;
          row = counts.other.get(otherKey);
          if (!row) {
            counts.other.set(otherKey, [sourceId, event.type, name, key, kind, 1]);
            continue;
          }
        }
        row[5] = (row[5] as number) + 1;
      }
    }
    for (const counts of byEvent.values())
      rows.push(...counts.first.values(), ...counts.other.values());
  }
  return rows;
}

interface TraitChange {
  row: SqlParam[];
  /** True while the value has not changed since this commit first saw the key. */
  continuing: boolean;
}

/** Trait rows to upsert, split by whether the stored changed_at may still stand. */
export interface TraitRows {
  /** The value held from the commit's first observation: unchanged if the store has it already. */
  continuing: SqlParam[][];
  /** The value changed within the commit, at the row's changed_at. */
  changed: SqlParam[][];
}

/**
 * The latest value of each trait in this commit, by event time, with when it took that value, and
 * which users joined which accounts. Reduced here because one upsert statement may not touch the
 * same row twice; events are replayed in time order so the answer does not depend on how requests
 * were grouped into commits.
 */
export function traitUpdates(groups: AcceptedEvents[]) {
  const users = new Map<string, TraitChange>();
  const accounts = new Map<string, TraitChange>();
  const memberships = new Map<string, SqlParam[]>();
  const withTraits = groups
    .flatMap(({ events }) => events.filter((event) => event.traits))
    .sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
  for (const event of withTraits) {
    const person = event.userId ?? event.anonymousId;
    const target = event.type === 'identify' ? person : event.accountId;
    if (!target) continue;
    const latest = event.type === 'identify' ? users : accounts;
    for (const [key, value] of Object.entries(event.traits ?? {})) {
      const id = `${target}\u0000${key}`;
      const text = JSON.stringify(value ?? null);
      const trait = latest.get(id);
      if (!trait) {
        const row = [target, key, text, event.eventTime, event.eventTime];
        latest.set(id, { row, continuing: true });
        continue;
      }
      if (trait.row[2] !== text) {
        trait.row[2] = text;
        trait.row[4] = event.eventTime;
        trait.continuing = false;
      }
      trait.row[3] = event.eventTime;
    }
    if (event.type === 'group' && person && event.accountId) {
      const id = `${event.accountId}\u0000${person}`;
      const known = memberships.get(id);
      if (!known) memberships.set(id, [event.accountId, person, event.eventTime, event.eventTime]);
      else known[3] = event.eventTime;
    }
  }
  return {
    users: traitRows(users),
    accounts: traitRows(accounts),
    memberships: [...memberships.values()],
  };
}

function traitRows(traits: Map<string, TraitChange>): TraitRows {
  const rows: TraitRows = { continuing: [], changed: [] };
  for (const { row, continuing } of traits.values()) {
    (continuing ? rows.continuing : rows.changed).push(row);
  }
  return rows;
}
