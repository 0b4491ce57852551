import { gunzipSync, inflateSync } from 'node:zlib';
import { ApiError } from './errors.ts';

/** Content-Encodings ingest accepts, as Segment's and RudderStack's clients send them. */
export const DECODERS: Record<string, typeof gunzipSync> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
};

/**
 * A body's bytes as text, decompressed by `encoding` (`identity`, or one of DECODERS). `maxBytes`
 * counts what it decompresses to, and decompression stops as soon as it passes it: a small bomb
 * costs no more than the limit.
 */
export function decodeText(bytes: Uint8Array, encoding: string, maxBytes: number): string {
  if (encoding === 'identity') return Buffer.from(bytes).toString('utf8');
  const decode = DECODERS[encoding];
  if (!decode) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Content-Encoding "${encoding}" is not supported`,
    );
  }
  try {
    return decode(bytes, { maxOutputLength: maxBytes + 1 }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ApiError(
        413,
        'request_too_large',
        `the body decompresses to more than ${Math.round(maxBytes / 1024)} KB, the limit`,
      );
    }
    throw new ApiError(
      400,
      'invalid_encoding',
      `the body is not valid ${encoding} data: ${(error as Error).message}`,
    );
  }
}

/** Parses JSON text, answering 400 with where it broke. */
export function parseJsonText(text: string): unknown {
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
