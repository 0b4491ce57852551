import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { repSigningKey, verifyRepToken } from '../../server/auth/rep.ts';
import { DEMO_CSP } from '../../server/routes/demo-host.ts';
import { expectError, SECRET_KEY, startTestApp, type TestApp, tempDir } from '../helpers.ts';

/** The rep console's page and files, served from temporary builds of the widget and the console. */

const WIDGET = 'customElements.define("vp-dashboard", class extends HTMLElement {});\n';
const CONSOLE = 'customElements.define("vp-rep-console", class extends HTMLElement {});\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const WIDGET_FILE = `valueprint.${sha(WIDGET)}.js`;
const CONSOLE_FILE = `rep-console.${sha(CONSOLE)}.js`;

let t: TestApp;
let demo: ReturnType<typeof createApp>;
let plain: ReturnType<typeof createApp>;
let unbuilt: ReturnType<typeof createApp>;
let cleanup: () => Promise<void>;

async function writeBuild(dir: string, entryKey: string, file: string, text: string) {
  await mkdir(join(dir, '.vite'), { recursive: true });
  await writeFile(join(dir, file), text);
  await writeFile(join(dir, `${file}.map`), '{"version":3}');
  await writeFile(
    join(dir, '.vite', 'manifest.json'),
    JSON.stringify({ [entryKey]: { file, isEntry: true } }),
  );
}

beforeAll(async () => {
  t = await startTestApp();
  const temp = await tempDir();
  cleanup = temp.cleanup;
  const widgetDir = join(temp.dir, 'widget');
  const repConsoleDir = join(temp.dir, 'rep');
  await writeBuild(widgetDir, 'widget/index.ts', WIDGET_FILE, WIDGET);
  await writeBuild(repConsoleDir, 'widget/rep/index.ts', CONSOLE_FILE, CONSOLE);
  demo = createApp({ ...t.services, demoHost: true, widgetDir, repConsoleDir });
  plain = createApp({ ...t.services, demoHost: false, widgetDir, repConsoleDir });
  unbuilt = createApp({
    ...t.services,
    widgetDir,
    repConsoleDir: join(temp.dir, 'missing'),
  });
});

afterAll(async () => {
  await t.close();
  await cleanup();
});

describe('GET /rep', () => {
  it('serves the console under the strict CSP, its scripts pinned by integrity', async () => {
    const res = await plain.request('/rep');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(DEMO_CSP);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const page = await res.text();
    expect(page).toContain(
      `<script type="module" src="/widget/${WIDGET_FILE}" integrity="${sri(WIDGET)}" crossorigin="anonymous"></script>`,
    );
    expect(page).toContain(
      `<script type="module" src="/rep/${CONSOLE_FILE}" integrity="${sri(CONSOLE)}" crossorigin="anonymous"></script>`,
    );
    // No inline script or style: the CSP would refuse them.
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle="/);
    // Outside demo mode the rep signs in by the fragment only: no session endpoint on the page.
    expect(page).toContain('<vp-rep-console></vp-rep-console>');
    expect(page).not.toContain('/rep/api/session');
  });

  it('signs a demo rep in on its own in demo mode', async () => {
    const page = await (await demo.request('/rep')).text();
    expect(page).toContain('<vp-rep-console session="/rep/api/session"></vp-rep-console>');
    expect(page).toContain('href="/"');
  });

  it('says 503 before the console is built', async () => {
    await expectError(await unbuilt.request('/rep'), 503, 'widget_not_built');
  });

  it('serves the built script and its stylesheet; other names are 404', async () => {
    const script = await plain.request(`/rep/${CONSOLE_FILE}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(CONSOLE);
    const map = await plain.request(`/rep/${CONSOLE_FILE}.map`);
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const css = await plain.request('/rep/console.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    await expectError(await plain.request('/rep/rep-console.000000000000.js'), 404, 'not_found');
    await expectError(await plain.request('/rep/..%2f..%2fpackage.json'), 404, 'not_found');
    await expectError(await plain.request(`/rep/${WIDGET_FILE}`), 404, 'not_found');
  });
});

describe('POST /rep/api/session', () => {
  it('mints a demo rep token for every account in demo mode, not kept by caches', async () => {
    const res = await demo.request('/rep/api/session', { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { token: string; expiresAt: string; rep: unknown };
    expect(body.rep).toEqual({ id: 'demo-rep', name: 'Sam Rivera' });
    const session = await verifyRepToken(repSigningKey(SECRET_KEY), body.token);
    expect(session).toMatchObject({ repId: 'demo-rep', name: 'Sam Rivera', accounts: '*' });
    expect(new Date(body.expiresAt).getTime()).toBe(session.expiresAt.getTime());
  });

  it('does not exist outside demo mode', async () => {
    await expectError(
      await plain.request('/rep/api/session', { method: 'POST' }),
      404,
      'not_found',
    );
    await expectError(await plain.request('/rep/api/other', { method: 'POST' }), 404, 'not_found');
  });
});
