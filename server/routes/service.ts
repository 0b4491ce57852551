import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { swaggerUI } from '@hono/swagger-ui';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { healthSchema, serviceIndexSchema } from '../../blueprint/api/service.ts';
import { ApiError } from '../errors.ts';
import { auth, define, describe, json, routes } from '../openapi/define.ts';

/** The service's own pages: its index, health, the OpenAPI document and the reference page. */
export function serviceRoutes(document: () => object) {
  const app = routes();
  const tags = ['Service'];

  define(
    app,
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Where to start (with `serve --demo`: the demo host page, HTML)',
      security: auth.none,
      responses: { 200: json(serviceIndexSchema, 'Links to the health check and the docs.') },
    }),
    (c) =>
      c.json(
        {
          service: 'Valueprint' as const,
          health: '/healthz',
          docs: '/docs',
          openapi: '/openapi.json',
          widget: '/widget/valueprint.js',
        },
        200,
      ),
  );

  define(
    app,
    createRoute({
      method: 'get',
      path: '/healthz',
      tags,
      summary: 'Whether the store answers',
      security: auth.none,
      responses: {
        200: json(healthSchema, 'The store answers.'),
        503: json(healthSchema, 'The store does not answer.'),
      },
    }),
    async (c) => {
      try {
        await c.get('services').storage.ping();
        return c.json({ status: 'ok' as const }, 200);
      } catch {
        return c.json({ status: 'unavailable' as const }, 503);
      }
    },
  );

  define(
    app,
    createRoute({
      method: 'get',
      path: '/openapi.json',
      tags,
      summary: "This document: OpenAPI 3.1, generated from the routes' own schemas",
      security: auth.none,
      responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document.') },
    }),
    (c) => c.json(document() as Record<string, unknown>, 200),
  );

  describe(app, {
    method: 'get',
    path: '/docs',
    tags,
    summary: 'The API reference, readable in a browser (Swagger UI, served from this service)',
    security: auth.none,
    responses: {
      200: { description: 'An HTML page.', content: { 'text/html': { schema: z.string() } } },
    },
  });
  app.get(
    '/docs',
    swaggerUI({
      url: '/openapi.json',
      title: 'Valueprint API',
      // From this service, not a CDN: the page works offline and behind a strict egress policy.
      baseUrl: '/docs/assets',
      version: undefined,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
    }),
  );

  describe(app, {
    method: 'get',
    path: '/docs/assets/swagger-ui-dist/{file}',
    tags,
    summary: "The reference page's script and style sheet",
    security: auth.none,
    request: { params: z.object({ file: z.enum(SWAGGER_FILES) }) },
    responses: { 200: { description: 'swagger-ui-bundle.js or swagger-ui.css.' } },
  });
  app.get('/docs/assets/swagger-ui-dist/:file', async (c, next) => {
    const file = c.req.param('file');
    if (!(SWAGGER_FILES as readonly string[]).includes(file)) {
      throw new ApiError(404, 'not_found', `no route for GET ${c.req.path}`);
    }
    c.header('cache-control', 'public, max-age=86400');
    return serveStatic({ path: join(SWAGGER_DIR, file) })(c, next);
  });

  return app;
}

const SWAGGER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
/** swagger-ui-dist's folder, wherever npm put it. */
const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
