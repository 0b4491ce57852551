import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../ports.ts';
import { type ServerProcess, startServerProcess } from '../server-process.ts';
import { launchChromium } from './browser.ts';

/**
 * The browser telemetry libraries vendors use, as published, on a page of another origin in
 * headless Chromium, pointed at the service the way a vendor points them:
 * - Segment's analytics.js (@segment/analytics-next): one-letter paths, text/plain, the write key
 *   in the body;
 * - RudderStack's JavaScript SDK (@rudderstack/analytics-js): /v1/<type>, JSON, Basic auth and two
 *   headers of its own (AnonymousId, SentAt), so every call is preceded by a CORS preflight.
 * Each sends identify, group, track, page and alias: four are stored, the alias is kept in
 * quarantine, nothing is blocked.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'e2e-secret-key-0123456789abcdefgh';
const BUNDLES: Record<string, string> = {
  '/segment.js': 'node_modules/@segment/analytics-next/dist/umd/index.js',
  '/rudderstack.js': 'node_modules/@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js',
};
const STORED = ['group::1', 'identify::1', 'page:Reports:1', 'track:Report Exported:1'];

let server: ServerProcess;
let host: Server;
let browser: Browser;
let dir: string;
const admin = { authorization: `Bearer ${SECRET}` };

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    ...init,
    headers: { ...admin, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A source of its own for each library, so their events are told apart. */
async function source(name: string): Promise<{ id: string; writeKey: string }> {
  const created = await api('/v1/admin/sources', {
    method: 'POST',
    body: JSON.stringify({ name }),
  });
  expect(created.status).toBe(201);
  return { id: String(created.body.id), writeKey: String(created.body.writeKey) };
}

/** The page with one library loaded; the paths it posts to, and the errors it logs, are kept. */
async function open(bundle: string) {
  const page = await browser.newPage();
  const paths: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(`:${server.port}/`)) paths.push(new URL(request.url()).pathname);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const port = (host.address() as { port: number }).port;
  await page.goto(`http://127.0.0.1:${port}/?bundle=${bundle}`);
  return { page, paths, errors };
}

/** What the source stored (type, name, count) and what it kept in quarantine. */
async function expectArrived(sourceId: string, page: Page, errors: string[], writeKey: string) {
  const stored = async () => {
    const inventory = await api(`/v1/admin/inventory?source=${sourceId}`);
    const events = inventory.body.events as Array<{
      type: string;
      name: string | null;
      count: number;
    }>;
    return events.map((event) => `${event.type}:${event.name ?? ''}:${event.count}`).sort();
  };
  const quarantined = async () =>
    (await api(`/v1/admin/quarantine?source=${sourceId}`)).body.events as Array<{
      code: string;
      raw: string;
    }>;
  // Libraries send from a queue, a request per call: wait until the four calls are stored and the
  // alias, sent last and maybe answered last, is kept in quarantine.
  await expect.poll(stored, { timeout: 10_000 }).toEqual(STORED);
  await expect
    .poll(async () => (await quarantined()).map((entry) => entry.code), { timeout: 10_000 })
    .toEqual(['unsupported_type']);
  const entries = await quarantined();
  expect(JSON.parse(entries[0]?.raw ?? '{}')).toMatchObject({
    type: 'alias',
    userId: 'ana',
    previousId: 'anon-1',
  });
  // A key a library put in the body is not kept with the event.
  expect(entries[0]?.raw).not.toContain(writeKey);
  expect(errors).toEqual([]);
  await page.close();
}

describe('browser telemetry libraries, pointed at the service', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vp-browser-clients-'));
    server = await startServerProcess({ db: join(dir, 'clients.duckdb'), secret: SECRET });
    const bundles = new Map(
      Object.entries(BUNDLES).map(([path, file]) => [path, readFileSync(join(ROOT, file))]),
    );
    const hostPort = await freePort();
    host = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://host');
      const bundle = bundles.get(url.pathname);
      if (bundle) {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
        return;
      }
      const script = url.searchParams.get('bundle') ?? '';
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><title>App</title><script src="/${script}.js"></script>`);
    });
    await new Promise<void>((done) => host.listen(hostPort, '127.0.0.1', done));
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => host?.close(done));
    server?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it("Segment's analytics.js: one-letter paths, text/plain, the key in the body", async () => {
    const { id, writeKey } = await source('Web app (Segment)');
    const { page, paths, errors } = await open('segment');
    await page.evaluate(
      async ({ key, apiHost }) => {
        type Analytics = {
          identify(id: string, traits: object): Promise<unknown>;
          group(id: string, traits: object): Promise<unknown>;
          track(event: string, properties: object): Promise<unknown>;
          page(name: string): Promise<unknown>;
          alias(to: string, from: string): Promise<unknown>;
        };
        const next = (window as unknown as Record<string, unknown>).AnalyticsNext as {
          AnalyticsBrowser: { load(settings: object, options: object): Promise<[Analytics]> };
        };
        // Settings given here, so the library asks no CDN for them.
        const [analytics] = await next.AnalyticsBrowser.load(
          {
            writeKey: key,
            cdnSettings: {
              integrations: { 'Segment.io': { apiKey: key, apiHost, protocol: 'http' } },
            },
          },
          { initialPageview: false, disableClientPersistence: true, retryQueue: false },
        );
        await analytics.identify('ana', { name: 'Ana', plan: 'pro' });
        await analytics.group('acme-corp', { name: 'Acme Corp', seats: 40 });
        await analytics.track('Report Exported', { format: 'pdf', rows: 120 });
        await analytics.page('Reports');
        await analytics.alias('ana', 'anon-1');
      },
      { key: writeKey, apiHost: `127.0.0.1:${server.port}/v1` },
    );
    expect([...paths].sort()).toEqual(['/v1/a', '/v1/g', '/v1/i', '/v1/p', '/v1/t']);
    await expectArrived(id, page, errors, writeKey);
  }, 60_000);

  it("RudderStack's JavaScript SDK: /v1/<type>, Basic auth, its own headers through CORS", async () => {
    const { id, writeKey } = await source('Web app (RudderStack)');
    const { page, paths, errors } = await open('rudderstack');
    await page.evaluate(
      async ({ key, dataPlane }) => {
        type Sdk = {
          load(key: string, dataPlane: string, options: object): void;
          ready(callback: () => void): void;
          identify(id: string, traits: object): void;
          group(id: string, traits: object): void;
          track(event: string, properties: object): void;
          page(category: string, name: string): void;
          alias(to: string, from: string): void;
        };
        const module = (window as unknown as Record<string, unknown>).rudderanalytics as {
          RudderAnalytics: new () => Sdk;
        };
        const analytics = new module.RudderAnalytics();
        // The source's settings given here, so the SDK asks no control plane for them.
        analytics.load(key, dataPlane, {
          logLevel: 'ERROR',
          getSourceConfig: () => ({
            source: {
              id: 'src-web',
              name: 'Web app',
              workspaceId: 'workspace',
              enabled: true,
              config: {},
              destinations: [],
            },
          }),
        });
        await new Promise<void>((done) => analytics.ready(done));
        analytics.identify('ana', { name: 'Ana', plan: 'pro' });
        analytics.group('acme-corp', { name: 'Acme Corp', seats: 40 });
        analytics.track('Report Exported', { format: 'pdf', rows: 120 });
        analytics.page('Docs', 'Reports');
        analytics.alias('ana', 'anon-1');
      },
      { key: writeKey, dataPlane: `http://127.0.0.1:${server.port}` },
    );
    await expectArrived(id, page, errors, writeKey);
    expect([...new Set(paths)].sort()).toEqual([
      '/v1/alias',
      '/v1/group',
      '/v1/identify',
      '/v1/page',
      '/v1/track',
    ]);
  }, 60_000);
});
