import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { batchEnvelopeSchema, type EventType } from '../../telemetry/events.ts';
import { ingestLimits } from '../../telemetry/limits.ts';
import { prepareBatch } from '../../telemetry/pipeline/ingest.ts';
import type { IngestBatch } from '../../telemetry/storage/interface.ts';
import { writeKeyAuth } from '../auth/write-key.ts';
import { limitBody, readJson, requireJson } from '../body.ts';
import type { AppEnv, Services } from '../context.ts';
import { ApiError, issuesFromZod } from '../errors.ts';

/** Segment-compatible ingest: `/v1/batch` and one route per event type. */
export const ingestRoutes = new Hono<AppEnv>();

// Browsers send telemetry straight from the vendor's product, so any origin may post with a key.
ingestRoutes.use(
  '/:kind{batch|track|identify|group|page|screen}',
  cors({
    origin: '*',
    allowMethods: ['POST'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 86_400,
  }),
);

ingestRoutes.post(
  '/batch',
  writeKeyAuth(),
  limitBody(ingestLimits.maxRequestBytes, 'a batch request'),
  async (c) => {
    requireJson(c);
    const receivedAt = new Date();
    const body = await readJson(c);
    const envelope = batchEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new ApiError(400, 'invalid_body', 'expected {"batch": [ …events ]}', {
        issues: issuesFromZod(envelope.error),
      });
    }
    const { batch, sentAt, context } = envelope.data;
    if (batch.length > ingestLimits.maxBatchEvents) {
      throw new ApiError(
        413,
        'too_many_events',
        `a batch holds at most ${ingestLimits.maxBatchEvents} events; this one has ${batch.length}`,
      );
    }
    const prepared = prepareBatch(batch, {
      sourceId: c.get('sourceId'),
      receivedAt,
      defaults: { sentAt, context },
    });
    return c.json(await commit(c.get('services'), prepared));
  },
);

for (const type of [
  'track',
  'identify',
  'group',
  'page',
  'screen',
] as const satisfies EventType[]) {
  ingestRoutes.post(
    `/${type}`,
    writeKeyAuth(),
    limitBody(ingestLimits.maxEventBytes, 'a single event'),
    async (c) => {
      requireJson(c);
      const receivedAt = new Date();
      const body = await readJson(c);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ApiError(400, 'invalid_body', `expected one ${type} event as a JSON object`);
      }
      // The route names the type, as in Segment's HTTP API.
      const prepared = prepareBatch([{ ...body, type }], {
        sourceId: c.get('sourceId'),
        receivedAt,
      });
      return c.json(await commit(c.get('services'), prepared));
    },
  );
}

/** Commits the batch; the writer's errors (saturated, closing, store down) map in errors.ts. */
async function commit(services: Services, batch: IngestBatch) {
  const outcome = await services.writer.submit(batch);
  return {
    accepted: outcome.accepted,
    duplicates: outcome.duplicates,
    rejected: batch.rejects.map(({ index, code, message, path }) => ({
      index,
      code,
      message,
      path,
    })),
  };
}
