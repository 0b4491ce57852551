import { createRoute } from '@hono/zod-openapi';
import {
  inventoryParamsSchema,
  inventorySchema,
  quarantineParamsSchema,
  quarantineSchema,
} from '../../blueprint/api/admin.ts';
import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, define, errors, json, routes } from '../openapi/define.ts';

/** What telemetry the vendor has, and what was refused. */
export const inventoryRoutes = routes();

const tags = ['Telemetry (secret key)'];

define(
  inventoryRoutes,
  createRoute({
    method: 'get',
    path: '/inventory',
    tags,
    summary: 'Every event name and type with counts, accounts, users and property shapes',
    security: auth.secretKey,
    request: { query: inventoryParamsSchema },
    responses: { 200: json(inventorySchema, 'The inventory.'), ...errors(400, 401, 404) },
  }),
  async (c) => {
    const { source } = c.req.valid('query');
    const services = c.get('services');
    await requireSource(services, source);
    return c.json(await services.storage.inventory.inventory({ sourceId: source }), 200);
  },
);

define(
  inventoryRoutes,
  createRoute({
    method: 'get',
    path: '/quarantine',
    tags,
    summary: 'The latest refused events, with the reason and the payload as received',
    security: auth.secretKey,
    request: { query: quarantineParamsSchema },
    responses: { 200: json(quarantineSchema, 'Newest first.'), ...errors(400, 401, 404) },
  }),
  async (c) => {
    const { source, limit } = c.req.valid('query');
    const services = c.get('services');
    await requireSource(services, source);
    const events = await services.storage.inventory.quarantine({ sourceId: source, limit });
    return c.json({ events }, 200);
  },
);

async function requireSource(services: Services, sourceId: string | undefined): Promise<void> {
  if (sourceId !== undefined && !(await services.storage.sources.getSource(sourceId))) {
    throw new ApiError(404, 'not_found', `there is no source with id ${sourceId}`);
  }
}
