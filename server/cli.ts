import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { validateValueModel } from '../blueprint/validate-model.ts';
import { basisOf } from '../blueprint/value-model.ts';
import { importFile } from '../telemetry/import/import-file.ts';
import { ImportError } from '../telemetry/import/readers.ts';
import { StorageInUse } from '../telemetry/storage/interface.ts';
import { embedSessionRequestSchema, embedSigningKey, mintEmbedToken } from './auth/embed.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DEMO_SOURCE, type PreparedDemo, prepareDemo } from './demo.ts';
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
  config.demoHost = demo;
  if (demo && config.allowedOrigins.length === 0) {
    // The demo host page is served by this process, so its own origin may call the value API.
    config.allowedOrigins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
  }
  if (!config.secretKey) {
    if (!demo) {
      throw new UsageError(
        'VALUEPRINT_SECRET_KEY is not set. Set it to a long random string (it guards the admin API), ' +
          'or run `valueprint serve --demo` to generate one for a local demo.',
      );
    }
    config.secretKey = `vp_sk_${randomBytes(24).toString('base64url')}`;
  }
  const prepared = demo
    ? await prepareDemo(config.databasePath, (line) => console.log(line))
    : undefined;
  const server = await startServer(config, { handleSignals: true });
  console.log(`Valueprint is listening on ${server.url}  (database: ${config.databasePath})`);
  if (demo)
    console.log(`  demo page:  ${server.url}/   (Acme Flow's Value page, embedding the dashboard)`);
  console.log(`  health:     ${server.url}/healthz`);
  console.log(
    `  secret key: ${config.secretKey}${env.VALUEPRINT_SECRET_KEY ? ' (from VALUEPRINT_SECRET_KEY)' : ' (generated for this run)'}`,
  );
  if (prepared) printDemoGuide(server.url, config.secretKey, prepared);
  return 0;
}

/** What a newcomer can paste: send an event, see the inventory, and each demo account's value. */
function printDemoGuide(url: string, secretKey: string, demo: PreparedDemo): void {
  console.log(`  demo source "${DEMO_SOURCE}" write key: ${demo.writeKey}`);
  console.log(`\nSend a first event:\n  curl -u '${demo.writeKey}:' -H 'Content-Type: application/json' \\
    -d '{"userId":"acme-corp-u1","groupId":"acme-corp","event":"Workflow Run Completed","properties":{"status":"success"}}' \\
    ${url}/v1/track`);
  console.log(
    `See what arrived:\n  curl -H 'Authorization: Bearer ${secretKey}' ${url}/v1/admin/inventory`,
  );
  console.log(
    "\nEach demo customer's value (mint a 15-minute embed token, then ask for the summary):",
  );
  for (const account of demo.accounts) {
    const session = JSON.stringify({
      accountId: account.id,
      userId: account.userId,
      role: 'editor',
    });
    console.log(
      `  ${account.name}:\n    TOKEN=$(curl -s -H 'Authorization: Bearer ${secretKey}' -H 'Content-Type: application/json' ` +
        `-d '${session}' ${url}/v1/embed/sessions | node -pe 'JSON.parse(require("fs").readFileSync(0)).token') && ` +
        `curl -s -H "Authorization: Bearer $TOKEN" ${url}/v1/value/summary`,
    );
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

/** Mints a token the way POST /v1/embed/sessions does, for curl and the README. */
async function embedTokenCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values, positionals } = parse(args, {
    account: { type: 'string' },
    user: { type: 'string' },
    role: { type: 'string', default: 'viewer' },
    locale: { type: 'string' },
  });
  if (positionals.length > 0 || values.account === undefined || values.user === undefined) {
    throw new UsageError(
      `embed-token needs --account ID and --user ID and nothing else\n\n${USAGE}`,
    );
  }
  const config = configFrom(env, {});
  if (!config.secretKey) {
    throw new UsageError(
      'embed-token needs VALUEPRINT_SECRET_KEY: the secret key of the service that will check the token',
    );
  }
  const request = embedSessionRequestSchema.safeParse({
    accountId: values.account,
    userId: values.user,
    role: values.role,
    locale: values.locale,
  });
  if (!request.success) {
    throw new UsageError(request.error.issues.map((issue) => issue.message).join('; '));
  }
  const { token, expiresAt } = await mintEmbedToken(
    embedSigningKey(config.secretKey),
    request.data,
    { ttlMinutes: config.embedTtlMinutes },
  );
  console.log(token);
  console.error(
    `(development only) ${request.data.role} token for user "${request.data.userId}" of account ` +
      `"${request.data.accountId}", valid until ${expiresAt.toISOString()}`,
  );
  return 0;
}

/** Checks a value model file: its problems by path (exit 1), or what the model says (exit 0). */
function validateModelCommand(args: string[]): number {
  const { positionals } = parse(args, {});
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError(`validate-model takes exactly one FILE\n\n${USAGE}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    console.error(`valueprint: ${file} ${reason}: ${(error as Error).message}`);
    return 1;
  }
  const result = validateValueModel(input);
  const issueLine = ({ path, message }: { path: string; message: string }) =>
    `  ${path ? `${path}: ` : ''}${message}`;
  const warnings = result.warnings.map(issueLine);
  if (!result.ok) {
    const problems = result.issues.length === 1 ? 'problem' : 'problems';
    console.error(`${file} is not a valid value model (${result.issues.length} ${problems}):`);
    console.error(result.issues.map(issueLine).join('\n'));
    if (warnings.length > 0) console.error(`Also worth a look:\n${warnings.join('\n')}`);
    return 1;
  }
  const { model } = result;
  const text = (value: unknown) => JSON.stringify(value);
  const lines = [
    `${file} is a valid value model.`,
    `${model.product}, money in ${model.currency}` +
      (model.price ? `; spend from the account trait ${text(model.price.trait)}` : '; no price'),
    '',
    `Drivers (${model.drivers.length}):`,
  ];
  for (const driver of model.drivers) {
    const quantity =
      'count' in driver.quantity
        ? 'count of events'
        : 'sum' in driver.quantity
          ? `sum of ${text(driver.quantity.sum)}`
          : 'distinct users';
    const where = driver.where
      .map(
        (clause) =>
          `${clause.property} ${clause.op}${clause.value === undefined ? '' : ` ${text(clause.value)}`}`,
      )
      .join(' and ');
    const formula =
      driver.unit === 'currency'
        ? `${quantity}${driver.perUnit === 1 ? '' : ` × ${driver.perUnit}`}, in ${model.currency}`
        : `${quantity} × ${driver.perUnit} ${driver.unit.plural}` +
          driver.rates.map((rate) => ` × ${rate}`).join('') +
          ` → ${model.currency}`;
    lines.push(
      `  ${driver.id} (${driver.category}, ${basisOf(driver)}): ${driver.label}`,
      `    from ${text(driver.event)}${where ? ` where ${where}` : ''}: ${formula}`,
    );
  }
  lines.push('', `Assumptions (${model.assumptions.length}):`);
  for (const assumption of model.assumptions) {
    lines.push(
      `  ${assumption.id} = ${assumption.default} ${assumption.unit} (${assumption.min} to ${assumption.max}` +
        `${assumption.customerEditable ? ', customer-editable' : ''}): ${assumption.label}`,
    );
  }
  lines.push('', `Segments (${model.segments.length}):`);
  for (const segment of model.segments) {
    lines.push(`  ${segment.id}: ${segment.label} (property ${text(segment.property)})`);
  }
  if (warnings.length > 0) lines.push('', `Worth a look (${warnings.length}):`, ...warnings);
  console.log(lines.join('\n'));
  return 0;
}
