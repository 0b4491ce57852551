import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminAuth,
  bearer,
  expectError,
  postJson,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

/**
 * /v1/admin/webhooks through the real API: registration with the address check (a fake resolver
 * stands in for DNS), the secret shown once, rotation, the delivery log and a manual retry, and
 * the usual error and security answers. The worker's fetch is a fake receiver.
 */

const dns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14'],
  'intranet.example.com': ['192.168.10.4'],
};
const received: Array<{ url: string; id: string }> = [];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    webhooks: {
      resolve: async (host) => dns[host] ?? [],
      fetch: (async (url: URL | string, init?: RequestInit) => {
        const headers = init?.headers as Record<string, string>;
        received.push({ url: String(url), id: headers['webhook-id'] as string });
        return new Response(null, { status: 503 });
      }) as typeof fetch,
    },
  });
});
afterAll(() => t.close());

const admin = { ...adminAuth };
const get = (path: string, headers: Record<string, string> = admin) =>
  Promise.resolve(t.app.request(path, { headers }));
const send = (method: string, path: string, headers: Record<string, string> = admin) =>
  Promise.resolve(t.app.request(path, { method, headers }));

async function register(
  body: unknown = { url: 'https://hooks.example.com/in', events: ['offer.accepted'] },
) {
  return postJson(t.app, '/v1/admin/webhooks', body, admin);
}

interface Created {
  id: string;
  url: string;
  events: string[];
  secret: string;
  description: string | null;
}

describe('POST /v1/admin/webhooks', () => {
  it('registers an endpoint and shows its secret once', async () => {
    const res = await register({
      url: 'https://hooks.example.com/in',
      events: ['offer.accepted', 'handoff.created', 'offer.accepted'],
      description: 'CRM tasks',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as Created;
    expect(created).toEqual({
      id: expect.stringMatching(/^whk_/),
      url: 'https://hooks.example.com/in',
      events: ['offer.accepted', 'handoff.created'],
      description: 'CRM tasks',
      createdAt: expect.any(String),
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    const one = await (await get(`/v1/admin/webhooks/${created.id}`)).json();
    expect(one).toEqual({ ...created, secret: undefined });
    expect(JSON.stringify(one)).not.toContain(created.secret);
    const list = (await (await get('/v1/admin/webhooks')).json()) as { webhooks: unknown[] };
    expect(list.webhooks).toContainEqual(one);
    expect(JSON.stringify(list)).not.toContain('whsec_');
  });

  it('names what is wrong with a bad URL or event', async () => {
    let error = await expectError(
      await register({ url: 'hooks', events: ['offer.accepted'] }),
      400,
      'invalid_request',
    );
    expect(error.message).toContain('url must be an absolute URL');
    error = await expectError(
      await register({ url: 'https://hooks.example.com/in', events: ['offer.declined'] }),
      400,
      'invalid_request',
    );
    expect(error.message).toContain('handoff.created');
    await expectError(
      await register({ url: 'https://hooks.example.com/in', events: [] }),
      400,
      'invalid_request',
    );
    await expectError(await postJson(t.app, '/v1/admin/webhooks', '{', admin), 400, 'invalid_json');
  });

  it('refuses plain http, loopback, private and link-local targets, also behind a name', async () => {
    for (const url of [
      'http://hooks.example.com/in',
      'https://127.0.0.1/in',
      'https://[::1]/in',
      'https://169.254.169.254/latest',
      'https://10.1.1.1/in',
      'https://intranet.example.com/in',
      'https://unknown.example.com/in',
    ]) {
      const error = await expectError(
        await register({ url, events: ['offer.accepted'] }),
        400,
        'webhook_target_refused',
      );
      expect(error.message, url).toMatch(/^url refused: /);
    }
  });
});

describe('/v1/admin/webhooks/{id}', () => {
  it('rotates the secret, lists deliveries newest first, retries one, and deletes', async () => {
    const created = (await (await register()).json()) as Created;
    const rotated = await send('POST', `/v1/admin/webhooks/${created.id}/rotate`);
    expect(rotated.status).toBe(200);
    const { secret } = (await rotated.json()) as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.secret);

    await t.services.webhooks.stop();
    const first = await t.services.webhooks.enqueue('offer.accepted', { n: 1 });
    const second = await t.services.webhooks.enqueue('offer.accepted', { n: 2 });
    await t.services.webhooks.deliverDue();
    const log = (await (await get(`/v1/admin/webhooks/${created.id}/deliveries`)).json()) as {
      deliveries: Array<Record<string, unknown>>;
    };
    expect(log.deliveries.map((delivery) => delivery.id)).toEqual([second.id, first.id]);
    expect(log.deliveries[0]).toEqual({
      id: second.id,
      eventType: 'offer.accepted',
      status: 'failed',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'answered 503',
      nextAttemptAt: expect.any(String),
      createdAt: expect.any(String),
      deliveredAt: null,
    });

    const retried = await send(
      'POST',
      `/v1/admin/webhooks/${created.id}/deliveries/${first.id}/retry`,
    );
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({ id: first.id, status: 'pending', attempts: 1 });
    received.length = 0;
    await t.services.webhooks.deliverDue();
    expect(received).toEqual([{ url: 'https://hooks.example.com/in', id: first.id }]);

    const removed = await send('DELETE', `/v1/admin/webhooks/${created.id}`);
    expect(removed.status).toBe(200);
    await expectError(await get(`/v1/admin/webhooks/${created.id}`), 404, 'not_found');
    await expectError(await get(`/v1/admin/webhooks/${created.id}/deliveries`), 404, 'not_found');
  });

  it('answers 404 for an unknown endpoint or delivery', async () => {
    await expectError(await get('/v1/admin/webhooks/whk_nope'), 404, 'not_found');
    await expectError(await send('DELETE', '/v1/admin/webhooks/whk_nope'), 404, 'not_found');
    await expectError(await send('POST', '/v1/admin/webhooks/whk_nope/rotate'), 404, 'not_found');
    const created = (await (await register()).json()) as Created;
    await expectError(
      await send('POST', `/v1/admin/webhooks/${created.id}/deliveries/msg_nope/retry`),
      404,
      'not_found',
    );
    await expectError(
      await get(`/v1/admin/webhooks/${created.id}/deliveries?limit=0`),
      400,
      'invalid_request',
    );
  });
});

describe('webhook routes’ security', () => {
  it('need the secret key: none, a wrong one, or an embed token get 401', async () => {
    const session = await postJson(
      t.app,
      '/v1/embed/sessions',
      { accountId: 'acme', userId: 'u1', role: 'editor' },
      admin,
    );
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    for (const headers of [{}, bearer('not-the-secret-key-0123456789abcdef'), bearer(token)]) {
      await expectError(await get('/v1/admin/webhooks', headers), 401, 'unauthorized');
      await expectError(
        await postJson(
          t.app,
          '/v1/admin/webhooks',
          { url: 'https://hooks.example.com/in', events: ['offer.accepted'] },
          headers,
        ),
        401,
        'unauthorized',
      );
    }
  });
});
