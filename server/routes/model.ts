import { Hono } from 'hono';
import { z } from 'zod';
import { promisesSchema } from '../../blueprint/promise.ts';
import { valueModelJsonSchema } from '../../blueprint/value-model.ts';
import { readJson } from '../body.ts';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../errors.ts';

/** The vendor's value model (versioned) and the promises made to each account. */
export const modelRoutes = new Hono<AppEnv>();

modelRoutes.put('/model', async (c) => {
  const services = c.get('services');
  const input = await readJson(c);
  return c.json(await services.value.publishModel(input, await knownProperties(services)), 201);
});

modelRoutes.get('/model', async (c) => {
  const stored = await c.get('services').value.currentModel();
  if (!stored)
    throw new ApiError(
      404,
      'no_value_model',
      'no value model has been published yet: PUT one to /v1/admin/model',
    );
  return c.json(stored);
});

modelRoutes.get('/model/versions', async (c) => {
  return c.json({ versions: await c.get('services').value.modelVersions() });
});

const accountId = z.string().min(1).max(256);

modelRoutes.put('/accounts/:accountId/promises', async (c) => {
  const account = accountId.parse(c.req.param('accountId'));
  const { promises } = promisesSchema.parse(await readJson(c));
  return c.json(await c.get('services').value.setPromises(account, promises));
});

modelRoutes.get('/accounts/:accountId/promises', async (c) => {
  const account = accountId.parse(c.req.param('accountId'));
  return c.json(await c.get('services').value.promises(account));
});

/** The published JSON Schema of the value model: public, so editors can validate as vendors type. */
export const schemaRoutes = new Hono<AppEnv>();
schemaRoutes.get('/value-model.json', (c) => c.json(valueModelJsonSchema()));

/** Event names and the property keys seen on them, so the model can be checked against telemetry. */
async function knownProperties(services: Services): Promise<Record<string, string[]>> {
  const inventory = await services.storage.inventory.inventory({});
  const known: Record<string, string[]> = {};
  for (const event of inventory.events) {
    if (event.type !== 'track' || event.name === null) continue;
    known[event.name] = [
      ...(known[event.name] ?? []),
      ...event.properties.map((property) => property.key),
    ];
  }
  return known;
}
