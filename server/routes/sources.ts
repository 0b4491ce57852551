import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdKeySchema,
  createdSourceSchema,
  createSourceBodySchema,
  sourceListSchema,
  sourceSchema,
  writeKeyInfoSchema,
} from '../../blueprint/api/admin.ts';
import { generateWriteKey, newId } from '../../telemetry/write-keys.ts';
import { ApiError } from '../errors.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/** Sources (products or partners that send telemetry) and their write keys. */
export const sourceRoutes = routes();

const tags = ['Sources and write keys (secret key)'];
const sourceId = z.object({ id: z.string().meta({ example: 'src_3k9w2m7q1x' }) });

define(
  sourceRoutes,
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Create a source with its first write key (shown once)',
    security: auth.secretKey,
    request: { body: jsonRequest(createSourceBodySchema) },
    responses: {
      201: json(createdSourceSchema, 'The source and its write key.'),
      ...errors(400, 401, 409),
    },
  }),
  async (c) => {
    const { name } = c.req.valid('json');
    const key = generateWriteKey();
    const source = await c
      .get('services')
      .storage.sources.createSource({ id: newId('src'), name, key });
    const { id, createdAt } = source;
    return c.json({ id, name: source.name, createdAt, keyId: key.id, writeKey: key.key }, 201);
  },
);

define(
  sourceRoutes,
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Every source with its keys (never the keys themselves)',
    security: auth.secretKey,
    responses: {
      200: json(sourceListSchema, 'The sources.'),
      ...errors(401),
    },
  }),
  async (c) => c.json({ sources: await c.get('services').storage.sources.listSources() }, 200),
);

define(
  sourceRoutes,
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One source',
    security: auth.secretKey,
    request: { params: sourceId },
    responses: { 200: json(sourceSchema, 'The source.'), ...errors(401, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const source = await c.get('services').storage.sources.getSource(id);
    if (!source) throw unknownSource(id);
    return c.json(source, 200);
  },
);

define(
  sourceRoutes,
  createRoute({
    method: 'post',
    path: '/{id}/keys',
    tags,
    summary: 'Issue another write key (rotate: issue, deploy, revoke the old)',
    security: auth.secretKey,
    request: { params: sourceId },
    responses: { 201: json(createdKeySchema, 'The new key, shown once.'), ...errors(401, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { storage } = c.get('services');
    const source = await storage.sources.getSource(id);
    if (!source) throw unknownSource(id);
    const key = generateWriteKey();
    const info = await storage.sources.addKey(source.id, key);
    return c.json({ ...info, writeKey: key.key }, 201);
  },
);

define(
  sourceRoutes,
  createRoute({
    method: 'delete',
    path: '/{id}/keys/{keyId}',
    tags,
    summary: 'Revoke a write key; it stops working at once',
    security: auth.secretKey,
    request: { params: sourceId.extend({ keyId: z.string() }) },
    responses: { 200: json(writeKeyInfoSchema, 'The revoked key.'), ...errors(401, 404) },
  }),
  async (c) => {
    const { id, keyId } = c.req.valid('param');
    const { storage, writeKeys } = c.get('services');
    const revoked = await storage.sources.revokeKey(id, keyId);
    if (!revoked) throw new ApiError(404, 'not_found', `source ${id} has no key ${keyId}`);
    writeKeys.clear();
    return c.json(revoked, 200);
  },
);

function unknownSource(id: string): ApiError {
  return new ApiError(404, 'not_found', `there is no source with id ${id}`);
}
