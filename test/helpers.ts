import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createApp } from '../server/app.ts';
import { type RunningServices, startServices } from '../server/service.ts';
import type { DispatcherOptions } from '../server/webhooks/dispatcher.ts';
import type { Storage } from '../telemetry/storage/interface.ts';
import { freshPostgres } from './postgres.ts';

export const SECRET_KEY = 'test-secret-key-0123456789abcdefghij';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: RunningServices;
  close(): Promise<void>;
}

/**
 * Where test apps keep their data unless told otherwise: an in-memory DuckDB, or what
 * VALUEPRINT_TEST_STORAGE names: `memory:` (the "memory" project: the in-memory stores) or
 * `postgres` (the "postgres" project: a fresh database on VALUEPRINT_TEST_POSTGRES for each app).
 */
export const TEST_STORAGE = process.env.VALUEPRINT_TEST_STORAGE ?? ':memory:';

/** Says TEST_STORAGE asks for a fresh PostgreSQL database per app. */
const ON_POSTGRES = TEST_STORAGE === 'postgres';

/**
 * A location for one test's data on TEST_STORAGE, and how to let it go: a database of its own on
 * the "postgres" project; else TEST_STORAGE itself, or `file` when given (a DuckDB file path the
 * test prefers to an in-memory one).
 */
export async function testLocation(
  file?: string,
): Promise<{ location: string; drop: () => Promise<void> }> {
  if (ON_POSTGRES) {
    const server = await freshPostgres();
    return { location: server.url, drop: server.drop };
  }
  const location = file !== undefined && TEST_STORAGE === ':memory:' ? file : TEST_STORAGE;
  return { location, drop: async () => undefined };
}

/**
 * Fact rows the DuckDB value store holds in memory in test apps: its default unless
 * VALUEPRINT_TEST_FACT_CACHE_ROWS says otherwise (the "duckdb-sql" project sets 0, so every read
 * runs as a query there).
 */
const TEST_FACT_CACHE_ROWS = process.env.VALUEPRINT_TEST_FACT_CACHE_ROWS;

/** The real app on TEST_STORAGE unless told otherwise; `storage` swaps the store in. */
export async function startTestApp(
  options: {
    databasePath?: string;
    maxQueuedEvents?: number;
    storage?: Storage;
    /** Defaults to SECRET_KEY; pass `undefined` for a deployment without one. */
    secretKey?: string | undefined;
    /** Events per second per write key (the service's default when left out). */
    rateLimit?: { eventsPerSecond: number; burstEvents: number };
    /** Let webhooks go to local addresses (the service's VALUEPRINT_ALLOW_LOCAL_WEBHOOKS). */
    allowLocalWebhooks?: boolean;
    /** The webhook worker's clock, fetch and resolver. */
    webhooks?: Omit<DispatcherOptions, 'allowLocal'>;
  } = {},
): Promise<TestApp> {
  const own =
    options.databasePath === undefined && !options.storage ? await testLocation() : undefined;
  const services = await startServices(
    {
      // A store handed in was opened elsewhere: the name only decides where a journal goes, and
      // the marker `postgres` is no place for one.
      databasePath:
        options.databasePath ?? own?.location ?? (ON_POSTGRES ? ':memory:' : TEST_STORAGE),
      maxQueuedEvents: options.maxQueuedEvents ?? 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      secretKey: 'secretKey' in options ? options.secretKey : SECRET_KEY,
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      allowLocalWebhooks: options.allowLocalWebhooks ?? false,
      ...(TEST_FACT_CACHE_ROWS === undefined
        ? {}
        : { factCacheRows: Number(TEST_FACT_CACHE_ROWS) }),
    },
    options.storage,
    options.webhooks ? { webhooks: options.webhooks } : {},
  );
  return {
    app: createApp(services),
    services,
    async close() {
      await services.shutdown();
      await own?.drop();
    },
  };
}

export const adminAuth = { authorization: `Bearer ${SECRET_KEY}` };

/** A track event with a fresh messageId, for Acme's user u1; `extra` adds or replaces fields. */
export function freshTrack(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'track',
    messageId: randomUUID(),
    userId: 'u1',
    groupId: 'acme',
    event: 'Report Exported',
    ...extra,
  };
}

export function basic(key: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export interface CreatedSource {
  id: string;
  name: string;
  keyId: string;
  writeKey: string;
}

export async function createSource(app: TestApp['app'], name: string): Promise<CreatedSource> {
  const res = await app.request('/v1/admin/sources', {
    method: 'POST',
    headers: { ...adminAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedSource;
}

/** POSTs `body` (JSON-encoded unless already a string) as application/json. */
export function postJson(
  app: TestApp['app'],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** Asserts the one error shape every route answers with, and returns its code. */
export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(String(body.error.message).length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  expect(String(body.error.requestId).length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) {
    expect(['code', 'message', 'issues', 'requestId']).toContain(key);
  }
  return body.error;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'valueprint-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A promise with its resolve/reject exposed, for gating fakes without timers. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every already-queued callback and microtask run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
