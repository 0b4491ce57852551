/**
 * When a failed delivery is tried again: the Standard Webhooks schedule (at once, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h — about 28 hours in all), each wait stretched or shrunk by up to a
 * tenth so a receiver that came back is not hit by every delivery in the same second, and never
 * sooner than the receiver's Retry-After asked. Pure: the caller passes the clock and the dice.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait before each attempt; the first is at once. After the last, a delivery is dead. */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;
/** Each wait is multiplied by a factor in [1 − JITTER, 1 + JITTER). */
export const JITTER = 0.1;
/** A Retry-After longer than this is read as this: a receiver cannot park a delivery for ever. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * The wait after attempt `attempts` (1-based) failed, or null when that was the last. `random` is
 * in [0, 1); `retryAfterMs` is what the receiver asked for, if anything.
 */
export function retryDelayMs(
  attempts: number,
  random: number,
  retryAfterMs: number | null = null,
): number | null {
  const scheduled = RETRY_SCHEDULE_MS[attempts];
  if (scheduled === undefined) return null;
  const jittered = Math.round(scheduled * (1 - JITTER + 2 * JITTER * random));
  const asked = retryAfterMs === null ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(jittered, asked);
}

/** A Retry-After header as milliseconds from `now`: delay-seconds or an HTTP date; null if neither. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
