import type { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { adminAuth } from './auth/admin.ts';
import { bodyLimits, closeAfterEarlyAnswer } from './body.ts';
import { cacheControl } from './cache-control.ts';
import type { AppEnv, Services } from './context.ts';
import { customerCors } from './cors.ts';
import { handleError, notFound } from './errors.ts';
import { routes } from './openapi/define.ts';
import { openApiDocument } from './openapi/document.ts';
import { requestIds } from './request-id.ts';
import { demoHostRoutes } from './routes/demo-host.ts';
import { embedRoutes } from './routes/embed.ts';
import { briefRoutes, handoffRoutes } from './routes/handoffs.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { journeyRoutes } from './routes/journey.ts';
import { modelRoutes, schemaRoutes } from './routes/model.ts';
import { offerPerformanceRoutes } from './routes/offer-performance.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { repRoutes } from './routes/rep.ts';
import { repConsoleRoutes } from './routes/rep-console.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { serviceRoutes } from './routes/service.ts';
import { sourceRoutes } from './routes/sources.ts';
import { valueRoutes } from './routes/value.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { widgetRoutes } from './routes/widget.ts';

/** The Hono application; everything it touches comes in through `services`. */
export function createApp(services: Services): OpenAPIHono<AppEnv> {
  const app = routes();
  app.use('*', requestIds());
  app.use('*', closeAfterEarlyAnswer());
  app.use('*', bodyLimits());
  // A header a route set on purpose (the widget's cross-origin resource policy) is kept.
  app.use('*', secureHeaders({ overwrite: false }));
  app.use('*', async function provideServices(c, next) {
    c.set('services', services);
    await next();
  });
  const document = openApiDocument(app);

  // Secrets and customer data are never kept by a cache on the way or in the browser.
  app.use('/v1/value/*', cacheControl('private, no-store'));
  app.use('/v1/scenarios/*', cacheControl('private, no-store'));
  app.use('/v1/recommendations/*', cacheControl('private, no-store'));
  app.use('/v1/journey/*', cacheControl('private, no-store'));
  app.use('/v1/handoffs/*', cacheControl('private, no-store'));
  app.use('/v1/briefs/*', cacheControl('private, no-store'));
  app.use('/v1/embed/*', cacheControl('no-store'));
  app.use('/v1/rep/*', cacheControl('no-store'));
  app.use('/v1/admin/*', cacheControl('no-store'));
  app.use('/host/api/session', cacheControl('no-store'));

  // In demo mode the demo host page (a vendor's product page with the widget) is at `/`.
  app.route('/', demoHostRoutes);
  // The index, health, /openapi.json and the reference page at /docs.
  app.route('/', serviceRoutes(document));

  // Customer-facing routes answer browsers on the configured origins only. Registered before any
  // route so preflights are answered ahead of embed-token auth.
  app.use('/v1/value/*', customerCors());
  app.use('/v1/scenarios/*', customerCors());
  app.use('/v1/recommendations/*', customerCors());
  app.use('/v1/journey/*', customerCors());
  app.use('/v1/handoffs/*', customerCors());

  // The widget bundle is a public static script: hosts on any origin load it.
  app.route('/widget', widgetRoutes);
  // The rep console's page and script, in every mode (its demo sign-in only in demo mode).
  app.route('/rep', repConsoleRoutes);
  app.route('/v1', ingestRoutes);
  app.use('/v1/admin/*', adminAuth());
  app.route('/v1/admin/sources', sourceRoutes);
  app.route('/v1/admin', inventoryRoutes);
  app.route('/v1/admin', modelRoutes);
  app.route('/v1/admin', offerPerformanceRoutes);
  app.route('/v1/admin/webhooks', webhookRoutes);
  app.route('/v1/schema', schemaRoutes);
  app.route('/v1/value', valueRoutes);
  app.route('/v1/scenarios', scenarioRoutes);
  app.route('/v1/recommendations', recommendationRoutes);
  app.route('/v1/journey', journeyRoutes);
  app.route('/v1/handoffs', handoffRoutes);
  // Fetched by the vendor's systems with a signed link (no CORS: browsers have no business here).
  app.route('/v1/briefs', briefRoutes);
  // Vendor backends mint tokens with the secret key; no CORS here, browsers must never hold that key.
  app.route('/v1/embed', embedRoutes);
  // Rep sign-in (secret key) and the rep console's API (rep token). No CORS either: the console is
  // served by this service at /rep, and no other origin's page calls these.
  app.route('/v1/rep', repRoutes);

  app.notFound(notFound);
  app.onError(handleError);
  return app;
}
