import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** Where `npm run build` puts the widget, from the repository root (not the working directory). */
export const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../dist/widget/', import.meta.url));
const SCRIPT = 'valueprint.js';
const SOURCE_MAP = 'valueprint.js.map';
/** Hex characters of the file's sha256 in its immutable name. */
const HASH_LENGTH = 12;
const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const JAVASCRIPT = 'text/javascript; charset=utf-8';

interface StaticFile {
  mtimeMs: number;
  size: number;
  bytes: Uint8Array;
  /** The first HASH_LENGTH hex characters of the sha256. */
  hash: string;
  /** Subresource integrity: `sha384-<base64>`. */
  integrity: string;
  etag: string;
}

/** Read and hashed once per change of the file (its mtime and size), not per request. */
const files = new Map<string, StaticFile>();

async function load(path: string): Promise<StaticFile | null> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!info.isFile()) return null;
  const known = files.get(path);
  if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known;
  const bytes = new Uint8Array(await readFile(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file: StaticFile = {
    mtimeMs: info.mtimeMs,
    size: info.size,
    bytes,
    hash: sha256.slice(0, HASH_LENGTH),
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    etag: `"${sha256.slice(0, 32)}"`,
  };
  files.set(path, file);
  return file;
}

function widgetDir(c: Context<AppEnv>): string {
  return c.get('services').widgetDir ?? DEFAULT_WIDGET_DIR;
}

async function bundle(c: Context<AppEnv>): Promise<StaticFile> {
  const file = await load(join(widgetDir(c), SCRIPT));
  if (!file) {
    throw new ApiError(503, 'widget_not_built', 'the widget is not built: run "npm run build"');
  }
  return file;
}

/**
 * A public static file: any origin may load it (hosts embed the script from their own pages), so
 * CORS is open and the cross-origin resource policy relaxed; answers 304 to a matching ETag.
 */
function send(c: Context<AppEnv>, file: StaticFile, type: string, cache: string): Response {
  c.header('cache-control', cache);
  c.header('etag', file.etag);
  c.header('access-control-allow-origin', '*');
  c.header('cross-origin-resource-policy', 'cross-origin');
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    return c.body(null, 304);
  }
  c.header('content-type', type);
  return c.body(file.bytes as Uint8Array<ArrayBuffer>);
}

/** The embeddable widget bundle, under a short-cached name and an immutable content-hashed one. */
export const widgetRoutes = new Hono<AppEnv>();

widgetRoutes.get('/valueprint.js', async (c) => send(c, await bundle(c), JAVASCRIPT, SHORT_CACHE));

widgetRoutes.get('/manifest.json', async (c) => {
  const file = await bundle(c);
  c.header('cache-control', 'no-cache');
  c.header('access-control-allow-origin', '*');
  c.header('cross-origin-resource-policy', 'cross-origin');
  return c.json({ script: `/widget/valueprint.${file.hash}.js`, integrity: file.integrity });
});

widgetRoutes.get('/valueprint.js.map', async (c) => {
  const file = await load(join(widgetDir(c), SOURCE_MAP));
  if (!file) throw new ApiError(404, 'not_found', 'the widget was built without a source map');
  return send(c, file, 'application/json; charset=utf-8', SHORT_CACHE);
});

widgetRoutes.get('/:name', async (c) => {
  const hash = new RegExp(`^valueprint\\.([0-9a-f]{${HASH_LENGTH}})\\.js$`).exec(
    c.req.param('name'),
  )?.[1];
  if (!hash) throw new ApiError(404, 'not_found', `no widget file ${c.req.path}`);
  const file = await bundle(c);
  if (file.hash !== hash) {
    throw new ApiError(
      404,
      'not_found',
      `no widget build ${hash}; the current one is /widget/valueprint.${file.hash}.js (see /widget/manifest.json)`,
    );
  }
  return send(c, file, JAVASCRIPT, IMMUTABLE);
});
