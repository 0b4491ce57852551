import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../../../telemetry/storage/interface.ts';
import { PostgresWebhookStore } from '../../../telemetry/storage/postgres/webhook-store.ts';
import { describePostgres, withTwoProcesses } from '../../postgres.ts';
import { eachStore, type OpenedStore } from './each-store.ts';

/**
 * The vendor's webhook endpoints and their outbox: every store (memory, DuckDB, PostgreSQL when
 * one is configured) keeps them alike and hands out due deliveries as claims; on PostgreSQL two
 * service processes claiming at once never get the same delivery.
 */

const stores = eachStore(
  (storage) => storage.webhooks,
  (database) => new PostgresWebhookStore(database),
);

const endpoint = (id: string, createdAt: string): StoredWebhookEndpoint => ({
  id,
  url: `https://hooks.example.com/${id}`,
  events: ['handoff.created', 'offer.accepted'],
  description: id === 'we_1' ? 'CRM — “ü”' : null,
  secret: `whsec_${id}`,
  createdAt,
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
});

const delivery = (
  endpointId: string,
  id: string,
  nextAttemptAt: string,
  extra: Partial<StoredDelivery> = {},
): StoredDelivery => ({
  endpointId,
  id,
  eventType: 'handoff.created',
  payload: JSON.stringify({ type: 'handoff.created', data: { id } }),
  attempts: 0,
  nextAttemptAt,
  status: 'pending',
  lastStatusCode: null,
  lastError: null,
  createdAt: '2026-12-01T09:00:00.000Z',
  deliveredAt: null,
  ...extra,
});

const NOW = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:05:00.000Z';

for (const { name, open, suite } of stores) {
  suite(`webhook endpoints and outbox (${name} store)`, () => {
    let opened: OpenedStore<WebhookStore>;
    let webhooks: WebhookStore;
    beforeAll(async () => {
      opened = await open();
      webhooks = opened.store;
      await webhooks.addEndpoint(endpoint('we_2', '2026-12-01T08:00:00.000Z'));
      await webhooks.addEndpoint(endpoint('we_1', '2026-11-30T08:00:00.000Z'));
    });
    afterAll(() => opened.close());

    it('keeps endpoints as given, oldest first, and changes their secret and health', async () => {
      expect((await webhooks.endpoints()).map((e) => e.id)).toEqual(['we_1', 'we_2']);
      expect(await webhooks.endpoint('we_1')).toEqual(endpoint('we_1', '2026-11-30T08:00:00.000Z'));
      expect(await webhooks.endpoint('we_9')).toBeNull();
      expect(await webhooks.setSecret('we_2', 'whsec_new')).toBe(true);
      expect(await webhooks.setSecret('we_9', 'whsec_new')).toBe(false);
      await webhooks.setFailingSince('we_2', '2026-12-01T09:30:00.000Z');
      expect(await webhooks.endpoint('we_2')).toMatchObject({
        secret: 'whsec_new',
        failingSince: '2026-12-01T09:30:00.000Z',
      });
      await webhooks.setFailingSince('we_2', null);
      expect((await webhooks.endpoint('we_2'))?.failingSince).toBeNull();
    });

    it('claims due deliveries most overdue first, and none again until the claim runs out', async () => {
      await webhooks.enqueue([
        delivery('we_1', 'msg_b', '2026-12-01T09:50:00.000Z'),
        delivery('we_1', 'msg_a', '2026-12-01T09:40:00.000Z'),
        delivery('we_2', 'msg_a', '2026-12-01T09:45:00.000Z'),
        delivery('we_1', 'msg_later', '2026-12-01T11:00:00.000Z'),
        delivery('we_1', 'msg_done', '2026-12-01T09:00:00.000Z', { status: 'delivered' }),
      ]);
      // Enqueued again (a relay after a crash): left as it is.
      await webhooks.enqueue([delivery('we_1', 'msg_a', '2026-12-01T08:00:00.000Z')]);
      expect((await webhooks.delivery('we_1', 'msg_a'))?.nextAttemptAt).toBe(
        '2026-12-01T09:40:00.000Z',
      );

      const first = await webhooks.claimDue(NOW, 2, LATER);
      expect(first.map((d) => `${d.endpointId}/${d.id}`)).toEqual(['we_1/msg_a', 'we_2/msg_a']);
      expect(first.every((d) => d.nextAttemptAt === LATER)).toBe(true);
      const second = await webhooks.claimDue(NOW, 10, LATER);
      expect(second.map((d) => `${d.endpointId}/${d.id}`)).toEqual(['we_1/msg_b']);
      expect(await webhooks.claimDue(NOW, 10, LATER)).toEqual([]);
      // A claimer that stopped before recording: due again once its claim has run out.
      const again = await webhooks.claimDue(LATER, 10, '2026-12-01T10:10:00.000Z');
      expect(again.map((d) => `${d.endpointId}/${d.id}`).sort()).toEqual([
        'we_1/msg_a',
        'we_1/msg_b',
        'we_2/msg_a',
      ]);
    });

    it('records an attempt and lists an endpoint’s deliveries newest first', async () => {
      await webhooks.recordAttempt('we_1', 'msg_a', {
        status: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        lastStatusCode: 204,
        lastError: null,
        deliveredAt: '2026-12-01T10:06:00.000Z',
      });
      expect(await webhooks.delivery('we_1', 'msg_a')).toMatchObject({
        status: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        lastStatusCode: 204,
        deliveredAt: '2026-12-01T10:06:00.000Z',
      });
      const listed = await webhooks.deliveries('we_1', 10);
      // All made at the same time: the last enqueued first.
      expect(listed.map((d) => d.id)).toEqual(['msg_done', 'msg_later', 'msg_a', 'msg_b']);
      expect(await webhooks.deliveries('we_1', 1)).toHaveLength(1);
    });

    it('disables an endpoint: its outstanding deliveries are dead with the reason, none claimed', async () => {
      await webhooks.recordAttempt('we_2', 'msg_a', {
        status: 'failed',
        attempts: 1,
        nextAttemptAt: '2026-12-01T10:00:00.000Z',
        lastStatusCode: 500,
        lastError: 'answered 500',
        deliveredAt: null,
      });
      await webhooks.disableEndpoint('we_2', '2026-12-01T10:20:00.000Z', 'answered 410 Gone');
      expect(await webhooks.endpoint('we_2')).toMatchObject({
        disabledAt: '2026-12-01T10:20:00.000Z',
        disabledReason: 'answered 410 Gone',
      });
      expect(await webhooks.delivery('we_2', 'msg_a')).toMatchObject({
        status: 'dead',
        nextAttemptAt: null,
        lastError: 'answered 500; endpoint disabled: answered 410 Gone',
      });
      const claimed = await webhooks.claimDue(
        '2026-12-02T00:00:00.000Z',
        10,
        '2026-12-02T00:05:00.000Z',
      );
      expect(claimed.every((d) => d.endpointId === 'we_1')).toBe(true);
    });

    it('removes an endpoint with its deliveries', async () => {
      expect(await webhooks.removeEndpoint('we_2')).toBe(true);
      expect(await webhooks.removeEndpoint('we_2')).toBe(false);
      expect(await webhooks.endpoint('we_2')).toBeNull();
      expect(await webhooks.delivery('we_2', 'msg_a')).toBeNull();
      expect((await webhooks.endpoints()).map((e) => e.id)).toEqual(['we_1']);
    });
  });
}

describePostgres('the webhook outbox on PostgreSQL, from two service processes', () => {
  it('never hands the same delivery to both when they claim at once', async () => {
    await withTwoProcesses(async (one, two) => {
      const stores = [new PostgresWebhookStore(one), new PostgresWebhookStore(two)];
      await stores[0]?.addEndpoint(endpoint('we_1', '2026-11-30T08:00:00.000Z'));
      const ids = Array.from({ length: 60 }, (_, index) => `msg_${String(index).padStart(2, '0')}`);
      await stores[0]?.enqueue(ids.map((id) => delivery('we_1', id, '2026-12-01T09:00:00.000Z')));
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          (stores[index % 2] as PostgresWebhookStore).claimDue(NOW, 7, LATER),
        ),
      );
      const claimed = claims.flat().map((d) => d.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      // Each claim skipped what the others held and took what was left: all 60, once.
      expect(claimed.sort()).toEqual(ids);
    });
  });
});
