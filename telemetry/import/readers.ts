import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import { UnparsedLine } from '../pipeline/ingest.ts';
import { readTabularFile, UnreadableFile } from '../storage/duckdb/tabular-file.ts';
import { isTextColumn, rowToEvent } from './rows.ts';

export type ImportFormat = 'ndjson' | 'csv' | 'parquet';

export class ImportError extends Error {}

const FORMAT_FOR_EXTENSION: Record<string, ImportFormat> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'ndjson',
  '.csv': 'csv',
  '.parquet': 'parquet',
};

export function formatOf(file: string): ImportFormat {
  const format = FORMAT_FOR_EXTENSION[extname(file).toLowerCase()];
  if (!format) {
    throw new ImportError(
      `cannot tell the format of ${file}: name it .ndjson/.jsonl (one JSON event per line), .csv or .parquet`,
    );
  }
  return format;
}

/** Chunks of raw events, at most one batch's worth each, read lazily so memory stays flat. */
export type RawChunks = AsyncGenerator<unknown[]>;

export async function* ndjsonChunks(file: string): RawChunks {
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let chunk: unknown[] = [];
  let lineNumber = 0;
  let started = false;
  for await (const line of lines) {
    lineNumber++;
    const text = line.trim();
    if (text === '') continue;
    if (!started && (text.startsWith('[') || text === '{')) {
      // Every line would be quarantined as broken JSON; refuse before anything is stored.
      throw new ImportError(
        `${file} looks like one JSON document (it starts with "${text[0]}"), not NDJSON: ` +
          `import expects one event per line. Convert it first, e.g. jq -c '.[]' ${file} > events.ndjson`,
      );
    }
    started = true;
    chunk.push(parseLine(line, lineNumber));
    if (chunk.length === ingestLimits.maxBatchEvents) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    return new UnparsedLine(
      line,
      `line ${lineNumber} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** CSV and Parquet rows as raw events, at most one batch's worth a chunk. */
export async function* tabularChunks(file: string, format: 'csv' | 'parquet'): RawChunks {
  let chunk: unknown[] = [];
  try {
    for await (const rows of readTabularFile(file, format, isTextColumn)) {
      for (const row of rows) {
        chunk.push(rowToEvent(row));
        if (chunk.length === ingestLimits.maxBatchEvents) {
          yield chunk;
          chunk = [];
        }
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFile) {
      throw new ImportError(`could not read ${file} as ${format}: ${error.message}`);
    }
    throw error;
  }
  if (chunk.length > 0) yield chunk;
}
