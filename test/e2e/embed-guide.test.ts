import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../ports.ts';
import { type ServerProcess, startServerProcess } from '../server-process.ts';
import { launchChromium } from './browser.ts';

/**
 * README's embed guide, run as written: the host page and its module file are README's own
 * snippets (found by their `valueprint-guide:` marker comments, so this fails when the guide
 * changes), served from a second origin under the Content-Security-Policy the guide names, with
 * the service on another origin that allows the host's. Chromium must render the dashboard and
 * report no CSP violation.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'e2e-secret-key-0123456789abcdefgh';
const GUIDE_ORIGIN = 'https://value.example.com';

/** The fenced block whose first line holds `marker` (a comment in the snippet itself). */
function snippet(readme: string, marker: string): string {
  const blocks = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map(
    (match) => match[1] ?? '',
  );
  const found = blocks.filter((block) => block.split('\n', 1)[0]?.includes(marker));
  expect(found, `README has one fenced block marked ${marker}`).toHaveLength(1);
  return found[0] as string;
}

let server: ServerProcess;
let host: Server;
let browser: Browser;
let dir: string;
let service: string;
let hostOrigin: string;
let csp: string;

describe('README embed guide, built from its snippets, under its CSP', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/widget/.vite/manifest.json'))) {
      await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
    }
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const hostPort = await freePort();
    hostOrigin = `http://127.0.0.1:${hostPort}`;
    dir = mkdtempSync(join(tmpdir(), 'vp-guide-'));
    server = await startServerProcess({
      db: join(dir, 'demo.duckdb'),
      secret: SECRET,
      demo: true,
      timeoutMs: 60_000,
      env: { VALUEPRINT_ALLOWED_ORIGINS: hostOrigin },
    });
    // "localhost", not 127.0.0.1: another host name, so the service is a second origin.
    service = `http://localhost:${server.port}`;
    const page = snippet(readme, 'valueprint-guide:page').replaceAll(GUIDE_ORIGIN, service);
    const module = snippet(readme, 'valueprint-guide:module').replaceAll(GUIDE_ORIGIN, service);
    const policy = [...readme.matchAll(/^```\n(Content-Security-Policy:[\s\S]*?)^```$/gm)];
    expect(policy, 'README names one Content-Security-Policy block').toHaveLength(1);
    csp = (policy[0]?.[1] ?? '')
      .replace(/^Content-Security-Policy:/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replaceAll(GUIDE_ORIGIN, service);
    expect(csp).not.toContain('unsafe-inline');
    host = createServer(async (request, response) => {
      const url = request.url ?? '/';
      if (url === '/') {
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': csp,
        });
        response.end(
          `<!doctype html><html><head><meta charset="utf-8"><title>Guide</title></head><body>\n${page}</body></html>`,
        );
      } else if (url === '/valueprint-embed.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(module);
      } else if (url === '/api/valueprint-session' && request.method === 'POST') {
        // Step 1 of the guide: the vendor's backend mints a session with the secret key.
        const minted = await fetch(`http://127.0.0.1:${server.port}/v1/embed/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            accountId: 'acme-corp',
            userId: 'acme-corp-u1',
            role: 'viewer',
            locale: 'de',
          }),
        });
        response.writeHead(minted.status, { 'content-type': 'application/json' });
        response.end(await minted.text());
      } else if (url === '/favicon.ico') {
        response.writeHead(204).end();
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((done) => host.listen(hostPort, '127.0.0.1', done));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => host?.close(done));
    server?.child.kill('SIGTERM');
    await new Promise((done) => server?.child.once('exit', done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the dashboard in the token’s language with no CSP violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const response = await page.goto(`${hostOrigin}/`);
    expect(response?.headers()['content-security-policy']).toBe(csp);
    const headline = page.locator('vp-value-story [part~="headline"]').first();
    await headline.waitFor({ timeout: 30_000 });
    expect((await headline.textContent())?.trim()).not.toBe('');
    await page.locator('vp-drivers [part~="table"]').first().waitFor({ timeout: 30_000 });
    // No locale attribute in the guide: the token's locale (de) wins over the browser's (en).
    expect(await page.locator('vp-dashboard h2').first().textContent()).toBe('Ihr Wert');
    expect(await page.locator('vp-dashboard [part~="error"]').count()).toBe(0);
    const violations = await page.evaluate(
      () => (window as unknown as { violations: string[] }).violations,
    );
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
