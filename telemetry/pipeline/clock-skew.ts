import { ingestLimits } from '../../blueprint/api/limits.ts';

/** Why an event's time is its arrival rather than what its sender said (the original is kept). */
export type ClockFlag = 'future_timestamp' | 'implausible_timestamp' | 'untrusted_sent_at';

export interface EventTimes {
  eventTime: Date;
  clockFlag: ClockFlag | null;
}

/** No product telemetry happened before this: an earlier time is a broken clock. */
const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1);
/** A sender's clock this far off (its sentAt against our arrival) is not corrected by. */
const MAX_CORRECTION_MS = 365 * 86_400_000;

/**
 * Corrects the sender's clock the way Segment does: the device's clock may be wrong, but the gap
 * between when it says the event happened and when it says it sent it is right, so
 * `eventTime = receivedAt − (sentAt − timestamp)`. Without `sentAt` the timestamp is taken as is;
 * without a timestamp the event happened when it arrived. The original timestamp and sentAt are
 * stored as sent whatever happens here. Not trusted, and flagged:
 * - a sentAt more than a year from arrival: no correction is made by it (`untrusted_sent_at`);
 * - a time more than a day past arrival: arrival time instead (`future_timestamp`);
 * - a time before 2000: arrival time instead (`implausible_timestamp`).
 */
export function correctClockSkew(
  timestamp: Date | null,
  sentAt: Date | null,
  receivedAt: Date,
): EventTimes {
  if (!timestamp) return { eventTime: receivedAt, clockFlag: null };
  const skew = sentAt ? receivedAt.getTime() - sentAt.getTime() : 0;
  const trusted = Math.abs(skew) <= MAX_CORRECTION_MS;
  const corrected = timestamp.getTime() + (trusted ? skew : 0);
  if (corrected - receivedAt.getTime() > ingestLimits.maxFutureSkewMs) {
    return { eventTime: receivedAt, clockFlag: 'future_timestamp' };
  }
  if (corrected < EARLIEST_PLAUSIBLE) {
    return { eventTime: receivedAt, clockFlag: 'implausible_timestamp' };
  }
  return { eventTime: new Date(corrected), clockFlag: trusted ? null : 'untrusted_sent_at' };
}
