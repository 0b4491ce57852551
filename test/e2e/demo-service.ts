import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { type ServerProcess, startServerProcess } from '../server-process.ts';
import { launchChromium } from './browser.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SECRET = 'e2e-secret-key-0123456789abcdefgh';

export interface DemoService {
  server: ServerProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The real service with the demo on a fresh database in a temporary folder, and Debian's
 * Chromium: what an end-to-end suite starts once. The widget is built first when it is not.
 */
export async function startDemoService(): Promise<DemoService> {
  if (!existsSync(join(ROOT, 'dist/widget/.vite/manifest.json'))) {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'vp-e2e-'));
  const server = await startServerProcess({
    db: join(dir, 'demo.duckdb'),
    secret: SECRET,
    demo: true,
    timeoutMs: 60_000,
  });
  const browser = await launchChromium();
  return {
    server,
    base: `http://127.0.0.1:${server.port}`,
    browser,
    async stop() {
      await browser.close();
      server.child.kill('SIGTERM');
      await new Promise((done) => server.child.once('exit', done));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
