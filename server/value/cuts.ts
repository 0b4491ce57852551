import type { DayRange } from '../../blueprint/days.ts';
import { basisOf } from '../../blueprint/value-model.ts';
import type { Contribution } from '../../telemetry/storage/interface.ts';
import { FEATURE } from './cut.ts';
import type { AccountContext, ValueEngine } from './value-engine.ts';

/** Values offered per segment: a cut bar with more is a search box, not a choice. */
export const MAX_CUT_VALUES = 50;

/**
 * What a customer can cut their value by (the model's segments, then feature), each with its
 * values largest money first over the account's active days, and the drivers for a driver picker.
 */
export async function valueCuts(engine: ValueEngine, accountId: string) {
  const context = await engine.context(accountId);
  const active = await engine.values.activeDays(accountId);
  const segments = await Promise.all(
    context.model.segments.map(async (segment, index) => {
      const rows = active
        ? ((await engine.values.breakdown(accountId, [active], [{ segment: index }]))[0]?.[0] ?? [])
        : [];
      // An empty value is events without the property: it cannot be named in a filter.
      const money = moneyBy(engine, context, rows);
      money.delete('');
      return { id: segment.id, label: segment.label, values: ranked(money) };
    }),
  );
  const features = new Map<string, number>();
  for (const driver of context.model.drivers) {
    if (driver.feature !== undefined) features.set(driver.feature, 0);
  }
  const byDriver = active ? await featureMoney(engine, context, active) : new Map<string, number>();
  for (const [feature, money] of byDriver) features.set(feature, money);
  return {
    account: accountId,
    period: active,
    segments: [...segments, { id: FEATURE, label: 'Feature', values: ranked(features) }],
    drivers: context.model.drivers.map((driver) => ({
      id: driver.id,
      label: driver.label,
      category: driver.category,
      basis: basisOf(driver),
      unit: driver.unit,
    })),
  };
}

async function featureMoney(engine: ValueEngine, context: AccountContext, range: DayRange) {
  const feature = new Map(context.model.drivers.map((d) => [d.id, d.feature]));
  const rows = ((await engine.values.activity(context.accountId, [range]))[0] ?? []).map((row) => ({
    ...row,
    key: feature.get(row.driverId) ?? '',
  }));
  const money = moneyBy(engine, context, rows);
  money.delete('');
  return money;
}

/** Money per key, summed over drivers with the account's assumptions. */
function moneyBy(
  engine: ValueEngine,
  context: AccountContext,
  rows: Contribution[],
): Map<string, number> {
  const money = new Map<string, number>();
  for (const row of rows) {
    const driver = context.model.drivers.find((d) => d.id === row.driverId);
    if (!driver) continue;
    money.set(row.key, (money.get(row.key) ?? 0) + engine.figures(context, driver, row).money);
  }
  return money;
}

/** Keys by money, largest first (ties by name), at most MAX_CUT_VALUES. */
function ranked(money: Map<string, number>): string[] {
  return [...money.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, MAX_CUT_VALUES)
    .map(([key]) => key);
}
