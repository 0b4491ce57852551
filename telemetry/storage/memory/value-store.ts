import type { DayRange } from '../../../blueprint/days.ts';
import type { ValuePromise } from '../../../blueprint/promise.ts';
import type { ValueModel } from '../../../blueprint/value-model.ts';
import { activeDaysOf, activityOf, breakdownOf, seriesOf } from '../fact-reads.ts';
import type {
  AccountFirstDay,
  AccountTraits,
  AccountUsage,
  ActiveUsers,
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
import { deriveFacts, type MemoryFact, singleAccountUsers } from './facts.ts';
import { keyOf, type MemoryState, partsOf } from './state.ts';

/**
 * The value store in memory. Facts follow the events on `refresh`, as in the DuckDB store: reads
 * between refreshes see the facts of the last one. A refresh derives them all again (no cursor to
 * keep), which a rebuild in the DuckDB store does too.
 */
export class MemoryValueStore implements ValueStore {
  /** The facts of the last refresh, by account. */
  private byAccount = new Map<string, MemoryFact[]>();
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
    this.byAccount = new Map();
    for (const fact of deriveFacts(this.state, current.model)) {
      const facts = this.byAccount.get(fact.accountId);
      if (facts) facts.push(fact);
      else this.byAccount.set(fact.accountId, [fact]);
    }
    this.derivedAt = { revision, version: current.version };
  }

  /** Nothing to keep in order in memory. */
  async compact(): Promise<void> {}

  async activity(
    accountId: string,
    ranges: DayRange[],
    filter?: FactFilter,
  ): Promise<DriverActivity[][]> {
    return activityOf(this.factsOf(accountId), ranges, filter);
  }

  async series(
    accountId: string,
    windows: SeriesWindow[],
    options: { segment?: number; filter?: FactFilter } = {},
  ): Promise<SeriesPoint[][]> {
    return seriesOf(this.factsOf(accountId), windows, options);
  }

  async breakdown(
    accountId: string,
    ranges: DayRange[],
    dimensions: BreakdownDimension[],
    filter?: FactFilter,
  ): Promise<Contribution[][][]> {
    return breakdownOf(this.factsOf(accountId), ranges, dimensions, filter);
  }

  async activeDays(accountId: string, filter?: FactFilter): Promise<DayRange | null> {
    return activeDaysOf(this.factsOf(accountId), filter);
  }

  async usage(range: DayRange): Promise<AccountUsage[]> {
    const rows: AccountUsage[] = [];
    for (const [accountId, facts] of this.byAccount) {
      const [activity = []] = activityOf(facts, [range]);
      for (const row of activity) rows.push({ accountId, ...row });
    }
    return rows;
  }

  async firstDays(): Promise<AccountFirstDay[]> {
    const rows: AccountFirstDay[] = [];
    for (const [accountId, facts] of this.byAccount) {
      const active = activeDaysOf(facts);
      if (active) rows.push({ accountId, day: active.from });
    }
    return rows.sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  async activeUsers(range: DayRange): Promise<ActiveUsers[]> {
    const single = singleAccountUsers(this.state);
    const people = new Map<string, Set<string>>();
    for (const event of this.state.events) {
      if (event.type !== 'track' && event.type !== 'page' && event.type !== 'screen') continue;
      const day = event.eventTime.toISOString().slice(0, 10);
      if (day < range.from || day > range.to) continue;
      const person = event.userId ?? event.anonymousId;
      const accountId = event.accountId ?? (person === null ? undefined : single.get(person));
      if (accountId === undefined) continue;
      const seen = people.get(accountId) ?? new Set<string>();
      seen.add(person ?? '');
      people.set(accountId, seen);
    }
    return [...people]
      .map(([accountId, seen]) => ({ accountId, users: seen.size }))
      .sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  async traitsByAccount(keys: readonly string[]): Promise<AccountTraits[]> {
    const byAccount = new Map<string, Record<string, unknown>>();
    for (const [composite, trait] of this.state.accountTraits) {
      const [accountId = '', key = ''] = partsOf(composite);
      if (!keys.includes(key)) continue;
      const traits = byAccount.get(accountId) ?? {};
      traits[key] = JSON.parse(trait.value) as unknown;
      byAccount.set(accountId, traits);
    }
    return [...byAccount]
      .map(([accountId, traits]) => ({ accountId, traits }))
      .sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  private factsOf(accountId: string): readonly MemoryFact[] {
    return this.byAccount.get(accountId) ?? [];
  }
}
