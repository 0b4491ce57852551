import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { adminAuth } from './auth/admin.ts';
import type { AppEnv, Services } from './context.ts';
import { customerCors } from './cors.ts';
import { handleError, notFound } from './errors.ts';
import { demoHostRoutes } from './routes/demo-host.ts';
import { embedRoutes } from './routes/embed.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { modelRoutes, schemaRoutes } from './routes/model.ts';
import { sourceRoutes } from './routes/sources.ts';
import { valueRoutes } from './routes/value.ts';
import { widgetRoutes } from './routes/widget.ts';

/** The Hono application; everything it touches comes in through `services`. */
export function createApp(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  // A header a route set on purpose (the widget's cross-origin resource policy) is kept.
  app.use('*', secureHeaders({ overwrite: false }));
  app.use('*', async function provideServices(c, next) {
    c.set('services', services);
    await next();
  });

  // In demo mode the demo host page (a vendor's product page with the widget) is at `/`.
  app.route('/', demoHostRoutes);
  // What a newcomer sees when opening the service's address in a browser.
  app.get('/', (c) =>
    c.json({
      service: 'Valueprint',
      health: '/healthz',
      ingest: [
        'POST /v1/batch',
        'POST /v1/track',
        'POST /v1/identify',
        'POST /v1/group',
        'POST /v1/page',
        'POST /v1/screen',
      ],
      admin: ['/v1/admin/sources', '/v1/admin/inventory', '/v1/admin/quarantine'],
      embed: ['POST /v1/embed/sessions'],
      value: [
        '/v1/value/summary',
        '/v1/value/series',
        '/v1/value/breakdown',
        '/v1/value/explain',
        '/v1/value/forecast',
        '/v1/value/story',
        '/v1/value/cuts',
        '/v1/value/assumptions',
      ],
      model: [
        '/v1/admin/model',
        '/v1/admin/accounts/{accountId}/promises',
        '/v1/schema/value-model.json',
      ],
      widget: ['/widget/valueprint.js', '/widget/manifest.json'],
      docs: 'README.md in the project',
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await services.storage.ping();
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  // Customer-facing routes answer browsers on the configured origins only. Registered before any
  // route so preflights are answered ahead of embed-token auth.
  app.use('/v1/value/*', customerCors());

  // The widget bundle is a public static script: hosts on any origin load it.
  app.route('/widget', widgetRoutes);
  app.route('/v1', ingestRoutes);
  app.use('/v1/admin/*', adminAuth());
  app.route('/v1/admin/sources', sourceRoutes);
  app.route('/v1/admin', inventoryRoutes);
  app.route('/v1/admin', modelRoutes);
  app.route('/v1/schema', schemaRoutes);
  app.route('/v1/value', valueRoutes);
  // Vendor backends mint tokens with the secret key; no CORS here, browsers must never hold that key.
  app.route('/v1/embed', embedRoutes);

  app.notFound(notFound);
  app.onError(handleError);
  return app;
}
