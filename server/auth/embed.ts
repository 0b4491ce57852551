import type { MiddlewareHandler } from 'hono';
import { sign } from 'hono/jwt';
import { z } from 'zod';
import { type EmbedRole, embedRoles } from '../../blueprint/api/embed.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import {
  ALGORITHM,
  claimedKind,
  deriveSigningKey,
  epochSeconds,
  ISSUER,
  unauthorized,
  verifySigned,
} from './jwt.ts';
import { refuseRepViewWrites } from './read-only.ts';

/** Keeps embed tokens apart from any other JWT the deployment might ever sign with a related key. */
const AUDIENCE = 'valueprint:embed';
const TOKEN_TYPE = 'embed';
const KEY_LABEL = 'valueprint embed tokens v1';
/** The user of a rep view token: `rep:<repId>`. */
export const REP_USER_PREFIX = 'rep:';

/** Who is asking, for which account: read from the token alone, never from the request. */
export interface EmbedSession {
  accountId: string;
  userId: string;
  role: EmbedRole;
  locale: string | undefined;
  /**
   * Set on a rep view token: a success manager reading the account's dashboard (the user is
   * `rep:<id>`). Such a session only reads: every route that writes as the customer refuses it.
   */
  rep?: { id: string; name: string };
}

const claimsSchema = z.object({
  iss: z.literal(ISSUER),
  aud: z.literal(AUDIENCE),
  typ: z.literal(TOKEN_TYPE),
  // A user id, or `rep:` and a rep id on a rep view token.
  sub: z
    .string()
    .min(1)
    .max(256 + REP_USER_PREFIX.length),
  acc: z.string().min(1).max(256),
  role: z.enum(embedRoles),
  locale: z.string().max(35).optional(),
  rep: z.string().min(1).max(256).optional(),
  rep_name: z.string().min(1).max(120).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** The embed signing key, derived from the secret key so a deployment keeps a single secret. */
export function embedSigningKey(secretKey: string): string {
  return deriveSigningKey(secretKey, KEY_LABEL);
}

/** Signs a short-lived token for one user of one customer account. */
export async function mintEmbedToken(
  signingKey: string,
  session: {
    accountId: string;
    userId: string;
    role: EmbedRole;
    locale?: string | undefined;
    /** A rep view token: the success manager who reads the account (see EmbedSession.rep). */
    rep?: { id: string; name: string } | undefined;
  },
  options: { ttlMinutes: number; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const iat = epochSeconds(options.now);
  const exp = iat + Math.round(options.ttlMinutes * 60);
  const claims: z.infer<typeof claimsSchema> = {
    iss: ISSUER,
    aud: AUDIENCE,
    typ: TOKEN_TYPE,
    sub: session.userId,
    acc: session.accountId,
    role: session.role,
    ...(session.locale ? { locale: session.locale } : {}),
    ...(session.rep ? { rep: session.rep.id, rep_name: session.rep.name } : {}),
    iat,
    exp,
  };
  const token = await sign(claims, signingKey, ALGORITHM);
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Verifies signature, algorithm, audience, issuer and lifetime; any failure is a 401. */
export async function verifyEmbedToken(signingKey: string, token: string): Promise<EmbedSession> {
  const payload = await verifySigned(signingKey, token, {
    audience: AUDIENCE,
    name: 'the embed token',
    renew: 'the host page should fetch a new one from its backend (POST /v1/embed/sessions)',
  }).catch((error: unknown) => {
    throw claimedKind(token)?.typ === 'rep'
      ? unauthorized(
          'a rep token does not open customer routes; the rep console reads an account with a view token (POST /v1/rep/accounts/{accountId}/view)',
        )
      : error;
  });
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized('the embed token is missing claims Valueprint needs');
  const { acc, sub, role, locale, rep, rep_name } = claims.data;
  // A rep view token names the rep and their name together; half of it is no token of ours.
  if ((rep === undefined) !== (rep_name === undefined)) {
    throw unauthorized('the embed token is missing claims Valueprint needs');
  }
  return {
    accountId: acc,
    userId: sub,
    role,
    locale,
    ...(rep !== undefined && rep_name !== undefined ? { rep: { id: rep, name: rep_name } } : {}),
  };
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
    refuseRepViewWrites(c.req.method, c.req.path, c.get('embed'));
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
