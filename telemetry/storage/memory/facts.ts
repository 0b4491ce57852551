import type { Driver, ValueModel } from '../../../blueprint/value-model.ts';
import { matchesWhere, numberOf, textOf } from '../../../blueprint/where.ts';
import type { AccountFact } from '../fact-reads.ts';
import type { MemoryEvent, MemoryState } from './state.ts';

/** Value facts live in value_facts' segment columns s0…s7: at most eight segments. */
const SEGMENTS = 8;

/** One event that produced value for one driver, with everything the reads group by. */
export interface MemoryFact extends AccountFact {
  accountId: string;
}

/**
 * The facts of the current model, from every event: what the DuckDB store's fact SQL computes, in
 * plain TypeScript. Events without a groupId count for their user's account when the user belongs
 * to exactly one (by group calls), keyed by userId or else anonymousId.
 */
export function deriveFacts(state: MemoryState, model: ValueModel): MemoryFact[] {
  const single = singleAccountUsers(state);
  const facts: MemoryFact[] = [];
  const byEvent = new Map<string, Driver[]>();
  for (const driver of model.drivers) {
    byEvent.set(driver.event, [...(byEvent.get(driver.event) ?? []), driver]);
  }
  for (const event of state.events) {
    if (event.type !== 'track' || event.name === null) continue;
    const drivers = byEvent.get(event.name);
    if (!drivers) continue;
    const person = event.userId ?? event.anonymousId;
    const accountId = event.accountId ?? (person === null ? undefined : single.get(person));
    if (accountId === undefined) continue;
    const properties = JSON.parse(event.properties) as Record<string, unknown>;
    for (const driver of drivers) {
      if (!driver.where.every((clause) => matchesWhere(properties, clause))) continue;
      facts.push({
        accountId,
        driverId: driver.id,
        day: event.eventTime.toISOString().slice(0, 10),
        userId: person ?? '',
        segments: Array.from({ length: SEGMENTS }, (_, index) => {
          const segment = model.segments[index];
          return segment ? (textOf(properties, segment.property) ?? '') : '';
        }),
        quantity: quantityOf(properties, driver),
        events: 1,
      });
    }
  }
  return facts;
}

/** Users who belong to exactly one account (by group calls), with that account. */
export function singleAccountUsers(state: MemoryState): Map<string, string> {
  const accounts = new Map<string, string[]>();
  for (const { accountId, userId } of state.memberships.values()) {
    accounts.set(userId, [...(accounts.get(userId) ?? []), accountId]);
  }
  const single = new Map<string, string>();
  for (const [userId, list] of accounts)
    if (list.length === 1) single.set(userId, list[0] as string);
  return single;
}

function quantityOf(properties: Record<string, unknown>, driver: Driver): number {
  if (!('sum' in driver.quantity)) return 1;
  return numberOf(properties, driver.quantity.sum) ?? 0;
}

export type { MemoryEvent };
