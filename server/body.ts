import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.ts';

/** Refuses bodies over `maxBytes` with 413, whether or not Content-Length was sent. */
export function limitBody(maxBytes: number, what: string) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(
        413,
        'request_too_large',
        `${what} is limited to ${Math.round(maxBytes / 1024)} KB`,
      );
    },
  });
}

/** Parses a JSON body, answering 400 with where it broke. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '')
    throw new ApiError(400, 'invalid_json', 'the request body is empty; send JSON');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      'invalid_json',
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** JSON bodies only; `text/plain` is accepted too because browsers send beacons that way. */
export function requireJson(c: Context): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && type !== 'text/plain') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send the body as application/json${type ? `, not ${type}` : ' (Content-Type is missing)'}`,
    );
  }
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Content-Encoding "${encoding}" is not supported; send the body uncompressed`,
    );
  }
}
