import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../ports.ts';
import { type ServerProcess, startServerProcess } from '../server-process.ts';
import { launchChromium } from './browser.ts';

/**
 * Segment's own browser library (@segment/analytics-next, its published UMD bundle) on a page of
 * another origin, pointed at the service as a vendor would point it: it posts each call to a
 * one-letter path as text/plain, with the write key in the body. Every call must arrive.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'e2e-secret-key-0123456789abcdefgh';
const BUNDLE = join(ROOT, 'node_modules/@segment/analytics-next/dist/umd/index.js');

let server: ServerProcess;
let host: Server;
let browser: Browser;
let dir: string;
let writeKey: string;
const admin = { authorization: `Bearer ${SECRET}` };

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    ...init,
    headers: { ...admin, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("Segment's browser library, pointed at the service", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vp-ajs-'));
    server = await startServerProcess({ db: join(dir, 'ajs.duckdb'), secret: SECRET });
    const created = await api('/v1/admin/sources', {
      method: 'POST',
      body: JSON.stringify({ name: 'Web app' }),
    });
    expect(created.status).toBe(201);
    writeKey = String(created.body.writeKey);
    const bundle = readFileSync(BUNDLE);
    const hostPort = await freePort();
    host = createServer((request, response) => {
      if (request.url === '/analytics.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
        return;
      }
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>App</title><script src="/analytics.js"></script>');
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

  it('stores its identify, group, track and page calls, and keeps its alias in quarantine', async () => {
    const page = await browser.newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`:${server.port}/`)) sent.push(new URL(request.url()).pathname);
    });
    await page.goto(`http://127.0.0.1:${(host.address() as { port: number }).port}/`);
    const outcome = await page.evaluate(
      async ({ key, apiHost }) => {
        type Analytics = {
          identify(id: string, traits: object): Promise<unknown>;
          group(id: string, traits: object): Promise<unknown>;
          track(event: string, properties: object): Promise<unknown>;
          page(name: string): Promise<unknown>;
          alias(to: string, from: string): Promise<unknown>;
        };
        const next = (window as unknown as Record<string, unknown>).AnalyticsNext as {
          AnalyticsBrowser: {
            load(
              settings: object,
              options: object,
            ): PromiseLike<[Analytics, unknown]> & { catch(f: (e: unknown) => void): unknown };
          };
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
        return 'sent';
      },
      { key: writeKey, apiHost: `127.0.0.1:${server.port}/v1` },
    );
    expect(outcome).toBe('sent');
    // One request per call, each to its one-letter path.
    await expect
      .poll(() => [...sent].sort())
      .toEqual(['/v1/a', '/v1/g', '/v1/i', '/v1/p', '/v1/t']);

    const inventory = await api('/v1/admin/inventory');
    const events = inventory.body.events as Array<{
      type: string;
      name: string | null;
      count: number;
    }>;
    const seen = events.map((event) => `${event.type}:${event.name ?? ''}:${event.count}`).sort();
    expect(seen).toEqual(['group::1', 'identify::1', 'page:Reports:1', 'track:Report Exported:1']);
    const quarantine = await api('/v1/admin/quarantine');
    const entries = quarantine.body.events as Array<{ code: string; raw: string }>;
    expect(entries.map((entry) => entry.code)).toEqual(['unsupported_type']);
    expect(JSON.parse(entries[0]?.raw ?? '{}')).toMatchObject({
      type: 'alias',
      userId: 'ana',
      previousId: 'anon-1',
    });
    // The key the library put in the body is not kept with the event.
    expect(entries[0]?.raw).not.toContain(writeKey);
    expect(entries[0]?.raw).not.toContain('writeKey');
    await page.close();
  }, 60_000);
});
