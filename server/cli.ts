import { randomBytes } from 'node:crypto';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { seedDemoTelemetry } from '../examples/demo/seed.ts';
import { demoAccounts } from '../examples/demo/telemetry.ts';
import { importFile } from '../telemetry/import/import-file.ts';
import { ImportError } from '../telemetry/import/readers.ts';
import { DatabaseInUse } from '../telemetry/store/duckdb/database.ts';
import { openDuckDbStorage } from '../telemetry/store/duckdb/index.ts';
import { generateWriteKey, newId } from '../telemetry/write-keys.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { StartupError, startServer } from './serve.ts';

const USAGE = `Usage: valueprint <command> [options]

Commands:
  serve [--port N] [--host H] [--db FILE] [--demo]
      Start the service. Needs VALUEPRINT_SECRET_KEY unless --demo, which generates one,
      creates a demo source and prints its write key.
  import FILE --source NAME [--db FILE]
      Import events from NDJSON (.ndjson, .jsonl), CSV (.csv) or Parquet (.parquet) through the same
      validation, de-duplication and quarantine as HTTP ingest. Creates the source when it is new.
      The service must not be running on the same database file.
  help
      Show this text.

Environment: PORT, HOST, VALUEPRINT_DB, VALUEPRINT_SECRET_KEY, VALUEPRINT_MAX_QUEUED_EVENTS,
VALUEPRINT_MAX_GROUP_EVENTS, VALUEPRINT_DEDUPE_DAYS (see README).`;

const DEMO_SOURCE = 'Acme Flow (demo)';

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
    if (error instanceof DatabaseInUse) {
      console.error(
        `valueprint: ${error.path} is in use by another process (a running Valueprint service or an import); ` +
          'stop it, or point this one at another file with --db or VALUEPRINT_DB',
      );
      return 1;
    }
    if (error instanceof StartupError) {
      console.error(`valueprint: ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof UsageError) {
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

class UsageError extends Error {}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

/** Command-line flags win over the environment; both go through the same zod parsing. */
function configFrom(
  env: Record<string, string | undefined>,
  flags: Record<string, unknown>,
): Config {
  const given = FLAG_VARIABLES.filter(([flag]) => flags[flag] !== undefined);
  try {
    return loadConfig({
      ...env,
      ...Object.fromEntries(given.map(([flag, variable]) => [variable, String(flags[flag])])),
    });
  } catch (error) {
    if (!(error instanceof ConfigError) || given.length === 0) throw error;
    const note = given.map(([flag, variable]) => `--${flag} sets ${variable}`).join(', ');
    throw new ConfigError(`${error.message}\n  (${note})`);
  }
}

const FLAG_VARIABLES = [
  ['port', 'PORT'],
  ['host', 'HOST'],
  ['db', 'VALUEPRINT_DB'],
] as const;

async function serveCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    demo: { type: 'boolean', default: false },
  });
  const config = configFrom(env, values);
  const demo = values.demo === true;
  if (!config.secretKey) {
    if (!demo) {
      throw new UsageError(
        'VALUEPRINT_SECRET_KEY is not set. Set it to a long random string (it guards the admin API), ' +
          'or run `valueprint serve --demo` to generate one for a local demo.',
      );
    }
    config.secretKey = `vp_sk_${randomBytes(24).toString('base64url')}`;
  }
  const demoKey = demo ? await prepareDemoSource(config.databasePath) : undefined;
  const server = await startServer(config, { handleSignals: true });
  console.log(`Valueprint is listening on ${server.url}  (database: ${config.databasePath})`);
  console.log(`  health:     ${server.url}/healthz`);
  console.log(
    `  secret key: ${config.secretKey}${env.VALUEPRINT_SECRET_KEY ? ' (from VALUEPRINT_SECRET_KEY)' : ' (generated for this run)'}`,
  );
  if (demoKey) {
    console.log(`  demo source "${DEMO_SOURCE}" write key: ${demoKey}`);
    console.log(`\nSend a first event:\n  curl -u '${demoKey}:' -H 'Content-Type: application/json' \\
    -d '{"userId":"u1","groupId":"acme-corp","event":"Workflow Run Completed","properties":{"status":"success"}}' \\
    ${server.url}/v1/track`);
    console.log(
      `See what arrived:\n  curl -H 'Authorization: Bearer ${config.secretKey}' ${server.url}/v1/admin/inventory`,
    );
  }
  return 0;
}

/**
 * Makes sure the demo source exists, gives it a fresh write key (keys are shown once, so one is
 * issued per run) and fills it with the demo telemetry the first time.
 */
async function prepareDemoSource(databasePath: string): Promise<string> {
  const storage = await openDuckDbStorage(databasePath);
  try {
    const key = generateWriteKey();
    const existing = await storage.sources.findSourceByName(DEMO_SOURCE);
    const sourceId = existing?.id ?? newId('src');
    if (!existing) {
      await storage.sources.createSource({ id: sourceId, name: DEMO_SOURCE, key });
    } else {
      for (const old of existing.keys.filter((k) => k.revokedAt === null)) {
        await storage.sources.revokeKey(existing.id, old.id);
      }
      await storage.sources.addKey(existing.id, key);
    }
    const { totals } = await storage.inventory.inventory({ sourceId });
    if (totals.events === 0) {
      console.log(
        `Seeding the demo source with sample telemetry (first start only, a few seconds)…`,
      );
      const started = Date.now();
      const seeded = await seedDemoTelemetry(storage, sourceId);
      console.log(
        `Seeded the demo: ${seeded.accepted.toLocaleString('en')} events for ${demoAccounts.length} customer accounts ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    return key.key;
  } finally {
    await storage.close();
  }
}

async function importCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values, positionals } = parse(args, {
    source: { type: 'string' },
    db: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError(`import takes exactly one FILE\n\n${USAGE}`);
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
