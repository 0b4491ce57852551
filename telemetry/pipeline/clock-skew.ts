import { ingestLimits } from '../../blueprint/api/limits.ts';

/** Why an event's time is its arrival rather than what its sender said (the original is kept). */
export type ClockFlag = 'future_timestamp' | 'implausible_timestamp';

export interface EventTimes {
  eventTime: Date;
  clockFlag: ClockFlag | null;
}

/** No product telemetry happened before this: an earlier time is a broken clock. */
const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1);

/**
 * Corrects the sender's clock the way Segment does: the device's clock may be wrong, but the gap
 * between when it says the event happened and when it says it sent it is right, so
 * `eventTime = receivedAt − (sentAt − timestamp)`. Without `sentAt` the timestamp is taken as is;
 * without a timestamp the event happened when it arrived. A device whose clock sits in 1970 is
 * corrected like any other. The original timestamp and sentAt are stored as sent whatever happens
 * here; a result that cannot be true is clamped to the arrival time and flagged:
 * - more than a day past arrival (`future_timestamp`);
 * - before 2000, as sent or as corrected (a sentAt far ahead of its timestamp moves it back), so
 *   no correction reaches into the past beyond that (`implausible_timestamp`).
 */
export function correctClockSkew(
  timestamp: Date | null,
  sentAt: Date | null,
  receivedAt: Date,
): EventTimes {
  if (!timestamp) return { eventTime: receivedAt, clockFlag: null };
  const corrected = sentAt
    ? receivedAt.getTime() - (sentAt.getTime() - timestamp.getTime())
    : timestamp.getTime();
  if (corrected - receivedAt.getTime() > ingestLimits.maxFutureSkewMs) {
    return { eventTime: receivedAt, clockFlag: 'future_timestamp' };
  }
  if (corrected < EARLIEST_PLAUSIBLE) {
    return { eventTime: receivedAt, clockFlag: 'implausible_timestamp' };
  }
  return { eventTime: new Date(corrected), clockFlag: null };
}
