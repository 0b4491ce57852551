import { existsSync } from 'node:fs';
import { type SourceStore, type Storage, StorageInUse } from '../storage/interface.ts';
import { openStorage } from '../storage/open.ts';
import { generateWriteKey, newId } from '../write-keys.ts';
import { CommitFailed, IngestWriter } from '../writer.ts';
import { type ImportSummary, ingestChunks } from './ingest-chunks.ts';
import { formatOf, ImportError, ndjsonChunks, type RawChunks, tabularChunks } from './readers.ts';

export interface ImportOptions {
  file: string;
  sourceName: string;
  databasePath: string;
  /** Where progress goes; only drawn when it is a terminal. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  log?: (line: string) => void;
}

/**
 * Imports a file into the event store through the same validate → clock → de-duplicate →
 * quarantine path as HTTP ingest. Re-importing the same file counts its events as duplicates.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const format = formatOf(options.file);
  if (!existsSync(options.file)) throw new ImportError(`${options.file} does not exist`);
  const storage = await openForImport(options.databasePath);
  const writer = new IngestWriter(storage.events, {
    maxQueuedEvents: 50_000,
    maxGroupEvents: 10_000,
  });
  const progress = progressLine(options.progress);
  try {
    const chunks: RawChunks =
      format === 'ndjson' ? ndjsonChunks(options.file) : tabularChunks(options.file, format);
    const summary = await ingestChunks(writer, chunks, {
      source: () => sourceIdFor(storage.sources, options.sourceName, options.log),
      onCommitted: progress.draw,
    });
    progress.done(summary);
    return summary;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof CommitFailed) {
      throw new ImportError(
        `the database could not store a batch (${String((error.cause as Error)?.message ?? error.cause)}); ` +
          'batches stored before it stay stored, and running the import again skips them as duplicates',
      );
    }
    throw new ImportError(
      `could not read ${options.file} as ${format}: ${(error as Error).message}`,
    );
  } finally {
    await writer.close();
    await storage.close();
  }
}

async function openForImport(path: string): Promise<Storage> {
  try {
    return await openStorage({ location: path });
  } catch (error) {
    if (error instanceof StorageInUse) {
      throw new ImportError(
        `${path} is in use by another process (a running Valueprint service or another import); ` +
          'stop it first, or send the events to the running service at POST /v1/batch',
      );
    }
    throw error;
  }
}

async function sourceIdFor(
  sources: SourceStore,
  name: string,
  log?: (line: string) => void,
): Promise<string> {
  const existing = await sources.findSourceByName(name);
  if (existing) return existing.id;
  // A new source gets a write key like any other; it is printed once so HTTP ingest can follow.
  const key = generateWriteKey();
  const source = await sources.createSource({ id: newId('src'), name, key });
  log?.(`created source "${name}" (${source.id}); its write key, shown once: ${key.key}`);
  return source.id;
}

function progressLine(stream: ImportOptions['progress']) {
  const tty = Boolean(stream?.isTTY);
  let last = 0;
  const text = (summary: ImportSummary) =>
    `  ${summary.read.toLocaleString('en')} read · ${summary.accepted.toLocaleString('en')} accepted · ` +
    `${summary.duplicates.toLocaleString('en')} duplicates · ${summary.rejected.toLocaleString('en')} rejected`;
  return {
    draw(summary: ImportSummary) {
      if (!tty || Date.now() - last < 200) return;
      last = Date.now();
      stream?.write(`\r${text(summary)}`);
    },
    done(summary: ImportSummary) {
      if (tty && last > 0) stream?.write(`\r${text(summary)}\n`);
    },
  };
}
