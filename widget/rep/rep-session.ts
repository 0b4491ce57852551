import type { TokenSource } from '../api/client.ts';

/**
 * Signing the rep in. Outside demo mode the vendor opens `/rep#token=<rep token>`: the token is
 * read from the fragment, which the browser never sends to the server, then kept for this tab
 * only (sessionStorage) and taken out of the address. In demo mode the page's own backend
 * (`/rep/api/session`) mints a demo rep's token, as a vendor's backend would.
 */

const KEY = 'valueprint-rep-token';

/** The token in a fragment such as `#token=eyJ…` (other fragment parameters are ignored). */
export function tokenFromFragment(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : undefined;
}

/** What the console shows of the token's claims (read, not verified: the server checks). */
export function repClaims(token: string): { name?: string; locale?: string } {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))) as Record<
      string,
      unknown
    >;
    const name = [claims.rep_name, claims.name].find((value) => typeof value === 'string');
    return {
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof claims.locale === 'string' ? { locale: claims.locale } : {}),
    };
  } catch {
    return {};
  }
}

/** The token of this tab: from the fragment (then removed from the address), else kept earlier. */
export function takeFragmentToken(location: Location, history: History, storage: Storage) {
  const fromFragment = tokenFromFragment(location.hash);
  if (fromFragment) {
    storage.setItem(KEY, fromFragment);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return storage.getItem(KEY) ?? undefined;
}

export interface DemoSession {
  token: string;
  expiresAt: string;
  rep: { id: string; name: string };
}

/** A token source asking the demo's backend for a demo rep's token. */
export function demoTokenSource(
  url: string,
  onSession: (session: DemoSession) => void,
): TokenSource {
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`the demo session answered ${response.status}`);
    const session = (await response.json()) as DemoSession;
    onSession(session);
    return session.token;
  };
}
