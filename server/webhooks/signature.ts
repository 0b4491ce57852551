import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): each delivery carries
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256
 * of "{id}.{timestamp}.{body}">`, keyed with the bytes of the endpoint's `whsec_` secret.
 */

const SECRET_PREFIX = 'whsec_';
/** The specification asks for 24 to 64 random bytes; 32 is HMAC-SHA256's own block of strength. */
const SECRET_BYTES = 32;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A fresh endpoint secret, `whsec_` and base64 of random bytes; shown to the vendor once. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** A fresh webhook id: `msg_` and URL-safe base64, so it never holds the `.` the signed text splits on. */
export function newWebhookId(): string {
  return `msg_${randomBytes(15).toString('base64url')}`;
}

/** The HMAC key: the base64 after `whsec_` (a secret without the prefix is read as base64 whole). */
export function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('a webhook secret must hold base64 key bytes after whsec_');
  return key;
}

/** `v1,<signature>` of the id, the Unix-seconds timestamp and the body exactly as sent. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', signingKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${digest}`;
}

/** The three headers of one attempt: the timestamp is the attempt's, the id the event's. */
export function signedHeaders(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): SignedHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}

/** True when one of the space-separated `v1,` signatures in the header is this body's. */
export function hasValidSignature(secret: string, headers: SignedHeaders, body: string): boolean {
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isInteger(timestamp)) return false;
  const expected = Buffer.from(signWebhook(secret, headers['webhook-id'], timestamp, body));
  return headers['webhook-signature'].split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
