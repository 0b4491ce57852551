import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../errors.ts';

const inventoryQuery = z.object({ source: z.string().min(1).optional() });
const quarantineQuery = inventoryQuery.extend({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(1_000, 'limit must be at most 1000')
    .default(100),
});

/** What telemetry the vendor has, and what was refused. */
export const inventoryRoutes = new Hono<AppEnv>();

inventoryRoutes.get('/inventory', async (c) => {
  const { source } = inventoryQuery.parse(c.req.query());
  const services = c.get('services');
  await requireSource(services, source);
  return c.json(await services.storage.inventory.inventory({ sourceId: source }));
});

inventoryRoutes.get('/quarantine', async (c) => {
  const { source, limit } = quarantineQuery.parse(c.req.query());
  const services = c.get('services');
  await requireSource(services, source);
  const events = await services.storage.inventory.quarantine({ sourceId: source, limit });
  return c.json({ events });
});

async function requireSource(services: Services, sourceId: string | undefined): Promise<void> {
  if (sourceId !== undefined && !(await services.storage.sources.getSource(sourceId))) {
    throw new ApiError(404, 'not_found', `there is no source with id ${sourceId}`);
  }
}
