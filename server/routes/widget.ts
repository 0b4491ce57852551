import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
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
  /** The bundle as served, per content-coding, compressed once per change of the file. */
  bodies: Record<Encoding, Uint8Array>;
}

type Encoding = 'br' | 'gzip' | 'identity';

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
    bodies: {
      identity: bytes,
      gzip: gzipSync(bytes, { level: 9 }),
      br: brotliCompressSync(bytes, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    },
  };
  hashesByPath.set(path, hashes);
  return hashes;
}

/** The best coding the client accepts (q=0 refuses one): br, then gzip, else the plain bytes. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const allows = (coding: string) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return 'identity';
}

/** The bundle from memory, compressed as the client accepts, with an ETag per coding. */
function sendBundle(c: Context<AppEnv>, hashes: BundleHashes, cache: string): Response {
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  const body = hashes.bodies[encoding];
  c.header('cache-control', cache);
  c.header('vary', 'Accept-Encoding');
  c.header('content-type', 'text/javascript; charset=utf-8');
  c.header('content-length', String(body.byteLength));
  if (encoding === 'identity') {
    c.header('etag', hashes.etag);
  } else {
    c.header('content-encoding', encoding);
    c.header('etag', `${hashes.etag.slice(0, -1)}-${encoding}"`);
  }
  return c.body(body as Uint8Array<ArrayBuffer>);
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
    200: script(
      'Cache-Control: public, max-age=300, with an ETag per content-coding (304 on ' +
        'If-None-Match); Brotli or gzip when Accept-Encoding allows, with Vary: Accept-Encoding.',
    ),
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

widgetRoutes.get('/valueprint.js', revalidate, async (c) =>
  sendBundle(c, await bundleHashes(c), SHORT_CACHE),
);

widgetRoutes.get(HASHED_NAME, revalidate, async (c) => {
  const hashes = await bundleHashes(c);
  const hash = c.req.param('name').split('.')[1];
  if (hashes.hash === hash) return sendBundle(c, hashes, IMMUTABLE);
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
