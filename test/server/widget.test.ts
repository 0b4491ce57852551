import { createHash } from 'node:crypto';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { chooseEncoding, DEFAULT_WIDGET_DIR } from '../../server/routes/widget.ts';
import { expectError, startTestApp, type TestApp, tempDir } from '../helpers.ts';

/** The widget served from a temporary dist folder with a small fake build in it. */

const BUNDLE = 'customElements.define("vp-dashboard", class extends HTMLElement {});\n';
const CHUNK = 'export const piece = 1;\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

let t: TestApp;
let dir: string;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await startTestApp();
  ({ dir, cleanup } = await tempDir());
  app = createApp({ ...t.services, widgetDir: dir });
});

afterAll(async () => {
  await t.close();
  await cleanup();
});

let stamp = Date.now() / 1000;
async function write(name: string, text: string) {
  await mkdir(dirname(join(dir, name)), { recursive: true });
  await writeFile(join(dir, name), text);
  stamp += 10;
  await utimes(join(dir, name), stamp, stamp);
}
const hashOf = (text: string) => sha256(text).slice(0, 12);
const entryName = (text: string) => `valueprint.${hashOf(text)}.js`;
const CHUNK_NAME = `explain-panel.${hashOf(CHUNK)}.js`;

/** Writes a build as Vite does: the entry and a chunk under their hashes, and its manifest. */
async function build(text: string) {
  await rm(dir, { recursive: true, force: true });
  await write(entryName(text), text);
  await write(CHUNK_NAME, CHUNK);
  await write(
    '.vite/manifest.json',
    JSON.stringify({
      'widget/index.ts': { file: entryName(text), isEntry: true },
      'widget/explain/explain-panel.ts': { file: CHUNK_NAME, isDynamicEntry: true },
    }),
  );
}
const stubOf = (text: string) => `export * from './${entryName(text)}';\n`;

beforeEach(async () => {
  await build(BUNDLE);
});

describe('GET /widget/valueprint.js', () => {
  it('serves one line importing the hashed entry, cached briefly, to any origin', async () => {
    const res = await app.request('/widget/valueprint.js', {
      headers: { origin: 'https://app.vendor.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    // Without this, secure headers' same-origin policy would stop other origins' <script> tags.
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await res.text()).toBe(stubOf(BUNDLE));
  });

  it('answers 304 to the same ETag, and a new ETag after a rebuild', async () => {
    const first = await app.request('/widget/valueprint.js');
    const etag = first.headers.get('etag') as string;
    const again = await app.request('/widget/valueprint.js', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // A 304 still carries what every widget response (and every response's request id) does.
    expect(again.headers.get('x-request-id')).toBeTruthy();
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    expect(again.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    await build(`${BUNDLE}// v2\n`);
    const changed = await app.request('/widget/valueprint.js', {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toBe(stubOf(`${BUNDLE}// v2\n`));
  });

  it('compressed as the client accepts: br first, then gzip, each with its own ETag', async () => {
    const plain = await app.request(`/widget/${entryName(BUNDLE)}`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    const byCoding = new Map<string, string>();
    for (const [accept, coding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
      ['br;q=0, gzip;q=0.5', 'gzip', gunzipSync],
    ] as const) {
      const res = await app.request(`/widget/${entryName(BUNDLE)}`, {
        headers: { 'accept-encoding': accept },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding'), accept).toBe(coding);
      expect(res.headers.get('vary')).toContain('Accept-Encoding');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      expect(decode(bytes).toString('utf8')).toBe(BUNDLE);
      byCoding.set(coding, res.headers.get('etag') as string);
    }
    const etags = [plain.headers.get('etag'), byCoding.get('br'), byCoding.get('gzip')];
    expect(new Set(etags).size).toBe(3);
    // A gzip ETag revalidates the gzip response; it does not match the plain bytes' ETag.
    const again = await app.request(`/widget/${entryName(BUNDLE)}`, {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': byCoding.get('gzip') as string },
    });
    expect(again.status).toBe(304);
    const chunk = await app.request(`/widget/${CHUNK_NAME}`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(chunk.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await chunk.arrayBuffer())).toString()).toBe(CHUNK);
  });

  it('reads Accept-Encoding with its q-values and wildcard', () => {
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0, deflate')).toBe('identity');
  });

  it('503 widget_not_built when there is no bundle', async () => {
    const { dir: empty, cleanup: done } = await tempDir();
    try {
      const bare = createApp({ ...t.services, widgetDir: empty });
      for (const path of [
        '/widget/valueprint.js',
        '/widget/manifest.json',
        `/widget/${entryName(BUNDLE)}`,
      ]) {
        const error = await expectError(await bare.request(path), 503, 'widget_not_built');
        expect(error.message).toBe('the widget is not built: run "npm run build"');
      }
    } finally {
      await done();
    }
  });

  it('defaults to dist/widget/ at the repository root, not the working directory', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    expect(resolve(DEFAULT_WIDGET_DIR)).toBe(join(root, 'dist', 'widget'));
  });
});

describe('hashed files and manifest', () => {
  it('the manifest names the hashed entry and chunks with their SRI hashes', async () => {
    const res = await app.request('/widget/manifest.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({
      script: `/widget/${entryName(BUNDLE)}`,
      integrity: sri(BUNDLE),
      chunks: [{ script: `/widget/${CHUNK_NAME}`, integrity: sri(CHUNK) }],
    });
  });

  it('serves the entry and the chunks under their hashed names, immutable', async () => {
    for (const [name, text] of [
      [entryName(BUNDLE), BUNDLE],
      [CHUNK_NAME, CHUNK],
    ] as const) {
      const res = await app.request(`/widget/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.text()).toBe(text);
    }
  });

  it('404 for a wrong or stale hash, and for names that are not a hash', async () => {
    const old = entryName(BUNDLE);
    await build(`${BUNDLE}// rebuilt\n`);
    const stale = await expectError(await app.request(`/widget/${old}`), 404, 'not_found');
    expect(stale.message).toContain(
      `the current entry is /widget/${entryName(`${BUNDLE}// rebuilt\n`)}`,
    );
    const manifest = (await (await app.request('/widget/manifest.json')).json()) as {
      script: string;
      integrity: string;
    };
    expect(manifest.script).toBe(`/widget/${entryName(`${BUNDLE}// rebuilt\n`)}`);
    expect(manifest.integrity).toBe(sri(`${BUNDLE}// rebuilt\n`));
    expect((await app.request(manifest.script)).status).toBe(200);
    for (const name of [
      'valueprint.0123456789ab.js',
      'explain-panel.0123456789ab.js',
      '.vite/manifest.json',
      'valueprint.ABCDEF012345.js',
      'valueprint.abc.js',
      'other.js',
      '..%2fpackage.json',
      '%2e%2e%2fpackage.json',
    ]) {
      await expectError(await app.request(`/widget/${name}`), 404, 'not_found');
    }
  });
});

describe('GET /widget/<file>.map', () => {
  it('404 without a source map, the map when the build wrote one, only for files of the build', async () => {
    const map = `/widget/${entryName(BUNDLE)}.map`;
    await expectError(await app.request(map), 404, 'not_found');
    await write(`${entryName(BUNDLE)}.map`, '{"version":3,"sources":[],"mappings":""}');
    await expectError(
      await app.request('/widget/valueprint.0123456789ab.js.map'),
      404,
      'not_found',
    );
    const res = await app.request(map);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ version: 3, sources: [], mappings: '' });
  });
});
