import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { readJson } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { DEMO_CUSTOMERS } from '../demo.ts';
import { ApiError } from '../errors.ts';
import { mintSession } from './embed.ts';

/** The demo host page another team writes: a vendor's product page embedding the widget. */
export const DEFAULT_DEMO_HOST_DIR = fileURLToPath(
  new URL('../../examples/host/', import.meta.url),
);

/**
 * No inline script, no eval, nothing from elsewhere: the demo proves the widget runs under the
 * strictest policy a host might set (Lit's adopted style sheets count as 'self').
 */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** One path segment of a file name: no dot files, no "..", no escapes, no separators. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

const sessionBody = z
  .object({
    accountId: z.string({ error: 'accountId is required: one of the demo accounts' }),
    role: z.enum(['viewer', 'editor'], { error: 'role must be "viewer" or "editor"' }).optional(),
    locale: z.enum(['en', 'de', 'es'], { error: 'locale must be "en", "de" or "es"' }).optional(),
  })
  .strict();

function hostDir(c: Context<AppEnv>): string {
  return resolve(c.get('services').demoHostDir ?? DEFAULT_DEMO_HOST_DIR);
}

function notFound(c: Context<AppEnv>): never {
  throw new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`);
}

/** A file of the demo host page, only by a plain relative name inside its folder. */
async function sendFile(c: Context<AppEnv>, name: string): Promise<Response> {
  const segments = name.split('/');
  const type = CONTENT_TYPES[extname(name).toLowerCase()];
  if (!type || !segments.every((segment) => SEGMENT.test(segment) && !segment.includes('..')))
    notFound(c);
  const root = hostDir(c);
  const path = join(root, ...segments);
  if (!path.startsWith(root + sep)) notFound(c);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') notFound(c);
    throw error;
  }
  c.header('content-type', type);
  c.header('cache-control', 'no-cache');
  return c.body(new Uint8Array(bytes));
}

/**
 * The demo host page at `/` and `/host/*`, only in demo mode (`serve --demo`), with its backend
 * routes written the way a vendor would: the secret key stays here, the page gets a token.
 */
export const demoHostRoutes = new Hono<AppEnv>();

demoHostRoutes.use('/host/*', async function demoHostOnly(c, next) {
  if (!c.get('services').demoHost) notFound(c);
  await next();
  c.header('content-security-policy', DEMO_CSP);
});

// Outside demo mode `/` falls through to the service's own index.
demoHostRoutes.get('/', async function demoHostPage(c, next) {
  if (!c.get('services').demoHost) return next();
  c.header('content-security-policy', DEMO_CSP);
  return sendFile(c, 'index.html');
});

demoHostRoutes.get('/host/api/accounts', (c) => c.json(DEMO_CUSTOMERS));

demoHostRoutes.post('/host/api/session', async (c) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const body = sessionBody.parse(await readJson(c));
  const account = DEMO_CUSTOMERS.find((candidate) => candidate.id === body.accountId);
  if (!account) {
    throw new ApiError(
      400,
      'unknown_account',
      `"${body.accountId}" is not a demo account; the demo accounts are ${DEMO_CUSTOMERS.map((a) => a.id).join(', ')}`,
    );
  }
  const session = await mintSession(c.get('services'), {
    accountId: account.id,
    userId: `${account.id}-u1`,
    role: body.role ?? 'viewer',
    ...(body.locale ? { locale: body.locale } : {}),
  });
  return c.json({ ...session, account }, 201);
});

demoHostRoutes.all('/host/api/*', (c) => notFound(c));

demoHostRoutes.get('/host/*', (c) => sendFile(c, c.req.path.slice('/host/'.length)));
