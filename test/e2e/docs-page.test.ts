import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../server-process.ts';
import { launchChromium } from './browser.ts';

/**
 * The API reference at /docs in Debian's Chromium: Swagger UI, served by the service itself (no
 * CDN), renders /openapi.json with every route, and a route opens to its parameters and schemas.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'docs-secret-key-0123456789abcdefgh';
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

let server: ServerProcess;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await startServerProcess({ db: 'memory:', secret: SECRET });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
});

describe('the API reference at /docs', () => {
  it('renders every route of /openapi.json from this service alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) {
        elsewhere.push(request.url());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).reduce(
      (sum, methods) => sum + Object.keys(methods).length,
      0,
    );
    expect(await page.locator('.opblock').count()).toBe(operations);
    await expect(page.locator('.info .title').textContent()).resolves.toContain('Valueprint API');

    // One route opened: its parameters, the embed-token lock and the answer's schema.
    const summary = page.locator('.opblock', { hasText: '/v1/value/summary' }).first();
    await summary.locator('.opblock-summary').click();
    await summary.locator('.parameters').waitFor();
    for (const parameter of ['from', 'to', 'filter']) {
      await expect(summary.locator('.parameters').textContent()).resolves.toContain(parameter);
    }
    await expect(summary.locator('.responses-wrapper').textContent()).resolves.toContain('409');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'docs.png'), fullPage: false });
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
