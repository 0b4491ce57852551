import type { ValuePromise } from '../../blueprint/promise.ts';
import type { ValueModel } from '../../blueprint/value-model.ts';

export type Grain = 'day' | 'week' | 'month';

/** A period of UTC days, both inclusive, as YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export interface StoredModel {
  version: number;
  model: ValueModel;
  createdAt: string;
}

export interface AssumptionChange {
  id: string;
  value: number;
  userId: string;
  changedAt: string;
}

/** One driver's rolled-up activity: `quantity` sums the facts, `users` counts distinct users. */
export interface DriverActivity {
  driverId: string;
  quantity: number;
  users: number;
  events: number;
}

export interface SeriesPoint extends DriverActivity {
  /** First day of the bucket. */
  bucket: string;
  /** The segment value, when the series is split by a segment. */
  segmentValue?: string;
}

/**
 * A cut of the facts: one segment value (by the segment's index in the model), or a set of drivers
 * (a feature's). Resolved from the request by the value engine; stores apply it to every read.
 */
export type FactFilter = { segment: number; value: string } | { drivers: readonly string[] };

export interface Contribution extends DriverActivity {
  /** The segment value or user id. */
  key: string;
}

/**
 * Everything the value engine keeps: model versions, promises, customer assumptions, and value
 * facts (a rollup of matching events) with the queries that read them. No engine type leaks out.
 */
export interface ValueStore {
  saveModel(model: ValueModel): Promise<StoredModel>;
  currentModel(): Promise<StoredModel | null>;
  modelVersions(): Promise<
    Array<Omit<StoredModel, 'model'> & { product: string; drivers: number }>
  >;

  setPromises(accountId: string, promises: ValuePromise[]): Promise<void>;
  promises(accountId: string): Promise<ValuePromise[]>;

  recordAssumption(
    accountId: string,
    change: Omit<AssumptionChange, 'changedAt'>,
  ): Promise<AssumptionChange>;
  /** Oldest first. */
  assumptionHistory(accountId: string): Promise<AssumptionChange[]>;

  /** The latest value of an account trait (from group calls), or undefined. */
  accountTrait(accountId: string, key: string): Promise<unknown>;
  /** Accounts that have value facts, for the demo and the vendor. */
  accounts(): Promise<string[]>;

  /** Rolls events committed since the last call into the facts (for the current model). */
  refresh(): Promise<void>;
  // Every read below takes an optional filter: only facts in that cut count.
  activity(accountId: string, range: DayRange, filter?: FactFilter): Promise<DriverActivity[]>;
  /** `activity` for several periods at once, in the order given: one read of the account's facts. */
  activities(
    accountId: string,
    ranges: DayRange[],
    filter?: FactFilter,
  ): Promise<DriverActivity[][]>;
  series(
    accountId: string,
    range: DayRange,
    grain: Grain,
    segment?: number,
    filter?: FactFilter,
  ): Promise<SeriesPoint[]>;
  breakdown(
    accountId: string,
    range: DayRange,
    by: { segment: number } | 'user',
    filter?: FactFilter,
  ): Promise<Contribution[]>;
  /** The first and last day with facts for the account (in the cut), or null. */
  activeDays(accountId: string, filter?: FactFilter): Promise<DayRange | null>;
}
