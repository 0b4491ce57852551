import type { Assumption, Assumptions, PromiseProgress, ValueSummary } from '../api/types.ts';
import { formatNumber } from '../core/format.ts';

/** A driver's share of the period's total value, or undefined when there is no total. */
export function shareOf(money: number, total: number): number | undefined {
  return total > 0 ? money / total : undefined;
}

/**
 * The change against the previous period as a share of it: 0.5 is 50% more. "new" when there was
 * nothing before and something now; undefined when there is nothing to compare with.
 */
export function changeOf(
  current: number,
  previous: number | undefined,
): number | 'new' | undefined {
  if (previous === undefined) return undefined;
  if (previous === 0) return current === 0 ? 0 : 'new';
  return (current - previous) / Math.abs(previous);
}

/**
 * An assumption's value in its unit: "USD/hour" → "$55 / hour", "USD" → "$25,000", anything else
 * "0.25 hours". Money keeps cents only when the value has them.
 */
export function assumptionValueText(value: number, unit: string, locale: string): string {
  const money = /^([A-Z]{3})(?:\s*\/\s*(.+))?$/.exec(unit);
  if (!money) return `${formatNumber(value, locale, 4)} ${unit}`.trim();
  const amount = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money[1],
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
  return money[2] ? `${amount} / ${money[2]}` : amount;
}

export type AssumptionInput =
  | { ok: true; value: number }
  | { ok: false; problem: 'number' | 'bounds' };

/** What the editor typed, checked against the assumption's bounds before anything is sent. */
export function readAssumptionInput(text: string, assumption: Assumption): AssumptionInput {
  const value = text.trim() ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) return { ok: false, problem: 'number' };
  return value < assumption.min || value > assumption.max
    ? { ok: false, problem: 'bounds' }
    : { ok: true, value };
}

/** The latest change a customer made to an assumption (history comes oldest first). */
export function latestChange(
  history: Assumptions['history'],
  id: string,
): Assumptions['history'][number] | undefined {
  let latest: Assumptions['history'][number] | undefined;
  for (const change of history) {
    if (change.id === id && !(latest && latest.changedAt > change.changedAt)) latest = change;
  }
  return latest;
}

export type PromiseWord = 'ahead' | 'onTrack' | 'behind' | 'notStarted' | 'met' | 'missed';

/** A word for every status the server sends, and for nothing else (the contract's enum). */
const promiseWords: Record<PromiseProgress['status'], PromiseWord> = {
  ahead: 'ahead',
  on_pace: 'onTrack',
  behind: 'behind',
  not_started: 'notStarted',
  ended_met: 'met',
  ended_missed: 'missed',
};

/** The server's promise status in the words we have for it. */
export function promiseWord(status: PromiseProgress['status']): PromiseWord {
  return promiseWords[status];
}

/** Whether the period's total contains modelled money (and so is itself an estimate). */
export function totalIsEstimated(summary: ValueSummary): boolean {
  return summary.total.modelled > 0;
}
