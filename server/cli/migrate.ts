import {
  type MoveProgress,
  MoveRefused,
  moveToPostgres,
} from '../../telemetry/storage/move-to-postgres.ts';
import { isPostgresUrl } from '../../telemetry/storage/open.ts';
import { readJournaledRequest } from '../ingest/read-events.ts';
import { StartupError } from '../serve.ts';
import { parse, UsageError } from './args.ts';

/**
 * `valueprint migrate --from FILE --to URL`: copies a DuckDB file into PostgreSQL, resumable,
 * with progress on a terminal and every table's count checked at the end (exit 1 on a mismatch).
 */
export async function migrateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError('migrate takes no FILE: use --from', true);
  if (typeof values.from !== 'string' || values.from === '' || isPostgresUrl(values.from))
    throw new UsageError('migrate needs --from FILE: the DuckDB file to copy', true);
  if (typeof values.to !== 'string' || !isPostgresUrl(values.to))
    throw new UsageError(
      'migrate needs --to postgres://…: the PostgreSQL database to copy into',
      true,
    );
  const progress = progressLines(process.stderr);
  let result: Awaited<ReturnType<typeof moveToPostgres>>;
  try {
    result = await moveToPostgres(values.from, values.to, progress, readJournaledRequest);
  } catch (error) {
    if (error instanceof MoveRefused) throw new StartupError(error.message);
    throw error;
  }
  progress.finish();
  const width = Math.max(...result.checks.map((check) => check.part.length));
  console.log(`${'part'.padEnd(width)}   ${'DuckDB'.padStart(12)}   ${'PostgreSQL'.padStart(12)}`);
  for (const check of result.checks) {
    const mark = check.duckdb === check.postgres ? '' : '   MISMATCH';
    console.log(
      `${check.part.padEnd(width)}   ${count(check.duckdb).padStart(12)}   ${count(check.postgres).padStart(12)}${mark}`,
    );
  }
  if (!result.verified) {
    console.error(
      'valueprint: some counts differ (marked MISMATCH): the copy is not complete; run the same command again to resume',
    );
    return 1;
  }
  console.log(
    `copied ${values.from} into PostgreSQL: every count matches; value facts derived (${count(result.facts)} rows). ` +
      'Start the service with --db set to the same URL.',
  );
  return 0;
}

const count = (n: number) => n.toLocaleString('en');

/** Progress on standard error: a line per table, and the events' share redrawn on a terminal. */
function progressLines(stream: NodeJS.WriteStream): MoveProgress & { finish(): void } {
  const tty = stream.isTTY;
  let started = 0;
  let drawn = 0;
  let line = '';
  return {
    part(name, rows, earlier) {
      stream.write(
        `  ${name}: ${count(rows)} rows${earlier ? ' (copied by an earlier run)' : ''}\n`,
      );
    },
    events(copied, total) {
      const now = Date.now();
      started ||= now;
      const rate = now > started ? (copied / (now - started)) * 1000 : 0;
      const share = total === 0 ? 100 : (copied / total) * 100;
      line = `  events: ${count(copied)} of ${count(total)} (${share.toFixed(1)}%)${rate > 0 ? ` · ${count(Math.round(rate))}/s` : ''}`;
      if (tty && now - drawn >= 200) {
        drawn = now;
        stream.write(`\r${line}`);
      }
    },
    finish() {
      stream.write(tty ? `\r${line}\n` : `${line}\n`);
    },
  };
}
