import type { CutOptions, SegmentFilter } from '../api/types.ts';
import { comparePeriodOf, MAX_PERIOD_DAYS, periodOf, periodProblem } from '../core/cut.ts';
import { addDays, daysIn, earlierDay, isDay } from '../core/days.ts';
import type { ComparePreset, Cut, PeriodPreset } from '../core/events.ts';
import { common } from '../i18n/common.strings.ts';

/** Why picked days cannot be used: missing or malformed, reversed, or longer than the API answers. */
export type DaysProblem =
  | { key: 'problemMissing' }
  | { key: 'problemOrder' }
  | { key: 'problemLength'; days: number; max: number };

export function daysProblem(from: string, to: string): DaysProblem | undefined {
  if (!isDay(from) || !isDay(to)) return { key: 'problemMissing' };
  const problem = periodProblem(from, to);
  if (problem === 'order') return { key: 'problemOrder' };
  if (problem === 'length') {
    return { key: 'problemLength', days: daysIn({ from, to }), max: MAX_PERIOD_DAYS };
  }
  return undefined;
}

/** The cut with a new period; a compare preset follows it, custom compare days stay. */
export function withPeriod(
  cut: Cut,
  preset: PeriodPreset,
  period: { from: string; to: string },
): Cut {
  const compare =
    cut.compare === 'custom'
      ? { from: cut.compareFrom, to: cut.compareTo }
      : comparePeriodOf(period, cut.compare);
  return withFilter(
    {
      from: period.from,
      to: period.to,
      preset,
      compare: cut.compare,
      compareFrom: compare.from,
      compareTo: compare.to,
      ...(cut.includeToday ? { includeToday: true as const } : {}),
    },
    cut.filter,
  );
}

export function withPreset(cut: Cut, preset: Exclude<PeriodPreset, 'custom'>, today: string): Cut {
  return withPeriod(cut, preset, periodOf(preset, today, cut.includeToday));
}

/**
 * The cut with today included or not: a preset is laid out again to end today (or yesterday);
 * custom days run to today, or stop at yesterday.
 */
export function withToday(cut: Cut, include: boolean, today: string): Cut {
  const { includeToday: _was, ...rest } = cut;
  const next: Cut = include ? { ...rest, includeToday: true } : rest;
  if (cut.preset !== 'custom') return withPreset(next, cut.preset, today);
  const yesterday = addDays(today, -1);
  const to = include ? today : earlierDay(cut.to, yesterday);
  return withPeriod(next, 'custom', { from: earlierDay(cut.from, to), to });
}

export function withCompare(
  cut: Cut,
  compare: ComparePreset,
  days?: { from: string; to: string },
): Cut {
  const period =
    compare === 'custom'
      ? (days ?? { from: cut.compareFrom, to: cut.compareTo })
      : comparePeriodOf(cut, compare);
  return withFilter(
    {
      from: cut.from,
      to: cut.to,
      preset: cut.preset,
      compare,
      compareFrom: period.from,
      compareTo: period.to,
    },
    cut.filter,
  );
}

/** The cut showing only one value of one cut (or everything): no `filter` key without a filter. */
export function withFilter(cut: Cut, filter: SegmentFilter | undefined): Cut {
  const { filter: _previous, ...rest } = cut;
  return filter ? { ...rest, filter: { by: filter.by, value: filter.value } } : rest;
}

export function sameSettings(a: Cut, b: Cut): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.preset === b.preset &&
    a.compare === b.compare &&
    a.compareFrom === b.compareFrom &&
    a.compareTo === b.compareTo &&
    a.filter?.by === b.filter?.by &&
    a.filter?.value === b.filter?.value &&
    Boolean(a.includeToday) === Boolean(b.includeToday)
  );
}

/** "Team" → "team" inside an English or Spanish sentence; German keeps its capital nouns. */
export function inSentence(label: string, locale: string): string {
  if (locale === 'de') return label;
  return label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
}

/**
 * A way of cutting in words ("Team"): the model's label, or ours for "feature" (the server sends
 * none: the reader's language names it), or its id when the options do not know it.
 */
export function wayName(by: string, options: CutOptions | undefined, locale: string): string {
  return (
    options?.segments.find((segment) => segment.id === by)?.label ??
    (by === 'feature' ? common(locale, 'feature') : by)
  );
}
