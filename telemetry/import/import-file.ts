import { existsSync } from 'node:fs';
import { correctClockSkew } from '../pipeline/clock-skew.ts';
import { prepareBatch } from '../pipeline/ingest.ts';
import { Database } from '../store/duckdb/database.ts';
import { DuckDbEventStore } from '../store/duckdb/event-store.ts';
import { DuckDbSourceStore } from '../store/duckdb/source-store.ts';
import type { IngestBatch, IngestOutcome } from '../store/interface.ts';
import { generateWriteKey, newId } from '../write-keys.ts';
import { IngestWriter } from '../writer.ts';
import { formatOf, ImportError, ndjsonChunks, type RawChunks, tabularChunks } from './readers.ts';

export interface ImportOptions {
  file: string;
  sourceName: string;
  databasePath: string;
  /** Where progress goes; only drawn when it is a terminal. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  log?: (line: string) => void;
}

export interface ImportSummary {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** Batches kept in flight so reading the file overlaps with committing. */
const IN_FLIGHT = 2;

/**
 * Imports a file into the event store through the same validate → clock skew → de-duplicate →
 * quarantine path as HTTP ingest. Re-importing the same file counts its events as duplicates.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const format = formatOf(options.file);
  if (!existsSync(options.file)) throw new ImportError(`${options.file} does not exist`);
  const database = await openForImport(options.databasePath);
  const events = new DuckDbEventStore(database);
  const writer = new IngestWriter(events, { maxQueuedEvents: 50_000, maxGroupEvents: 10_000 });
  const summary: ImportSummary = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const progress = progressLine(options.progress, summary);
  try {
    // Found or created once the file has yielded events, so an unreadable file leaves no new source.
    let sourceId: string | undefined;
    const connection = await database.connect();
    try {
      const chunks: RawChunks =
        format === 'ndjson'
          ? ndjsonChunks(options.file)
          : tabularChunks(connection, options.file, format);
      const inFlight: Array<Promise<void>> = [];
      for await (const raws of chunks) {
        sourceId ??= await sourceIdFor(database, options.sourceName, options.log);
        const batch = replayed(prepareBatch(raws, { sourceId, receivedAt: new Date() }));
        summary.read += raws.length;
        summary.rejected += batch.rejects.length;
        inFlight.push(
          writer.submit(batch).then((outcome: IngestOutcome) => {
            summary.accepted += outcome.accepted;
            summary.duplicates += outcome.duplicates;
            progress.draw();
          }),
        );
        if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError(
        `could not read ${options.file} as ${format}: ${(error as Error).message}`,
      );
    } finally {
      connection.closeSync();
    }
  } finally {
    progress.done();
    await writer.close();
    events.close();
    database.close();
  }
  return summary;
}

/**
 * An import replays history: the events arrive now, long after they were sent, so Segment's
 * correction (`receivedAt − (sentAt − timestamp)`) would move every event that carries a `sentAt`
 * to the time of the import. An imported event's time is its `timestamp` (in Segment's exports,
 * already corrected); `sentAt` is still stored.
 */
function replayed(batch: IngestBatch): IngestBatch {
  for (const event of batch.events) {
    Object.assign(event, correctClockSkew(event.timestamp, null, batch.receivedAt));
  }
  return batch;
}

async function openForImport(path: string): Promise<Database> {
  try {
    return await Database.open(path);
  } catch (error) {
    if (/lock/i.test(String(error))) {
      throw new ImportError(
        `${path} is in use by another process (a running Valueprint service or another import); ` +
          'stop it first, or send the events to the running service at POST /v1/batch',
      );
    }
    throw error;
  }
}

async function sourceIdFor(
  database: Database,
  name: string,
  log?: (line: string) => void,
): Promise<string> {
  const sources = new DuckDbSourceStore(database);
  const existing = await sources.findSourceByName(name);
  if (existing) return existing.id;
  // A new source gets a write key like any other; it is printed once so HTTP ingest can follow.
  const key = generateWriteKey();
  const source = await sources.createSource({ id: newId('src'), name, key });
  log?.(`created source "${name}" (${source.id}); its write key, shown once: ${key.key}`);
  return source.id;
}

function progressLine(stream: ImportOptions['progress'], summary: ImportSummary) {
  const tty = Boolean(stream?.isTTY);
  let last = 0;
  const text = () =>
    `  ${summary.read.toLocaleString('en')} read · ${summary.accepted.toLocaleString('en')} accepted · ` +
    `${summary.duplicates.toLocaleString('en')} duplicates · ${summary.rejected.toLocaleString('en')} rejected`;
  return {
    draw() {
      if (!tty || Date.now() - last < 200) return;
      last = Date.now();
      stream?.write(`\r${text()}`);
    },
    done() {
      if (tty && last > 0) stream?.write(`\r${text()}\n`);
    },
  };
}
