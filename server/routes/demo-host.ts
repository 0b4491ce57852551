import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import { z } from 'zod';
import {
  demoAccountsSchema,
  demoSessionBodySchema,
  demoSessionSchema,
} from '../../blueprint/api/service.ts';
import type { AppEnv } from '../context.ts';
import { DEMO_CUSTOMERS } from '../demo.ts';
import { ApiError } from '../errors.ts';
import { auth, define, describe, errors, json, jsonRequest, routes } from '../openapi/define.ts';
import { mintSession } from './embed.ts';
import { currentBuild } from './widget.ts';

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

/** A plain name inside the folder: no dot files, no "..", no escapes, one of the types above. */
const PLAIN_NAME = /^(?!.*\.\.)(?:\w[\w.-]*\/)*\w[\w.-]*(\.\w+)$/;

function hostDir(c: Context<AppEnv>): string {
  return resolve(c.get('services').demoHostDir ?? DEFAULT_DEMO_HOST_DIR);
}

function notFound(c: Context<AppEnv>): never {
  throw new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`);
}

const fileName = (path: string) => (path === '/' ? 'index.html' : path.slice('/host/'.length));

/** serveStatic also refuses encoded, dotted and doubled-slash paths before the name is rewritten. */
const hostFiles = serveStatic<AppEnv>({
  // The folder comes from the services (tests use their own): an absolute path, whatever the cwd.
  rewriteRequestPath: (path, c) => join(hostDir(c), fileName(path)),
  onNotFound: (_path, c) => notFound(c),
});

/** A file of the demo host page, only by a plain relative name inside its folder. */
async function sendFile(c: Context<AppEnv>, next: Next) {
  const extension = PLAIN_NAME.exec(fileName(c.req.path))?.[1]?.toLowerCase();
  const type = extension && CONTENT_TYPES[extension];
  if (!type) notFound(c);
  const res = await hostFiles(c, next);
  // Hono's MIME table differs from ours (SVG with a charset, JSON without one).
  res?.headers.set('content-type', type);
  res?.headers.set('cache-control', 'no-cache');
  return res;
}

/**
 * The demo host page at `/` and `/host/*`, only in demo mode (`serve --demo`), with its backend
 * routes written the way a vendor would: the secret key stays here, the page gets a token.
 */
export const demoHostRoutes = routes();

const tags = ['Demo host page'];

demoHostRoutes.use('/host/*', async function demoHostOnly(c, next) {
  if (!c.get('services').demoHost) notFound(c);
  await next();
  c.header('content-security-policy', DEMO_CSP);
});

// Outside demo mode `/` falls through to the service's own index.
demoHostRoutes.get('/', async function demoHostPage(c, next) {
  if (!c.get('services').demoHost) return next();
  c.header('content-security-policy', DEMO_CSP);
  // The page's script tag names /widget/valueprint.js, which imports the hashed entry: the browser
  // may fetch the entry while it reads the page instead of after the stub arrives.
  const build = await currentBuild(c).catch(() => undefined);
  if (build) c.header('link', `</widget/${build.entry}>; rel=modulepreload`);
  return sendFile(c, next);
});

define(
  demoHostRoutes,
  createRoute({
    method: 'get',
    path: '/host/api/accounts',
    tags,
    summary: 'The demo customer accounts',
    security: auth.none,
    responses: { 200: json(demoAccountsSchema, 'The six demo accounts.'), ...errors(404) },
  }),
  (c) => c.json([...DEMO_CUSTOMERS], 200),
);

define(
  demoHostRoutes,
  createRoute({
    method: 'post',
    path: '/host/api/session',
    tags,
    summary: "The demo's backend minting an embed token, as a vendor's would",
    security: auth.none,
    middleware: async function jsonOnly(c, next) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
      }
      await next();
    },
    request: { body: jsonRequest(demoSessionBodySchema) },
    responses: {
      201: json(demoSessionSchema, "A token for the account's user <accountId>-u1."),
      ...errors(400, 404, 415),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
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
  },
);

demoHostRoutes.all('/host/api/*', (c) => notFound(c));

describe(demoHostRoutes, {
  method: 'get',
  path: '/host/{file}',
  tags,
  summary: "The demo page's other files (plain names inside its folder only)",
  security: auth.none,
  request: { params: z.object({ file: z.string().meta({ example: 'app.js' }) }) },
  responses: { 200: { description: 'The file, under the strict CSP.' }, ...errors(404) },
});
demoHostRoutes.get('/host/*', sendFile);
