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

export type PeriodName =
  | 'last_days'
  | 'month_to_date'
  | 'quarter_to_date'
  | 'year_to_date'
  | 'month'
  | 'quarter'
  | 'year'
  | 'range';

const DAY = 86_400_000;
const daysBetween = (period: StoryPeriod) =>
  Math.round((dayMs(period.to) - dayMs(period.from)) / DAY) + 1;
const shift = (day: string, days: number) =>
  new Date(dayMs(day) + days * DAY).toISOString().slice(0, 10);
const quarterStart = (day: string) =>
  `${day.slice(0, 5)}${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const monthEnd = (day: string) => {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
};

/**
 * What a customer calls the period, exactly: a calendar month, quarter or year by its name, the
 * part of one so far ("this quarter so far"), the last N days of a rolling period ending on the
 * last complete day (or today), or the dates. Never "this quarter" for a rolling 90 days.
 */
export function periodNameOf(period: StoryPeriod, now = new Date().toISOString().slice(0, 10)) {
  const { from, to } = period;
  const recent = to >= shift(now, -1);
  const startsMonth = from.endsWith('-01');
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  let name: PeriodName = 'range';
  if (startsMonth && from.slice(0, 7) === to.slice(0, 7) && to === monthEnd(to)) name = 'month';
  else if (from === quarterStart(from) && to === monthEnd(shift(from, 62)) && sameYear)
    name = 'quarter';
  else if (from.endsWith('-01-01') && to.endsWith('-12-31') && sameYear) name = 'year';
  else if (recent && sameYear && from.endsWith('-01-01')) name = 'year_to_date';
  else if (recent && from === quarterStart(to)) name = 'quarter_to_date';
  else if (recent && startsMonth && from.slice(0, 7) === to.slice(0, 7)) name = 'month_to_date';
  else if (recent) name = 'last_days';
  return {
    period: name,
    periodDays: String(daysBetween(period)),
    periodFrom: from,
    periodTo: to,
    periodMonth: from,
    periodQuarter: String(Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1),
    periodYear: from.slice(0, 4),
  };
}

/** The compared period's words: its length and days, for "than in the 90 days before". */
export function comparedNameOf(compared: StoryPeriod) {
  return {
    comparedDays: String(daysBetween(compared)),
    comparedFrom: compared.from,
    comparedTo: compared.to,
  };
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
