import { ingestLimits } from '../../blueprint/api/limits.ts';

export interface EventTimes {
  eventTime: Date;
  clockFlag: 'future_timestamp' | null;
}

/**
 * Corrects the sender's clock the way Segment does: the device's clock may be wrong, but the gap
 * between when it says the event happened and when it says it sent it is right, so
 * `eventTime = receivedAt − (sentAt − timestamp)`. Without `sentAt` the timestamp is taken as is;
 * without a timestamp the event happened when it arrived. A time more than a day past arrival is
 * flagged and replaced by the arrival time rather than trusted.
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
  return { eventTime: new Date(corrected), clockFlag: null };
}
