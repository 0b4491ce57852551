import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ingestLimits } from '../limits.ts';
import { UnparsedLine } from '../pipeline/ingest.ts';
import { rowToEvent } from './rows.ts';

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
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
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

/** CSV and Parquet through DuckDB's own readers, streamed chunk by chunk. */
export async function* tabularChunks(
  connection: DuckDBConnection,
  file: string,
  format: 'csv' | 'parquet',
): RawChunks {
  const reader = format === 'csv' ? 'read_csv($1, header = true)' : 'read_parquet($1)';
  const result = await connection.stream(`SELECT * FROM ${reader}`, [file]);
  let chunk: unknown[] = [];
  for await (const rows of result.yieldRowObjectJs()) {
    for (const row of rows) {
      chunk.push(rowToEvent(row as Record<string, unknown>));
      if (chunk.length === ingestLimits.maxBatchEvents) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}
