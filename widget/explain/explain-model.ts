import type { ExplainContribution, ValueExplanation } from '../api/types.ts';
import type { Cut, ExplainRequest } from '../core/events.ts';
import { formatDayRange } from '../core/format.ts';
import { daysProblem } from '../cuts/cuts-model.ts';
import { strings } from './explain.strings.ts';

/** Rows a dimension shows before the rest are summed into "Everything else". */
export const TOP_CONTRIBUTIONS = 5;

/** The rest of a dimension summed: the only arithmetic done on the endpoint's numbers. */
export interface RestSum {
  count: number;
  current: number;
  previous: number;
  delta: number;
  shareOfChange: number | null;
}

/** The largest contributions by size of change (either way), and everything else summed. */
export function topContributions(
  contributions: ExplainContribution[],
  size = TOP_CONTRIBUTIONS,
): { top: ExplainContribution[]; rest: RestSum | undefined } {
  const ordered = contributions
    .map((row, index) => ({ row, index }))
    .sort((a, b) => Math.abs(b.row.delta) - Math.abs(a.row.delta) || a.index - b.index)
    .map(({ row }) => row);
  const top = ordered.slice(0, size);
  const others = ordered.slice(size);
  if (others.length === 0) return { top, rest: undefined };
  const rest = others.reduce<RestSum>(
    (sum, row) => ({
      count: sum.count + 1,
      current: sum.current + row.current,
      previous: sum.previous + row.previous,
      delta: sum.delta + row.delta,
      shareOfChange:
        sum.shareOfChange === null || row.shareOfChange === null
          ? null
          : sum.shareOfChange + row.shareOfChange,
    }),
    { count: 0, current: 0, previous: 0, delta: 0, shareOfChange: 0 },
  );
  return { top, rest };
}

/**
 * Where most of the change came from: over every dimension, the one value that carries the
 * largest share of the change in the direction the total moved.
 */
export function leadOf(
  explanation: ValueExplanation,
): { by: string; contribution: ExplainContribution } | undefined {
  const direction = Math.sign(explanation.total.delta);
  if (direction === 0) return undefined;
  let lead: { by: string; contribution: ExplainContribution } | undefined;
  for (const dimension of explanation.dimensions) {
    // One value carries all of a dimension's change (the one filtered on, say): that says nothing.
    if (dimension.by === explanation.filter?.by || dimension.contributions.length < 2) continue;
    for (const contribution of dimension.contributions) {
      const share = contribution.shareOfChange;
      if (share === null || share <= 0 || Math.sign(contribution.delta) !== direction) continue;
      if (!lead || share > (lead.contribution.shareOfChange ?? 0)) {
        lead = { by: dimension.by, contribution };
      }
    }
  }
  return lead;
}

/** "+$185K" / "−$9K": the sign as a character (a real minus), whatever the locale does. */
export function signed(value: number, format: (magnitude: number) => string): string {
  if (value === 0) return format(0);
  return `${value > 0 ? '+' : '\u2212'}${format(Math.abs(value))}`;
}

/** Intl's hyphen-minus as a real minus sign, so "−18%" reads the same as "−$9K". */
export function withMinus(text: string): string {
  return text.replace('-', '\u2212');
}

/** The controls' question: a driver (or "total") and both periods, the compare one filled in. */
export type Draft = Required<ExplainRequest>;

export function periodsOf(cut: Cut): Omit<Draft, 'driver'> {
  return { from: cut.from, to: cut.to, compareFrom: cut.compareFrom, compareTo: cut.compareTo };
}

/** The period in words, or the typed days as they are while they are not a period. */
export function rangeText(from: string, to: string, intl: string): string {
  return daysProblem(from, to) ? `${from || '…'} – ${to || '…'}` : formatDayRange(from, to, intl);
}

/** Why the picked days cannot be explained, in words: one line per period with a problem. */
export function draftProblems(draft: Draft, locale: string): string[] {
  return (
    [
      ['thisPeriod', draft.from, draft.to],
      ['comparedWith', draft.compareFrom, draft.compareTo],
    ] as const
  ).flatMap(([key, from, to]) => {
    const problem = daysProblem(from, to);
    return problem
      ? [strings(locale, problem.key, { ...problem, period: strings(locale, key) })]
      : [];
  });
}
