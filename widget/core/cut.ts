import { addDays, daysIn, MAX_PERIOD_DAYS, previousRange, today as utcToday } from './days.ts';
import type { ComparePreset, Cut, PeriodPreset } from './events.ts';

export type { ComparePreset, Cut, PeriodPreset };
/** The longest period the value API answers for: one limit for the server and the widget. */
export { MAX_PERIOD_DAYS };

/**
 * A preset's days. Presets end on the last complete day (yesterday, UTC): today is still under
 * way and would read as a drop. `includeToday` extends them to today, as the customer asks.
 * Year and quarter to date count from the start of the year or quarter holding the last day.
 */
export function periodOf(
  preset: Exclude<PeriodPreset, 'custom'>,
  today = utcToday(),
  includeToday = false,
) {
  const to = includeToday ? today : addDays(today, -1);
  const year = to.slice(0, 4);
  switch (preset) {
    case '30d':
      return { from: addDays(to, -29), to };
    case '90d':
      return { from: addDays(to, -89), to };
    case '12m':
      return { from: addDays(to, -364), to };
    case 'ytd':
      return { from: `${year}-01-01`, to };
    case 'qtd': {
      const month = Number(to.slice(5, 7));
      const first = String(month - ((month - 1) % 3)).padStart(2, '0');
      return { from: `${year}-${first}-01`, to };
    }
  }
}

/** The period to compare with: the same length just before, or the same days a year earlier. */
export function comparePeriodOf(
  period: { from: string; to: string },
  compare: Exclude<ComparePreset, 'custom'>,
) {
  if (compare === 'last_year') {
    return { from: addDays(period.from, -364), to: addDays(period.to, -364) };
  }
  return previousRange(period);
}

/**
 * The cut a dashboard starts with: the last 90 complete days against the 90 before, everything
 * included.
 */
export function defaultCut(today = utcToday()): Cut {
  const period = periodOf('90d', today);
  const compare = comparePeriodOf(period, 'previous');
  return {
    ...period,
    preset: '90d',
    compare: 'previous',
    compareFrom: compare.from,
    compareTo: compare.to,
  };
}

/**
 * The query parameters a value route takes for a cut. `compared`: the route answers against the
 * compared period (summary, story, explain); the others (series, forecast, cuts) do not get it,
 * so they do not ask again when only the comparison changes.
 */
export function cutParams(cut: Cut, compared = false): Record<string, string | undefined> {
  return {
    from: cut.from,
    to: cut.to,
    ...(compared ? { compareFrom: cut.compareFrom, compareTo: cut.compareTo } : {}),
    filter: cut.filter ? `${cut.filter.by}:${cut.filter.value}` : undefined,
  };
}

/**
 * What a piece's answer depends on in a cut, as one string for a task's arguments: a new cut
 * object with the same parameters asks nothing again.
 */
export function cutKey(cut: Cut, compared = false): string {
  return JSON.stringify(cutParams(cut, compared));
}

/** Why a custom period cannot be used, or undefined when it can. */
export function periodProblem(from: string, to: string): 'order' | 'length' | undefined {
  if (from > to) return 'order';
  if (daysIn({ from, to }) > MAX_PERIOD_DAYS) return 'length';
  return undefined;
}

export function sameCut(a: Cut, b: Cut): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.compareFrom === b.compareFrom &&
    a.compareTo === b.compareTo &&
    a.filter?.by === b.filter?.by &&
    a.filter?.value === b.filter?.value &&
    Boolean(a.includeToday) === Boolean(b.includeToday)
  );
}
