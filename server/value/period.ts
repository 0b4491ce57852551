import type { Comparison } from '../../blueprint/api/common.ts';
import {
  addDays,
  clipRange,
  type DayRange,
  DEFAULT_PERIOD_DAYS,
  daysIn,
  lastCompleteDay,
  laterDay,
  MAX_PERIOD_DAYS,
  previousRange,
  today,
} from '../../blueprint/days.ts';
import { InvalidPeriod } from './errors.ts';

/**
 * The days a query asks for, or the last DEFAULT_PERIOD_DAYS days up to `to` (the last complete
 * day, yesterday UTC, when absent: today is still under way and is included only when asked for);
 * both ends inclusive. `names` say which parameters the days came from, for the message.
 */
export function periodOf(
  query: { from?: string | undefined; to?: string | undefined },
  names: readonly [string, string] = ['from', 'to'],
): DayRange {
  const to = query.to ?? lastCompleteDay();
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw new InvalidPeriod(`${names[0]} (${from}) is after ${names[1]} (${to})`);
  if (daysIn({ from, to }) > MAX_PERIOD_DAYS) {
    throw new InvalidPeriod(`a period spans at most ${MAX_PERIOD_DAYS} days`);
  }
  return { from, to };
}

/** The compared period: both ends given, or neither (then the one just before, of equal length). */
export function comparedPeriodOf(query: {
  compareFrom?: string | undefined;
  compareTo?: string | undefined;
}): DayRange | undefined {
  const { compareFrom, compareTo } = query;
  if (compareFrom === undefined && compareTo === undefined) return undefined;
  if (compareFrom === undefined || compareTo === undefined) {
    throw new InvalidPeriod(
      'give both compareFrom and compareTo, or neither (the previous period)',
    );
  }
  return periodOf({ from: compareFrom, to: compareTo }, ['compareFrom', 'compareTo']);
}

/** The compared period asked for, or the previous one of equal length. */
export function comparedOrPrevious(range: DayRange, compare: DayRange | undefined): DayRange {
  return compare ?? previousRange(range);
}

/** A compared period with less than this share of the current one's days is no baseline. */
export const MIN_COMPARED_COVERAGE = 0.9;

/** Today, when the period includes it (it is still under way); else undefined. */
export function partialDayOf(range: DayRange, day = today()): string | undefined {
  return range.from <= day && day <= range.to ? day : undefined;
}

/**
 * Days of `range` the account existed in: from its start (not before) up to the last complete
 * day. No start (no activity, no contract day) covers nothing.
 */
export function coverageOf(
  range: DayRange,
  start: string | null,
  lastComplete = lastCompleteDay(),
): number {
  if (start === null) return 0;
  const covered = clipRange(range, { from: laterDay(start, range.from), to: lastComplete });
  return covered ? daysIn(covered) : 0;
}

/**
 * Whether `compared` is a fair baseline for `range`: it covers at least 90% of the days the
 * current period covers, and the current period is made of complete days.
 */
export function comparisonOf(
  range: DayRange,
  compared: DayRange,
  start: string | null,
  day = today(),
): Comparison {
  const lastComplete = addDays(day, -1);
  const coverage = {
    current: coverageOf(range, start, lastComplete),
    compared: coverageOf(compared, start, lastComplete),
  };
  const base = { period: compared, coverage };
  if (range.to >= day) {
    return { ...base, comparable: false, reason: 'current_includes_today' };
  }
  if (coverage.compared < MIN_COMPARED_COVERAGE * coverage.current) {
    return { ...base, comparable: false, reason: 'compared_before_start' };
  }
  return { ...base, comparable: true };
}

/** How the compared period relates to the current one, for the words that name it. */
export function comparedKind(
  range: DayRange,
  compared: DayRange,
): 'previous' | 'last_year' | 'other' {
  const previous = previousRange(range);
  if (compared.from === previous.from && compared.to === previous.to) return 'previous';
  const sameLength = daysIn(compared) === daysIn(range);
  const shifted = daysIn({ from: compared.from, to: range.from }) - 1;
  if (sameLength && shifted >= 364 && shifted <= 366) return 'last_year';
  return 'other';
}
