import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Next } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { z } from 'zod';
import { widgetManifestSchema } from '../../blueprint/api/service.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, describe, errors, json, routes } from '../openapi/define.ts';

/** Where `npm run build` puts the widget, from the repository root (not the working directory). */
export const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../dist/widget/', import.meta.url));
const SCRIPT = 'valueprint.js';
const SOURCE_MAP = 'valueprint.js.map';
/** Hex characters of the file's sha256 in its immutable name. */
const HASH_LENGTH = 12;
/** `valueprint.<hash>.js`; any other name is the app's 404. */
const HASHED_NAME = `/:name{valueprint\\.[0-9a-f]{${HASH_LENGTH}}\\.js}`;
const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface BundleHashes {
  /** mtime and size: the file is hashed again only when they change. */
  stamp: string;
  /** The first HASH_LENGTH hex characters of the sha256. */
  hash: string;
  /** Subresource integrity: `sha384-<base64>`. */
  integrity: string;
  etag: string;
}

/** Per widget folder (tests use their own), hashed once per change of the file, not per request. */
const hashesByPath = new Map<string, BundleHashes>();

function notBuilt(): never {
  throw new ApiError(503, 'widget_not_built', 'the widget is not built: run "npm run build"');
}

function widgetDir(c: Context<AppEnv>): string {
  return c.get('services').widgetDir ?? DEFAULT_WIDGET_DIR;
}

async function bundleHashes(c: Context<AppEnv>): Promise<BundleHashes> {
  const path = join(widgetDir(c), SCRIPT);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!info?.isFile()) notBuilt();
  const stamp = `${info.mtimeMs}:${info.size}`;
  const known = hashesByPath.get(path);
  if (known?.stamp === stamp) return known;
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const hashes: BundleHashes = {
    stamp,
    hash: sha256.slice(0, HASH_LENGTH),
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    etag: `"${sha256.slice(0, 32)}"`,
  };
  hashesByPath.set(path, hashes);
  return hashes;
}

/** The bundle by its absolute path (the folder is per request); its ETag spares etag() a hash. */
function sendBundle(c: Context<AppEnv>, next: Next, hashes: BundleHashes, cache: string) {
  c.header('cache-control', cache);
  c.header('etag', hashes.etag);
  return serveStatic({ path: join(widgetDir(c), SCRIPT), onNotFound: notBuilt })(c, next);
}

/** The embeddable widget bundle, under a short-cached name and an immutable content-hashed one. */
export const widgetRoutes = routes();

const tags = ['Widget'];
const script = (description: string) => ({
  description,
  content: { 'text/javascript': { schema: z.string() } },
});
const notBuiltYet = errors(503);

describe(widgetRoutes, {
  method: 'get',
  path: '/valueprint.js',
  tags,
  summary: 'The widget bundle: one ES module defining <vp-dashboard> and its pieces',
  security: auth.none,
  responses: {
    200: script('Cache-Control: public, max-age=300, with an ETag (304 on If-None-Match).'),
    ...notBuiltYet,
  },
});
describe(widgetRoutes, {
  method: 'get',
  path: '/valueprint.{hash}.js',
  tags,
  summary: 'The same bytes under their content hash, cached for a year',
  security: auth.none,
  request: { params: z.object({ hash: z.string().regex(/^[0-9a-f]{12}$/) }) },
  responses: { 200: script('Immutable.'), ...errors(404, 503) },
});
describe(widgetRoutes, {
  method: 'get',
  path: '/manifest.json',
  tags,
  summary: 'The hashed URL and its Subresource Integrity, to pin the script',
  security: auth.none,
  responses: { 200: json(widgetManifestSchema, 'The manifest.'), ...notBuiltYet },
});
describe(widgetRoutes, {
  method: 'get',
  path: '/valueprint.js.map',
  tags,
  summary: 'The source map, when the build wrote one',
  security: auth.none,
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The source map.'), ...errors(404) },
});

// Any origin may load these files (hosts embed the script from their own pages).
widgetRoutes.use('*', async function publicFile(c, next) {
  await next();
  c.header('access-control-allow-origin', '*');
  c.header('cross-origin-resource-policy', 'cross-origin');
});

// Every response carries X-Request-Id (README), a 304 too.
const revalidate = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'x-request-id'] });

widgetRoutes.get('/valueprint.js', revalidate, async (c, next) =>
  sendBundle(c, next, await bundleHashes(c), SHORT_CACHE),
);

widgetRoutes.get(HASHED_NAME, revalidate, async (c, next) => {
  const hashes = await bundleHashes(c);
  const hash = c.req.param('name').split('.')[1];
  if (hashes.hash === hash) return sendBundle(c, next, hashes, IMMUTABLE);
  const current = `the current one is /widget/valueprint.${hashes.hash}.js (see /widget/manifest.json)`;
  throw new ApiError(404, 'not_found', `no widget build ${hash}; ${current}`);
});

widgetRoutes.get('/manifest.json', async (c) => {
  const { hash, integrity } = await bundleHashes(c);
  c.header('cache-control', 'no-cache');
  return c.json({ script: `/widget/valueprint.${hash}.js`, integrity });
});

widgetRoutes.get('/valueprint.js.map', revalidate, async (c, next) => {
  const res = await serveStatic({
    path: join(widgetDir(c), SOURCE_MAP),
    onNotFound: () => {
      throw new ApiError(404, 'not_found', 'the widget was built without a source map');
    },
  })(c, next);
  // On the file only, so a missing map's 404 is not cached; Hono's MIME table gives .map no charset.
  res?.headers.set('content-type', 'application/json; charset=utf-8');
  res?.headers.set('cache-control', SHORT_CACHE);
  return res;
});
