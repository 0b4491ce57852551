import { DuckDBInstance } from '@duckdb/node-api';

/** DuckDB could not read the file as the format says; the message is DuckDB's, shortened. */
export class UnreadableFile extends Error {}

/** Names of columns that hold ids and names: always read as text (a numeric id keeps its zeros). */
export type TextColumnTest = (column: string) => boolean;

/**
 * Rows of a CSV or Parquet file through DuckDB's own readers, in chunks, on a DuckDB of its own (the
 * file is input, whatever store the events go to). The file is first read whole into a temporary
 * table, so a file DuckDB cannot read fails before any row is handed out (a streamed read that
 * fails midway just ends, silently); then it streams from there.
 */
export async function* readTabularFile(
  file: string,
  format: 'csv' | 'parquet',
  isTextColumn: TextColumnTest,
): AsyncGenerator<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader =
      format === 'csv' ? await csvReader(connection, file, isTextColumn) : 'read_parquet($1)';
    try {
      await connection.run(`CREATE TEMP TABLE import_rows AS SELECT * FROM ${reader}`, [file]);
    } catch (error) {
      throw new UnreadableFile(duckDbReason(error));
    }
    const total = Number(
      (await connection.runAndReadAll('SELECT count(*) FROM import_rows')).getRows()[0]?.[0],
    );
    const result = await connection.stream('SELECT * FROM import_rows');
    let read = 0;
    for await (const rows of result.yieldRowObjectJs()) {
      read += rows.length;
      yield rows as Array<Record<string, unknown>>;
    }
    if (read !== total) throw new UnreadableFile(`reading stopped after ${read} of ${total} rows`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * `read_csv` with a header, types sniffed from the whole file (a sample would let one odd value late
 * in the file fail the import) and id and name columns kept as text.
 */
async function csvReader(
  connection: Awaited<ReturnType<DuckDBInstance['connect']>>,
  file: string,
  isTextColumn: TextColumnTest,
): Promise<string> {
  let columns: string[];
  try {
    const described = await connection.runAndReadAll(
      'DESCRIBE SELECT * FROM read_csv($1, header = true)',
      [file],
    );
    columns = described.getRowObjectsJS().map((row) => String(row.column_name));
  } catch (error) {
    throw new UnreadableFile(duckDbReason(error));
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
