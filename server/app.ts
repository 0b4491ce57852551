import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { adminAuth } from './auth/admin.ts';
import type { AppEnv, Services } from './context.ts';
import { handleError, notFound } from './errors.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { sourceRoutes } from './routes/sources.ts';

/** The Hono application; everything it touches comes in through `services`. */
export function createApp(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', secureHeaders());
  app.use('*', async function provideServices(c, next) {
    c.set('services', services);
    await next();
  });

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

  app.route('/v1', ingestRoutes);
  app.use('/v1/admin/*', adminAuth());
  app.route('/v1/admin/sources', sourceRoutes);
  app.route('/v1/admin', inventoryRoutes);

  app.notFound(notFound);
  app.onError(handleError);
  return app;
}
