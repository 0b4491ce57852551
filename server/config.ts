import { z } from 'zod';
import { DEFAULT_FACT_CACHE_ROWS } from '../telemetry/storage/interface.ts';
import { defaultReaderThreads } from './ingest/event-readers.ts';

const integer = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return fallback;
      const value = Number(text);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}, got "${text}"`,
        });
        return z.NEVER;
      }
      return value;
    });

/** An on/off setting: `1` or `true` turns it on; unset, empty, `0` or `false` leave it off. */
const flag = (name: string, fallback = false) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      const value = (text ?? '').trim().toLowerCase();
      if (value === '') return fallback;
      if (value === '0' || value === 'false') return false;
      if (value === '1' || value === 'true') return true;
      ctx.addIssue({ code: 'custom', message: `${name} must be 1 or 0, got "${text}"` });
      return z.NEVER;
    });

/** A comma-separated list of origins (`https://app.example.com`); no paths, no wildcards. */
const origins = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const allowed: string[] = [];
    for (const entry of (text ?? '').split(',').map((part) => part.trim())) {
      if (entry === '') continue;
      const origin = originOf(entry);
      if (!origin) {
        ctx.addIssue({
          code: 'custom',
          message: `VALUEPRINT_ALLOWED_ORIGINS must list http(s) origins like https://app.example.com (no path, no wildcard), got "${entry}"`,
        });
        return z.NEVER;
      }
      if (!allowed.includes(origin)) allowed.push(origin);
    }
    return allowed;
  });

function originOf(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '';
  const plain = url.username === '' && url.password === '';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare || !plain) return null;
  // `https://a.example/` and `https://A.example` name the origin browsers send as `https://a.example`.
  return url.origin;
}

/**
 * Where the service is reached from outside (`https://value.example.com`, a path prefix allowed):
 * links it hands out (a brief's signed link) start with it. No query, no fragment, no credentials.
 */
const publicUrl = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const entry = (text ?? '').trim();
    if (entry === '') return undefined;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.search !== '' ||
      url.hash !== '' ||
      url.username !== '' ||
      url.password !== ''
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `VALUEPRINT_PUBLIC_URL must be an http(s) URL like https://value.example.com (no query, fragment or credentials), got "${entry}"`,
      });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

/** Events per second per write key, and its burst, unless the environment says otherwise. */
export const DEFAULT_RATE_LIMIT = { eventsPerSecond: 5_000, burstEvents: 50_000 } as const;

/** Days customers' journey events are kept unless the environment says otherwise. */
export const DEFAULT_JOURNEY_RETENTION_DAYS = 180;

/** How long a rep token lives unless the environment says otherwise, and at most (a working day). */
export const DEFAULT_REP_TTL_MINUTES = 60;
export const MAX_REP_TTL_MINUTES = 720;

/** Every setting the service reads from the environment; nothing else reads process.env. */
export const configSchema = z.object({
  PORT: integer('PORT', 8787, 1, 65_535),
  HOST: z.string().min(1).default('127.0.0.1'),
  VALUEPRINT_DB: z
    .string()
    .min(1, 'VALUEPRINT_DB must name a DuckDB file, or memory: to keep nothing')
    .default('./data/valueprint.duckdb'),
  VALUEPRINT_SECRET_KEY: z
    .string()
    .min(24, 'VALUEPRINT_SECRET_KEY must be at least 24 characters (use a long random string)')
    .optional(),
  VALUEPRINT_MAX_QUEUED_EVENTS: integer('VALUEPRINT_MAX_QUEUED_EVENTS', 50_000, 2_500, 10_000_000),
  VALUEPRINT_MAX_GROUP_EVENTS: integer('VALUEPRINT_MAX_GROUP_EVENTS', 10_000, 1, 1_000_000),
  VALUEPRINT_DEDUPE_DAYS: integer('VALUEPRINT_DEDUPE_DAYS', 30, 7, 3_650),
  VALUEPRINT_KEY_EVENTS_PER_SECOND: integer(
    'VALUEPRINT_KEY_EVENTS_PER_SECOND',
    DEFAULT_RATE_LIMIT.eventsPerSecond,
    0,
    10_000_000,
  ),
  VALUEPRINT_KEY_BURST_EVENTS: integer(
    'VALUEPRINT_KEY_BURST_EVENTS',
    DEFAULT_RATE_LIMIT.burstEvents,
    2_500,
    100_000_000,
  ),
  VALUEPRINT_FACT_CACHE_ROWS: integer(
    'VALUEPRINT_FACT_CACHE_ROWS',
    DEFAULT_FACT_CACHE_ROWS,
    0,
    100_000_000,
  ),
  VALUEPRINT_INGEST_JOURNAL: flag('VALUEPRINT_INGEST_JOURNAL', true),
  VALUEPRINT_INGEST_THREADS: integer('VALUEPRINT_INGEST_THREADS', defaultReaderThreads(), 0, 64),
  VALUEPRINT_HEADERS_TIMEOUT_MS: integer('VALUEPRINT_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
  VALUEPRINT_REQUEST_TIMEOUT_MS: integer('VALUEPRINT_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
  VALUEPRINT_EMBED_TTL_MINUTES: integer('VALUEPRINT_EMBED_TTL_MINUTES', 15, 1, 120),
  VALUEPRINT_REP_TTL_MINUTES: integer(
    'VALUEPRINT_REP_TTL_MINUTES',
    DEFAULT_REP_TTL_MINUTES,
    1,
    MAX_REP_TTL_MINUTES,
  ),
  // At least the digest's 30 days, so a digest always reads whole.
  VALUEPRINT_JOURNEY_RETENTION_DAYS: integer(
    'VALUEPRINT_JOURNEY_RETENTION_DAYS',
    DEFAULT_JOURNEY_RETENTION_DAYS,
    30,
    3_650,
  ),
  VALUEPRINT_ALLOWED_ORIGINS: origins,
  VALUEPRINT_ALLOW_LOCAL_WEBHOOKS: flag('VALUEPRINT_ALLOW_LOCAL_WEBHOOKS'),
  VALUEPRINT_PUBLIC_URL: publicUrl,
});

export interface Config {
  port: number;
  host: string;
  /** Where the data lives: a DuckDB file (`:memory:` for an in-memory DuckDB), or `memory:`. */
  databasePath: string;
  /** Absent only in demo mode, which generates one. */
  secretKey: string | undefined;
  maxQueuedEvents: number;
  maxGroupEvents: number;
  dedupeDays: number;
  /** Events per second each write key may send on average (0: no limit), and its burst. */
  rateLimit: { eventsPerSecond: number; burstEvents: number };
  /** Threads that read ingest requests (0: the main thread does). */
  ingestThreads: number;
  /**
   * Acknowledge events once they are in the ingest journal beside the DuckDB file, applying them
   * behind it (the default); off, a request waits for DuckDB's own commit.
   */
  ingestJournal: boolean;
  /** Value fact rows held in memory across accounts, so their reads need no query (0: none). */
  factCacheRows: number;
  /** A client gets this long to send its headers, and this long for the whole request. */
  timeouts: { headersMs: number; requestMs: number };
  /** How long an embed token lives. */
  embedTtlMinutes: number;
  /** How long a rep token (the rep console's sign-in) lives. */
  repTtlMinutes: number;
  /** Origins whose pages may call the customer-facing API from a browser (CORS). */
  allowedOrigins: string[];
  /** Days journey events are kept; older ones are pruned hourly and at start. */
  journeyRetentionDays: number;
  /**
   * Let webhooks go to loopback, private and link-local addresses and over plain http: for
   * development, tests and the demo only (it turns the SSRF guard off).
   */
  allowLocalWebhooks: boolean;
  /** Where the service is reached from outside; links it hands out start here (else the request's origin). */
  publicUrl?: string | undefined;
  /** Serve the demo host page at `/` (set by `serve --demo`, not by the environment). */
  demoHost?: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment once. A bad setting stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      return issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const settings = parsed.data;
  if (settings.VALUEPRINT_REQUEST_TIMEOUT_MS < settings.VALUEPRINT_HEADERS_TIMEOUT_MS) {
    throw new ConfigError(
      'invalid configuration:\n  VALUEPRINT_REQUEST_TIMEOUT_MS must be at least VALUEPRINT_HEADERS_TIMEOUT_MS (the whole request includes its headers)',
    );
  }
  return {
    port: settings.PORT,
    host: settings.HOST,
    databasePath: settings.VALUEPRINT_DB,
    secretKey: settings.VALUEPRINT_SECRET_KEY,
    maxQueuedEvents: settings.VALUEPRINT_MAX_QUEUED_EVENTS,
    maxGroupEvents: settings.VALUEPRINT_MAX_GROUP_EVENTS,
    dedupeDays: settings.VALUEPRINT_DEDUPE_DAYS,
    rateLimit: {
      eventsPerSecond: settings.VALUEPRINT_KEY_EVENTS_PER_SECOND,
      burstEvents: settings.VALUEPRINT_KEY_BURST_EVENTS,
    },
    factCacheRows: settings.VALUEPRINT_FACT_CACHE_ROWS,
    ingestThreads: settings.VALUEPRINT_INGEST_THREADS,
    ingestJournal: settings.VALUEPRINT_INGEST_JOURNAL,
    timeouts: {
      headersMs: settings.VALUEPRINT_HEADERS_TIMEOUT_MS,
      requestMs: settings.VALUEPRINT_REQUEST_TIMEOUT_MS,
    },
    embedTtlMinutes: settings.VALUEPRINT_EMBED_TTL_MINUTES,
    repTtlMinutes: settings.VALUEPRINT_REP_TTL_MINUTES,
    allowedOrigins: settings.VALUEPRINT_ALLOWED_ORIGINS,
    journeyRetentionDays: settings.VALUEPRINT_JOURNEY_RETENTION_DAYS,
    allowLocalWebhooks: settings.VALUEPRINT_ALLOW_LOCAL_WEBHOOKS,
    ...(settings.VALUEPRINT_PUBLIC_URL ? { publicUrl: settings.VALUEPRINT_PUBLIC_URL } : {}),
  };
}
