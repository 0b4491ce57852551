import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Next } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { z } from 'zod';
import { widgetManifestSchema } from '../../blueprint/api/service.ts';
import {
  BUILD_MANIFEST,
  parseBuildManifest,
  type WidgetBuild,
} from '../../widget/build/build-manifest.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, describe, errors, json, routes } from '../openapi/define.ts';

/** Where `npm run build` puts the widget, from the repository root (not the working directory). */
export const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../dist/widget/', import.meta.url));
/** A built file: `valueprint.<hash>.js` (the entry) or `<piece>.<hash>.js`; any other name is 404. */
const BUILT_NAME = '/:file{[a-z][a-z-]*\\.[0-9a-f]{12}\\.js(?:\\.map)?}';
const SHORT_CACHE = 'public, max-age=300';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface ServedFile {
  /** mtime and size: the file is read again only when they change. */
  stamp: string;
  /** Subresource integrity: `sha384-<base64>`. */
  integrity: string;
  etag: string;
  /** The file as served, per content-coding, compressed once per change of the file. */
  bodies: Record<Encoding, Uint8Array>;
}

type Encoding = 'br' | 'gzip' | 'identity';

/** Per path (tests use their own folders), read once per change of the file, not per request. */
const filesByPath = new Map<string, ServedFile>();
const buildsByDir = new Map<string, { stamp: string; build: WidgetBuild }>();

function notBuilt(): never {
  throw new ApiError(503, 'widget_not_built', 'the widget is not built: run "npm run build"');
}

function widgetDir(c: Context<AppEnv>): string {
  return c.get('services').widgetDir ?? DEFAULT_WIDGET_DIR;
}

async function stampOf(path: string): Promise<string | null> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return info?.isFile() ? `${info.mtimeMs}:${info.size}` : null;
}

/** The entry and chunks of the current build, from Vite's manifest (503 before a build). */
export async function currentBuild(c: Context<AppEnv>, dir = widgetDir(c)): Promise<WidgetBuild> {
  const path = join(dir, BUILD_MANIFEST);
  const stamp = await stampOf(path);
  if (!stamp) notBuilt();
  const known = buildsByDir.get(dir);
  if (known?.stamp === stamp) return known.build;
  const build = parseBuildManifest(await readFile(path, 'utf8'));
  buildsByDir.set(dir, { stamp, build });
  return build;
}

function servedBytes(bytes: Uint8Array, stamp: string): ServedFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    stamp,
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
}

/** A file of the build, hashed and compressed once per change (503 if the build lost it). */
export async function builtFile(
  c: Context<AppEnv>,
  name: string,
  dir = widgetDir(c),
): Promise<ServedFile> {
  const path = join(dir, name);
  const stamp = await stampOf(path);
  if (!stamp) notBuilt();
  const known = filesByPath.get(path);
  if (known?.stamp === stamp) return known;
  const file = servedBytes(await readFile(path), stamp);
  filesByPath.set(path, file);
  return file;
}

/**
 * `/widget/valueprint.js`: one line importing the hashed entry and passing its exports on. The
 * chunks import the entry by its hashed name, so whichever URL a page used, the widget runs once.
 */
function entryStub(build: WidgetBuild): ServedFile {
  const path = `stub:${build.entry}`;
  const known = filesByPath.get(path);
  if (known) return known;
  const file = servedBytes(
    new TextEncoder().encode(`export * from './${build.entry}';\n`),
    build.entry,
  );
  filesByPath.set(path, file);
  return file;
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

/** A file from memory, compressed as the client accepts, with an ETag per coding. */
export function sendFile(c: Context<AppEnv>, hashes: ServedFile, cache: string): Response {
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
  summary:
    'The widget: a one-line module importing the hashed entry, which defines every vp-* element',
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
  path: '/{file}',
  tags,
  summary:
    'A file of the build under its content hash: the entry valueprint.<hash>.js, a piece loaded when first shown, or a source map (<file>.map)',
  security: auth.none,
  request: {
    params: z.object({
      file: z
        .string()
        .regex(/^[a-z][a-z-]*\.[0-9a-f]{12}\.js(\.map)?$/)
        .meta({ example: 'valueprint.3f9a1c0b7d2e.js' }),
    }),
  },
  responses: {
    200: {
      description: 'Cached for a year, immutable: JavaScript, or JSON for a source map.',
      content: {
        'text/javascript': { schema: z.string() },
        'application/json': { schema: z.record(z.string(), z.unknown()) },
      },
    },
    ...errors(404, 503),
  },
});
describe(widgetRoutes, {
  method: 'get',
  path: '/manifest.json',
  tags,
  summary: 'The hashed URLs and their Subresource Integrity, to pin the widget',
  security: auth.none,
  responses: { 200: json(widgetManifestSchema, 'The manifest.'), ...notBuiltYet },
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
  sendFile(c, entryStub(await currentBuild(c)), SHORT_CACHE),
);

/** 404 for a name the current build does not have (an old hash after a deploy, a made-up one). */
function notInBuild(name: string, build: WidgetBuild): never {
  const current = `the current entry is /widget/${build.entry} (see /widget/manifest.json)`;
  throw new ApiError(404, 'not_found', `no widget file ${name} in this build; ${current}`);
}

widgetRoutes.get(BUILT_NAME, revalidate, async (c, next) => {
  const build = await currentBuild(c);
  const name = c.req.param('file');
  const file = name.endsWith('.map') ? name.slice(0, -'.map'.length) : name;
  if (file !== build.entry && !build.chunks.includes(file)) notInBuild(file, build);
  if (file === name) return sendFile(c, await builtFile(c, name), IMMUTABLE);
  return sourceMap(c, next, name);
});

widgetRoutes.get('/manifest.json', async (c) => {
  const build = await currentBuild(c);
  const pinned = async (name: string) => ({
    script: `/widget/${name}`,
    integrity: (await builtFile(c, name)).integrity,
  });
  c.header('cache-control', 'no-cache');
  return c.json({
    ...(await pinned(build.entry)),
    chunks: await Promise.all(build.chunks.map(pinned)),
  });
});

/** A source map from the folder (only a listed file's: the route checked the name). */
async function sourceMap(c: Context<AppEnv>, next: Next, name: string) {
  const res = await serveStatic({
    path: join(widgetDir(c), name),
    onNotFound: () => {
      throw new ApiError(404, 'not_found', 'the widget was built without source maps');
    },
  })(c, next);
  // On the file only, so a missing map's 404 is not cached; Hono's MIME table gives .map no charset.
  res?.headers.set('content-type', 'application/json; charset=utf-8');
  res?.headers.set('cache-control', IMMUTABLE);
  return res;
}
