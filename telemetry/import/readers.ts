import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ingestLimits } from '../limits.ts';
import { UnparsedLine } from '../pipeline/ingest.ts';
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

/**
 * CSV and Parquet through DuckDB's own readers. The file is first read whole into a temporary table,
 * so a file DuckDB cannot read fails before any event is committed (a streamed read that fails
 * midway just ends, silently), then streamed from there chunk by chunk.
 */
export async function* tabularChunks(
  connection: DuckDBConnection,
  file: string,
  format: 'csv' | 'parquet',
): RawChunks {
  const reader = format === 'csv' ? await csvReader(connection, file) : 'read_parquet($1)';
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE import_rows AS SELECT * FROM ${reader}`, [
      file,
    ]);
  } catch (error) {
    throw new ImportError(`could not read ${file} as ${format}: ${duckDbReason(error)}`);
  }
  const total = Number(
    (await connection.runAndReadAll('SELECT count(*) FROM import_rows')).getRows()[0]?.[0],
  );
  const result = await connection.stream('SELECT * FROM import_rows');
  let chunk: unknown[] = [];
  let read = 0;
  for await (const rows of result.yieldRowObjectJs()) {
    for (const row of rows) {
      read++;
      chunk.push(rowToEvent(row as Record<string, unknown>));
      if (chunk.length === ingestLimits.maxBatchEvents) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
  if (read !== total) {
    throw new ImportError(`reading ${file} stopped after ${read} of ${total} rows`);
  }
}

/**
 * `read_csv` with a header, types sniffed from the whole file (a sample would let one odd value late
 * in the file fail the import) and id and name columns kept as text.
 */
async function csvReader(connection: DuckDBConnection, file: string): Promise<string> {
  let columns: string[];
  try {
    const described = await connection.runAndReadAll(
      'DESCRIBE SELECT * FROM read_csv($1, header = true)',
      [file],
    );
    columns = described.getRowObjectsJS().map((row) => String(row.column_name));
  } catch (error) {
    throw new ImportError(`could not read ${file} as csv: ${duckDbReason(error)}`);
  }
  const text = columns.filter(isTextColumn).map((column) => `${sqlText(column)}: 'VARCHAR'`);
  const types = text.length > 0 ? `, types = {${text.join(', ')}}` : '';
  return `read_csv($1, header = true, sample_size = -1${types})`;
}

function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** DuckDB's error without its advice on SQL options, which an importing user cannot set. */
function duckDbReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n\s*\n/)[0]?.trim() ?? message;
}
