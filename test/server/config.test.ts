import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const secret = 'a-long-random-secret-key-0123456789';

function failure(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig should have refused this environment');
}

describe('loadConfig', () => {
  it('falls back to the defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      databasePath: './data/valueprint.duckdb',
      secretKey: undefined,
      maxQueuedEvents: 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      rateLimit: { eventsPerSecond: 5_000, burstEvents: 50_000 },
      ingestThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
      ingestJournal: true,
      factCacheRows: 1_000_000,
      timeouts: { headersMs: 10_000, requestMs: 30_000 },
      embedTtlMinutes: 15,
      repTtlMinutes: 60,
      allowedOrigins: [],
      journeyRetentionDays: 180,
      allowLocalWebhooks: false,
    });
  });

  it('reads every setting and ignores the rest of the environment', () => {
    expect(
      loadConfig({
        PORT: '9000',
        HOST: '0.0.0.0',
        VALUEPRINT_DB: '/var/lib/vp.duckdb',
        VALUEPRINT_SECRET_KEY: secret,
        VALUEPRINT_MAX_QUEUED_EVENTS: '2500',
        VALUEPRINT_MAX_GROUP_EVENTS: '1',
        VALUEPRINT_DEDUPE_DAYS: '7',
        VALUEPRINT_KEY_EVENTS_PER_SECOND: '0',
        VALUEPRINT_KEY_BURST_EVENTS: '2500',
        VALUEPRINT_INGEST_THREADS: '0',
        VALUEPRINT_INGEST_JOURNAL: '0',
        VALUEPRINT_FACT_CACHE_ROWS: '0',
        VALUEPRINT_HEADERS_TIMEOUT_MS: '2000',
        VALUEPRINT_REQUEST_TIMEOUT_MS: '4000',
        VALUEPRINT_EMBED_TTL_MINUTES: '120',
        VALUEPRINT_REP_TTL_MINUTES: '480',
        VALUEPRINT_JOURNEY_RETENTION_DAYS: '30',
        VALUEPRINT_ALLOWED_ORIGINS:
          'https://app.example.com, http://localhost:3000/,https://APP.example.com',
        VALUEPRINT_ALLOW_LOCAL_WEBHOOKS: '1',
        PATH: '/usr/bin',
        NODE_ENV: 'test',
      }),
    ).toEqual({
      port: 9000,
      host: '0.0.0.0',
      databasePath: '/var/lib/vp.duckdb',
      secretKey: secret,
      maxQueuedEvents: 2_500,
      maxGroupEvents: 1,
      dedupeDays: 7,
      rateLimit: { eventsPerSecond: 0, burstEvents: 2_500 },
      ingestThreads: 0,
      ingestJournal: false,
      factCacheRows: 0,
      timeouts: { headersMs: 2_000, requestMs: 4_000 },
      embedTtlMinutes: 120,
      repTtlMinutes: 480,
      allowedOrigins: ['https://app.example.com', 'http://localhost:3000'],
      journeyRetentionDays: 30,
      allowLocalWebhooks: true,
    });
  });

  it('reads VALUEPRINT_ALLOW_LOCAL_WEBHOOKS as 1/0 (or true/false) and refuses anything else', () => {
    expect(loadConfig({ VALUEPRINT_ALLOW_LOCAL_WEBHOOKS: 'true' }).allowLocalWebhooks).toBe(true);
    expect(loadConfig({ VALUEPRINT_ALLOW_LOCAL_WEBHOOKS: '0' }).allowLocalWebhooks).toBe(false);
    expect(failure({ VALUEPRINT_ALLOW_LOCAL_WEBHOOKS: 'yes' })).toMatch(
      /VALUEPRINT_ALLOW_LOCAL_WEBHOOKS must be 1 or 0, got "yes"/,
    );
  });

  it('keeps the ingest journal on unless VALUEPRINT_INGEST_JOURNAL is 0, and refuses anything else', () => {
    expect(loadConfig({}).ingestJournal).toBe(true);
    expect(loadConfig({ VALUEPRINT_INGEST_JOURNAL: '1' }).ingestJournal).toBe(true);
    expect(loadConfig({ VALUEPRINT_INGEST_JOURNAL: 'false' }).ingestJournal).toBe(false);
    expect(failure({ VALUEPRINT_INGEST_JOURNAL: 'off' })).toMatch(
      /VALUEPRINT_INGEST_JOURNAL must be 1 or 0, got "off"/,
    );
  });

  it('reads VALUEPRINT_PUBLIC_URL as an http(s) base without query or credentials', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ VALUEPRINT_PUBLIC_URL: ' ' }).publicUrl).toBeUndefined();
    expect(loadConfig({ VALUEPRINT_PUBLIC_URL: 'https://Value.Example.com/' }).publicUrl).toBe(
      'https://value.example.com',
    );
    expect(loadConfig({ VALUEPRINT_PUBLIC_URL: 'https://example.com/valueprint/' }).publicUrl).toBe(
      'https://example.com/valueprint',
    );
    for (const bad of [
      'value.example.com',
      'ftp://example.com',
      'https://u:p@example.com',
      'https://example.com/?a=1',
    ]) {
      expect(failure({ VALUEPRINT_PUBLIC_URL: bad })).toMatch(
        /VALUEPRINT_PUBLIC_URL must be an http\(s\) URL/,
      );
    }
  });

  it('refuses a request timeout shorter than the header timeout', () => {
    expect(
      failure({ VALUEPRINT_HEADERS_TIMEOUT_MS: '5000', VALUEPRINT_REQUEST_TIMEOUT_MS: '1000' }),
    ).toMatch(/VALUEPRINT_REQUEST_TIMEOUT_MS must be at least VALUEPRINT_HEADERS_TIMEOUT_MS/);
  });

  it('treats a blank number as unset', () => {
    expect(loadConfig({ PORT: '  ' }).port).toBe(8787);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['HOST', ''],
    ['VALUEPRINT_DB', ''],
    ['VALUEPRINT_SECRET_KEY', 'short'],
    ['VALUEPRINT_MAX_QUEUED_EVENTS', '100'],
    ['VALUEPRINT_MAX_QUEUED_EVENTS', 'lots'],
    ['VALUEPRINT_MAX_GROUP_EVENTS', '0'],
    // Duplicates must be caught for at least 7 days.
    ['VALUEPRINT_DEDUPE_DAYS', '6'],
    ['VALUEPRINT_EMBED_TTL_MINUTES', '0'],
    ['VALUEPRINT_EMBED_TTL_MINUTES', '121'],
    ['VALUEPRINT_REP_TTL_MINUTES', '0'],
    ['VALUEPRINT_REP_TTL_MINUTES', '721'],
    ['VALUEPRINT_REP_TTL_MINUTES', 'an hour'],
    // The digest reads 30 days: a shorter retention would cut it.
    ['VALUEPRINT_JOURNEY_RETENTION_DAYS', '29'],
    ['VALUEPRINT_ALLOWED_ORIGINS', '*'],
    ['VALUEPRINT_ALLOWED_ORIGINS', 'app.example.com'],
    ['VALUEPRINT_ALLOWED_ORIGINS', 'https://app.example.com/embed'],
    ['VALUEPRINT_ALLOWED_ORIGINS', 'https://ok.example, ftp://files.example'],
  ])('names %s when it is %j', (variable, value) => {
    const message = failure({ [variable]: value });
    expect(message).toContain(variable);
    expect(message.split('\n')).toHaveLength(2);
  });

  it('names every bad variable at once', () => {
    const message = failure({ PORT: 'x', VALUEPRINT_DEDUPE_DAYS: '1', VALUEPRINT_SECRET_KEY: 'x' });
    for (const variable of ['PORT', 'VALUEPRINT_DEDUPE_DAYS', 'VALUEPRINT_SECRET_KEY']) {
      expect(message).toContain(variable);
    }
    expect(message.split('\n')).toHaveLength(4);
  });

  it('does not echo a rejected secret key', () => {
    const almost = 'hunter2-almost-secret';
    expect(failure({ VALUEPRINT_SECRET_KEY: almost })).not.toContain(almost);
  });
});
