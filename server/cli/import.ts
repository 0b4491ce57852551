import { importFile } from '../../telemetry/import/import-file.ts';
import { configFrom, parse, UsageError } from './args.ts';

/** Imports one file of events into a source, through the same pipeline as HTTP ingest. */
export async function importCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values, positionals } = parse(args, {
    source: { type: 'string' },
    db: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('import takes exactly one FILE', true);
  if (typeof values.source !== 'string' || values.source.trim() === '') {
    throw new UsageError('import needs --source NAME: the source the events belong to');
  }
  const config = configFrom(env, values);
  const summary = await importFile({
    file,
    sourceName: values.source.trim(),
    databasePath: config.databasePath,
    progress: process.stderr,
    log: (line) => console.log(line),
  });
  console.log(
    `imported ${file}: ${count(summary.accepted)} accepted, ${count(summary.duplicates)} duplicates, ` +
      `${count(summary.rejected)} rejected` +
      (summary.rejected > 0
        ? ' (kept in quarantine with their reasons: GET /v1/admin/quarantine)'
        : ''),
  );
  return 0;
}

const count = (n: number) => n.toLocaleString('en');
