import { decimalsOf, type Lever, type ProjectionBasis } from '../../blueprint/projection.ts';
import type { SavedScenario } from '../api/types.ts';
import { formatMoney, formatNumber, formatQuantity } from '../core/format.ts';
import { strings } from './planner.strings.ts';

/**
 * The planner's pure helpers: levers grouped by what they move, each value in words, what a plan
 * changes against today, and the rows of a side-by-side comparison.
 */

/** Lever values by id; a lever left out stays at today's value. */
export type LeverValues = Record<string, number>;

export interface LeverGroup {
  /** A driver id, or "assumptions" for what a unit is worth. */
  id: string;
  label: string;
  levers: Lever[];
}

export const ASSUMPTIONS = 'assumptions';

/** One group per way value is gained (its people and their use), then the editable assumptions. */
export function groupLevers(levers: readonly Lever[], locale: string): LeverGroup[] {
  const groups = new Map<string, LeverGroup>();
  for (const lever of levers) {
    const id = lever.driver ?? ASSUMPTIONS;
    let group = groups.get(id);
    if (!group) {
      const label = lever.driver ? lever.label : strings(locale, 'assumptions');
      group = { id, label, levers: [] };
      groups.set(id, group);
    }
    group.levers.push(lever);
  }
  const all = [...groups.values()];
  return [
    ...all.filter((group) => group.id !== ASSUMPTIONS),
    ...all.filter((group) => group.id === ASSUMPTIONS),
  ];
}

/** What the lever's slider is called: "People using it", "Hours per person a week", its label. */
export function leverName(lever: Lever, locale: string): string {
  if (lever.kind === 'adoption') return strings(locale, 'people');
  if (lever.kind === 'assumption') return lever.label;
  if (typeof lever.unit === 'object') {
    const unit = lever.unit.plural;
    return strings(locale, 'perPerson', { unit: unit.charAt(0).toUpperCase() + unit.slice(1) });
  }
  return strings(locale, 'moneyPerPerson');
}

/** A lever's value in words: "140 people", "2.6 hours", "$55 (USD/hour)". */
export function leverValueText(
  lever: Lever,
  value: number,
  currency: string,
  locale: string,
): string {
  const decimals = decimalsOf(lever.step);
  if (lever.kind === 'adoption') {
    return `${formatNumber(value, locale)} ${strings(locale, 'peopleUnit')}`;
  }
  if (lever.kind === 'intensity') {
    if (lever.unit === 'currency') return formatMoney(value, currency, locale);
    if (typeof lever.unit === 'object') {
      const words = Math.abs(value) === 1 ? lever.unit.singular : lever.unit.plural;
      return `${formatNumber(value, locale, decimals + 1)} ${words}`;
    }
  }
  return `${formatNumber(value, locale, decimals + 1)} ${String(lever.unit)}`;
}

/** The unit words beside a lever's number field. */
export function leverUnitText(lever: Lever, currency: string, locale: string): string {
  if (lever.kind === 'adoption') return strings(locale, 'peopleUnit');
  if (lever.unit === 'currency') return currency;
  if (typeof lever.unit === 'object') return lever.unit.plural;
  return String(lever.unit);
}

/** Only the levers a plan moves away from today (what is saved and compared). */
export function movedOnly(levers: readonly Lever[], values: LeverValues): LeverValues {
  const moved: LeverValues = {};
  for (const lever of levers) {
    const value = values[lever.id];
    if (value !== undefined && value !== lever.baseline) moved[lever.id] = value;
  }
  return moved;
}

/** Page Up/Down move a tenth of the range, on the step (arrows move one step). */
export function pageStep(lever: Lever): number {
  const tenth = (lever.max - lever.min) / 10;
  return Math.max(lever.step, Math.round(tenth / lever.step) * lever.step);
}

/** Levers a goal can be reached with: the driver's own when the goal is in its unit, else all. */
export function goalLevers(levers: readonly Lever[], driver: string | undefined): Lever[] {
  return driver ? levers.filter((lever) => lever.driver === driver) : [...levers];
}

/** The driver's unit for a goal in it, or undefined for money. */
export function goalUnit(
  basis: ProjectionBasis,
  driver: string | undefined,
): { singular: string; plural: string } | undefined {
  const unit = basis.model.drivers.find((candidate) => candidate.id === driver)?.unit;
  return typeof unit === 'object' ? unit : undefined;
}

/** An amount a year in the goal's unit: "$1.2M" or "3,893 hours". */
export function goalAmountText(
  amount: number,
  basis: ProjectionBasis,
  driver: string | undefined,
  locale: string,
): string {
  const unit = goalUnit(basis, driver);
  return unit
    ? formatQuantity(amount, unit, basis.model.currency, locale, true)
    : formatMoney(amount, basis.model.currency, locale, true);
}

export interface CompareRow {
  lever: Lever;
  values: [number, number];
}

/** The levers either plan moves, with each plan's value (today's where it does not move it). */
export function compareRows(
  levers: readonly Lever[],
  plans: readonly [SavedScenario, SavedScenario],
): CompareRow[] {
  return levers
    .filter((lever) => plans.some((plan) => plan.levers[lever.id] !== undefined))
    .map((lever) => ({
      lever,
      values: [
        plans[0].levers[lever.id] ?? lever.baseline,
        plans[1].levers[lever.id] ?? lever.baseline,
      ],
    }));
}
