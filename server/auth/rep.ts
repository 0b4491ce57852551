import type { MiddlewareHandler } from 'hono';
import { sign } from 'hono/jwt';
import { z } from 'zod';
import { MAX_REP_ACCOUNTS } from '../../blueprint/api/rep.ts';
import { WRITE_KEY_PREFIX } from '../../telemetry/write-keys.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { credentialFrom } from './credentials.ts';
import {
  ALGORITHM,
  claimedKind,
  deriveSigningKey,
  epochSeconds,
  ISSUER,
  unauthorized,
  verifySigned,
} from './jwt.ts';
import { sameSecret } from './keys.ts';

/**
 * Rep tokens: the vendor signs its success managers in the way it signs customers in, with a
 * short token minted with the secret key. The token names the rep and the accounts they serve;
 * rep routes take nothing else, and a rep sees only those accounts.
 */

const AUDIENCE = 'valueprint:rep';
const TOKEN_TYPE = 'rep';
/** Its own label: a rep key signs no embed token, an embed key no rep token. */
const KEY_LABEL = 'valueprint rep tokens v1';
const EVERY_ACCOUNT = '*';

/** Which accounts a rep serves: every one, or these. */
export type RepAccounts = '*' | string[];

/** Who the rep is, read from the token alone. */
export interface RepSession {
  repId: string;
  /** How customers see the rep. */
  name: string;
  accounts: RepAccounts;
  locale: string | undefined;
  /** When the token stops working; a view token minted with it lives no longer. */
  expiresAt: Date;
}

/** An account a rep serves; `*` stands alone, never among ids. */
const accountId = z
  .string()
  .min(1)
  .max(256)
  .refine((id) => id !== EVERY_ACCOUNT);

const claimsSchema = z.object({
  iss: z.literal(ISSUER),
  aud: z.literal(AUDIENCE),
  typ: z.literal(TOKEN_TYPE),
  sub: z.string().min(1).max(256),
  name: z.string().min(1).max(120),
  acc: z.union([
    z.tuple([z.literal(EVERY_ACCOUNT)]),
    z.array(accountId).min(1).max(MAX_REP_ACCOUNTS),
  ]),
  locale: z.string().max(35).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** The rep signing key, derived from the secret key under its own label. */
export function repSigningKey(secretKey: string): string {
  return deriveSigningKey(secretKey, KEY_LABEL);
}

/** Signs a short-lived token for one rep and the accounts they serve (`["*"]`: every account). */
export async function mintRepToken(
  signingKey: string,
  rep: {
    repId: string;
    name: string;
    accounts: RepAccounts | readonly string[];
    locale?: string | undefined;
  },
  options: { ttlMinutes: number; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const iat = epochSeconds(options.now);
  const exp = iat + Math.round(options.ttlMinutes * 60);
  const every = rep.accounts === EVERY_ACCOUNT || rep.accounts.includes(EVERY_ACCOUNT);
  const claims = claimsSchema.parse({
    iss: ISSUER,
    aud: AUDIENCE,
    typ: TOKEN_TYPE,
    sub: rep.repId,
    name: rep.name,
    acc: every ? [EVERY_ACCOUNT] : [...new Set(rep.accounts)],
    ...(rep.locale ? { locale: rep.locale } : {}),
    iat,
    exp,
  });
  const token = await sign(claims, signingKey, ALGORITHM);
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Verifies signature, algorithm, audience, issuer and lifetime; any failure is a 401. */
export async function verifyRepToken(signingKey: string, token: string): Promise<RepSession> {
  const payload = await verifySigned(signingKey, token, {
    audience: AUDIENCE,
    name: 'the rep token',
    renew:
      'sign in to the rep console again (your backend mints a new one with POST /v1/rep/sessions)',
  }).catch((error: unknown) => {
    throw claimedKind(token)?.typ === 'embed'
      ? unauthorized(
          'an embed token does not open rep routes; they take a rep token (POST /v1/rep/sessions)',
        )
      : error;
  });
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized('the rep token is missing claims Valueprint needs');
  const { sub, name, acc, locale, exp } = claims.data;
  return {
    repId: sub,
    name,
    accounts: acc[0] === EVERY_ACCOUNT ? EVERY_ACCOUNT : acc,
    locale,
    expiresAt: new Date(exp * 1000),
  };
}

/** Whether the rep serves this account. */
export function repServes(accounts: RepAccounts, accountId: string): boolean {
  return accounts === EVERY_ACCOUNT || accounts.includes(accountId);
}

/**
 * Rep routes: a rep token as `Authorization: Bearer <token>`, nothing else (no embed token, no
 * write key, not the secret key). Sets `c.var.rep`.
 */
export function repAuth(): MiddlewareHandler<AppEnv> {
  return async function repAuth(c, next) {
    const header = c.req.header('authorization');
    const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    const credential = given ?? credentialFrom(header);
    const { services } = c.var;
    try {
      if (credential?.startsWith(WRITE_KEY_PREFIX)) {
        throw unauthorized('a write key does not open rep routes; they take a rep token');
      }
      if (credential && services.secretKey && sameSecret(credential, services.secretKey)) {
        throw unauthorized(
          'the secret key does not open rep routes; mint a rep token with it (POST /v1/rep/sessions) and send that',
        );
      }
      if (!given) {
        throw unauthorized(
          'this route needs a rep token: Authorization: Bearer <token> (POST /v1/rep/sessions)',
        );
      }
      const { signingKey } = services.rep;
      if (!signingKey) {
        throw unauthorized('this deployment has no secret key, so it cannot verify rep tokens');
      }
      c.set('rep', await verifyRepToken(signingKey, given));
    } catch (error) {
      c.header('WWW-Authenticate', 'Bearer realm="valueprint-rep"');
      throw error;
    }
    await next();
  };
}

/** 403 unless the rep serves the account. */
export function requireRepAccount(
  rep: Pick<RepSession, 'accounts'>,
  accountId: string,
  what = 'this account',
): void {
  if (!repServes(rep.accounts, accountId)) {
    throw new ApiError(403, 'forbidden', `${what} is not among the accounts your rep token names`);
  }
}
