import { hash } from 'node:crypto';
import type { EncodedEvents, StoredEvent } from '../interface.ts';
import { jsonForPostgres } from './postgres-text.ts';

/**
 * A batch's events as the PostgreSQL event store writes them: pure work on the events alone, so
 * it is done where the batch is read (a reader thread) rather than on the main thread that runs
 * the commits, which was the service's busiest (measured: waiting for a CPU as long as it ran).
 * The store makes the same when a batch comes without it (an import, a key sent in the body).
 */

/** Bytes of a message id's digest: a chance collision is as likely as none in 2^64 pairs. */
export const DIGEST_BYTES = 16;

/**
 * SHA-256 over the source and the message id, cut to DIGEST_BYTES: exact for any text. (One-shot
 * `hash` over the joined text: the same bytes as hashing the parts, in half the time.)
 */
export function digestOf(sourceId: string, messageId: string): Buffer {
  return hash('sha256', `${sourceId}\n${messageId}`, 'buffer').subarray(0, DIGEST_BYTES);
}

/** Columns of `events` as a row fills them (after commit_id), with their types. */
export const EVENT_FIELDS = [
  ['account_id', 'text'],
  ['source_id', 'text'],
  ['message_id', 'text'],
  ['message_id_assigned', 'boolean'],
  ['type', 'text'],
  ['name', 'text'],
  ['user_id', 'text'],
  ['anonymous_id', 'text'],
  ['properties', 'jsonb'],
  ['context', 'text'],
  ['client_timestamp', 'timestamptz'],
  ['sent_at', 'timestamptz'],
  ['received_at', 'timestamptz'],
  ['event_time', 'timestamptz'],
  ['clock_flag', 'text'],
] as const;

/**
 * Each event as a JSON array in EVENT_FIELDS' order (the properties as JSON within it), the rows
 * joined by commas; each message id's digest (zeros for an id the service assigned, which is
 * never claimed).
 */
export function encodeEvents(sourceId: string, events: readonly StoredEvent[]): EncodedEvents {
  const source = JSON.stringify(sourceId);
  const ends = new Uint32Array(events.length);
  const digests = new Uint8Array(events.length * DIGEST_BYTES);
  const [sentAt, receivedAt] = [sameTimeText(), sameTimeText()];
  let rows = '';
  events.forEach((event, index) => {
    rows += `${index === 0 ? '' : ','}[${jsonText(event.accountId ?? '')},${source},${jsonText(event.messageId)},${event.messageIdAssigned},${jsonText(event.type)},${jsonText(event.name)},${jsonText(event.userId)},${jsonText(event.anonymousId)},${event.properties},${jsonText(event.context)},${timeText(event.timestamp)},${sentAt(event.sentAt)},${receivedAt(event.receivedAt)},${timeText(event.eventTime)},${jsonText(event.clockFlag)}]`;
    ends[index] = rows.length;
    if (!event.messageIdAssigned)
      digests.set(digestOf(sourceId, event.messageId), index * DIGEST_BYTES);
  });
  // One pass for the escape of U+0000, which JSONB refuses; the text keeps its length.
  return { sourceId, rows: jsonForPostgres(rows), ends, digests };
}

/** Event `index`'s row in `encoded.rows`. */
export function rowOf(encoded: EncodedEvents, index: number): string {
  const start = index === 0 ? 0 : (encoded.ends[index - 1] as number) + 1;
  return encoded.rows.slice(start, encoded.ends[index]);
}

/** Event `index`'s digest in `encoded.digests` (a view, not a copy). */
export function digestAt(encoded: EncodedEvents, index: number): Buffer {
  return Buffer.from(
    encoded.digests.buffer,
    encoded.digests.byteOffset + index * DIGEST_BYTES,
    DIGEST_BYTES,
  );
}

function jsonText(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function timeText(value: Date | null): string {
  return value === null ? 'null' : `"${value.toISOString()}"`;
}

/**
 * timeText for a time most events of a batch share (sent, received): written again only when it
 * differs from the last one (writing times was a twentieth of the commit's CPU).
 */
function sameTimeText(): (value: Date | null) => string {
  let last = Number.NaN;
  let text = 'null';
  return (value) => {
    if (value === null) return 'null';
    if (value.getTime() !== last) {
      last = value.getTime();
      text = timeText(value);
    }
    return text;
  };
}
