import type { ValueExplanation } from '../../blueprint/api/value.ts';
import type { DayRange } from '../../blueprint/days.ts';
import { explainChange } from '../../blueprint/value-math.ts';
import type { Driver } from '../../blueprint/value-model.ts';
import type { BreakdownDimension, Contribution } from '../../telemetry/storage/interface.ts';
import { FEATURE, filterEcho } from './cut.ts';
import { type AccountContext, figuresOf } from './figures.ts';

/**
 * Turning breakdown rows (per driver and key) into figures per key: what explain, breakdown, the
 * cuts and the story's contributors all read. Pure; the value service does the reading.
 */

/** Figures per key: quantity and value for one driver, money always. */
export interface KeyFigures {
  key: string;
  quantity: number;
  value: number;
  money: number;
}

/** What a way of cutting value is, for the store: a segment by index, the user, or the driver. */
export function dimensionOf(context: AccountContext, by: string): BreakdownDimension {
  if (by === 'user') return 'user';
  if (by === FEATURE) return 'driver';
  return { segment: context.model.segments.findIndex((segment) => segment.id === by) };
}

/**
 * Figures per key from one dimension's rows, summed over the drivers shown (one driver, or all).
 * Under `feature`, the rows are per driver and the key is the driver's feature (its id without).
 */
export function figuresByKey(
  context: AccountContext,
  rows: readonly Contribution[],
  by: string,
  driver: Driver | undefined,
): Map<string, KeyFigures> {
  const drivers = driver ? [driver] : context.model.drivers;
  const feature = new Map(context.model.drivers.map((d) => [d.id, d.feature ?? d.id]));
  const byKey = new Map<string, KeyFigures>();
  for (const row of rows) {
    const rowDriver = drivers.find((d) => d.id === row.driverId);
    if (!rowDriver) continue;
    const figures = figuresOf(context, rowDriver, row);
    const key = by === FEATURE ? (feature.get(row.driverId) ?? row.driverId) : row.key;
    const entry = byKey.get(key) ?? { key, quantity: 0, value: 0, money: 0 };
    entry.quantity += figures.quantity;
    entry.value += figures.value;
    entry.money += figures.money;
    byKey.set(key, entry);
  }
  return byKey;
}

/** What is measured per key: a driver's value in its unit, or money across drivers. */
export function measureOf(driver: Driver | undefined) {
  return (figures: KeyFigures) => (driver ? figures.value : figures.money);
}

/** A breakdown's rows, largest money first (ties by key), each with its share of the money. */
export function ranked(byKey: Map<string, KeyFigures>, driver: Driver | undefined) {
  const rows = [...byKey.values()];
  const total = rows.reduce((sum, row) => sum + row.money, 0);
  return rows
    .map((row) => ({
      // Across drivers, quantities have different units: only money adds up.
      ...(driver ? row : { key: row.key, money: row.money }),
      share: total === 0 ? 0 : row.money / total,
    }))
    .sort((a, b) => b.money - a.money || a.key.localeCompare(b.key));
}

/** What moved between two periods along one way of cutting, largest movement first. */
export function changeBy(
  now: Map<string, KeyFigures>,
  before: Map<string, KeyFigures>,
  driver: Driver | undefined,
) {
  const measure = measureOf(driver);
  const values = (figures: Map<string, KeyFigures>) =>
    new Map([...figures].map(([key, row]) => [key, measure(row)]));
  return explainChange(values(now), values(before));
}

/**
 * What moved between two periods along each of `ways`, from one breakdown read of both periods
 * (`now` and `before`: one list of rows per way, then the per-driver rows the total comes from);
 * with the current period's figures per key, which the story reads as its breakdowns. Pure.
 */
export function explanationOf(
  context: AccountContext,
  input: {
    range: DayRange;
    compare: DayRange;
    driver: Driver | undefined;
    ways: readonly string[];
    now: ReadonlyArray<readonly Contribution[]>;
    before: ReadonlyArray<readonly Contribution[]>;
  },
): { answer: ValueExplanation; current: Array<{ by: string; figures: Map<string, KeyFigures> }> } {
  const { driver, ways } = input;
  const figures = (rows: ReadonlyArray<readonly Contribution[]>, index: number, by: string) =>
    figuresByKey(context, rows[index] ?? [], by, driver);
  const current = ways.map((by, index) => ({ by, figures: figures(input.now, index, by) }));
  const dimensions = current.map(({ by, figures: now }, index) => ({
    by,
    contributions: changeBy(now, figures(input.before, index, by), driver).contributions,
  }));
  const { total } = changeBy(
    figures(input.now, ways.length, FEATURE),
    figures(input.before, ways.length, FEATURE),
    driver,
  );
  return {
    answer: {
      account: context.accountId,
      currency: context.model.currency,
      ...(driver ? { driver: driver.id, unit: driver.unit } : { measure: 'money' as const }),
      ...filterEcho(context.cut),
      period: input.range,
      comparePeriod: input.compare,
      total,
      dimensions,
    },
    current,
  };
}
