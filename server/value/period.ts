import {
  addDays,
  type DayRange,
  DEFAULT_PERIOD_DAYS,
  daysIn,
  MAX_PERIOD_DAYS,
  today,
} from '../../blueprint/days.ts';
import { InvalidPeriod } from './errors.ts';

/**
 * The days a query asks for, or the last DEFAULT_PERIOD_DAYS days up to `to` (today when absent);
 * both ends inclusive. `names` say which parameters the days came from, for the message.
 */
export function periodOf(
  query: { from?: string | undefined; to?: string | undefined },
  names: readonly [string, string] = ['from', 'to'],
): DayRange {
  const to = query.to ?? today();
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
