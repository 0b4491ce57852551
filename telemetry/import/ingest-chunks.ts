import { prepareBatch } from '../pipeline/ingest.ts';
import type { IngestWriter } from '../writer.ts';

export interface ImportSummary {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** Batches kept in flight so reading the input overlaps with committing. */
const IN_FLIGHT = 2;

/**
 * Feeds chunks of raw events through the ingest pipeline and the writer, as HTTP ingest does, with
 * bounded memory: at most two chunks wait for a commit while the next is read.
 */
export async function ingestChunks(
  writer: IngestWriter,
  chunks: AsyncIterable<unknown[]> | Iterable<unknown[]>,
  options: {
    /** The source, asked for when the first chunk is read (so an unreadable input creates none). */
    source: () => Promise<string>;
    onCommitted?: (summary: ImportSummary) => void;
  },
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const inFlight: Array<Promise<void>> = [];
  let sourceId: string | undefined;
  try {
    for await (const raws of chunks) {
      sourceId ??= await options.source();
      // Chunks are history (an import, the demo), never events sent just now.
      const batch = prepareBatch(raws, { sourceId, receivedAt: new Date(), replay: true });
      summary.read += raws.length;
      summary.rejected += batch.rejects.length;
      inFlight.push(
        writer.submit(batch).then((outcome) => {
          summary.accepted += outcome.accepted;
          summary.duplicates += outcome.duplicates;
          options.onCommitted?.(summary);
        }),
      );
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    }
  } catch (error) {
    // Settle what was submitted before failing, so no commit runs on after the caller gave up.
    await Promise.allSettled(inFlight);
    throw error;
  }
  const settled = await Promise.allSettled(inFlight);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return summary;
}

/** Groups any iterable of events into batch-sized arrays. */
export function* chunked<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
