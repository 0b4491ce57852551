import type { Unit } from '../../blueprint/value-model.ts';
import type { Fact, FactProvenance, FactUnit } from './insight.ts';
import type { StoryDriver, StoryInput, StoryPeriod, StorySeries } from './story-input.ts';

/**
 * Shared builders for facts, provenance queries and scores. Conventions the narrative relies on:
 * a `percent` fact holds a fraction (0.12 is 12%, as Intl's percent style expects); a `date` fact
 * holds UTC milliseconds of the day's start; a `ratio` is a multiple (2.4 is "2.4×").
 */

export { roundTo } from '../../blueprint/format.ts';

export const TOTAL = 'total';

/** The value API call that reproduces a number: the path plus its query, defined keys only. */
export function valueQuery(
  path: 'summary' | 'series' | 'breakdown' | 'explain',
  params: Record<string, string | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, value);
  return `/v1/value/${path}?${search.toString()}`;
}

/** The summary call for a period; with `compared`, against that compared period. */
export const summaryQuery = (period: StoryPeriod, compared?: StoryPeriod) =>
  valueQuery('summary', {
    from: period.from,
    to: period.to,
    compareFrom: compared?.from,
    compareTo: compared?.to,
  });

export type StoryGrain = 'day' | 'week' | 'month';

export const seriesQuery = (period: StoryPeriod, grain: StoryGrain, driver: string) =>
  valueQuery('series', {
    from: period.from,
    to: period.to,
    grain,
    driver: driver === TOTAL ? undefined : driver,
  });

export function provenance(
  driver: string,
  period: StoryPeriod,
  query: string,
  segment?: { by: string; value: string },
): FactProvenance {
  return { driver, period: { ...period }, ...(segment ? { segment } : {}), query };
}

export const moneyUnit = (currency: string): FactUnit => ({ kind: 'money', currency });
export const percentUnit: FactUnit = { kind: 'percent' };
export const ratioUnit: FactUnit = { kind: 'ratio' };
export const daysUnit: FactUnit = { kind: 'days' };
export const dateUnit: FactUnit = { kind: 'date' };
export const countUnit = (singular: string, plural: string, whole?: boolean): FactUnit => ({
  kind: 'count',
  singular,
  plural,
  ...(whole ? { whole } : {}),
});

/** The fact unit for a value in a driver's (or promise's) unit. */
export function unitOf(unit: Unit, currency: string): FactUnit {
  return unit === 'currency'
    ? moneyUnit(currency)
    : countUnit(unit.singular, unit.plural, unit.whole);
}

export function fact(
  id: string,
  label: string,
  value: number,
  unit: FactUnit,
  estimated: boolean,
  source: FactProvenance,
): Fact {
  return { id, label, value, unit, estimated, provenance: source };
}

/**
 * What a customer calls the period, for "this month" and "last month": calendar-ish lengths only
 * (a 12-week period reads as a quarter); any other length is "other" and said as "this period".
 */
export function periodKind(period: StoryPeriod): 'week' | 'month' | 'quarter' | 'year' | 'other' {
  const days = Math.round((dayMs(period.to) - dayMs(period.from)) / 86_400_000) + 1;
  if (days === 7) return 'week';
  if (days >= 28 && days <= 31) return 'month';
  if (days >= 84 && days <= 92) return 'quarter';
  if (days >= 364 && days <= 366) return 'year';
  return 'other';
}

/** Day string to the UTC milliseconds a `date` fact holds. */
export const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Money from a driver rests on assumptions when the driver is modelled. */
export const isEstimated = (driver: StoryDriver | undefined) => driver?.basis === 'modelled';

/** The account's total money is an estimate when any modelled driver contributes to it. */
export function totalEstimated(input: StoryInput): boolean {
  return input.drivers.some(
    (driver) => driver.basis === 'modelled' && (driver.money !== 0 || driver.previous.money !== 0),
  );
}

export function driverLabel(input: StoryInput, id: string): string {
  return input.drivers.find((driver) => driver.id === id)?.label ?? id;
}

/** Relative change, or null when there is nothing to compare against. */
export function relativeChange(current: number, previous: number): number | null {
  return previous > 0 ? (current - previous) / previous : null;
}

/**
 * Money at stake counts in full once it reaches a quarter of the account's period value: smaller
 * movements still matter, in proportion, but a quarter of everything is as big as news gets.
 */
export const IMPACT_FULL_SHARE = 0.25;

/** How much money an insight is about, 0..1, against the larger of this and last period's total. */
export function impactOf(money: number, input: StoryInput): number {
  const reference = Math.max(input.total.money, input.total.previous.money);
  if (!(reference > 0)) return money !== 0 ? 1 : 0;
  return clamp01(Math.abs(money) / (IMPACT_FULL_SHARE * reference));
}

/**
 * An insight's score is significance × impact, both 0..1: a surprising but tiny movement and a
 * large but expected one both rank below a large surprise. Rounded so ties are stable.
 */
export function scoreOf(significance: number, impact: number): number {
  return Math.round(clamp01(significance) * clamp01(impact) * 10_000) / 10_000;
}

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** The money lines of a series: the total first, then each driver. */
export function linesOf(
  series: StorySeries,
): Array<{ driver: string; points: ReadonlyArray<{ bucket: string; money: number }> }> {
  return [
    { driver: TOTAL, points: series.total },
    ...series.drivers.map((line) => ({ driver: line.driver, points: line.points })),
  ];
}

/** Whether a driver's (or the total's) money rests on assumptions. */
export function estimatedFor(input: StoryInput, driver: string): boolean {
  return driver === TOTAL
    ? totalEstimated(input)
    : isEstimated(input.drivers.find((candidate) => candidate.id === driver));
}
