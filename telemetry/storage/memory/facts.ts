import type { Driver, ValueModel, WhereClause } from '../../../blueprint/value-model.ts';
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
      if (!driver.where.every((clause) => matches(properties, clause))) continue;
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

function singleAccountUsers(state: MemoryState): Map<string, string> {
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

/** A top-level property as text, the way DuckDB's json_extract_string reads it; null when absent. */
export function textOf(properties: Record<string, unknown>, property: string): string | null {
  if (!Object.hasOwn(properties, property)) return null;
  const value = properties[property];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The property's text as a number, as DuckDB's TRY_CAST(… AS DOUBLE) reads it; else null. */
export function numberOf(properties: Record<string, unknown>, property: string): number | null {
  const text = textOf(properties, property)?.trim();
  if (!text) return null;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (/^[+-]?inf(?:inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return null;
}

/** One `where` clause; a missing property matches only `neq`, as SQL's IS DISTINCT FROM does. */
function matches(properties: Record<string, unknown>, clause: WhereClause): boolean {
  const { property, op, value } = clause;
  const text = () => textOf(properties, property);
  const number = () => numberOf(properties, property);
  switch (op) {
    case 'exists':
      return text() !== null;
    case 'eq':
      return typeof value === 'number' ? number() === value : text() === String(value);
    case 'neq':
      return typeof value === 'number' ? number() !== value : text() !== String(value);
    case 'in': {
      const list = Array.isArray(value) ? value : [value ?? ''];
      if (list.every((item) => typeof item === 'number')) {
        const subject = number();
        return subject !== null && list.includes(subject);
      }
      const subject = text();
      return subject !== null && list.map(String).includes(subject);
    }
    default: {
      const subject = number();
      const bound = Number(value);
      if (subject === null) return false;
      if (op === 'gt') return subject > bound;
      if (op === 'gte') return subject >= bound;
      if (op === 'lt') return subject < bound;
      return subject <= bound;
    }
  }
}

export type { MemoryEvent };
