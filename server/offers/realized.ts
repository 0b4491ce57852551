import { addDays, type DayRange, daysIn, toDay } from '../../blueprint/days.ts';
import { driverMoney } from '../../blueprint/value-math.ts';
import type { DriverActivity } from '../../telemetry/storage/interface.ts';
import type { AccountContext } from '../value/figures.ts';

/**
 * An accepted offer against its promise: the money its drivers made since the day it was
 * accepted, and the share of the projected year those days are. Pure; the caller reads activity.
 */

const DAYS_A_YEAR = 365;

/** From the day it was accepted to the last complete day; none while that is today. */
export function realizingDays(since: string, now: number): DayRange | undefined {
  const range = { from: since, to: addDays(toDay(now), -1) };
  return range.to < range.from ? undefined : range;
}

/** Money on the drivers in one range's activity, at the account's rates. */
export function moneyOnDrivers(
  context: AccountContext,
  driverIds: readonly string[],
  activity: readonly DriverActivity[],
): number {
  return driverIds.reduce((sum, id) => {
    const driver = context.model.drivers.find((candidate) => candidate.id === id);
    const row = activity.find((candidate) => candidate.driverId === id);
    if (!driver || !row) return sum;
    const quantity = 'distinctUsers' in driver.quantity ? row.users : row.quantity;
    return sum + driverMoney(driver, quantity, context.rates).money;
  }, 0);
}

/** What a projected year comes to over the days (none: nothing yet). */
export function projectedOver(annual: number, range: DayRange | undefined): number {
  return range ? (annual * daysIn(range)) / DAYS_A_YEAR : 0;
}
