import { z } from 'zod';
import type { DayRange, Grain } from '../../blueprint/days.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest period a value query may span: ten years of days. */
export const MAX_RANGE_DAYS = 3_660;
/** The period a summary covers when none is asked for. */
export const DEFAULT_RANGE_DAYS = 90;

export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a UTC day as YYYY-MM-DD')
  // Zod runs refinements even after the regex failed, and "2025-13-01" parses to NaN: guard both.
  .refine((day) => Number.isFinite(fromDay(day)) && toDay(fromDay(day)) === day, {
    message: 'is not a calendar day',
    when: (payload) => payload.issues.length === 0,
  });

export function fromDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(fromDay(day) + days * DAY_MS);
}

export function daysIn(range: DayRange): number {
  return Math.round((fromDay(range.to) - fromDay(range.from)) / DAY_MS) + 1;
}

export function today(now = Date.now()): string {
  return toDay(now);
}

/** The period of equal length just before `range`. */
export function previousRange(range: DayRange): DayRange {
  const length = daysIn(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** The first day of the bucket holding `day` (weeks start on Monday, as DuckDB's date_trunc). */
export function bucketOf(day: string, grain: Grain): string {
  if (grain === 'day') return day;
  if (grain === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(fromDay(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Every bucket start from the one holding `from` to the one holding `to`, for dense series. */
export function bucketsBetween(range: DayRange, grain: Grain): string[] {
  const buckets: string[] = [];
  let bucket = bucketOf(range.from, grain);
  while (bucket <= range.to) {
    buckets.push(bucket);
    bucket =
      grain === 'day'
        ? addDays(bucket, 1)
        : grain === 'week'
          ? addDays(bucket, 7)
          : toDay(Date.UTC(Number(bucket.slice(0, 4)), Number(bucket.slice(5, 7)), 1));
  }
  return buckets;
}
