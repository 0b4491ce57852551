import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { sequenceOf } from './journal-codec.ts';

/**
 * The ingest journal: what the writer has acknowledged but the store may not hold yet. A group of
 * batches is one record, written and fdatasync'ed before any of its requests is answered; the
 * store applies records behind it and notes the last one applied in the same transaction, so after
 * a crash the records past that note are applied again, in order, before the service takes events.
 *
 * Why it exists: DuckDB folds its WAL into the file (a checkpoint) inside whichever commit crosses
 * the threshold, and every commit waits 0.2–1.4 s for it; an fdatasync here takes ~0.4 ms. Answers
 * now wait for the journal, and the checkpoint only delays when events show in value.
 *
 * The write and the fdatasync run on the event loop, on purpose. Through libuv's thread pool
 * (`FileHandle.writev`/`datasync`) the same record took up to 75 ms under load (p99 of answers
 * 43–158 ms): the pool's threads were busy with DuckDB's queries, and the completion then waited
 * for the event loop behind a commit's appends. Done here, no append took over 11 ms in the same
 * runs, and requests that arrive meanwhile are the next group's.
 *
 * On disk: a folder of segments named by their first record's sequence number. A record is
 * `[length u32][crc32 u32][UTF-8 JSON]`, little-endian. Reading a segment stops at its first record
 * that is cut short or fails its checksum (a write the crash interrupted, never acknowledged); a
 * failed write closes the segment, so records written after it start a new one and stay readable.
 */
export class IngestJournal {
  private segment: { fd: number; firstSeq: number; bytes: number } | undefined;
  /** Segments written to, oldest first, with the last sequence number each holds. */
  private readonly segments: Array<{ firstSeq: number; lastSeq: number }> = [];
  private nextSeq: number;

  private constructor(
    readonly dir: string,
    private readonly segmentBytes: number,
    lastSeq: number,
  ) {
    this.nextSeq = lastSeq + 1;
  }

  /**
   * Opens (creating) the journal in `dir` and reads the records after `appliedSeq`: the ones the
   * store has not applied yet, in order. New records are numbered after every record on disk.
   */
  static open(
    dir: string,
    appliedSeq: number,
    options: { segmentBytes?: number } = {},
  ): { journal: IngestJournal; unapplied: Array<{ seq: number; payload: Buffer }> } {
    mkdirSync(dir, { recursive: true });
    const unapplied: Array<{ seq: number; payload: Buffer }> = [];
    let lastSeq = appliedSeq;
    const found: Array<{ firstSeq: number; lastSeq: number }> = [];
    for (const firstSeq of segmentNames(dir)) {
      let segmentLast = firstSeq - 1;
      for (const record of readRecords(join(dir, segmentFile(firstSeq)))) {
        const seq = sequenceOf(record);
        segmentLast = Math.max(segmentLast, seq);
        if (seq > appliedSeq) unapplied.push({ seq, payload: record });
      }
      found.push({ firstSeq, lastSeq: segmentLast });
      lastSeq = Math.max(lastSeq, segmentLast);
    }
    unapplied.sort((a, b) => a.seq - b.seq);
    const journal = new IngestJournal(dir, options.segmentBytes ?? DEFAULT_SEGMENT_BYTES, lastSeq);
    journal.segments.push(...found);
    return { journal, unapplied };
  }

  /** The number the next record gets. */
  get upcomingSeq(): number {
    return this.nextSeq;
  }

  /**
   * Writes one record (the parts `encode` gives for its sequence number, as one payload) and waits
   * until it is on disk. On failure nothing may be acknowledged, and the segment is closed so
   * later records start clean.
   */
  append(encode: (seq: number) => Buffer[]): number {
    const seq = this.nextSeq;
    const parts = encode(seq);
    let length = 0;
    let checksum = 0;
    for (const part of parts) {
      length += part.length;
      checksum = crc32(part, checksum);
    }
    const frame = Buffer.allocUnsafe(8);
    frame.writeUInt32LE(length, 0);
    frame.writeUInt32LE(checksum, 4);
    const segment = this.openSegment(seq);
    try {
      writeAll(segment.fd, [frame, ...parts]);
      fdatasyncSync(segment.fd);
    } catch (error) {
      // The number is not used again: the next record goes to a segment of its own.
      this.nextSeq = seq + 1;
      this.closeSegment();
      throw error;
    }
    segment.bytes += 8 + length;
    this.nextSeq = seq + 1;
    const last = this.segments.at(-1);
    if (last) last.lastSeq = seq;
    if (segment.bytes >= this.segmentBytes) this.closeSegment();
    return seq;
  }

  /**
   * The store holds every record up to `seq`: closed segments wholly before it are removed. The
   * open one stays until it is full (a file made and removed per record would cost more than it).
   */
  applied(seq: number): void {
    while (this.segments.length > 0) {
      const oldest = this.segments[0] as { firstSeq: number; lastSeq: number };
      if (oldest.lastSeq > seq || this.segment?.firstSeq === oldest.firstSeq) return;
      this.segments.shift();
      rmSync(join(this.dir, segmentFile(oldest.firstSeq)), { force: true });
    }
  }

  /** Closes the open segment; with everything applied (a clean stop) no segment is left behind. */
  close(appliedSeq?: number): void {
    this.closeSegment();
    if (appliedSeq !== undefined) this.applied(appliedSeq);
  }

  private openSegment(seq: number) {
    if (this.segment) return this.segment;
    const fd = openSync(join(this.dir, segmentFile(seq)), 'a');
    // The new file's name must survive a crash as well as its records.
    syncDirectory(this.dir);
    this.segment = { fd, firstSeq: seq, bytes: 0 };
    this.segments.push({ firstSeq: seq, lastSeq: seq - 1 });
    return this.segment;
  }

  private closeSegment(): void {
    const segment = this.segment;
    this.segment = undefined;
    if (!segment) return;
    try {
      closeSync(segment.fd);
    } catch {
      // Nothing more is written to it; a failed close loses nothing that was synced.
    }
  }
}

/** A segment is closed and a new one started past this size. */
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
const SEGMENT = /^(\d{16})\.journal$/;

function segmentFile(firstSeq: number): string {
  return `${String(firstSeq).padStart(16, '0')}.journal`;
}

function segmentNames(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => SEGMENT.exec(name)?.[1])
    .filter((seq): seq is string => seq !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The whole records of a segment, in order, up to the first one cut short or corrupt. */
function readRecords(path: string): Buffer[] {
  const bytes = readFileSync(path);
  const records: Buffer[] = [];
  for (let offset = 0; offset + 8 <= bytes.length; ) {
    const length = bytes.readUInt32LE(offset);
    const end = offset + 8 + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(offset + 8, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
    records.push(payload);
    offset = end;
  }
  return records;
}

/** writev may write less than asked (a full disk, a signal): the rest follows, or it throws. */
function writeAll(fd: number, parts: Buffer[]): void {
  let pending = parts.filter((part) => part.length > 0);
  while (pending.length > 0) {
    let written = writevSync(fd, pending);
    const rest: Buffer[] = [];
    for (const part of pending) {
      if (written >= part.length) written -= part.length;
      else {
        rest.push(part.subarray(written));
        written = 0;
      }
    }
    pending = rest;
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
