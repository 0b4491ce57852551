import { ImportError } from '../../telemetry/import/readers.ts';
import { StorageInUse, StorageUnreachable } from '../../telemetry/storage/interface.ts';
import { ConfigError } from '../config.ts';
import { StartupError } from '../serve.ts';
import { UsageError } from './args.ts';
import { embedTokenCommand } from './embed-token.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { validateModelCommand } from './validate-model.ts';

const USAGE = `Usage: valueprint <command> [options]

Commands:
  serve [--port N] [--host H] [--db FILE|URL] [--demo]
      Start the service on a DuckDB file, or on PostgreSQL given a postgres:// URL (any number
      of processes may share one). Needs VALUEPRINT_SECRET_KEY unless --demo, which generates
      one, creates a demo source and prints its write key.
  import FILE --source NAME [--db FILE]
      Import events from NDJSON (.ndjson, .jsonl), CSV (.csv) or Parquet (.parquet) through the same
      validation, de-duplication and quarantine as HTTP ingest. Creates the source when it is new.
      The service must not be running on the same database file.
  migrate --from FILE --to postgres://USER@HOST:PORT/DB
      Copy everything in a DuckDB file into PostgreSQL (the service stopped), checking every
      table's count at the end. Resumable: run it again after a stop and it goes on.
  embed-token --account ID --user ID [--role viewer|editor] [--locale TAG]
      Print an embed token for one customer user, for trying the API with curl (development only;
      needs the service's VALUEPRINT_SECRET_KEY). Backends call POST /v1/embed/sessions instead.
  validate-model FILE
      Check a value model (JSON): prints each problem with its path (exit 1), or a summary of
      the drivers, assumptions and segments (exit 0).
  help
      Show this text.

Environment: PORT, HOST, VALUEPRINT_DB, VALUEPRINT_SECRET_KEY, VALUEPRINT_MAX_QUEUED_EVENTS,
VALUEPRINT_MAX_GROUP_EVENTS, VALUEPRINT_DEDUPE_DAYS, VALUEPRINT_EMBED_TTL_MINUTES,
VALUEPRINT_ALLOWED_ORIGINS (see README).`;

/** Runs one CLI command; returns the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest, env);
      case 'import':
        return await importCommand(rest, env);
      case 'migrate':
        return await migrateCommand(rest);
      case 'validate-model':
        return validateModelCommand(rest);
      case 'embed-token':
        return await embedTokenCommand(rest, env);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return 0;
      default:
        console.error(`valueprint: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof StorageInUse) {
      console.error(
        `valueprint: ${error.location} is in use by another process (a running Valueprint service or an import); ` +
          'stop it, or point this one at another file with --db or VALUEPRINT_DB',
      );
      return 1;
    }
    if (error instanceof StorageUnreachable) {
      console.error(
        `valueprint: PostgreSQL at ${error.location} cannot be reached (${error.reason}); ` +
          'check the URL given with --db or VALUEPRINT_DB, and that the server is up and lets this user in',
      );
      return 1;
    }
    if (error instanceof StartupError) {
      console.error(`valueprint: ${error.message}`);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`valueprint: ${error.message}${error.showUsage ? `\n\n${USAGE}` : ''}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`valueprint: ${error.message}`);
      return 2;
    }
    if (error instanceof ImportError) {
      console.error(`valueprint: import failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
