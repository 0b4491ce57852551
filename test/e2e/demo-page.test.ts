import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../server-process.ts';

/**
 * End to end: the real service on a fresh database seeded with the demo, the demo host page at `/`
 * in Debian's Chromium, and every number the page shows checked against the value API itself.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'e2e-secret-key-0123456789abcdefgh';
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

let server: ServerProcess;
let browser: Browser;
let base: string;
let dir: string;

interface StoryAnswer {
  headline: { text: string };
  account: string;
}

async function tokenFor(accountId: string, role = 'viewer', locale = 'en'): Promise<string> {
  const response = await fetch(`${base}/v1/embed/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify({ accountId, userId: `${accountId}-u1`, role, locale }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function valueApi<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The headline the page shows, once it has one (CSS locators pierce open shadow roots). */
function headline(page: Page) {
  return page.locator('vp-value-story [part~="headline"]').first();
}

async function openDemo(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1800 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(`${base}/`);
  await headline(page).waitFor({ timeout: 20_000 });
  return page;
}

function dayParams(page: Page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('vp-dashboard') as HTMLElement & {
      cut: { from: string; to: string; filter?: { by: string; value: string } };
    };
    return dashboard.cut;
  });
}

describe('the demo host page in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/widget/valueprint.js'))) {
      await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
    }
    dir = mkdtempSync(join(tmpdir(), 'vp-e2e-'));
    server = await startServerProcess({
      db: join(dir, 'demo.duckdb'),
      secret: SECRET,
      demo: true,
      timeoutMs: 60_000,
    });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({
      executablePath: CHROME,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await new Promise((done) => server?.child.once('exit', done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells the first account its story, the same as the story endpoint', async () => {
    const page = await openDemo();
    const account = await page.getByTestId('account-select').inputValue();
    const cut = await dayParams(page);
    const story = await valueApi<StoryAnswer>(
      await tokenFor(account),
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en`,
    );
    await expect.poll(() => headline(page).textContent()).toBe(story.headline.text);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-light.png'), fullPage: true });
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('switches account and language', async () => {
    const page = await openDemo();
    await page.getByTestId('account-select').selectOption('umbrella');
    const cut = await dayParams(page);
    const english = await valueApi<StoryAnswer>(
      await tokenFor('umbrella'),
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en`,
    );
    await expect
      .poll(() => headline(page).textContent(), { timeout: 15_000 })
      .toBe(english.headline.text);
    await page.getByTestId('locale-select').selectOption('de');
    const german = await valueApi<StoryAnswer>(
      await tokenFor('umbrella'),
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=de`,
    );
    await expect
      .poll(() => headline(page).textContent(), { timeout: 15_000 })
      .toBe(german.headline.text);
    expect(german.headline.text).not.toBe(english.headline.text);
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-dark-de.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
