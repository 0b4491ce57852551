import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.ts';

/** The command was called wrongly: exit 2, followed by the usage text when `showUsage`. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

/** `parseArgs`, strict, with its complaints turned into a UsageError. */
export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
}

/** Command-line flags win over the environment; both go through the same zod parsing. */
export function configFrom(
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
