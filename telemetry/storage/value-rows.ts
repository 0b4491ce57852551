import type { DayRange } from '../../blueprint/days.ts';
import type { AccountFact } from './fact-reads.ts';
import type {
  AccountFirstDay,
  AccountTraits,
  AccountUsage,
  AssumptionChange,
  BreakdownDimension,
  Contribution,
  DriverActivity,
  SeriesPoint,
} from './interface.ts';
import type { SqlRow } from './sql-dialect.ts';
import { dimensionColumn, SEGMENT_COLUMNS } from './value-facts-sql.ts';

/**
 * How the SQL value stores (DuckDB, PostgreSQL) read their rows back into the value store's
 * answers: one copy, whatever SQL each engine spells the question in.
 */

export function toActivity(row: SqlRow): DriverActivity {
  return {
    driverId: String(row.driver_id),
    quantity: Number(row.quantity ?? 0),
    users: Number(row.users ?? 0),
    events: Number(row.events ?? 0),
  };
}

export function assumptionChangeOf(row: SqlRow): AssumptionChange {
  return {
    id: String(row.assumption_id),
    value: Number(row.value),
    userId: String(row.user_id),
    changedAt: String(row.changed_at),
  };
}

/** Rows of (account_id, key, value as JSON text), sorted by account: each account's traits. */
export function traitsByAccountOf(rows: readonly SqlRow[]): AccountTraits[] {
  const byAccount = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const accountId = String(row.account_id);
    const traits = byAccount.get(accountId) ?? {};
    traits[String(row.key)] = JSON.parse(String(row.value)) as unknown;
    byAccount.set(accountId, traits);
  }
  return [...byAccount].map(([accountId, traits]) => ({ accountId, traits }));
}

/** Rows of (period, bucket, driver, activity, and segment_value when split) into each window's points. */
export function seriesPointsInto(
  result: SeriesPoint[][],
  rows: readonly SqlRow[],
  split: boolean,
): SeriesPoint[][] {
  for (const row of rows) {
    result[Number(row.period)]?.push({
      ...toActivity(row),
      bucket: String(row.bucket),
      ...(split ? { segmentValue: String(row.segment_value) } : {}),
    });
  }
  return result;
}

/**
 * A breakdown's grouping: each dimension's column, and the distinct columns other than the
 * driver's own (the query names them k0, k1, … and groups by one grouping set per dimension).
 */
export function breakdownColumns(dimensions: readonly BreakdownDimension[]) {
  const keys = dimensions.map(dimensionColumn);
  return { keys, distinct: [...new Set(keys.filter((key) => key !== "''"))] };
}

/**
 * Rows of a GROUPING SETS breakdown (period, grouping_id, k0…, activity) into `[range][dimension]`.
 * GROUPING() sets a bit for each column *not* grouped, the first column in the highest bit.
 */
export function contributionsInto(
  result: Contribution[][][],
  rows: readonly SqlRow[],
  { keys, distinct }: ReturnType<typeof breakdownColumns>,
): Contribution[][][] {
  const groupingOf = (key: string) =>
    distinct.reduce(
      (bits, column, index) =>
        column === key ? bits : bits | (1 << (distinct.length - 1 - index)),
      0,
    );
  const allBits = (1 << distinct.length) - 1;
  for (const row of rows) {
    const period = result[Number(row.period)];
    if (!period) continue;
    const grouping = Number(row.grouping_id);
    keys.forEach((key, index) => {
      if ((key === "''" ? allBits : groupingOf(key)) !== grouping) return;
      const at = key === "''" ? -1 : distinct.indexOf(key);
      period[index]?.push({ ...toActivity(row), key: at === -1 ? '' : String(row[`k${at}`]) });
    });
  }
  return result;
}

/**
 * Builds an account's facts as they are loaded. Driver ids, days, users and segment combinations
 * repeat across rows: each distinct one is kept once.
 */
export function factMaker() {
  const strings = new Map<string, string>();
  const shared = (value: unknown) => {
    const text = String(value);
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
  const combinations = new Map<string, readonly string[]>();
  return (fact: {
    driverId: unknown;
    day: unknown;
    userId: unknown;
    /** The model's segment values in order (fewer than SEGMENT_COLUMNS: the rest are ''). */
    segments: readonly unknown[];
    quantity: unknown;
    events: unknown;
  }): AccountFact => {
    const values = SEGMENT_COLUMNS.map((_, index) => String(fact.segments[index] ?? ''));
    const key = JSON.stringify(values);
    let combination = combinations.get(key);
    if (!combination) {
      combination = values;
      combinations.set(key, combination);
    }
    return {
      driverId: shared(fact.driverId),
      day: shared(fact.day),
      userId: shared(fact.userId),
      segments: combination,
      quantity: Number(fact.quantity),
      events: Number(fact.events),
    };
  };
}

/** Rows of (period, driver, activity) into each range's list. */
export function activityInto(
  result: DriverActivity[][],
  rows: readonly SqlRow[],
): DriverActivity[][] {
  for (const row of rows) result[Number(row.period)]?.push(toActivity(row));
  return result;
}

/** The row of first_day and last_day, or null when the account has no facts. */
export function activeDaysOfRow(row: SqlRow | undefined): DayRange | null {
  return row?.first_day ? { from: String(row.first_day), to: String(row.last_day) } : null;
}

export function usageOf(rows: readonly SqlRow[]): AccountUsage[] {
  return rows.map((row) => ({ accountId: String(row.account_id), ...toActivity(row) }));
}

export function firstDaysOf(rows: readonly SqlRow[]): AccountFirstDay[] {
  return rows.map((row) => ({ accountId: String(row.account_id), day: String(row.first_day) }));
}
