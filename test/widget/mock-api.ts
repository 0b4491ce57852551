import type { Cut } from '../../widget/core/cut.ts';

/**
 * A stand-in for the value API inside the browser tests: `fetch` answers from fixtures, records
 * every call (path, query, headers, body) and lets a test hold, fail or change answers.
 */

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  body: unknown;
  /** Sent to outlive the page (`fetch(…, {keepalive: true})`). */
  keepalive: boolean;
}

export type MockAnswer =
  | { status?: number; body: unknown }
  | ((
      call: RecordedCall,
    ) => { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>);

export interface MockApi {
  calls: RecordedCall[];
  /** Answers for a path such as "/v1/value/summary"; the latest set wins. */
  answer(path: string, answer: MockAnswer): void;
  /** Makes every call to a path wait until `release()` is called. */
  hold(path: string): { release: () => void };
  restore(): void;
}

export const API = 'https://value.test';

/** The cut the fixtures were recorded with: the default 90 days up to 2026-11-27. */
export const FIXTURE_CUT: Cut = {
  from: '2026-08-30',
  to: '2026-11-27',
  preset: '90d',
  compare: 'previous',
  compareFrom: '2026-06-01',
  compareTo: '2026-08-29',
};

export function mockApi(answers: Record<string, MockAnswer> = {}): MockApi {
  const original = window.fetch;
  const table = new Map(Object.entries(answers));
  const holds = new Map<string, Promise<void>>();
  const calls: RecordedCall[] = [];

  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    if (url.origin !== API) return original(input, init);
    const headers = new Headers(init.headers);
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: headers.get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      keepalive: init.keepalive === true,
    };
    calls.push(call);
    await holds.get(url.pathname);
    const answer = table.get(url.pathname);
    if (!answer) {
      return new Response(
        JSON.stringify({ error: { code: 'not_found', message: `no fixture for ${url.pathname}` } }),
        {
          status: 404,
          headers: { 'content-type': 'application/json' },
        },
      );
    }
    const { status = 200, body } = typeof answer === 'function' ? await answer(call) : answer;
    // 204 carries no body at all (a Response refuses one).
    if (status === 204) return new Response(null, { status });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };

  return {
    calls,
    answer: (path, answer) => table.set(path, answer),
    hold(path) {
      let release = () => {};
      holds.set(
        path,
        new Promise<void>((resolve) => {
          release = () => {
            holds.delete(path);
            resolve();
          };
        }),
      );
      return { release };
    },
    restore() {
      window.fetch = original;
    },
  };
}

/** A token the client can read the expiry of (the signature is not checked in the browser). */
export function fakeToken(
  expiresInSeconds = 900,
  account = 'acme-corp',
  role: 'viewer' | 'editor' = 'viewer',
  claims: Record<string, unknown> = {},
): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
  const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: `${account}-u1`, acc: account, role, exp, ...claims })}.signature`;
}

/**
 * A real response of the demo's acme-corp account from test/widget/fixtures ("story" or
 * "story.json"). JSON module imports do not load in the test runner, so fixtures are fetched.
 */
export async function loadFixture<T>(name: string): Promise<T> {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  const response = await fetch(new URL(`./fixtures/${file}`, import.meta.url));
  if (!response.ok) throw new Error(`there is no fixture ${file}`);
  return (await response.json()) as T;
}
