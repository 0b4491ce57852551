import { bucketOf, type DayRange } from '../../blueprint/days.ts';
import type {
  BreakdownDimension,
  Contribution,
  DriverActivity,
  FactFilter,
  SeriesPoint,
  SeriesWindow,
} from './interface.ts';

/**
 * One row of an account's value facts, as value_facts keeps it: what one user did for one driver
 * on one day (in one combination of segment values), summed.
 */
export interface AccountFact {
  driverId: string;
  day: string;
  /** Empty when the events named nobody. */
  userId: string;
  /** Segment values by the segment's index in the model; '' when the event had none. */
  segments: readonly string[];
  quantity: number;
  events: number;
}

/**
 * The reads of the value store over one account's facts held in memory, answering exactly as the
 * SQL over value_facts does (same groups, same order, users counted once each): the in-memory
 * store reads this way, and the DuckDB store does for the accounts it keeps in memory.
 */
export function activityOf(
  facts: readonly AccountFact[],
  ranges: readonly DayRange[],
  filter?: FactFilter,
): DriverActivity[][] {
  return ranges.map((range) =>
    grouped(cut(facts, range, filter), (fact) => [fact.driverId]).map(({ parts, activity }) => ({
      ...activity,
      driverId: parts[0] as string,
    })),
  );
}

export function seriesOf(
  facts: readonly AccountFact[],
  windows: readonly SeriesWindow[],
  options: { segment?: number; filter?: FactFilter } = {},
): SeriesPoint[][] {
  const { segment } = options;
  return windows.map(({ range, grain }) => {
    // Many facts share a day: each day is put in its bucket once.
    const buckets = new Map<string, string>();
    const bucket = (day: string) => {
      let found = buckets.get(day);
      if (found === undefined) {
        found = bucketOf(day, grain);
        buckets.set(day, found);
      }
      return found;
    };
    return grouped(cut(facts, range, options.filter), (fact) => [
      bucket(fact.day),
      fact.driverId,
      ...(segment === undefined ? [] : [fact.segments[segment] ?? '']),
    ]).map(({ parts: [bucketStart = '', driverId = '', segmentValue], activity }) => ({
      ...activity,
      driverId,
      bucket: bucketStart,
      ...(segmentValue === undefined ? {} : { segmentValue }),
    }));
  });
}

export function breakdownOf(
  facts: readonly AccountFact[],
  ranges: readonly DayRange[],
  dimensions: readonly BreakdownDimension[],
  filter?: FactFilter,
): Contribution[][][] {
  return ranges.map((range) => {
    const inRange = cut(facts, range, filter);
    return dimensions.map((dimension) =>
      grouped(inRange, (fact) => [
        fact.driverId,
        dimension === 'user'
          ? fact.userId
          : dimension === 'driver'
            ? ''
            : (fact.segments[dimension.segment] ?? ''),
      ]).map(({ parts: [driverId = '', key = ''], activity }) => ({ ...activity, driverId, key })),
    );
  });
}

export function activeDaysOf(facts: readonly AccountFact[], filter?: FactFilter): DayRange | null {
  let first: string | undefined;
  let last: string | undefined;
  for (const fact of facts) {
    if (!inCut(fact, filter)) continue;
    if (first === undefined || fact.day < first) first = fact.day;
    if (last === undefined || fact.day > last) last = fact.day;
  }
  return first && last ? { from: first, to: last } : null;
}

function cut(
  facts: readonly AccountFact[],
  range: DayRange,
  filter: FactFilter | undefined,
): AccountFact[] {
  return facts.filter(
    (fact) => fact.day >= range.from && fact.day <= range.to && inCut(fact, filter),
  );
}

function inCut(fact: AccountFact, filter: FactFilter | undefined): boolean {
  if (!filter) return true;
  if ('segment' in filter) return fact.segments[filter.segment] === filter.value;
  return filter.drivers.includes(fact.driverId);
}

/**
 * Facts summed per group, groups in the order of their parts (as the SQL's ORDER BY): quantity
 * and events add up, users are counted once each (an empty user id is nobody).
 */
function grouped(
  facts: readonly AccountFact[],
  partsOf: (fact: AccountFact) => string[],
): Array<{ parts: string[]; activity: Omit<DriverActivity, 'driverId'> }> {
  const groups = new Map<
    string,
    { parts: string[]; quantity: number; events: number; users: Set<string> }
  >();
  for (const fact of facts) {
    const parts = partsOf(fact);
    const id = parts.join('\u0000');
    let group = groups.get(id);
    if (!group) {
      group = { parts, quantity: 0, events: 0, users: new Set() };
      groups.set(id, group);
    }
    group.quantity += fact.quantity;
    group.events += fact.events;
    if (fact.userId !== '') group.users.add(fact.userId);
  }
  return [...groups.values()]
    .sort((a, b) => compareParts(a.parts, b.parts))
    .map(({ parts, quantity, events, users }) => ({
      parts,
      activity: { quantity, users: users.size, events },
    }));
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? '';
    const y = b[index] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
