import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DISABLE_AFTER_FAILING_MS,
  MAX_BODY_BYTES,
  WebhookDispatcher,
} from '../../../server/webhooks/dispatcher.ts';
import { WebhookEndpoints } from '../../../server/webhooks/endpoints.ts';
import { WebhookBodyTooLarge } from '../../../server/webhooks/errors.ts';
import { JITTER, RETRY_SCHEDULE_MS } from '../../../server/webhooks/retry.ts';
import { hasValidSignature, type SignedHeaders } from '../../../server/webhooks/signature.ts';
import type { Storage, StoredWebhookEndpoint } from '../../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../../telemetry/storage/open.ts';
import { tempDir } from '../../helpers.ts';
import { describePostgres, freshPostgres } from '../../postgres.ts';

/**
 * The outbox with an injected clock, fetch and resolver, on both stores: what is sent, when it
 * is tried again, and when an endpoint is given up on. Expected times come from the schedule
 * the issue states (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), written out here.
 */

const START = Date.parse('2026-12-03T10:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const ISSUE_SCHEDULE = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

interface Sent {
  url: string;
  headers: SignedHeaders & Record<string, string>;
  body: string;
  at: number;
}

/** A fake receiver: records each request, answers with what `answer` says. */
function harness(storage: Storage, options: { random?: () => number } = {}) {
  const clock = { now: START };
  const sent: Sent[] = [];
  let answer: () => Response | Promise<Response> = () => new Response(null, { status: 204 });
  const fetch = (async (url: URL | string, init?: RequestInit) => {
    sent.push({
      url: String(url),
      headers: init?.headers as Sent['headers'],
      body: String(init?.body),
      at: clock.now,
    });
    return answer();
  }) as typeof globalThis.fetch;
  const resolve = async (host: string) =>
    host === 'inside.example.com' ? ['10.0.0.9'] : ['93.184.215.14'];
  const now = () => clock.now;
  const dispatcher = new WebhookDispatcher(storage.webhooks, {
    allowLocal: false,
    now,
    fetch,
    resolve,
    random: options.random ?? (() => 0.5),
  });
  const endpoints = new WebhookEndpoints(storage.webhooks, { allowLocal: false, now, resolve });
  return {
    clock,
    sent,
    dispatcher,
    endpoints,
    answer(next: () => Response | Promise<Response>) {
      answer = next;
    },
    register(
      events: StoredWebhookEndpoint['events'] = ['offer.accepted'],
      url = 'https://hooks.example.com/in',
    ) {
      return endpoints.register({ url, events });
    },
  };
}

/** Where each run of the outbox's suite keeps it: a fresh place each test, and how to drop it. */
const OUTBOX_STORES = [
  { name: 'duckdb', suite: describe, place: async () => ({ location: ':memory:', drop: noDrop }) },
  { name: 'memory', suite: describe, place: async () => ({ location: MEMORY, drop: noDrop }) },
  {
    name: 'postgres',
    suite: describePostgres,
    place: async () => {
      const server = await freshPostgres();
      return { location: server.url, drop: server.drop };
    },
  },
];

async function noDrop(): Promise<void> {}

for (const { name, suite, place } of OUTBOX_STORES) {
  suite(`the webhook outbox (${name} store)`, () => {
    let storage: Storage;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      const where = await place();
      drop = where.drop;
      storage = await openStorage({ location: where.location });
    });
    afterEach(async () => {
      await storage.close();
      await drop();
    });

    it('sends an event once to each subscribed endpoint, signed, with one webhook-id', async () => {
      const h = harness(storage);
      const first = await h.register(['offer.accepted']);
      const second = await h.register(
        ['offer.accepted', 'handoff.created'],
        'https://crm.example.com/hooks',
      );
      await h.register(['handoff.created'], 'https://other.example.com/');
      const { id, endpoints } = await h.dispatcher.enqueue('offer.accepted', { offerId: 'o1' });
      expect(endpoints).toBe(2);
      expect(await h.dispatcher.deliverDue()).toBe(2);
      expect(h.sent.map((request) => request.url).sort()).toEqual([
        'https://crm.example.com/hooks',
        'https://hooks.example.com/in',
      ]);
      for (const request of h.sent) {
        const endpoint = request.url === first.url ? first : second;
        expect(request.headers['webhook-id']).toBe(id);
        expect(request.headers['webhook-timestamp']).toBe(String(START / 1000));
        expect(hasValidSignature(endpoint.secret, request.headers, request.body)).toBe(true);
        expect(JSON.parse(request.body)).toEqual({
          type: 'offer.accepted',
          timestamp: new Date(START).toISOString(),
          data: { offerId: 'o1' },
        });
      }
      const [delivery] = await h.endpoints.deliveries(first.id, 10);
      expect(delivery).toMatchObject({
        id,
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 204,
        nextAttemptAt: null,
        deliveredAt: new Date(START).toISOString(),
      });
      expect(await h.dispatcher.deliverDue()).toBe(0);
      expect(h.sent).toHaveLength(2);
    });

    it('retries on the schedule with jitter inside ±10%, keeps the id, re-signs, and dies after the last', async () => {
      for (const [random, factor] of [
        [0, 1 - JITTER],
        [0.999_999, 1 + JITTER],
      ] as const) {
        const h = harness(storage, { random: () => random });
        const endpoint = await h.register();
        h.answer(() => new Response('busy', { status: 503 }));
        const { id } = await h.dispatcher.enqueue('offer.accepted', {});
        const times: number[] = [];
        for (let attempt = 1; attempt <= ISSUE_SCHEDULE.length; attempt++) {
          expect(await h.dispatcher.deliverDue()).toBe(1);
          times.push(h.clock.now);
          const [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
          if (attempt === ISSUE_SCHEDULE.length) {
            expect(delivery).toMatchObject({
              status: 'dead',
              attempts: attempt,
              nextAttemptAt: null,
            });
            expect(delivery?.lastError).toContain('gave up after 8 attempts');
            break;
          }
          expect(delivery).toMatchObject({
            status: 'failed',
            attempts: attempt,
            lastStatusCode: 503,
          });
          const wait = Date.parse(String(delivery?.nextAttemptAt)) - h.clock.now;
          const scheduled = ISSUE_SCHEDULE[attempt] as number;
          expect(wait).toBeGreaterThanOrEqual(Math.floor(scheduled * (1 - JITTER)));
          expect(wait).toBeLessThanOrEqual(Math.ceil(scheduled * (1 + JITTER)));
          expect(Math.abs(wait - scheduled * factor)).toBeLessThanOrEqual(1 + scheduled * 1e-5);
          // Not a moment before it is due.
          h.clock.now += wait - 1;
          expect(await h.dispatcher.deliverDue()).toBe(0);
          h.clock.now += 1;
        }
        expect(RETRY_SCHEDULE_MS).toEqual(ISSUE_SCHEDULE);
        const sentHere = h.sent;
        expect(sentHere).toHaveLength(8);
        expect(new Set(sentHere.map((request) => request.headers['webhook-id']))).toEqual(
          new Set([id]),
        );
        // Each attempt carries its own timestamp, and a signature over it.
        expect(sentHere.map((request) => Number(request.headers['webhook-timestamp']))).toEqual(
          times.map((time) => Math.floor(time / 1000)),
        );
        for (const request of sentHere) {
          expect(hasValidSignature(endpoint.secret, request.headers, request.body)).toBe(true);
        }
        await h.endpoints.remove(endpoint.id);
      }
    });

    it('waits as long as Retry-After asks when that is longer, in seconds or as a date', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      h.answer(() => new Response(null, { status: 429, headers: { 'retry-after': '120' } }));
      await h.dispatcher.enqueue('offer.accepted', {});
      await h.dispatcher.deliverDue();
      let [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery?.nextAttemptAt).toBe(new Date(START + 120 * SECOND).toISOString());

      h.clock.now = START + 120 * SECOND;
      const later = new Date(h.clock.now + 45 * MINUTE).toUTCString();
      h.answer(() => new Response(null, { status: 503, headers: { 'retry-after': later } }));
      await h.dispatcher.deliverDue();
      [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(Date.parse(String(delivery?.nextAttemptAt)) - h.clock.now).toBe(45 * MINUTE);

      // A shorter Retry-After does not hurry the schedule (the third wait is 30 min ± 10%).
      h.clock.now += 45 * MINUTE;
      h.answer(() => new Response(null, { status: 503, headers: { 'retry-after': '1' } }));
      await h.dispatcher.deliverDue();
      [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(Date.parse(String(delivery?.nextAttemptAt)) - h.clock.now).toBe(30 * MINUTE);
    });

    it('treats a timeout, a refused connection and a redirect as failures to retry', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      h.answer(() => Promise.reject(new DOMException('signal timed out', 'TimeoutError')));
      await h.dispatcher.enqueue('offer.accepted', {});
      await h.dispatcher.deliverDue();
      let [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery).toMatchObject({
        status: 'failed',
        lastStatusCode: null,
        lastError: 'no answer within 15 s',
      });

      h.clock.now = Date.parse(String(delivery?.nextAttemptAt));
      h.answer(() =>
        Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
      );
      await h.dispatcher.deliverDue();
      [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 2, lastError: 'ECONNREFUSED' });

      h.clock.now = Date.parse(String(delivery?.nextAttemptAt));
      h.answer(
        () => new Response(null, { status: 302, headers: { location: 'http://10.0.0.1/' } }),
      );
      await h.dispatcher.deliverDue();
      [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 302 });
      expect(h.sent).toHaveLength(3);
    });

    it('does not send to a name that has come to resolve to a private address', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      // What the name resolves to changed after registration.
      await storage.webhooks.removeEndpoint(endpoint.id);
      await storage.webhooks.addEndpoint({ ...endpoint, url: 'https://inside.example.com/in' });
      await h.dispatcher.enqueue('offer.accepted', {});
      await h.dispatcher.deliverDue();
      const [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery?.status).toBe('failed');
      expect(delivery?.lastError).toMatch(/^target refused: 10\.0\.0\.9 .*private/);
      expect(h.sent).toEqual([]);
    });

    it('disables an endpoint that answers 410 Gone, and sends it nothing more', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      h.answer(() => new Response(null, { status: 410 }));
      await h.dispatcher.enqueue('offer.accepted', { n: 1 });
      await h.dispatcher.deliverDue();
      const disabled = await h.endpoints.get(endpoint.id);
      expect(disabled).toMatchObject({
        disabledAt: new Date(START).toISOString(),
        disabledReason: 'the endpoint answered 410 Gone',
      });
      const [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery).toMatchObject({ status: 'dead', lastStatusCode: 410 });
      expect((await h.dispatcher.enqueue('offer.accepted', { n: 2 })).endpoints).toBe(0);
      h.clock.now += HOUR;
      expect(await h.dispatcher.deliverDue()).toBe(0);
      expect(h.sent).toHaveLength(1);
    });

    it('disables an endpoint failing for 5 days, says why, and kills what it still had queued', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      h.answer(() => new Response(null, { status: 500 }));
      // A new event every 12 hours, each failing: the endpoint never answers well.
      let lastId = '';
      while (h.clock.now - START < DISABLE_AFTER_FAILING_MS) {
        lastId = (await h.dispatcher.enqueue('offer.accepted', {})).id;
        await h.dispatcher.deliverDue();
        expect((await h.endpoints.get(endpoint.id)).disabledAt).toBeNull();
        expect((await h.endpoints.get(endpoint.id)).failingSince).toBe(
          new Date(START).toISOString(),
        );
        h.clock.now += 12 * HOUR;
      }
      await h.dispatcher.deliverDue();
      const disabled = await h.endpoints.get(endpoint.id);
      expect(disabled.disabledAt).toBe(new Date(h.clock.now).toISOString());
      expect(disabled.disabledReason).toBe(
        `every delivery failed for 5 days, since ${new Date(START).toISOString()} (last: answered 500)`,
      );
      const log = await h.endpoints.deliveries(endpoint.id, 100);
      expect(log[0]?.id).toBe(lastId);
      expect(log.every((delivery) => delivery.status === 'dead')).toBe(true);
    });

    it('forgets the failing spell after a success', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      h.answer(() => new Response(null, { status: 500 }));
      await h.dispatcher.enqueue('offer.accepted', {});
      await h.dispatcher.deliverDue();
      expect((await h.endpoints.get(endpoint.id)).failingSince).not.toBeNull();
      h.clock.now += 6 * SECOND;
      h.answer(() => new Response(null, { status: 200 }));
      await h.dispatcher.deliverDue();
      expect((await h.endpoints.get(endpoint.id)).failingSince).toBeNull();
    });

    it('refuses a body over 20 KB at enqueue, and stores nothing', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      const big = { note: 'x'.repeat(MAX_BODY_BYTES) };
      await expect(h.dispatcher.enqueue('offer.accepted', big)).rejects.toThrow(
        WebhookBodyTooLarge,
      );
      expect(await h.endpoints.deliveries(endpoint.id, 10)).toEqual([]);
    });

    it('sends a delivery again by hand, with the same id, and signs with a rotated secret', async () => {
      const h = harness(storage);
      const endpoint = await h.register();
      const { id } = await h.dispatcher.enqueue('offer.accepted', {});
      await h.dispatcher.deliverDue();
      const secret = await h.endpoints.rotate(endpoint.id);
      const scheduled = await h.endpoints.retry(endpoint.id, id);
      expect(scheduled).toMatchObject({
        status: 'pending',
        nextAttemptAt: new Date(START).toISOString(),
      });
      await h.dispatcher.deliverDue();
      expect(h.sent.map((request) => request.headers['webhook-id'])).toEqual([id, id]);
      const last = h.sent[1] as Sent;
      expect(hasValidSignature(secret, last.headers, last.body)).toBe(true);
      expect(hasValidSignature(endpoint.secret, last.headers, last.body)).toBe(false);
      const [delivery] = await h.endpoints.deliveries(endpoint.id, 1);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    });
  });
}

describe('the outbox across a restart (DuckDB file)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('sends a delivery queued before the restart once, with the id it was given', async () => {
    const path = join(dir, 'outbox.duckdb');
    const before = await openStorage({ location: path });
    const first = harness(before);
    const endpoint = await first.register();
    const { id } = await first.dispatcher.enqueue('offer.accepted', { offerId: 'o1' });
    // A failed first attempt, then the process stops before the retry.
    first.answer(() => new Response(null, { status: 502 }));
    await first.dispatcher.deliverDue();
    await before.close();

    const after = await openStorage({ location: path });
    try {
      const second = harness(after);
      second.clock.now = START + HOUR;
      second.dispatcher.start();
      await waitFor(() => second.sent.length === 1);
      await second.dispatcher.stop();
      expect(await second.dispatcher.deliverDue()).toBe(0);
      expect(second.sent).toHaveLength(1);
      const [request] = second.sent;
      expect(request?.headers['webhook-id']).toBe(id);
      expect(
        hasValidSignature(
          endpoint.secret,
          request?.headers as SignedHeaders,
          String(request?.body),
        ),
      ).toBe(true);
      expect(JSON.parse(String(request?.body)).data).toEqual({ offerId: 'o1' });
      const [delivery] = await second.endpoints.deliveries(endpoint.id, 10);
      expect(delivery).toMatchObject({ id, status: 'delivered', attempts: 2 });
    } finally {
      await after.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
