import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoService, SECRET, startDemoService } from './demo-service.ts';

/**
 * The README's pinning recipe in a real browser: the hashed entry with its `integrity`, and the
 * pieces loaded when first shown pinned through an import map's "integrity", both from
 * /widget/manifest.json. A piece whose bytes do not match is refused, and the element says so.
 */
interface Pinned {
  script: string;
  integrity: string;
}

let demo: DemoService;
let browser: Browser;
let base: string;

beforeAll(async () => {
  demo = await startDemoService();
  ({ browser, base } = demo);
}, 120_000);

afterAll(() => demo?.stop());

async function pinnedPage(damage: boolean): Promise<{ shown: string; console: string[] }> {
  const manifest = (await (await fetch(`${base}/widget/manifest.json`)).json()) as Pinned & {
    chunks: Pinned[];
  };
  const session = await fetch(`${base}/v1/embed/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: 'acme-corp', userId: 'acme-corp-u1', role: 'viewer' }),
  });
  const { token } = (await session.json()) as { token: string };
  // A damaged digest stands for a piece whose bytes changed after the page was pinned.
  const digest = (integrity: string) =>
    damage ? `sha384-${'A'.repeat(integrity.length - 7)}` : integrity;
  const integrity = Object.fromEntries(
    manifest.chunks.map((chunk) => [`${base}${chunk.script}`, digest(chunk.integrity)]),
  );
  const html = `<!doctype html><html lang="en"><head>
    <script type="importmap">${JSON.stringify({ integrity })}</script>
    <script type="module" src="${manifest.script}" integrity="${manifest.integrity}" crossorigin="anonymous"></script>
  </head><body><vp-scenario-planner token="${token}"></vp-scenario-planner></body></html>`;
  const page = await browser.newPage();
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  await page.route(`${base}/pinned.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: html }),
  );
  await page.goto(`${base}/pinned.html`);
  const shown = await Promise.race([
    page
      .locator('vp-planner-panel #run-rate')
      .waitFor({ timeout: 15_000 })
      .then(() => 'planner'),
    page
      .locator('vp-scenario-planner [part="error"]')
      .waitFor({ timeout: 15_000 })
      .then(
        async () => (await page.locator('vp-scenario-planner [part="error"]').textContent()) ?? '',
      ),
  ]);
  await page.close();
  return { shown, console: messages };
}

describe('pinning the widget with Subresource Integrity', () => {
  it('loads the planner when every piece matches its pinned digest', async () => {
    const { shown } = await pinnedPage(false);
    expect(shown).toBe('planner');
  }, 60_000);

  it('refuses a piece whose digest does not match, and the planner says it could not load', async () => {
    const { shown, console } = await pinnedPage(true);
    expect(shown).toContain('Try again');
    expect(console.some((line) => /integrity/i.test(line) && /blocked/i.test(line))).toBe(true);
  }, 60_000);
});
