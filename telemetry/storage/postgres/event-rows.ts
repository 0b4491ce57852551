import { hash } from 'node:crypto';
import type { EncodedEvents, StoredEvent } from '../interface.ts';
import { jsonForPostgres, textForPostgres } from './postgres-text.ts';

/**
 * A batch's events as the PostgreSQL event store writes them: pure work on the events alone, so
 * it is done where the batch is read (a reader thread) rather than on the main thread that runs
 * the commits, which was the service's busiest (measured: waiting for a CPU as long as it ran).
 * The store makes the same when a batch comes without it (an import, a key sent in the body).
 *
 * Each column goes as an array in PostgreSQL's binary format (the elements here; the commit puts
 * the header before those of all its batches), read back with `unnest`. Against one JSONB array
 * of rows, measured on sequential 300-event commits of the benchmark's events: 8.0 → 5.8 µs of
 * the database's CPU an event (no JSON to parse but the properties, no time text to read), and
 * no times or JSON strings written here.
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

type FieldType = 'text' | 'boolean' | 'jsonb' | 'timestamptz';
type FieldValue = string | boolean | Date | null;

/** Columns of `events` in the order they are encoded (after commit_id), their types and values. */
export const EVENT_FIELDS: ReadonlyArray<
  readonly [
    column: string,
    type: FieldType,
    value: (event: StoredEvent, sourceId: string) => FieldValue,
  ]
> = [
  // '' for an event without an account: the column a sharded database distributes on.
  ['account_id', 'text', (event) => event.accountId ?? ''],
  ['source_id', 'text', (_event, sourceId) => sourceId],
  ['message_id', 'text', (event) => event.messageId],
  ['message_id_assigned', 'boolean', (event) => event.messageIdAssigned],
  ['type', 'text', (event) => event.type],
  ['name', 'text', (event) => event.name],
  ['user_id', 'text', (event) => event.userId],
  ['anonymous_id', 'text', (event) => event.anonymousId],
  ['properties', 'jsonb', (event) => event.properties],
  ['context', 'text', (event) => event.context],
  ['client_timestamp', 'timestamptz', (event) => event.timestamp],
  ['sent_at', 'timestamptz', (event) => event.sentAt],
  ['received_at', 'timestamptz', (event) => event.receivedAt],
  ['event_time', 'timestamptz', (event) => event.eventTime],
  ['clock_flag', 'text', (event) => event.clockFlag],
];

/** PostgreSQL's type of each kind of element (fixed for the built-in types). */
const ELEMENT_TYPES: Record<FieldType, number> = {
  text: 25,
  boolean: 16,
  jsonb: 3802,
  timestamptz: 1184,
};

/** Bytes of an array's header in the binary format: one dimension, its length, from 1. */
const ARRAY_HEADER_BYTES = 20;

/**
 * The events' columns and each message id's digest (zeros for an id the service assigned, which
 * is never claimed).
 */
export function encodeEvents(sourceId: string, events: readonly StoredEvent[]): EncodedEvents {
  const digests = new Uint8Array(events.length * DIGEST_BYTES);
  events.forEach((event, index) => {
    if (!event.messageIdAssigned)
      digests.set(digestOf(sourceId, event.messageId), index * DIGEST_BYTES);
  });
  return { sourceId, ...encodeColumns(sourceId, events), digests };
}

/** A batch's columns: EncodedEvents without the source and the digests. */
export type EncodedColumns = Pick<
  EncodedEvents,
  'count' | 'columns' | 'columnEnds' | 'nullColumns'
>;

/** The events' columns alone. */
export function encodeColumns(sourceId: string, events: readonly StoredEvent[]): EncodedColumns {
  const out = new ElementWriter();
  const columnEnds = new Uint32Array(EVENT_FIELDS.length);
  let nullColumns = 0;
  EVENT_FIELDS.forEach(([, type, value], column) => {
    let nulls = false;
    if (type === 'timestamptz') {
      for (const event of events) nulls = out.time(value(event, sourceId) as Date | null) || nulls;
    } else if (type === 'boolean') {
      for (const event of events) out.boolean(value(event, sourceId) as boolean);
    } else {
      const json = type === 'jsonb';
      for (const event of events)
        nulls = out.text(value(event, sourceId) as string | null, json) || nulls;
    }
    if (nulls) nullColumns |= 1 << column;
    columnEnds[column] = out.length;
  });
  return { count: events.length, columns: out.done(), columnEnds, nullColumns };
}

/**
 * The columns of several batches' events as one array each (Buffers, which the client sends in
 * the binary format), in EVENT_FIELDS' order, for `unnest`.
 */
export function columnArrays(encoded: readonly EncodedColumns[]): Buffer[] {
  const count = encoded.reduce((sum, batch) => sum + batch.count, 0);
  return EVENT_FIELDS.map(([, type], column) => {
    const header = Buffer.alloc(ARRAY_HEADER_BYTES);
    const nulls = encoded.some((batch) => (batch.nullColumns & (1 << column)) !== 0);
    header.writeInt32BE(1, 0);
    header.writeInt32BE(nulls ? 1 : 0, 4);
    header.writeInt32BE(ELEMENT_TYPES[type], 8);
    header.writeInt32BE(count, 12);
    header.writeInt32BE(1, 16);
    return Buffer.concat([
      header,
      ...encoded.map((batch) =>
        batch.columns.subarray(
          column === 0 ? 0 : (batch.columnEnds[column - 1] as number),
          batch.columnEnds[column],
        ),
      ),
    ]);
  });
}

/** The SQL type of each column's array, in EVENT_FIELDS' order. */
export const COLUMN_ARRAY_TYPES: readonly string[] = EVENT_FIELDS.map(([, type]) => `${type}[]`);

/** Event `index`'s digest in `encoded.digests` (a view, not a copy). */
export function digestAt(encoded: EncodedEvents, index: number): Buffer {
  return Buffer.from(
    encoded.digests.buffer,
    encoded.digests.byteOffset + index * DIGEST_BYTES,
    DIGEST_BYTES,
  );
}

/** PostgreSQL's epoch for times (2000-01-01 UTC), in Unix milliseconds. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

/**
 * Array elements in PostgreSQL's binary format, each its length (-1 for NULL) and its bytes, into
 * one buffer reused for every batch a thread encodes (the result is copied out).
 */
class ElementWriter {
  private static scratch = Buffer.allocUnsafe(256 * 1024);
  private bytes = ElementWriter.scratch;
  length = 0;

  /** Text (or JSON for a jsonb element): true when it was NULL. */
  text(value: string | null, json = false): boolean {
    if (value === null) return this.null();
    const text = json ? jsonForPostgres(value) : textForPostgres(value);
    const prefix = json ? 1 : 0;
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    this.room(4 + prefix + text.length * 3);
    const at = this.length + 4;
    // jsonb's binary form is a version byte (1), then the JSON text.
    if (json) this.bytes[at] = 1;
    const written = this.bytes.write(text, at + prefix, 'utf8');
    this.bytes.writeInt32BE(prefix + written, this.length);
    this.length = at + prefix + written;
    return false;
  }

  boolean(value: boolean): void {
    this.room(5);
    this.bytes.writeInt32BE(1, this.length);
    this.bytes[this.length + 4] = value ? 1 : 0;
    this.length += 5;
  }

  /** Microseconds since PostgreSQL's epoch as a 64-bit integer: true when it was NULL. */
  time(value: Date | null): boolean {
    if (value === null) return this.null();
    this.room(12);
    // Milliseconds times 1,000 can pass 2^53: multiplied in two 32-bit halves, exactly.
    const ms = value.getTime() - POSTGRES_EPOCH_MS;
    const high = Math.floor(ms / TWO_32);
    const low = (ms - high * TWO_32) * 1000;
    const carry = Math.floor(low / TWO_32);
    this.bytes.writeInt32BE(8, this.length);
    this.bytes.writeInt32BE(high * 1000 + carry, this.length + 4);
    this.bytes.writeUInt32BE(low - carry * TWO_32, this.length + 8);
    this.length += 12;
    return false;
  }

  /** The elements written, in a buffer of their own. */
  done(): Uint8Array {
    return new Uint8Array(this.bytes.subarray(0, this.length));
  }

  private null(): true {
    this.room(4);
    this.bytes.writeInt32BE(-1, this.length);
    this.length += 4;
    return true;
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + bytes));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
    ElementWriter.scratch = grown;
  }
}
