import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handoffChangedDataSchema } from '../../../blueprint/api/handoffs.ts';
import { repReplyRequestSchema } from '../../../blueprint/api/rep.ts';
import { MEMORY, openStorage } from '../../../telemetry/storage/open.ts';
import { adminAuth, bearer, expectError, postJson } from '../../helpers.ts';
import {
  ACME,
  dayAt,
  Expected,
  expectMoney,
  type Fixture,
  fixtureEvents,
  GLOBEX,
  INITECH,
  offersModel,
  startFixture,
} from '../value-fixture.ts';

/**
 * The rep's side of HandoffService (the /v1/rep routes sit on it): the queue of the rep's accounts
 * with each account's value at a glance, status changes and replies with their webhooks, a plan
 * pushed into the customer's account, and nothing outside the rep's accounts. The rate limit with
 * a clock handed in.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
const PERIOD = { from: dayAt('2025-04-27', -89), to: '2025-04-27' };
const events = fixtureEvents();
const expected = new Expected(events);
const REP = { repId: 'rep-7', name: 'Sam Rivera' };
const ask = {
  topic: { kind: 'general' as const },
  message: 'What would Finance on automations give us?',
  channel: 'email' as const,
};

for (const location of [':memory:', MEMORY]) {
  describe(`HandoffService for reps (${location === MEMORY ? 'memory' : 'duckdb'} store)`, () => {
    let f: Fixture;
    const ids: Record<string, string> = {};
    const handoffs = () => f.t.services.handoffs;
    async function create(accountId: string, userId: string, now = NOW.getTime()) {
      const context = await f.t.services.value.context(accountId);
      return handoffs().create(context, { userId }, ask, 'http://localhost', now);
    }
    async function payloads(type: string) {
      const deliveries = await f.t.services.storage.webhooks.deliveries('whk_rep', 50);
      return deliveries
        .filter((delivery) => delivery.eventType === type)
        .map((delivery) => JSON.parse(delivery.payload) as { data: unknown });
    }

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      f = await startFixture({
        events,
        model: offersModel(),
        storage: await openStorage({ location }),
      });
      await f.refresh();
      await f.t.services.webhooks.stop();
      await f.t.services.storage.webhooks.addEndpoint({
        id: 'whk_rep',
        url: 'https://hooks.example.com/in',
        events: ['handoff.created', 'handoff.updated', 'handoff.replied'],
        description: null,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        createdAt: NOW.toISOString(),
        disabledAt: null,
        disabledReason: null,
        failingSince: null,
      });
      ids.acmeOld = (await create(ACME, 'ana', NOW.getTime() - 3_000)).id;
      ids.globex = (await create(GLOBEX, 'gus', NOW.getTime() - 2_000)).id;
      ids.acmeNew = (await create(ACME, 'bo', NOW.getTime() - 1_000)).id;
    });
    afterAll(async () => {
      await f.close();
      vi.useRealTimers();
    });

    it('queues only the rep’s accounts, oldest open first, with the value at a glance', async () => {
      const all = await handoffs().queue({ accounts: '*' });
      expect(all.handoffs.map((h) => h.id)).toEqual([ids.acmeOld, ids.globex, ids.acmeNew]);
      const acme = all.handoffs.find((h) => h.accountId === ACME);
      expect(acme?.glance?.currency).toBe('USD');
      expect(acme?.glance?.period).toEqual(PERIOD);
      expectMoney(acme?.glance?.total, expected.money(ACME, PERIOD));
      expect(acme?.glance?.estimated).toBe(true);
      expect(acme?.glance?.behindPromises).toBe(0);
      const mine = await handoffs().queue({ accounts: [GLOBEX, INITECH] });
      expect(mine.handoffs.map((h) => h.id)).toEqual([ids.globex]);
      const one = await handoffs().queue({ accounts: '*' }, { account: ACME });
      expect(one.handoffs.map((h) => h.id)).toEqual([ids.acmeOld, ids.acmeNew]);
      await expect(handoffs().queue({ accounts: [GLOBEX] }, { account: ACME })).rejects.toThrow(
        /does not include the account "acme"/,
      );
    });

    it('finds a hand-off only inside the rep’s accounts', async () => {
      const found = await handoffs().getForRep({ accounts: [ACME] }, String(ids.acmeOld));
      expect(found.brief?.handoffId).toBe(ids.acmeOld);
      expect('mine' in found).toBe(false);
      await expect(
        handoffs().getForRep({ accounts: [GLOBEX] }, String(ids.acmeOld)),
      ).rejects.toThrow(/no hand-off/);
      await expect(
        handoffs().setStatus({ accounts: [GLOBEX] }, REP, String(ids.acmeOld), 'closed'),
      ).rejects.toThrow(/no hand-off/);
    });

    it('changes the status and sends handoff.updated', async () => {
      const handoff = await handoffs().setStatus(
        { accounts: '*' },
        REP,
        String(ids.globex),
        'accepted',
      );
      expect(handoff.status).toBe('accepted');
      const [updated] = await payloads('handoff.updated');
      const data = handoffChangedDataSchema.parse(updated?.data);
      expect([data.handoff.id, data.handoff.status, data.reply]).toEqual([
        ids.globex,
        'accepted',
        undefined,
      ]);
      const queue = await handoffs().queue({ accounts: '*' }, { status: 'accepted' });
      expect(queue.handoffs.map((h) => h.id)).toEqual([ids.globex]);
    });

    it('answers with a plan: saved shared in the customer’s account by the rep, shown with the reply', async () => {
      const body = repReplyRequestSchema.parse({
        message: 'Here is a plan with Finance on automations.',
        scenario: { name: 'Finance on automations', levers: { 'adoption:automation_hours': 4 } },
      });
      const reply = await handoffs().reply({ accounts: [ACME] }, REP, String(ids.acmeOld), body);
      expect(reply).toMatchObject({
        rep: { id: 'rep-7', name: 'Sam Rivera' },
        message: body.message,
        scenario: { name: 'Finance on automations' },
      });
      const planId = String(reply.scenario?.id);
      // Any user of the account sees the plan, from their success manager.
      const token = async (userId: string) => {
        const res = await postJson(
          f.t.app,
          '/v1/embed/sessions',
          { accountId: ACME, userId, role: 'viewer' },
          adminAuth,
        );
        return ((await res.json()) as { token: string }).token;
      };
      const plan = (await (
        await f.t.app.request(`/v1/scenarios/${planId}`, { headers: bearer(await token('zed')) })
      ).json()) as Record<string, unknown>;
      expect(plan).toMatchObject({
        id: planId,
        author: 'rep:rep-7',
        shared: true,
        mine: false,
        levers: { 'adoption:automation_hours': 4 },
        horizonMonths: 12,
        rampMonths: 3,
        successManager: { name: 'Sam Rivera', handoffId: ids.acmeOld },
      });
      const other = await f.t.app.request(`/v1/scenarios/${planId}`, {
        headers: bearer(
          (
            (await (
              await postJson(
                f.t.app,
                '/v1/embed/sessions',
                { accountId: GLOBEX, userId: 'zed', role: 'viewer' },
                adminAuth,
              )
            ).json()) as { token: string }
          ).token,
        ),
      });
      await expectError(other, 404, 'not_found');
      // The customer reads the answer on the hand-off; it is answered.
      const seen = (await (
        await f.t.app.request(`/v1/handoffs/${ids.acmeOld}`, {
          headers: bearer(await token('ana')),
        })
      ).json()) as { status: string; replies: unknown[] };
      expect(seen.status).toBe('answered');
      expect(seen.replies).toEqual([reply]);
      const [replied] = await payloads('handoff.replied');
      const data = handoffChangedDataSchema.parse(replied?.data);
      expect(data.reply).toEqual(reply);
      expect(data.handoff.status).toBe('answered');
      expect(data.handoff.replies).toEqual([reply]);
    });

    it('answers with a note alone, and refuses a hand-off outside the rep’s accounts', async () => {
      const reply = await handoffs().reply({ accounts: '*' }, REP, String(ids.acmeNew), {
        message: 'Let us talk on Thursday.',
      });
      expect(reply.scenario).toBeUndefined();
      await expect(
        handoffs().reply({ accounts: [INITECH] }, REP, String(ids.globex), { message: 'Hi' }),
      ).rejects.toThrow(/no hand-off/);
    });

    it('counts the hourly limit on the clock handed in, and says when the next one may go', async () => {
      const start = NOW.getTime() + 5 * 3_600_000;
      for (let i = 0; i < 5; i++) await create(INITECH, 'ivy', start + i * 60_000);
      const sixth = create(INITECH, 'ivy', start + 30 * 60_000);
      await expect(sixth).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1_800 });
      await expect(create(INITECH, 'ivy', start + 60 * 60_000)).resolves.toMatchObject({
        status: 'new',
      });
    });
  });
}
