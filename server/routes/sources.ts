import { Hono } from 'hono';
import { z } from 'zod';
import { generateWriteKey, newId } from '../../telemetry/write-keys.ts';
import { readJson } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

const createSourceSchema = z.object({
  name: z
    .string({
      error: 'name is required: a short name for the product or partner sending telemetry',
    })
    .trim()
    .min(1, 'name must not be empty')
    .max(100, 'name must be at most 100 characters'),
});

/** Sources (products or partners that send telemetry) and their write keys. */
export const sourceRoutes = new Hono<AppEnv>();

sourceRoutes.post('/', async (c) => {
  const { name } = createSourceSchema.parse(await readJson(c));
  const { storage } = c.get('services');
  const key = generateWriteKey();
  const source = await storage.sources.createSource({ id: newId('src'), name, key });
  return c.json(
    {
      id: source.id,
      name: source.name,
      createdAt: source.createdAt,
      keyId: key.id,
      writeKey: key.key,
    },
    201,
  );
});

sourceRoutes.get('/', async (c) => {
  return c.json({ sources: await c.get('services').storage.sources.listSources() });
});

sourceRoutes.get('/:id', async (c) => {
  const source = await c.get('services').storage.sources.getSource(c.req.param('id'));
  if (!source) throw unknownSource(c.req.param('id'));
  return c.json(source);
});

sourceRoutes.post('/:id/keys', async (c) => {
  const { storage } = c.get('services');
  const source = await storage.sources.getSource(c.req.param('id'));
  if (!source) throw unknownSource(c.req.param('id'));
  const key = generateWriteKey();
  const info = await storage.sources.addKey(source.id, key);
  return c.json({ ...info, writeKey: key.key }, 201);
});

sourceRoutes.delete('/:id/keys/:keyId', async (c) => {
  const { storage, writeKeys } = c.get('services');
  const revoked = await storage.sources.revokeKey(c.req.param('id'), c.req.param('keyId'));
  if (!revoked) {
    throw new ApiError(
      404,
      'not_found',
      `source ${c.req.param('id')} has no key ${c.req.param('keyId')}`,
    );
  }
  writeKeys.clear();
  return c.json(revoked);
});

function unknownSource(id: string): ApiError {
  return new ApiError(404, 'not_found', `there is no source with id ${id}`);
}
