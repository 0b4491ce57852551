import type { StoredEvent } from '../interface.ts';
import type { SqlParam } from './database.ts';

interface AcceptedEvents {
  sourceId: string;
  events: StoredEvent[];
}

/** How many times each (source, type, name, key, kind) appeared in this commit's events. */
export function inventoryDeltas(groups: AcceptedEvents[]): SqlParam[][] {
  const counts = new Map<string, SqlParam[]>();
  for (const { sourceId, events } of groups) {
    for (const event of events) {
      const name = event.name ?? '';
      for (const [key, kind] of event.shape) {
        const id = `${sourceId}\u0000${event.type}\u0000${name}\u0000${key}\u0000${kind}`;
        const row = counts.get(id);
        if (row) row[5] = (row[5] as number) + 1;
        else counts.set(id, [sourceId, event.type, name, key, kind, 1]);
      }
    }
  }
  return [...counts.values()];
}

/**
 * The latest value of each trait in this commit, by event time, and which users joined which
 * accounts. Reduced here because one upsert statement may not touch the same row twice.
 */
export function traitUpdates(groups: AcceptedEvents[]) {
  const users = new Map<string, SqlParam[]>();
  const accounts = new Map<string, SqlParam[]>();
  const memberships = new Map<string, SqlParam[]>();
  for (const { events } of groups) {
    for (const event of events) {
      if (!event.traits) continue;
      const person = event.userId ?? event.anonymousId;
      const target = event.type === 'identify' ? person : event.accountId;
      if (!target) continue;
      const latest = event.type === 'identify' ? users : accounts;
      for (const [key, value] of Object.entries(event.traits)) {
        const id = `${target}\u0000${key}`;
        const previous = latest.get(id);
        if (previous && (previous[3] as Date) > event.eventTime) continue;
        const text = JSON.stringify(value ?? null);
        latest.set(id, [target, key, text, event.eventTime, event.eventTime]);
      }
      if (event.type === 'group' && person && event.accountId) {
        const id = `${event.accountId}\u0000${person}`;
        const known = memberships.get(id);
        if (!known)
          memberships.set(id, [event.accountId, person, event.eventTime, event.eventTime]);
        else {
          if ((known[2] as Date) > event.eventTime) known[2] = event.eventTime;
          if ((known[3] as Date) < event.eventTime) known[3] = event.eventTime;
        }
      }
    }
  }
  return {
    users: [...users.values()],
    accounts: [...accounts.values()],
    memberships: [...memberships.values()],
  };
}
