import type { EmbedRole } from '../../blueprint/api/embed.ts';
import type { ApiErrorBody } from './types.ts';

/** Gives the widget a fresh embed token; the host's backend mints it with the secret key. */
export type TokenSource = () => Promise<string>;

/** Refresh this long before a token's `exp`, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;
/** With fetchToken, a timer fetches the next token at this share of the current one's lifetime. */
const REFRESH_AT = 0.8;

/**
 * A failed value API call, with the server's stable code, or the widget's own: `network` (the
 * service could not be reached), `origin_not_allowed` (it is up but refuses this page's origin),
 * `session_failed` (fetchToken threw or gave no token), `token_expired` (a fixed token ran out),
 * `bad_response`.
 */
export class ValueprintError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    /** Seconds to wait before asking again (a 429's or 503's Retry-After, when the browser may read it). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ValueprintError';
  }
}

export interface ClientOptions {
  /** The service's base URL, e.g. "https://value.example.com" (no trailing /v1). */
  api: string;
  token?: string;
  fetchToken?: TokenSource;
  /** The reader's language: value answers name drivers, units and promises in it. */
  locale?: string;
}

/**
 * Who the token says the user is. Read without checking the signature, so it only decides what
 * the interface offers (an editor sees edit controls); the server checks every request itself.
 */
export interface EmbedSession {
  accountId?: string;
  role?: EmbedRole;
  locale?: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
  /** Milliseconds since the epoch (`iat`). */
  issuedAt?: number;
  /** Set when a success manager views the account read-only (the `rep` claim): their id. */
  rep?: string;
}

export function readToken(token: string): EmbedSession {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))) as Record<
      string,
      unknown
    >;
    const session: EmbedSession = {};
    if (typeof claims.acc === 'string') session.accountId = claims.acc;
    if (claims.role === 'viewer' || claims.role === 'editor') session.role = claims.role;
    if (typeof claims.locale === 'string') session.locale = claims.locale;
    if (typeof claims.exp === 'number') session.expiresAt = claims.exp * 1000;
    if (typeof claims.iat === 'number') session.issuedAt = claims.iat * 1000;
    if (typeof claims.rep === 'string' && claims.rep) session.rep = claims.rep;
    return session;
  } catch {
    return {};
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  );
}

/**
 * Talks to the customer-facing value API with an embed token. With `fetchToken` it asks for a
 * token at the first call, again shortly before the token expires, and once more after a 401.
 */
export class ValueprintClient {
  readonly api: string;
  private token: string | undefined;
  private readonly fetchToken: TokenSource | undefined;
  private readonly locale: string | undefined;
  private pendingToken: Promise<string> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** GETs in flight by URL: pieces asking for the same thing at once share one request. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(options: ClientOptions) {
    this.api = options.api.replace(/\/+$/, '');
    this.token = options.token || undefined;
    this.fetchToken = options.fetchToken;
    this.locale = options.locale || undefined;
  }

  get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ locale: this.locale, ...params })) {
      if (value) query.set(key, value);
    }
    const search = query.size > 0 ? `?${query}` : '';
    const url = `${path}${search}`;
    let pending = this.inFlight.get(url) as Promise<T> | undefined;
    if (!pending) {
      pending = this.request<T>(url, { method: 'GET' }).finally(() => this.inFlight.delete(url));
      this.inFlight.set(url, pending);
    }
    return pending;
  }

  /** The token in hand, if any (no fetch): the element reads its `locale` claim. */
  get heldToken(): string | undefined {
    return this.token;
  }

  /** The current token's claims (fetching a token first when there is none yet). */
  async session(): Promise<EmbedSession> {
    return readToken(await this.currentToken());
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.write<T>('PUT', path, body);
  }

  /** With `keepalive`, the request outlives the page (sent while it hides or unloads). */
  post<T>(path: string, body: unknown, keepalive?: boolean): Promise<T> {
    return this.write<T>('POST', path, body, keepalive);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'DELETE' });
  }

  private write<T>(method: string, path: string, body: unknown, keepalive?: boolean): Promise<T> {
    return this.request<T>(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      keepalive,
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let response = await this.send(path, init, await this.currentToken());
    if (response.status === 401 && this.fetchToken) {
      response = await this.send(path, init, await this.refreshToken());
    }
    const expiresAt = this.token ? readToken(this.token).expiresAt : undefined;
    if (response.status === 401 && !this.fetchToken && expiresAt && expiresAt <= Date.now()) {
      throw new ValueprintError('token_expired', 'the embed token has expired', 401);
    }
    // 204: done, nothing to read (feedback on an offer).
    if (response.status === 204) return undefined as T;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ValueprintError(
        'bad_response',
        `the value service answered ${response.status} without JSON`,
        response.status,
      );
    }
    if (!response.ok) {
      // Cross-origin, the browser shows Retry-After only when the service exposes it.
      const wait = Number(response.headers.get('retry-after') ?? Number.NaN);
      const retryAfter = Number.isFinite(wait) && wait >= 0 ? wait : undefined;
      if (isErrorBody(body)) {
        throw new ValueprintError(body.error.code, body.error.message, response.status, retryAfter);
      }
      throw new ValueprintError('bad_response', `the value service answered ${response.status}`);
    }
    return body as T;
  }

  private async send(path: string, init: RequestInit, token: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(`${this.api}${path}`, { ...init, headers, credentials: 'omit' });
    } catch (cause) {
      if (await this.refusesOrigin()) {
        throw new ValueprintError(
          'origin_not_allowed',
          `the value service at ${this.api} does not allow this page's origin ` +
            `(${location.origin}): add it to VALUEPRINT_ALLOWED_ORIGINS`,
        );
      }
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ValueprintError('network', `could not reach the value service (${reason})`);
    }
  }

  /**
   * The browser hides why a cross-origin request failed. Inferred: the browser is online and the
   * service answers a no-cors request (which CORS does not check), so it is up and refused the
   * origin. Offline or not answering at all: a network failure.
   */
  private async refusesOrigin(): Promise<boolean> {
    if (!navigator.onLine || new URL(this.api, location.href).origin === location.origin) {
      return false;
    }
    try {
      await fetch(`${this.api}/healthz`, {
        mode: 'no-cors',
        credentials: 'omit',
        cache: 'no-store',
      });
      return true;
    } catch {
      return false;
    }
  }

  private async currentToken(): Promise<string> {
    const expiry = this.token ? readToken(this.token).expiresAt : undefined;
    const fresh = this.token && (expiry === undefined || expiry - REFRESH_MARGIN_MS > Date.now());
    if (fresh && this.token) return this.token;
    if (this.fetchToken) return this.refreshToken();
    if (this.token) return this.token; // Expiring, but nothing to refresh it with: let the server say.
    throw new ValueprintError('no_token', 'no embed token: set the token attribute or fetchToken');
  }

  /** Stops the refresh timer (the element that made this client left the page). */
  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /**
   * Fetches the next token at ~80% of this one's lifetime (from `iat`, else from now, to `exp`),
   * so a long-open page never sends a dying token. A failed refresh is not shown: the next
   * request asks again and reports it.
   */
  private scheduleRefresh(token: string): void {
    this.dispose();
    const { expiresAt, issuedAt } = readToken(token);
    if (expiresAt === undefined) return;
    const now = Date.now();
    const from = issuedAt !== undefined && issuedAt <= now ? issuedAt : now;
    const at = from + (expiresAt - from) * REFRESH_AT;
    const delay = Math.min(Math.max(at - now, 1_000), 2 ** 31 - 1);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refreshToken().catch(() => {});
    }, delay);
  }

  /** One refresh at a time, however many requests are waiting for it. */
  private refreshToken(): Promise<string> {
    const fetchToken = this.fetchToken;
    if (!fetchToken) return Promise.reject(new ValueprintError('no_token', 'no fetchToken'));
    this.pendingToken ??= fetchToken()
      .then((token) => {
        if (typeof token !== 'string' || token === '') {
          throw new ValueprintError('session_failed', 'fetchToken gave no token');
        }
        this.token = token;
        this.scheduleRefresh(token);
        return token;
      })
      .catch((cause: unknown) => {
        if (cause instanceof ValueprintError) throw cause;
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new ValueprintError('session_failed', `fetchToken failed (${reason})`);
      })
      .finally(() => {
        this.pendingToken = undefined;
      });
    return this.pendingToken;
  }
}
