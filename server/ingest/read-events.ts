import { batchEnvelopeSchema, type EventType } from '../../blueprint/api/events.ts';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import { prepareBatch } from '../../telemetry/pipeline/ingest.ts';
import { type EventEncoder, encodeEventsFor } from '../../telemetry/storage/event-encoders.ts';
import type { IngestBatch } from '../../telemetry/storage/interface.ts';
import { decodeText, parseJsonText } from '../body-text.ts';
import { ApiError, type ErrorIssue, issuesFromZod } from '../errors.ts';

/** An ingest request's body as it arrived, and what it is sent to. */
export interface EventsRequest {
  /**
   * `batch` for /v1/batch, else the single-event route's type (`alias`, which Segment's browser
   * library sends, is kept in quarantine as an unsupported type).
   */
  route: IngestRoute;
  body: Uint8Array;
  /** `identity`, or a Content-Encoding the route accepts. */
  encoding: string;
  sourceId: string;
  receivedAt: Date;
  /**
   * The store's encoder (EventStore.encodesEvents): the events are encoded here too, when the
   * source is known (a key in the body is looked up after reading).
   */
  encodeFor?: EventEncoder;
}

export type IngestRoute = 'batch' | EventType | 'alias';

/**
 * What reading gives: the batch to commit, how many events were sent, and the body's `writeKey`
 * when it has one (Segment's browser library sends the key there); or why not.
 */
export type EventsRead =
  | { ok: true; batch: IngestBatch; sent: number; writeKey?: string }
  | {
      ok: false;
      error: { status: 400 | 413 | 415; code: string; message: string; issues?: ErrorIssue[] };
    };

/**
 * Decodes, parses and validates one ingest request's events: every event ends up in the batch or
 * among its rejects. The CPU-heavy part of ingest, so it runs off the main thread (see
 * event-readers.ts); it touches nothing but its input. Problems with the request as a whole (not
 * JSON, too big, no batch array) come back as the error to answer.
 */
export function readEvents(request: EventsRequest): EventsRead {
  try {
    const { batch, ...rest } = read(request);
    if (request.encodeFor && batch.sourceId !== '')
      batch.encoded = encodeEventsFor(request.encodeFor, batch.sourceId, batch.events);
    return { ok: true, batch, ...rest };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return {
      ok: false,
      error: {
        status: error.status as 400 | 413 | 415,
        code: error.code,
        message: error.message,
        ...(error.options.issues ? { issues: error.options.issues } : {}),
      },
    };
  }
}

/**
 * A request the ingest journal kept, read again after a restart exactly as it was the first time.
 * It read then, so it reads now; if it does not (a change in between), start-up stops and says so.
 */
export function readJournaledRequest(entry: {
  sourceId: string;
  receivedAt: Date;
  route: string;
  encoding: string;
  body: Uint8Array;
}): IngestBatch {
  const read = readEvents({ ...entry, route: entry.route as IngestRoute });
  if (!read.ok)
    throw new Error(
      `a request the ingest journal kept no longer reads (${read.error.code}: ${read.error.message})`,
    );
  return read.batch;
}

/** The error a failed read answers with. */
export function errorOf(read: Extract<EventsRead, { ok: false }>): ApiError {
  const { status, code, message, issues } = read.error;
  return new ApiError(status, code, message, issues ? { issues } : {});
}

function read({ route, body, encoding, sourceId, receivedAt }: EventsRequest) {
  const maxBytes = route === 'batch' ? ingestLimits.maxRequestBytes : ingestLimits.maxEventBytes;
  const json = parseJsonText(decodeText(body, encoding, maxBytes));
  if (route !== 'batch') {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new ApiError(400, 'invalid_body', `expected one ${route} event as a JSON object`);
    }
    // The route names the type, as in Segment's HTTP API.
    return {
      batch: prepareBatch([{ ...(withoutKey(json) as Record<string, unknown>), type: route }], {
        sourceId,
        receivedAt,
      }),
      sent: 1,
      ...keyOf(json),
    };
  }
  const envelope = batchEnvelopeSchema.safeParse(json);
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
  return {
    batch: prepareBatch(batch.map(withoutKey), {
      sourceId,
      receivedAt,
      defaults: { sentAt, context },
    }),
    sent: batch.length,
    // The envelope's key, else the first event's (each event of a browser batch may carry it).
    ...(keyOf(json).writeKey ? keyOf(json) : keyOf(batch[0])),
  };
}

/** The event without the `writeKey` a browser library puts in it: a credential is never kept. */
function withoutKey(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || !Object.hasOwn(event, 'writeKey'))
    return event;
  const { writeKey: _key, ...rest } = event as Record<string, unknown>;
  return rest;
}

/** A `writeKey` text at the top of an object, if it has one. */
function keyOf(value: unknown): { writeKey?: string } {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'writeKey')) return {};
  const key = (value as { writeKey: unknown }).writeKey;
  return typeof key === 'string' && key.length > 0 && key.length <= 200 ? { writeKey: key } : {};
}
