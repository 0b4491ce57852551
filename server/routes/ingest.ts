import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import {
  type EventType,
  groupEventSchema,
  identifyEventSchema,
  pageEventSchema,
  screenEventSchema,
  trackEventSchema,
} from '../../blueprint/api/events.ts';
import {
  aliasBodySchema,
  batchBodySchema,
  ingestAnswerSchema,
} from '../../blueprint/api/ingest.ts';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import type { JournalEntry } from '../../telemetry/journal/journal-codec.ts';
import type { IngestBatch } from '../../telemetry/storage/interface.ts';
import { checkRate, writeKeyRateLimit } from '../auth/rate-limit.ts';
import { sourceForBodyKey, writeKeyAuth } from '../auth/write-key.ts';
import { contentEncodingOf, limitBodyRead, requestBody, requireJson } from '../body.ts';
import type { AppEnv, Services } from '../context.ts';
import { errorOf, type IngestRoute } from '../ingest/read-events.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/** Segment-compatible ingest: `/v1/batch` and one route per event type. */
export const ingestRoutes = routes();

const tags = ['Ingest (write key)'];
const answers = {
  200: json(ingestAnswerSchema, 'Sent after the accepted events are durably committed.'),
  ...errors(400, 401, 413, 415, 429, 503),
};
/** One event as a single-event route takes it: the route names its type. */
const EVENT_BODIES = {
  track: trackEventSchema.omit({ type: true }),
  identify: identifyEventSchema.omit({ type: true }),
  group: groupEventSchema.omit({ type: true }),
  page: pageEventSchema.omit({ type: true }),
  screen: screenEventSchema.omit({ type: true }),
} as const;

// Browsers send telemetry straight from the vendor's product, so any origin may post with a key.
ingestRoutes.use(
  // Grouped: hono anchors the pattern's ends, not each alternative's ("…|[btigpsa]" alone matched
  // every path ending in one of those letters, admin routes included).
  '/:kind{(?:batch|track|identify|group|page|screen|alias|[btigpsa])}',
  cors({
    origin: '*',
    allowMethods: ['POST'],
    // RudderStack's browser SDK sends the anonymous id and the send time as headers too.
    allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'AnonymousId', 'SentAt'],
    maxAge: 86_400,
  }),
);

/**
 * Segment's browser library (analytics.js) posts to one-letter paths (`/b` for a batch, `/t`,
 * `/i`, `/g`, `/p`, `/s`, `/a` for single events) as text/plain, with the write key in the body
 * as `writeKey` rather than in a header; those requests are read first and authenticated by it.
 */
const SHORT = {
  batch: 'b',
  track: 't',
  identify: 'i',
  group: 'g',
  page: 'p',
  screen: 's',
} as const;
const BROWSER_NOTE =
  ' Segment\'s browser library sends the same to the one-letter path, as text/plain, with the write key as "writeKey" in the body instead of a header.';

/** What an ingest body may weigh as sent (decompressed, the reader counts again), and its name. */
function bodyLimitOf(route: IngestRoute): [maxBytes: number, what: string] {
  return route === 'batch'
    ? [ingestLimits.maxRequestBytes, 'a batch request']
    : [ingestLimits.maxEventBytes, 'a single event'];
}

/** One ingest route: write-key auth (header, or the body's), its rate, its body limit. */
function ingestRoute(
  route: IngestRoute,
  spec: {
    path: string;
    summary: string;
    description: string;
    body: Parameters<typeof jsonRequest>[0];
  },
) {
  define(
    ingestRoutes,
    createRoute({
      method: 'post',
      path: `/${spec.path}`,
      tags,
      summary: spec.summary,
      description: spec.description,
      security: auth.writeKey,
      middleware: [
        writeKeyAuth({ orInBody: true }),
        writeKeyRateLimit(),
        limitBodyRead(...bodyLimitOf(route)),
      ],
      request: { body: jsonRequest(spec.body) },
      responses: answers,
    }),
    async (c) => c.json(await ingest(c, route), 200),
    { body: 'document' },
  );
}

for (const path of ['batch', SHORT.batch]) {
  ingestRoute('batch', {
    path,
    summary:
      path === 'batch'
        ? 'Send up to 2,500 Segment-shaped events (500 KB) in one request'
        : "Send a batch, as Segment's browser library does (same as /v1/batch)",
    description: `Each event is validated alone: a bad one is refused (and kept in quarantine with the reason) while the rest are stored. Duplicates (same source and messageId) never count twice.${BROWSER_NOTE}`,
    body: batchBodySchema,
  });
}

for (const type of [
  'track',
  'identify',
  'group',
  'page',
  'screen',
] as const satisfies EventType[]) {
  for (const path of [type, SHORT[type]]) {
    ingestRoute(type, {
      path,
      summary:
        path === type
          ? `Send one ${type} event (32 KB); the route names its type`
          : `Send one ${type} event, as Segment's browser library does (same as /v1/${type})`,
      description: BROWSER_NOTE.trim(),
      body: EVENT_BODIES[type],
    });
  }
}

// Browser libraries send alias calls (Segment's to /a, RudderStack's to /alias). Valueprint keeps
// no aliases: the call is answered like any event of an unsupported type (kept in quarantine).
for (const path of ['alias', 'a']) {
  ingestRoute('alias', {
    path,
    summary: 'An alias call from a browser library: kept in quarantine, not used',
    description: `Valueprint does not merge identities, so an alias is answered 200 with the event under "rejected" (code unsupported_type) and kept in quarantine.${BROWSER_NOTE}`,
    body: aliasBodySchema,
  });
}

/**
 * Reads the request's events on a reader thread, spends them from the key's rate, and commits
 * them; the writer's errors (saturated, closing, store down) map in errors.ts.
 */
async function ingest(c: Context<AppEnv>, route: IngestRoute) {
  requireJson(c, { compressed: true });
  const receivedAt = new Date();
  const services = c.get('services');
  const keyInBody = c.get('writeKeyInBody') === true;
  // The journal keeps the request as it came, unless its body holds the write key (then the batch).
  const keep = services.writer.journaled && !keyInBody;
  const request = {
    route,
    body: await requestBody(c, ...bodyLimitOf(route)),
    encoding: contentEncodingOf(c),
    sourceId: keyInBody ? '' : c.get('sourceId'),
    receivedAt,
    ...(services.storage.events.encodesEvents
      ? { encodeFor: services.storage.events.encodesEvents }
      : {}),
  };
  const read = await services.eventReaders.read(request, { keepBody: keep });
  if (!read.ok) throw errorOf(read);
  let keyHash = c.get('writeKeyHash');
  if (keyInBody) {
    const known = await sourceForBodyKey(c, read.writeKey);
    checkRate(services.rateLimiter, known.keyHash);
    read.batch.sourceId = known.sourceId;
    keyHash = known.keyHash;
  }
  services.rateLimiter.spend(keyHash, read.sent);
  return commit(services, read.batch, keep ? { kind: 'request', ...request } : undefined);
}

async function commit(services: Services, batch: IngestBatch, entry: JournalEntry | undefined) {
  const outcome = await services.writer.submit(batch, entry);
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
