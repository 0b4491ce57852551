import type { IngestBatch, QuarantinedEvent, StoredEvent } from '../storage/interface.ts';

/**
 * What the ingest journal keeps of one acknowledged batch. Mostly the request itself, as it came
 * (still compressed when it came compressed), which costs the main thread nothing to write and is
 * read again the same way it was read the first time. A request whose write key was in its body
 * (browser libraries) is kept as the batch read from it instead, so the key is written nowhere.
 */
export type JournalEntry =
  | {
      kind: 'request';
      sourceId: string;
      receivedAt: Date;
      /** The ingest route it was sent to (`batch`, or an event type). */
      route: string;
      encoding: string;
      body: Uint8Array;
    }
  | { kind: 'batch'; batch: IngestBatch };

interface EntryHeader {
  s: string;
  r: number;
  /** A request: its route, encoding and body length; its bytes follow the header, in order. */
  t?: string;
  e?: string;
  n?: number;
  /** A batch: its events and rejects. */
  b?: { e: EncodedEvent[]; j: QuarantinedEvent[] };
}

/**
 * One record's payload: `[header length u32][header JSON][request bodies…]`, the header naming its
 * sequence number first (`{"q":N,`) so a reader finds it without parsing the rest.
 */
export function encodeRecord(seq: number, entries: JournalEntry[]): Buffer[] {
  const headers: EntryHeader[] = entries.map((entry) =>
    entry.kind === 'request'
      ? {
          s: entry.sourceId,
          r: entry.receivedAt.getTime(),
          t: entry.route,
          e: entry.encoding,
          n: entry.body.byteLength,
        }
      : {
          s: entry.batch.sourceId,
          r: entry.batch.receivedAt.getTime(),
          b: { e: entry.batch.events as unknown as EncodedEvent[], j: entry.batch.rejects },
        },
  );
  const header = Buffer.from(`{"q":${seq},"g":${JSON.stringify(headers)}}`);
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(header.length, 0);
  const bodies = entries.flatMap((entry) =>
    entry.kind === 'request'
      ? [Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength)]
      : [],
  );
  return [length, header, ...bodies];
}

/** The sequence number at the start of a record's header. */
export function sequenceOf(payload: Uint8Array): number {
  const start = Buffer.from(
    payload.buffer,
    payload.byteOffset + 4,
    Math.min(32, payload.byteLength - 4),
  );
  const match = /^\{"q":(\d+),/.exec(start.toString('latin1'));
  if (!match) throw new Error('the ingest journal holds a record it cannot read');
  return Number(match[1]);
}

/** A record's entries back, as they were written (times as Dates). */
export function decodeRecord(payload: Uint8Array): { seq: number; entries: JournalEntry[] } {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const headerLength = bytes.readUInt32LE(0);
  const { q: seq, g: headers } = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as {
    q: number;
    g: EntryHeader[];
  };
  let offset = 4 + headerLength;
  const entries = headers.map((header): JournalEntry => {
    const receivedAt = new Date(header.r);
    if (header.b) {
      return {
        kind: 'batch',
        batch: {
          sourceId: header.s,
          receivedAt,
          events: header.b.e.map(decodeEvent),
          rejects: header.b.j,
        },
      };
    }
    const body = bytes.subarray(offset, offset + (header.n ?? 0));
    offset += body.byteLength;
    return {
      kind: 'request',
      sourceId: header.s,
      receivedAt,
      route: header.t ?? 'batch',
      encoding: header.e ?? 'identity',
      body,
    };
  });
  return { seq, entries };
}

interface EncodedEvent
  extends Omit<StoredEvent, 'timestamp' | 'sentAt' | 'receivedAt' | 'eventTime'> {
  timestamp: string | null;
  sentAt: string | null;
  receivedAt: string;
  eventTime: string;
}

function decodeEvent(event: EncodedEvent): StoredEvent {
  return {
    ...event,
    timestamp: dateOrNull(event.timestamp),
    sentAt: dateOrNull(event.sentAt),
    receivedAt: new Date(event.receivedAt),
    eventTime: new Date(event.eventTime),
  };
}

function dateOrNull(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}
