import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs example without type declarations, run as vendors would run it.
import { crmTaskFor, startReceiver, verify } from '../../examples/webhook-receiver/receiver.mjs';
import { WebhookDispatcher } from '../../server/webhooks/dispatcher.ts';
import { WebhookEndpoints } from '../../server/webhooks/endpoints.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../telemetry/storage/open.ts';
import { freePort } from '../ports.ts';

/**
 * A real delivery: the dispatcher, with the real fetch and the local-webhooks flag, posts to the
 * example receiver on a loopback port, and the receiver verifies the signature on the raw body.
 */

interface Task {
  subject: string;
  account: string;
  body: string;
}

let storage: Storage;
let server: Server | undefined;
const tasks: Array<{ task: Task; id: string }> = [];

beforeAll(async () => {
  storage = await openStorage({ location: MEMORY });
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await storage.close();
});

describe('examples/webhook-receiver', () => {
  it('receives a real delivery, verifies it and makes a CRM task; a retry is handled once', async () => {
    // Registered first (the secret comes with it), then the receiver starts with that secret.
    const port = await freePort();
    const endpoints = new WebhookEndpoints(storage.webhooks, { allowLocal: true });
    const endpoint = await endpoints.register({
      url: `http://127.0.0.1:${port}/hooks`,
      events: ['offer.accepted'],
    });
    server = await startReceiver({
      secret: endpoint.secret,
      port,
      onTask: (task: Task, id: string) => tasks.push({ task, id }),
    });

    const dispatcher = new WebhookDispatcher(storage.webhooks, { allowLocal: true });
    const { id } = await dispatcher.enqueue('offer.accepted', {
      accountId: 'acme-corp',
      offerId: 'payment_reminders',
      decisionId: 'dec_1',
      projected: { annual: 31_200, low: 22_000, high: 40_500, basis: 'peers' },
      at: '2026-12-03T10:15:00.000Z',
    });
    expect(await dispatcher.deliverDue()).toBe(1);
    const [delivery] = await endpoints.deliveries(endpoint.id, 1);
    expect(delivery).toMatchObject({ id, status: 'delivered', lastStatusCode: 204 });
    expect(tasks).toEqual([
      {
        id,
        task: {
          subject: 'acme-corp accepted "payment_reminders"',
          account: 'acme-corp',
          due: expect.any(String),
          body: 'Projected 31200 a year (peers). Help them set it up.',
        },
      },
    ]);
    // Sent again by hand: the receiver verifies it and acknowledges, but makes no second task.
    await endpoints.retry(endpoint.id, id);
    expect(await dispatcher.deliverDue()).toBe(1);
    expect((await endpoints.deliveries(endpoint.id, 1))[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
    expect(tasks).toHaveLength(1);
  });

  it('refuses a body that was re-serialized, a wrong secret and a stale timestamp', async () => {
    const key = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    const raw = Buffer.from('{"test": 2432232314}');
    expect(verify(key, headers, raw, 1614265330)).toBeNull();
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(verify(key, headers, reserialized, 1614265330)).toBe('no signature matches');
    expect(verify('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers, raw, 1614265330)).toBe(
      'no signature matches',
    );
    expect(verify(key, headers, raw, 1614265330 + 301)).toBe('timestamp too old or too new');
    expect(crmTaskFor({ type: 'unknown', timestamp: '', data: {} })).toBeNull();
  });
});
