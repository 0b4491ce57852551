import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  accountIdParamSchema,
  accountPromisesSchema,
  modelVersionsSchema,
  promisesSchema,
  publishedModelSchema,
  storedModelSchema,
} from '../../blueprint/api/admin.ts';
import { valueModelJsonSchema, valueModelSchema } from '../../blueprint/value-model.ts';
import { readJson } from '../body.ts';
import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/** The vendor's value model (versioned) and the promises made to each account. */
export const modelRoutes = routes();

const tags = ['Value model and promises (secret key)'];

define(
  modelRoutes,
  createRoute({
    method: 'put',
    path: '/model',
    tags,
    summary: 'Publish the value model as the next version; the facts are rebuilt before the answer',
    description:
      "Checked like `valueprint validate-model`, and against the telemetry seen so far: problems answer 400 invalid_model with each issue's path.",
    security: auth.secretKey,
    request: {
      body: jsonRequest(
        valueModelSchema,
        'The value model (its JSON Schema: /v1/schema/value-model.json).',
      ),
    },
    responses: {
      201: json(publishedModelSchema, 'The stored version, with warnings worth a look.'),
      ...errors(400, 401),
    },
  }),
  async (c) => {
    const services = c.get('services');
    const input = await readJson(c);
    return c.json(await services.value.publishModel(input, await knownProperties(services)), 201);
  },
  // Checked by validateValueModel, whose issues read better than a schema's.
  { body: 'document' },
);

define(
  modelRoutes,
  createRoute({
    method: 'get',
    path: '/model',
    tags,
    summary: 'The current value model',
    security: auth.secretKey,
    responses: { 200: json(storedModelSchema, 'The latest version.'), ...errors(401, 404) },
  }),
  async (c) => {
    const stored = await c.get('services').value.currentModel();
    if (!stored) {
      throw new ApiError(
        404,
        'no_value_model',
        'no value model has been published yet: PUT one to /v1/admin/model',
      );
    }
    return c.json(stored, 200);
  },
);

define(
  modelRoutes,
  createRoute({
    method: 'get',
    path: '/model/versions',
    tags,
    summary: 'Every published version, newest first',
    security: auth.secretKey,
    responses: { 200: json(modelVersionsSchema, 'The versions.'), ...errors(401) },
  }),
  async (c) => c.json({ versions: await c.get('services').value.modelVersions() }, 200),
);

define(
  modelRoutes,
  createRoute({
    method: 'put',
    path: '/accounts/{accountId}/promises',
    tags,
    summary: 'Replace what was promised to an account at the sale',
    security: auth.secretKey,
    request: { params: accountIdParamSchema, body: jsonRequest(promisesSchema) },
    responses: { 200: json(accountPromisesSchema, 'The promises now.'), ...errors(400, 401) },
  }),
  async (c) => {
    const { accountId } = c.req.valid('param');
    const { promises } = c.req.valid('json');
    return c.json(await c.get('services').value.setPromises(accountId, promises), 200);
  },
);

define(
  modelRoutes,
  createRoute({
    method: 'get',
    path: '/accounts/{accountId}/promises',
    tags,
    summary: "An account's promises",
    security: auth.secretKey,
    request: { params: accountIdParamSchema },
    responses: { 200: json(accountPromisesSchema, 'The promises.'), ...errors(400, 401) },
  }),
  async (c) => {
    const { accountId } = c.req.valid('param');
    return c.json(await c.get('services').value.promises(accountId), 200);
  },
);

/** The published JSON Schema of the value model: public, so editors can validate as vendors type. */
export const schemaRoutes = routes();

define(
  schemaRoutes,
  createRoute({
    method: 'get',
    path: '/value-model.json',
    tags: ['Service'],
    summary: 'The JSON Schema (2020-12) of the value model vendors write',
    security: auth.none,
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The JSON Schema.') },
  }),
  (c) => c.json(valueModelJsonSchema(), 200),
);

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
