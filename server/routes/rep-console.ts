import { fileURLToPath } from 'node:url';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { mintRepToken } from '../auth/rep.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, define, describe, errors, json, routes } from '../openapi/define.ts';
import { DEMO_CSP } from './demo-host.ts';
import { builtFile, currentBuild, IMMUTABLE, sendFile } from './widget.ts';

/**
 * The rep console at `/rep`, in every mode: a page with no inline script or style that loads the
 * widget's entry (for `<vp-dashboard>` and `<vp-scenario-planner>`) and the console's own script
 * (dist/rep/, built by vite.rep.config.ts), each pinned by its integrity hash. The vendor signs a
 * rep in by opening `/rep#token=<rep token>`: the fragment never reaches the server. In demo mode
 * `/rep/api/session` mints a demo rep's token, as a vendor's backend would, and the console signs
 * itself in with it.
 */

export const DEFAULT_REP_CONSOLE_DIR = fileURLToPath(new URL('../../dist/rep/', import.meta.url));

/** The demo's success manager: every account. */
export const DEMO_REP = { repId: 'demo-rep', name: 'Sam Rivera', accounts: ['*'] } as const;

/** A built file of the console: `rep-console.<hash>.js` or another `rep-….<hash>.js`. */
const BUILT_NAME = '/:file{rep-[a-z-]*\\.[0-9a-f]{12}\\.js(?:\\.map)?}';

/** The page's own few rules (a file, not inline: the CSP refuses inline styles). */
const PAGE_CSS = `body{margin:0;font-family:system-ui,sans-serif;background:#f6f7f9;color:#1b1f24}
header{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:baseline;padding:16px 24px;background:#fff;border-bottom:1px solid #d0d7de}
h1{margin:0;font-size:1.25rem}
a{color:#0b6bcb}
main{padding:0}
@media (prefers-color-scheme:dark){body{background:#161b22;color:#e6edf3}header{background:#0d1117;border-color:#3d444d}a{color:#4c9aff}}
`;

const repSessionAnswerSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    rep: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({
    id: 'DemoRepSession',
    example: {
      token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJyZXAifQ.c2lnbmF0dXJl',
      expiresAt: '2026-11-30T10:15:00.000Z',
      rep: { id: 'demo-rep', name: 'Sam Rivera' },
    },
  });

function consoleDir(c: Context<AppEnv>): string {
  return c.get('services').repConsoleDir ?? DEFAULT_REP_CONSOLE_DIR;
}

function notFound(c: Context<AppEnv>): never {
  throw new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`);
}

const escapeAttribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The console's icon inline (the page's CSP allows data: images), so the browser asks for no /favicon.ico. */
const CONSOLE_ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#1d4ed8"/><path d="M9 16h14M16 9v14" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>',
)}`;

/** The page: the two scripts pinned by integrity, and the console element. */
export function consolePage(options: {
  widget: { src: string; integrity: string };
  console: { src: string; integrity: string };
  demo: boolean;
}): string {
  const script = (file: { src: string; integrity: string }) =>
    `<script type="module" src="${escapeAttribute(file.src)}" integrity="${escapeAttribute(file.integrity)}" crossorigin="anonymous"></script>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <meta name="referrer" content="no-referrer" />
    <title>Hand-offs · Valueprint</title>
    <link rel="icon" href="${CONSOLE_ICON}" />
    <link rel="stylesheet" href="/rep/console.css" />
    ${script(options.widget)}
    ${script(options.console)}
  </head>
  <body>
    <header>
      <h1>Valueprint · Hand-offs</h1>
      ${options.demo ? '<a href="/">Back to the demo page (Acme Flow)</a>' : ''}
    </header>
    <main>
      <vp-rep-console${options.demo ? ' session="/rep/api/session"' : ''}></vp-rep-console>
      <noscript>The console needs JavaScript.</noscript>
    </main>
  </body>
</html>
`;
}

export const repConsoleRoutes = routes();

const tags = ['Rep console'];

repConsoleRoutes.use('*', async function consoleHeaders(c, next) {
  await next();
  c.header('content-security-policy', DEMO_CSP);
  c.header('referrer-policy', 'no-referrer');
});

describe(repConsoleRoutes, {
  method: 'get',
  path: '/',
  tags,
  summary:
    'The rep console: sign a rep in by opening /rep#token=<rep token> (in demo mode it signs in a demo rep)',
  security: auth.none,
  responses: {
    200: {
      description: 'HTML under a strict CSP; its scripts are pinned by integrity.',
      content: { 'text/html': { schema: z.string() } },
    },
    ...errors(503),
  },
});
repConsoleRoutes.get('/', async (c) => {
  const widgetBuild = await currentBuild(c);
  const dir = consoleDir(c);
  const repBuild = await currentBuild(c, dir);
  const [widget, repScript] = await Promise.all([
    builtFile(c, widgetBuild.entry),
    builtFile(c, repBuild.entry, dir),
  ]);
  c.header('cache-control', 'no-cache');
  return c.html(
    consolePage({
      widget: { src: `/widget/${widgetBuild.entry}`, integrity: widget.integrity },
      console: { src: `/rep/${repBuild.entry}`, integrity: repScript.integrity },
      demo: c.get('services').demoHost === true,
    }),
  );
});

describe(repConsoleRoutes, {
  method: 'get',
  path: '/console.css',
  tags,
  summary: "The console page's stylesheet",
  security: auth.none,
  responses: {
    200: { description: 'CSS.', content: { 'text/css': { schema: z.string() } } },
  },
});
repConsoleRoutes.get('/console.css', (c) => {
  c.header('content-type', 'text/css; charset=utf-8');
  c.header('cache-control', 'public, max-age=300');
  return c.body(PAGE_CSS);
});

define(
  repConsoleRoutes,
  createRoute({
    method: 'post',
    path: '/api/session',
    tags,
    summary: "Demo mode only: the console's backend signing in a demo rep (every account)",
    security: auth.none,
    responses: {
      201: json(repSessionAnswerSchema, 'A rep token for Sam Rivera, who serves every account.'),
      ...errors(404, 503),
    },
  }),
  async (c) => {
    const services = c.get('services');
    if (!services.demoHost) notFound(c);
    const signingKey = services.rep.signingKey;
    if (!signingKey) {
      throw new ApiError(503, 'not_configured', 'no secret key: rep tokens cannot be signed');
    }
    const { token, expiresAt } = await mintRepToken(signingKey, DEMO_REP, {
      ttlMinutes: services.rep.ttlMinutes,
    });
    c.header('cache-control', 'no-store');
    return c.json(
      {
        token,
        expiresAt: expiresAt.toISOString(),
        rep: { id: DEMO_REP.repId, name: DEMO_REP.name },
      },
      201,
    );
  },
);

repConsoleRoutes.all('/api/*', (c) => notFound(c));

describe(repConsoleRoutes, {
  method: 'get',
  path: '/{file}',
  tags,
  summary: "A file of the console's build under its content hash (or its source map)",
  security: auth.none,
  request: {
    params: z.object({
      file: z
        .string()
        .regex(/^rep-[a-z-]*\.[0-9a-f]{12}\.js(\.map)?$/)
        .meta({ example: 'rep-console.3f9a1c0b7d2e.js' }),
    }),
  },
  responses: {
    200: {
      description: 'Cached for a year, immutable.',
      content: { 'text/javascript': { schema: z.string() } },
    },
    ...errors(404, 503),
  },
});
repConsoleRoutes.get(BUILT_NAME, async (c) => {
  const dir = consoleDir(c);
  const build = await currentBuild(c, dir);
  const name = c.req.param('file');
  const file = name.endsWith('.map') ? name.slice(0, -'.map'.length) : name;
  if (file !== build.entry && !build.chunks.includes(file)) notFound(c);
  if (file !== name) {
    // Source maps as JSON, from the same build.
    const map = await builtFile(c, name, dir);
    c.header('content-type', 'application/json; charset=utf-8');
    c.header('cache-control', IMMUTABLE);
    return c.body(map.bodies.identity as Uint8Array<ArrayBuffer>);
  }
  return sendFile(c, await builtFile(c, name, dir), IMMUTABLE);
});
