import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A brief's signed link: `GET /v1/briefs/{id}?expires=…&signature=…` answers the brief with no
 * credentials until it expires. The signature is HMAC-SHA256 of "{id}.{expires}" (Unix seconds)
 * keyed with a key derived from the secret key, so a deployment keeps a single secret.
 */

const KEY_LABEL = 'valueprint brief links v1';

/** The link signing key, derived from the secret key (as embed tokens derive theirs). */
export function briefLinkKey(secretKey: string): string {
  return createHmac('sha256', secretKey).update(KEY_LABEL).digest('hex');
}

function signatureOf(key: string, id: string, expires: number): Buffer {
  return createHmac('sha256', key).update(`${id}.${expires}`).digest();
}

/** The link to a brief, under `base` (the public URL, or the request's origin). */
export function briefLink(key: string, base: string, id: string, expires: number): string {
  const signature = signatureOf(key, id, expires).toString('base64url');
  const root = base.replace(/\/+$/, '');
  return `${root}/v1/briefs/${encodeURIComponent(id)}?expires=${expires}&signature=${signature}`;
}

/**
 * Whether the link is ours and still works at `now` (UTC milliseconds). The signature is compared
 * in constant time; a malformed one is simply not ours.
 */
export function briefLinkValid(
  key: string,
  id: string,
  expires: string,
  signature: string,
  now: number,
): 'ok' | 'bad_signature' | 'expired' {
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) {
    return 'bad_signature';
  }
  // The text compared, not decoded bytes: one link has one spelling.
  const expected = Buffer.from(signatureOf(key, id, Number(expires)).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'bad_signature';
  }
  return Number(expires) * 1000 > now ? 'ok' : 'expired';
}
