import { createHmac } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import { JwtTokenExpired } from 'hono/utils/jwt/types';
import { z } from 'zod';
import { type EmbedRole, embedRoles } from '../../blueprint/api/embed.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** Pinned: a token naming any other algorithm (none, HS512, RS256…) is refused before its signature. */
const ALGORITHM = 'HS256';
const ISSUER = 'valueprint';
/** Keeps embed tokens apart from any other JWT the deployment might ever sign with a related key. */
const AUDIENCE = 'valueprint:embed';
const TOKEN_TYPE = 'embed';
const KEY_LABEL = 'valueprint embed tokens v1';

/** Who is asking, for which account: read from the token alone, never from the request. */
export interface EmbedSession {
  accountId: string;
  userId: string;
  role: EmbedRole;
  locale: string | undefined;
}

const claimsSchema = z.object({
  iss: z.literal(ISSUER),
  aud: z.literal(AUDIENCE),
  typ: z.literal(TOKEN_TYPE),
  sub: z.string().min(1).max(256),
  acc: z.string().min(1).max(256),
  role: z.enum(embedRoles),
  locale: z.string().max(35).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** The embed signing key, derived from the secret key so a deployment keeps a single secret. */
export function embedSigningKey(secretKey: string): string {
  // Hex keeps the key plain ASCII for hono's raw key import.
  return createHmac('sha256', secretKey).update(KEY_LABEL).digest('hex');
}

/** Signs a short-lived token for one user of one customer account. */
export async function mintEmbedToken(
  signingKey: string,
  session: { accountId: string; userId: string; role: EmbedRole; locale?: string | undefined },
  options: { ttlMinutes: number; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = iat + Math.round(options.ttlMinutes * 60);
  const claims: z.infer<typeof claimsSchema> = {
    iss: ISSUER,
    aud: AUDIENCE,
    typ: TOKEN_TYPE,
    sub: session.userId,
    acc: session.accountId,
    role: session.role,
    ...(session.locale ? { locale: session.locale } : {}),
    iat,
    exp,
  };
  const token = await sign(claims, signingKey, ALGORITHM);
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * A JWT segment in its one canonical base64url spelling: the URL-safe alphabet, no `=` padding, a
 * length that can hold whole bytes, and no bits set past the last byte. Decoders forgive the rest,
 * so without this one token would have several spellings (that verify alike).
 */
function isCanonicalSegment(segment: string): boolean {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return false;
  const spare = segment.length % 4 === 2 ? 4 : segment.length % 4 === 3 ? 2 : 0;
  if (spare === 0) return true;
  const last = BASE64URL.indexOf(segment.at(-1) as string);
  return (last & ((1 << spare) - 1)) === 0;
}
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Verifies signature, algorithm, audience, issuer and lifetime; any failure is a 401. */
export async function verifyEmbedToken(signingKey: string, token: string): Promise<EmbedSession> {
  const segments = token.split('.');
  if (segments.length !== 3 || !segments.every(isCanonicalSegment)) {
    throw unauthorized(
      'the embed token is not a well-formed JWT (three canonical base64url parts)',
    );
  }
  let payload: unknown;
  try {
    payload = await verify(token, signingKey, { alg: ALGORITHM, iss: ISSUER, aud: AUDIENCE });
  } catch (error) {
    if (error instanceof JwtTokenExpired) {
      throw unauthorized(
        'the embed token expired; the host page should fetch a new one from its backend (POST /v1/embed/sessions)',
      );
    }
    throw unauthorized('the embed token is not valid (bad signature, algorithm or audience)');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized('the embed token is missing claims Valueprint needs');
  const { acc, sub, role, locale } = claims.data;
  return { accountId: acc, userId: sub, role, locale };
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'unauthorized', message);
}

/** Query parameters a caller might try to pick an account with; the token decides instead. */
const ACCOUNT_PARAMETERS = ['account', 'accountId', 'account_id'];

/**
 * Customer-facing routes: an embed token as `Authorization: Bearer <token>`, nothing else. Sets
 * `c.var.embed`. A query parameter naming another account is refused; naming the same one is ignored.
 */
export function embedAuth(): MiddlewareHandler<AppEnv> {
  return async function embedAuth(c, next) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const { signingKey } = c.get('services').embed;
    try {
      if (!match?.[1]) {
        throw unauthorized('this route needs an embed token: Authorization: Bearer <token>');
      }
      if (!signingKey) {
        throw unauthorized('this deployment has no secret key, so it cannot verify embed tokens');
      }
      c.set('embed', await verifyEmbedToken(signingKey, match[1]));
    } catch (error) {
      c.header('WWW-Authenticate', 'Bearer realm="valueprint-embed"');
      throw error;
    }
    const { accountId } = c.get('embed');
    for (const name of ACCOUNT_PARAMETERS) {
      if ((c.req.queries(name) ?? []).some((value) => value !== accountId)) {
        throw new ApiError(
          403,
          'forbidden',
          `the account comes from the token; "${name}" may not name another account`,
        );
      }
    }
    await next();
  };
}

/** After `embedAuth()`: only tokens minted with role "editor" pass. */
export function requireEditor(): MiddlewareHandler<AppEnv> {
  return async function requireEditor(c, next) {
    const session = c.get('embed') as EmbedSession | undefined;
    if (!session) throw unauthorized('this route needs an embed token');
    if (session.role !== 'editor') {
      throw new ApiError(
        403,
        'forbidden',
        `this needs an embed token with role "editor"; this one is "${session.role}"`,
      );
    }
    await next();
  };
}
