import { addDays, daysIn, MAX_PERIOD_DAYS, previousRange, today as utcToday } from './days.ts';
import type { ComparePreset, Cut, PeriodPreset } from './events.ts';

export type { ComparePreset, Cut, PeriodPreset };
/** The longest period the value API answers for: one limit for the server and the widget. */
export { MAX_PERIOD_DAYS };

export function periodOf(preset: Exclude<PeriodPreset, 'custom'>, today = utcToday()) {
  const year = today.slice(0, 4);
  switch (preset) {
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case '12m':
      return { from: addDays(today, -364), to: today };
    case 'ytd':
      return { from: `${year}-01-01`, to: today };
    case 'qtd': {
      const month = Number(today.slice(5, 7));
      const first = String(month - ((month - 1) % 3)).padStart(2, '0');
      return { from: `${year}-${first}-01`, to: today };
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

/** The cut a dashboard starts with: the last 90 days against the 90 before, everything included. */
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

/** The query parameters every value route takes for a cut. */
export function cutParams(cut: Cut): Record<string, string | undefined> {
  return {
    from: cut.from,
    to: cut.to,
    filter: cut.filter ? `${cut.filter.by}:${cut.filter.value}` : undefined,
  };
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
    a.filter?.value === b.filter?.value
  );
}
