import { bucketOf, type DayRange } from '../../../blueprint/days.ts';
import type { ValuePromise } from '../../../blueprint/promise.ts';
import type { ValueModel } from '../../../blueprint/value-model.ts';
import type {
  AssumptionChange,
  BreakdownDimension,
  Contribution,
  DriverActivity,
  FactFilter,
  ModelVersion,
  SeriesPoint,
  SeriesWindow,
  StoredModel,
  ValueStore,
} from '../interface.ts';
import { deriveFacts, factsIn, type MemoryFact } from './facts.ts';
import { keyOf, type MemoryState } from './state.ts';

/**
 * The value store in memory. Facts follow the events on `refresh`, as in the DuckDB store: reads
 * between refreshes see the facts of the last one. A refresh derives them all again (no cursor to
 * keep), which a rebuild in the DuckDB store does too.
 */
export class MemoryValueStore implements ValueStore {
  private facts: MemoryFact[] = [];
  /** The state revision and model version the facts were derived at. */
  private derivedAt = { revision: -1, version: 0 };

  constructor(private readonly state: MemoryState) {}

  async saveModel(model: ValueModel): Promise<StoredModel> {
    const stored = {
      version: (this.state.models.at(-1)?.version ?? 0) + 1,
      model: structuredClone(model),
      createdAt: new Date().toISOString(),
    };
    this.state.models.push(stored);
    return structuredClone(stored);
  }

  async currentModel(): Promise<StoredModel | null> {
    const current = this.state.models.at(-1);
    return current ? structuredClone(current) : null;
  }

  async modelVersions(): Promise<ModelVersion[]> {
    return [...this.state.models].reverse().map((stored) => ({
      version: stored.version,
      createdAt: stored.createdAt,
      product: stored.model.product,
      drivers: stored.model.drivers.length,
    }));
  }

  async setPromises(accountId: string, promises: ValuePromise[]): Promise<void> {
    this.state.promises.set(accountId, structuredClone(promises));
  }

  async promises(accountId: string): Promise<ValuePromise[]> {
    return structuredClone(this.state.promises.get(accountId) ?? []);
  }

  async recordAssumption(
    accountId: string,
    change: Omit<AssumptionChange, 'changedAt'>,
  ): Promise<AssumptionChange> {
    const recorded = { ...change, changedAt: new Date().toISOString() };
    const history = this.state.assumptionChanges.get(accountId) ?? [];
    this.state.assumptionChanges.set(accountId, [...history, recorded]);
    return { ...recorded };
  }

  async assumptionHistory(accountId: string): Promise<AssumptionChange[]> {
    return (this.state.assumptionChanges.get(accountId) ?? []).map((change) => ({ ...change }));
  }

  async accountTrait(accountId: string, key: string): Promise<unknown> {
    const trait = this.state.accountTraits.get(keyOf(accountId, key));
    return trait ? (JSON.parse(trait.value) as unknown) : undefined;
  }

  async refresh(): Promise<void> {
    const current = this.state.models.at(-1);
    if (!current) return;
    const { revision } = this.state;
    if (this.derivedAt.revision === revision && this.derivedAt.version === current.version) return;
    this.facts = deriveFacts(this.state, current.model);
    this.derivedAt = { revision, version: current.version };
  }

  /** Nothing to keep in order in memory. */
  async compact(): Promise<void> {}

  async activity(
    accountId: string,
    ranges: DayRange[],
    filter?: FactFilter,
  ): Promise<DriverActivity[][]> {
    return ranges.map((range) =>
      grouped(this.cut(accountId, range, filter), (fact) => [fact.driverId]).map(
        ({ parts, activity }) => ({ ...activity, driverId: parts[0] as string }),
      ),
    );
  }

  async series(
    accountId: string,
    windows: SeriesWindow[],
    options: { segment?: number; filter?: FactFilter } = {},
  ): Promise<SeriesPoint[][]> {
    const { segment } = options;
    return windows.map(({ range, grain }) =>
      grouped(this.cut(accountId, range, options.filter), (fact) => [
        bucketOf(fact.day, grain),
        fact.driverId,
        ...(segment === undefined ? [] : [fact.segments[segment] ?? '']),
      ]).map(({ parts: [bucket = '', driverId = '', segmentValue], activity }) => ({
        ...activity,
        driverId,
        bucket,
        ...(segmentValue === undefined ? {} : { segmentValue }),
      })),
    );
  }

  async breakdown(
    accountId: string,
    ranges: DayRange[],
    dimensions: BreakdownDimension[],
    filter?: FactFilter,
  ): Promise<Contribution[][][]> {
    return ranges.map((range) => {
      const facts = this.cut(accountId, range, filter);
      return dimensions.map((dimension) =>
        grouped(facts, (fact) => [
          fact.driverId,
          dimension === 'user'
            ? fact.userId
            : dimension === 'driver'
              ? ''
              : (fact.segments[dimension.segment] ?? ''),
        ]).map(({ parts: [driverId = '', key = ''], activity }) => ({
          ...activity,
          driverId,
          key,
        })),
      );
    });
  }

  async activeDays(accountId: string, filter?: FactFilter): Promise<DayRange | null> {
    let first: string | undefined;
    let last: string | undefined;
    for (const fact of this.facts) {
      if (fact.accountId !== accountId || !inCut(fact, filter)) continue;
      if (first === undefined || fact.day < first) first = fact.day;
      if (last === undefined || fact.day > last) last = fact.day;
    }
    return first && last ? { from: first, to: last } : null;
  }

  private cut(accountId: string, range: DayRange, filter: FactFilter | undefined) {
    return factsIn(this.facts, accountId, range).filter((fact) => inCut(fact, filter));
  }
}

function inCut(fact: MemoryFact, filter: FactFilter | undefined): boolean {
  if (!filter) return true;
  if ('segment' in filter) return fact.segments[filter.segment] === filter.value;
  return filter.drivers.includes(fact.driverId);
}

/**
 * Facts summed per group, groups in the order of their parts (as the SQL's ORDER BY): quantity
 * and events add up, users are counted once each (an empty user id is nobody).
 */
function grouped(
  facts: readonly MemoryFact[],
  partsOf: (fact: MemoryFact) => string[],
): Array<{ parts: string[]; activity: Omit<DriverActivity, 'driverId'> }> {
  const groups = new Map<
    string,
    { parts: string[]; quantity: number; events: number; users: Set<string> }
  >();
  for (const fact of facts) {
    const parts = partsOf(fact);
    const id = keyOf(...parts);
    let group = groups.get(id);
    if (!group) {
      group = { parts, quantity: 0, events: 0, users: new Set() };
      groups.set(id, group);
    }
    group.quantity += fact.quantity;
    group.events += 1;
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
