/**
 * Calendar days as YYYY-MM-DD in UTC, the way every surface counts them: the value API, the story,
 * the widget. Pure and free of zod, so the widget bundle can use it.
 */

/** A period of UTC days, both inclusive, as YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export const grains = ['day', 'week', 'month'] as const;
export type Grain = (typeof grains)[number];

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Longest period a value query may span: ten years of days. One limit for server and widget. */
export const MAX_PERIOD_DAYS = 3_660;
/** The period a value query covers when none is asked for. */
export const DEFAULT_PERIOD_DAYS = 90;

/** A real calendar day written as YYYY-MM-DD ("2025-02-30" is not). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const ms = fromDay(text);
  return Number.isFinite(ms) && toDay(ms) === text;
}

/** UTC milliseconds at the start of the day. */
export function fromDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(fromDay(day) + days * DAY_MS);
}

/** Days in a range, both ends counted. */
export function daysIn(range: DayRange): number {
  return Math.round((fromDay(range.to) - fromDay(range.from)) / DAY_MS) + 1;
}

/** Today in UTC. */
export function today(now = Date.now()): string {
  return toDay(now);
}

/** The last complete day in UTC: yesterday. Periods end here unless today is asked for. */
export function lastCompleteDay(now = Date.now()): string {
  return addDays(today(now), -1);
}

/** The period of equal length just before `range`. */
export function previousRange(range: DayRange): DayRange {
  const length = daysIn(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** The earlier of two days (they compare as text; Math.min would turn them into NaN). */
export function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** The later of two days. */
export function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** The part of `range` inside `within`, or undefined when they do not meet. */
export function clipRange(range: DayRange, within: DayRange): DayRange | undefined {
  const from = laterDay(range.from, within.from);
  const to = earlierDay(range.to, within.to);
  return from > to ? undefined : { from, to };
}

/** Days two ranges share, both ends counted; 0 when they do not meet. */
export function overlapDays(a: DayRange, b: DayRange): number {
  const shared = clipRange(a, b);
  return shared ? daysIn(shared) : 0;
}

/** The first day of the bucket holding `day` (weeks start on Monday, ISO 8601). */
export function bucketOf(day: string, grain: Grain): string {
  if (grain === 'day') return day;
  if (grain === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(fromDay(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The first day of the bucket after the one starting on `bucket`. */
export function nextBucket(bucket: string, grain: Grain): string {
  if (grain === 'day') return addDays(bucket, 1);
  if (grain === 'week') return addDays(bucket, 7);
  return toDay(Date.UTC(Number(bucket.slice(0, 4)), Number(bucket.slice(5, 7)), 1));
}

/** The last day of the bucket starting on `bucket`. */
export function bucketEnd(bucket: string, grain: Grain): string {
  return addDays(nextBucket(bucket, grain), -1);
}

/** Every bucket start from the one holding `from` to the one holding `to`, for dense series. */
export function bucketsBetween(range: DayRange, grain: Grain): string[] {
  const buckets: string[] = [];
  for (let bucket = bucketOf(range.from, grain); bucket <= range.to; ) {
    buckets.push(bucket);
    bucket = nextBucket(bucket, grain);
  }
  return buckets;
}
