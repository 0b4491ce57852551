import type { DayRange } from '../../blueprint/days.ts';
import { explainChange } from '../../blueprint/value-math.ts';
import type { Driver } from '../../blueprint/value-model.ts';
import type { Contribution } from '../../telemetry/storage/interface.ts';
import { ApiError } from '../errors.ts';
import { type Cut, filterEcho } from './cut.ts';
import { previousRange } from './days.ts';
import { segmentIndexOf } from './series.ts';
import { type AccountContext, factsOf, type ValueEngine } from './value-engine.ts';

export interface BreakdownQuery {
  range: DayRange;
  /** A segment id, "user" or "feature". */
  by: string;
  driver?: string;
  filter?: Cut;
}

/** Value by segment value, user or feature, largest first, with each one's share of the money. */
export async function valueBreakdown(
  engine: ValueEngine,
  accountId: string,
  query: BreakdownQuery,
) {
  const context = await engine.context(accountId, query.filter);
  const driver = query.driver ? engine.driver(context, query.driver) : undefined;
  const segments = context.model.segments.map((segment) => segment.id);
  if (!['user', 'feature', ...segments].includes(query.by)) {
    throw new ApiError(
      400,
      'unknown_segment',
      `cannot break value down by "${query.by}": use ${[...segments, 'user', 'feature'].map((by) => `"${by}"`).join(', ')}`,
    );
  }
  const rows = await contributions(engine, context, query.range, query.by, driver);
  const total = rows.reduce((sum, row) => sum + row.money, 0);
  return {
    account: accountId,
    currency: context.model.currency,
    ...filterEcho(context.cut),
    period: query.range,
    by: query.by,
    ...(driver ? { driver: driver.id, unit: driver.unit } : {}),
    contributions: rows
      .map((row) => ({ ...row, share: total === 0 ? 0 : row.money / total }))
      .sort((a, b) => b.money - a.money || a.key.localeCompare(b.key)),
  };
}

/** What moved between two periods, decomposed along every way the account can be cut. */
export async function explainValue(
  engine: ValueEngine,
  accountId: string,
  query: { driver?: string; range: DayRange; compare?: DayRange; filter?: Cut },
) {
  const context = await engine.context(accountId, query.filter);
  const driver = query.driver ? engine.driver(context, query.driver) : undefined;
  const compare = query.compare ?? previousRange(query.range);
  const dimensions = [
    ...context.model.segments.map((segment) => segment.id),
    'user',
    ...(driver ? [] : ['feature']),
  ];
  const measure = (row: { value?: number; money: number }) =>
    driver ? (row.value ?? 0) : row.money;
  const explained = await Promise.all(
    dimensions.map(async (by) => {
      const [now, before] = await Promise.all([
        contributions(engine, context, query.range, by, driver),
        contributions(engine, context, compare, by, driver),
      ]);
      const change = explainChange(
        new Map(now.map((row) => [row.key, measure(row)])),
        new Map(before.map((row) => [row.key, measure(row)])),
      );
      return { by, ...change };
    }),
  );
  // The total is the account's own figure, as in the summary, not the sum over one dimension:
  // distinct users active in two teams would count twice there.
  const [now, before] = await Promise.all([
    contributions(engine, context, query.range, 'feature', driver),
    contributions(engine, context, compare, 'feature', driver),
  ]);
  const { total } = explainChange(
    new Map(now.map((row) => [row.key, measure(row)])),
    new Map(before.map((row) => [row.key, measure(row)])),
  );
  return {
    account: accountId,
    currency: context.model.currency,
    ...(driver ? { driver: driver.id, unit: driver.unit } : { measure: 'money' }),
    ...filterEcho(context.cut),
    period: query.range,
    comparePeriod: compare,
    total,
    dimensions: explained.map(({ by, contributions: rows }) => ({ by, contributions: rows })),
  };
}

/** Rows of quantity/value/money per key for one driver, or money per key across drivers. */
async function contributions(
  engine: ValueEngine,
  context: AccountContext,
  range: DayRange,
  by: string,
  driver: Driver | undefined,
): Promise<Array<{ key: string; quantity?: number; value?: number; money: number }>> {
  const drivers = driver ? [driver] : context.model.drivers;
  let rows: Contribution[];
  let keyOf: (row: Contribution) => string = (row) => row.key;
  if (by === 'feature') {
    rows = (
      (await engine.values.activity(context.accountId, [range], factsOf(context)))[0] ?? []
    ).map((row) => ({
      ...row,
      key: row.driverId,
    }));
    const feature = new Map(context.model.drivers.map((d) => [d.id, d.feature ?? d.id]));
    keyOf = (row) => feature.get(row.driverId) ?? row.driverId;
  } else {
    const [[found = []] = []] = await engine.values.breakdown(
      context.accountId,
      [range],
      [by === 'user' ? 'user' : { segment: segmentIndexOf(context, by) }],
      factsOf(context),
    );
    rows = found;
  }
  const byKey = new Map<string, { key: string; quantity: number; value: number; money: number }>();
  for (const row of rows) {
    const rowDriver = drivers.find((d) => d.id === row.driverId);
    if (!rowDriver) continue;
    const figures = engine.figures(context, rowDriver, row);
    const key = keyOf(row);
    const entry = byKey.get(key) ?? { key, quantity: 0, value: 0, money: 0 };
    entry.quantity += figures.quantity;
    entry.value += figures.value;
    entry.money += figures.money;
    byKey.set(key, entry);
  }
  // Across drivers, quantities have different units: only money adds up.
  return [...byKey.values()].map((row) => (driver ? row : { key: row.key, money: row.money }));
}
