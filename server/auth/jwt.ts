import { createHmac } from 'node:crypto';
import { verify } from 'hono/jwt';
import { JwtTokenExpired } from 'hono/utils/jwt/types';
import { ApiError } from '../errors.ts';

/**
 * What every token Valueprint signs has in common (embed tokens, rep tokens): HS256 pinned, the
 * issuer, one canonical spelling, a key of its own derived from the secret key, and a 401 for any
 * failure. Each kind keeps its own audience, type and key label, so no token passes as another.
 */

/** Pinned: a token naming any other algorithm (none, HS512, RS256…) is refused before its signature. */
export const ALGORITHM = 'HS256';
export const ISSUER = 'valueprint';

/**
 * A signing key for one kind of token, derived from the secret key under the kind's own label, so
 * a deployment keeps a single secret and a key leaked for one kind signs no other.
 */
export function deriveSigningKey(secretKey: string, label: string): string {
  // Hex keeps the key plain ASCII for hono's raw key import.
  return createHmac('sha256', secretKey).update(label).digest('hex');
}

/** Seconds since the epoch, as JWT times are counted. */
export function epochSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * A JWT segment in its one canonical base64url spelling: the URL-safe alphabet, no `=` padding, a
 * length that can hold whole bytes, and no bits set past the last byte. Decoders forgive the rest,
 * so without this one token would have several spellings (that verify alike).
 */
export function isCanonicalSegment(segment: string): boolean {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return false;
  const spare = segment.length % 4 === 2 ? 4 : segment.length % 4 === 3 ? 2 : 0;
  if (spare === 0) return true;
  const last = BASE64URL.indexOf(segment.at(-1) as string);
  return (last & ((1 << spare) - 1)) === 0;
}
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Three canonical base64url segments. */
export function isWellFormedJwt(token: string): boolean {
  const segments = token.split('.');
  return segments.length === 3 && segments.every(isCanonicalSegment);
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, 'unauthorized', message);
}

/**
 * Verifies shape, signature, algorithm, issuer, audience and lifetime, and returns the payload for
 * the caller's claims schema. `name` says which token it is in the messages ("the rep token"),
 * `renew` how to get a new one when it expired.
 */
export async function verifySigned(
  signingKey: string,
  token: string,
  expect: { audience: string; name: string; renew: string },
): Promise<unknown> {
  if (!isWellFormedJwt(token)) {
    throw unauthorized(`${expect.name} is not a well-formed JWT (three canonical base64url parts)`);
  }
  try {
    return await verify(token, signingKey, { alg: ALGORITHM, iss: ISSUER, aud: expect.audience });
  } catch (error) {
    if (error instanceof JwtTokenExpired) {
      throw unauthorized(`${expect.name} expired; ${expect.renew}`);
    }
    throw unauthorized(`${expect.name} is not valid (bad signature, algorithm or audience)`);
  }
}

/**
 * The `typ` and `aud` a JWT says it has, read without verifying anything: only to tell a caller
 * which kind of token they sent where another was needed. Never to let anything through.
 */
export function claimedKind(token: string): { typ?: unknown; aud?: unknown } | null {
  if (!isWellFormedJwt(token)) return null;
  try {
    const payload: unknown = JSON.parse(
      Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'),
    );
    return payload !== null && typeof payload === 'object'
      ? (payload as { typ?: unknown; aud?: unknown })
      : null;
  } catch {
    return null;
  }
}
