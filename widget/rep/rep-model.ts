import type { HandoffStatus } from '../../blueprint/api/handoffs.ts';
import type { RepQueue } from '../../blueprint/api/rep.ts';

/**
 * Pure helpers of the rep console: the queue's order, ages in words, the contract's constants
 * (copied, not imported: a module that imports zod must not reach the browser; a unit test keeps
 * them equal to blueprint/api).
 */

export type QueueItem = RepQueue['handoffs'][number];

export const STATUSES = [
  'new',
  'accepted',
  'answered',
  'closed',
] as const satisfies readonly HandoffStatus[];
/** A reply's length at most (`handoffLimits.maxReplyChars`). */
export const MAX_REPLY_CHARS = 4_000;
/** A pushed plan's name at most. */
export const MAX_PLAN_NAME_CHARS = 120;

/** Waiting for the rep: new, or accepted and not answered yet. */
export function isOpen(status: HandoffStatus): boolean {
  return status === 'new' || status === 'accepted';
}

/** Oldest open first (who waited longest), then the rest newest first, as the server sends it. */
export function queueOrder(items: readonly QueueItem[]): QueueItem[] {
  const time = (value: string) => Date.parse(value) || 0;
  return [...items].sort((a, b) => {
    const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
    if (open !== 0) return open;
    if (isOpen(a.status)) return time(a.createdAt) - time(b.createdAt);
    return time(b.updatedAt) - time(a.updatedAt);
  });
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** The largest whole unit of a span: {value: -3, unit: 'hour'} for three hours ago. */
export function ageOf(
  at: string,
  now: number,
): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const span = (Date.parse(at) || now) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(span) >= ms) return { value: Math.trunc(span / ms), unit };
  }
  return { value: 0, unit: 'minute' };
}

const relative = new Map<string, Intl.RelativeTimeFormat>();

/** "3 hours ago", "vor 3 Stunden", "hace 3 horas"; "now" under a minute. */
export function formatAge(at: string, locale: string, now = Date.now()): string {
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative.set(locale, format);
  }
  const { value, unit } = ageOf(at, now);
  return format.format(value, unit);
}

/** "A, B and C" in the locale. */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A date and time for a title attribute: "Nov 29, 2026, 4:10 PM". */
export function formatWhen(at: string, locale: string): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return at;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}
