import type { CutOptions } from '../../blueprint/api/value.ts';
import type { DayRange } from '../../blueprint/days.ts';
import { basisOf } from '../../blueprint/value-model.ts';
import type { Contribution } from '../../telemetry/storage/interface.ts';
import { FEATURE } from './cut.ts';
import { figuresByKey } from './explain.ts';
import type { AccountContext } from './figures.ts';

/** Values offered per segment in the cut bar: with more it is a search box, not a choice. */
export const MAX_CUT_VALUES = 50;

/**
 * The ways to cut, for a cut bar: each of `ways` (the model's segments, then feature) with its
 * values by money over the active days (`rows`: one breakdown per way), and the drivers. Pure.
 */
export function cutsOf(
  context: AccountContext,
  ways: readonly string[],
  active: DayRange | null,
  rows: ReadonlyArray<readonly Contribution[]>,
): CutOptions {
  const moneyBy = (index: number) => {
    const by = ways[index] as string;
    const money = new Map<string, number>();
    let found = rows[index] ?? [];
    if (by === FEATURE) {
      // Every feature is offered, with or without value yet; drivers without one are not.
      const featured = context.model.drivers.filter((driver) => driver.feature !== undefined);
      for (const driver of featured) money.set(driver.feature as string, 0);
      found = found.filter((row) => featured.some((driver) => driver.id === row.driverId));
    }
    for (const [key, row] of figuresByKey(context, found, by, undefined)) money.set(key, row.money);
    // An empty value is events without the property: it cannot be named in a filter.
    money.delete('');
    return topValues(money);
  };
  return {
    account: context.accountId,
    period: active,
    segments: ways.map((by, index) => {
      // The feature way has no label of the model's: the reader's language names it.
      const label = context.model.segments.find((s) => s.id === by)?.label;
      return { id: by, ...(label ? { label } : {}), values: moneyBy(index) };
    }),
    drivers: context.model.drivers.map((driver) => ({
      id: driver.id,
      label: driver.label,
      category: driver.category,
      basis: basisOf(driver),
      unit: driver.unit,
    })),
  };
}

/** Keys by money, largest first (ties by name), at most MAX_CUT_VALUES. */
function topValues(money: Map<string, number>): string[] {
  return [...money.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, MAX_CUT_VALUES)
    .map(([key]) => key);
}
