import type { DayRange, DriverFigure, PromiseProgress, ValueSummary } from '../api/types.ts';
import { daysBetween } from '../core/days.ts';

/** The promised pace: what the promises ask for in a range of days, priced in money. */

/** "total" (or nothing) stands for all value together. */
export function isTotal(driver: string | undefined | null): boolean {
  return !driver || driver === 'total';
}

/** The part of a range inside another, or undefined when they do not meet. */
export function clip(range: DayRange, within: DayRange): DayRange | undefined {
  // Days are YYYY-MM-DD strings: they sort as text (Math.max would not take them).
  const [, from = range.from] = [range.from, within.from].sort();
  const [to = range.to] = [range.to, within.to].sort();
  return from > to ? undefined : { from, to };
}

/** Days two ranges share, both ends counted; 0 when they do not meet. */
export function overlapDays(a: DayRange, b: DayRange): number {
  const shared = clip(a, b);
  return shared ? daysBetween(shared.from, shared.to) : 0;
}

/** A promise priced in money: `target` units over its days, each unit worth `moneyPerUnit`. */
export interface PricedPromise extends DayRange {
  target: number;
  moneyPerUnit: number;
}

/**
 * What the promises ask for in a range, in money: for each promise,
 * target / days(promise) × days(range ∩ promise) × money per unit. Undefined when no promise
 * covers any day of the range (the line has a gap there rather than a false zero).
 */
export function promisePace(
  promises: readonly PricedPromise[],
  range: DayRange,
): number | undefined {
  let pace: number | undefined;
  for (const promise of promises) {
    const days = overlapDays(range, promise);
    if (days) {
      pace =
        (pace ?? 0) +
        (promise.target / daysBetween(promise.from, promise.to)) * days * promise.moneyPerUnit;
    }
  }
  return pace;
}

/**
 * Money per unit of a driver, from the summary. Promise targets and driver forecasts are in the
 * driver's unit (hours, tickets), which is the summary's `value` (the events counted are in
 * `quantity`; they differ when one event saves a quarter of an hour); `quantity` stands in when a
 * response has no `value`. Money measured directly is 1:1.
 */
export function moneyPerUnit(
  figure: (Pick<DriverFigure, 'money' | 'quantity' | 'unit'> & { value?: number }) | undefined,
): number | undefined {
  if (!figure) return undefined;
  if (figure.unit === 'currency') return 1;
  const units = figure.value ?? figure.quantity;
  return units > 0 ? figure.money / units : undefined;
}

/** The promises that apply to what is shown (one driver, or all of them for the total), priced. */
export function pricePromises(
  promises: readonly PromiseProgress[],
  drivers: ValueSummary['drivers'],
  driver: string,
): PricedPromise[] {
  const priced: PricedPromise[] = [];
  for (const { driver: own, unit, target, from, to } of promises) {
    if (!isTotal(driver) && own !== driver) continue;
    const rate =
      unit === 'currency' ? 1 : moneyPerUnit(drivers.find((figure) => figure.id === own));
    // Cannot be priced (no activity yet): no line, not a wrong one.
    if (rate !== undefined) priced.push({ target, from, to, moneyPerUnit: rate });
  }
  return priced;
}
