import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { journeyLimits } from '../blueprint/api/journey.ts';
import { DECODERS, decodeText, parseJsonText } from './body-text.ts';
import { ApiError } from './errors.ts';

/** Bodies a route takes unless it says otherwise: a session request, an assumption, promises. */
export const DEFAULT_BODY_BYTES = 64 * 1024;
/** A value model upload (the demo's is 10 KB). */
export const MODEL_BODY_BYTES = 1024 * 1024;
/**
 * A hand-off or its preview: a message of 2,000 characters takes at most 8 KB in UTF-8 (4 bytes a
 * character), with room left for the topic and the rest.
 */
export const HANDOFF_BODY_BYTES = 12 * 1024;
/**
 * The rep console's writes: a status, or a reply of at most 4,000 characters with a plan's levers.
 * Rep sign-in (`/v1/rep/sessions`, a list of accounts) keeps the default.
 */
export const REP_BODY_BYTES = 16 * 1024;
const REP_CONSOLE = /^\/v1\/rep\/(?!sessions\/?$)/;
/** Routes that set their own limit (ingest: per request or per event, after decompression). */
const OWN_LIMITS = /^\/v1\/(batch|track|identify|group|page|screen|alias|[btigpsa])$/;

const HANDOFF_PATHS = /^\/v1\/handoffs(\/|\/preview\/?)?$/;

/**
 * Every route that takes a body gets a limit, answered 413 before the body is buffered: the
 * value model upload 1 MB, a journey batch and the rep console's writes 16 KB, a hand-off 12 KB,
 * ingest its own, everything else 64 KB.
 */
export function bodyLimits(): MiddlewareHandler {
  const standard = limitBody(DEFAULT_BODY_BYTES, 'a request body here');
  const model = limitBody(MODEL_BODY_BYTES, 'a value model');
  const journey = limitBody(journeyLimits.maxRequestBytes, 'a journey batch');
  const handoff = limitBody(HANDOFF_BODY_BYTES, 'a hand-off');
  const rep = limitBody(REP_BODY_BYTES, 'a rep console request');
  return async function bodyLimits(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS')
      return next();
    if (OWN_LIMITS.test(c.req.path)) return next();
    if (c.req.path === '/v1/admin/model') return model(c, next);
    if (c.req.path === '/v1/journey' || c.req.path === '/v1/journey/') return journey(c, next);
    if (HANDOFF_PATHS.test(c.req.path)) return handoff(c, next);
    if (REP_CONSOLE.test(c.req.path)) return rep(c, next);
    return standard(c, next);
  };
}

/**
 * An error answered before the request's body was read to its end leaves the rest of it on the
 * connection; Node would drop that connection a moment later, killing the next request a client
 * sends on it. Such answers say `Connection: close`, so the client opens a new one instead.
 */
export function closeAfterEarlyAnswer(): MiddlewareHandler {
  return async function closeAfterEarlyAnswer(c, next) {
    await next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (c.res.status >= 400 && incoming && !incoming.complete) {
      c.res.headers.set('Connection', 'close');
    }
  };
}

/** Refuses bodies over `maxBytes` with 413, whether or not Content-Length was sent. */
export function limitBody(maxBytes: number, what: string) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes, what);
    },
  });
}

function tooLarge(maxBytes: number, what: string): ApiError {
  return new ApiError(
    413,
    'request_too_large',
    `${what} is limited to ${Math.round(maxBytes / 1024)} KB`,
  );
}

/**
 * limitBody for a route that reads its body with requestBody: served by Node, only the length the
 * request declares is checked here (requestBody counts the bytes as it reads them); otherwise
 * (a request made in-process) limitBody's.
 */
export function limitBodyRead(maxBytes: number, what: string): MiddlewareHandler {
  const limited = limitBody(maxBytes, what);
  return async function limitBodyRead(c, next) {
    const incoming = unreadIncoming(c);
    if (!incoming) return limited(c, next);
    const declared = incoming.headers['content-length'];
    if (
      declared !== undefined &&
      incoming.headers['transfer-encoding'] === undefined &&
      Number(declared) > maxBytes
    ) {
      throw tooLarge(maxBytes, what);
    }
    return next();
  };
}

/**
 * The body's bytes, at most `maxBytes` (413 past them, and nothing more is read), in a buffer of
 * their own (so they can move to another thread). Read straight from Node's request when nothing
 * has started reading it: to read a body otherwise, Hono's Node adapter builds a web Request and a
 * web stream over the request for each one. Use with limitBodyRead.
 */
export async function requestBody(c: Context, maxBytes: number, what: string): Promise<Uint8Array> {
  const incoming = unreadIncoming(c);
  if (!incoming) return new Uint8Array(await c.req.arrayBuffer());
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: ApiError) => {
      incoming.off('data', data).off('end', end).off('error', failed).off('close', closed);
      if (error) {
        // The rest stays unread: the answer closes the connection (closeAfterEarlyAnswer).
        incoming.pause();
        reject(error);
      } else resolve();
    };
    const data = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge(maxBytes, what));
      else chunks.push(chunk);
    };
    const end = () => settle();
    const failed = () => settle(INCOMPLETE());
    const closed = () => {
      if (!incoming.complete) settle(INCOMPLETE());
    };
    incoming.on('data', data).on('end', end).on('error', failed).on('close', closed);
  });
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

const INCOMPLETE = () =>
  new ApiError(400, 'incomplete_body', 'the connection closed before the body was complete');

/** Node's request under this one, when it is served by Node and nothing has read its body yet. */
function unreadIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && incoming.readableFlowing === null && !incoming.readableDidRead
    ? incoming
    : undefined;
}

/**
 * The body as text, decompressed when it says so (ingest): `maxBytes` counts what it decompresses
 * to (see decodeText).
 */
async function bodyText(c: Context, maxBytes?: number): Promise<string> {
  const encoding = contentEncodingOf(c);
  if (encoding === 'identity') return c.req.text();
  return decodeText(
    new Uint8Array(await c.req.arrayBuffer()),
    encoding,
    maxBytes ?? DEFAULT_BODY_BYTES,
  );
}

export function contentEncodingOf(c: Context): string {
  return (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase() || 'identity';
}

/** Parses a JSON body, answering 400 with where it broke. */
export async function readJson(c: Context, options: { maxBytes?: number } = {}): Promise<unknown> {
  return parseJsonText(await bodyText(c, options.maxBytes));
}

/**
 * JSON bodies only; `text/plain` is accepted too because browsers send beacons that way.
 * `compressed`: gzip and deflate bodies are accepted too (ingest), and a compressed body typed
 * application/x-www-form-urlencoded is read as the JSON it is.
 */
export function requireJson(c: Context, options: { compressed?: boolean } = {}): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const encoded = contentEncodingOf(c) !== 'identity';
  // RudderStack's Node client posts its gzipped JSON under axios' default type for a buffer.
  const formTyped = options.compressed && encoded && type === 'application/x-www-form-urlencoded';
  if (type !== 'application/json' && type !== 'text/plain' && !formTyped) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send the body as application/json${type ? `, not ${type}` : ' (Content-Type is missing)'}`,
    );
  }
  const encoding = contentEncodingOf(c);
  if (encoding !== 'identity' && !(options.compressed && Object.hasOwn(DECODERS, encoding))) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      options.compressed
        ? `Content-Encoding "${encoding}" is not supported; send the body as it is, or as gzip or deflate`
        : `Content-Encoding "${encoding}" is not supported here; send the body uncompressed`,
    );
  }
}
