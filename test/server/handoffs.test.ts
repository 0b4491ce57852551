import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type HandoffBrief,
  handoffBriefSchema,
  handoffCreatedDataSchema,
  handoffLimits,
} from '../../blueprint/api/handoffs.ts';
import type { JourneyEvent } from '../../blueprint/api/journey.ts';
import { addDays } from '../../blueprint/days.ts';
import type { PendingHandoffEvent } from '../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../telemetry/storage/open.ts';
import { adminAuth, bearer, expectError, postJson } from '../helpers.ts';
import {
  ACME,
  ARR,
  dayAt,
  Expected,
  expectMoney,
  expectNumber,
  type Fixture,
  fixtureEvents,
  GLOBEX,
  offersModel,
  startFixture,
} from './value-fixture.ts';

/**
 * Hand-offs through the real API, on both stores: the brief's numbers against a count over the raw
 * events, the topic labels and refusals, include/omitted, the hourly limit with its Retry-After,
 * the account walls, and handoff.created in the webhook outbox (inline, or by a signed link).
 * The clock stands the day after the fixture, so its eight weeks are in the brief's 90 days.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
const PERIOD = { from: dayAt('2025-04-27', -89), to: '2025-04-27' };
const MINUTE = 60_000;
const events = fixtureEvents();
const expected = new Expected(events);
const model = offersModel({ dealsEstimate: false });

interface Created {
  id: string;
  status: string;
  brief: HandoffBrief;
}

for (const location of [':memory:', MEMORY]) {
  describe(`hand-offs (${location === MEMORY ? 'memory' : 'duckdb'} store)`, () => {
    let f: Fixture;

    /** A fresh embed token at the clock's time (tokens live 15 minutes; the clock moves here). */
    async function token(accountId: string, userId: string, locale?: string) {
      const res = await postJson(
        f.t.app,
        '/v1/embed/sessions',
        { accountId, userId, role: 'viewer', ...(locale ? { locale } : {}) },
        adminAuth,
      );
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    }
    async function send(path: string, body: unknown, accountId = ACME, userId = 'ana') {
      return postJson(f.t.app, path, body, bearer(await token(accountId, userId)));
    }
    async function get(path: string, accountId = ACME, userId = 'ana') {
      return f.t.app.request(path, { headers: bearer(await token(accountId, userId)) });
    }
    const ask = (extra: Record<string, unknown> = {}) => ({
      topic: { kind: 'general' },
      message: 'Could we talk about getting Finance onto automations?',
      channel: 'meeting',
      ...extra,
    });

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      f = await startFixture({ events, model, storage: await openStorage({ location }) });
      await f.refresh();
      // The worker stays still: the tests read the outbox, nothing is sent anywhere.
      await f.t.services.webhooks.stop();
      await f.t.services.storage.webhooks.addEndpoint({
        id: 'whk_handoffs',
        url: 'https://hooks.example.com/in',
        events: ['handoff.created'],
        description: null,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        createdAt: NOW.toISOString(),
        disabledAt: null,
        disabledReason: null,
        failingSince: null,
      });
    });
    afterAll(async () => {
      await f.close();
      vi.useRealTimers();
    });

    describe('the brief', () => {
      it('holds the value of the last 90 complete days as facts, matching a count over the raw events', async () => {
        const res = await send('/v1/handoffs/preview', ask());
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        const brief = handoffBriefSchema.parse(await res.json());
        expect(brief).toMatchObject({
          version: 1,
          handoffId: '',
          account: { id: ACME },
          askedBy: { userId: 'ana' },
          askedAt: NOW.toISOString(),
          locale: 'en',
          topic: { kind: 'general', label: 'General question' },
          channel: 'meeting',
          omitted: [],
        });
        const value = brief.value;
        if (!value) throw new Error('no value in the brief');
        expect(value.period).toEqual(PERIOD);
        expect(value.currency).toBe('USD');
        expectMoney(value.total.value, expected.money(ACME, PERIOD));
        expect(value.total.estimated).toBe(true);
        expect(value.total.provenance).toEqual({
          driver: 'total',
          period: PERIOD,
          query: `/v1/value/summary?from=${PERIOD.from}&to=${PERIOD.to}`,
        });
        const money = (driver: 'automation_hours' | 'deal_revenue' | 'active_analysts') =>
          expected.figures(driver, ACME, PERIOD).money;
        const byCategory = Object.fromEntries(
          value.byCategory.map((row) => [row.category, row.money.value]),
        );
        expect(Object.keys(byCategory).sort()).toEqual(['efficiency', 'revenue']);
        expectMoney(byCategory.efficiency, money('automation_hours') + money('active_analysts'));
        expectMoney(byCategory.revenue, money('deal_revenue'));
        // Spend counts from the account's first day: ARR × days / 365.
        const first = expected.firstDay(ACME) as string;
        const days = (Date.parse(PERIOD.to) - Date.parse(first)) / 86_400_000 + 1;
        expectNumber(
          value.roi?.value,
          expected.money(ACME, PERIOD) / (((ARR[ACME] as number) * days) / 365),
          1e-5,
        );
        expect(value.total.formatted).toMatch(/^\$/);
        // The provenance reproduces the figure through the value API.
        const summary = (await (await get(value.total.provenance.query)).json()) as {
          total: { money: number };
        };
        expect(summary.total.money).toBe(value.total.value);
      });

      it('tells the story as the customer’s view tells it, in their language', async () => {
        const brief = (await (await send('/v1/handoffs/preview', ask())).json()) as HandoffBrief;
        const story = (await (await get('/v1/value/story')).json()) as {
          headline: { text: string };
          chapters: Array<{ insights: Array<{ id: string; text?: string }> }>;
        };
        expect(brief.story?.headline).toBe(story.headline.text);
        expect(brief.story?.points.map((point) => [point.insightId, point.text])).toEqual(
          story.chapters.flatMap((c) => c.insights).map((insight) => [insight.id, insight.text]),
        );
        const de = postJson(
          f.t.app,
          '/v1/handoffs/preview',
          ask(),
          bearer(await token(ACME, 'ana', 'de-DE')),
        );
        const german = (await (await de).json()) as HandoffBrief;
        expect(german.locale).toBe('de');
        expect(german.topic.label).toBe('Allgemeine Frage');
        expect(german.story?.headline).not.toBe(brief.story?.headline);
      });

      it('leaves out the parts the customer unticks, and says which', async () => {
        const res = await send(
          '/v1/handoffs/preview',
          ask({ include: { journey: false, offers: false, value: true } }),
        );
        const brief = (await res.json()) as Record<string, unknown>;
        expect(brief.omitted).toEqual(['journey', 'offers']);
        expect('journey' in brief).toBe(false);
        expect('offers' in brief).toBe(false);
        expect(Object.keys(brief)).toEqual(expect.arrayContaining(['value', 'story', 'scenarios']));
        const bare = (await (
          await send(
            '/v1/handoffs/preview',
            ask({
              include: {
                value: false,
                story: false,
                journey: false,
                scenarios: false,
                offers: false,
              },
            }),
          )
        ).json()) as Record<string, unknown>;
        expect(bare.omitted).toEqual(['value', 'story', 'journey', 'scenarios', 'offers']);
        for (const part of ['value', 'story', 'journey', 'scenarios', 'offers']) {
          expect(part in bare).toBe(false);
        }
      });

      it('names the topic in the customer’s words and puts the topic’s plan first', async () => {
        const save = async (name: string, shared: boolean, userId = 'ana') =>
          (
            (await (
              await send(
                '/v1/scenarios',
                {
                  name,
                  levers: { 'adoption:automation_hours': 3 },
                  shared,
                  horizonMonths: 12,
                  rampMonths: 0,
                },
                ACME,
                userId,
              )
            ).json()) as { id: string }
          ).id;
        const older = await save('Finance on automations', false);
        vi.setSystemTime(NOW.getTime() + 1_000);
        const newer = await save('Ops too', true);
        vi.setSystemTime(NOW);
        const brief = (await (
          await send('/v1/handoffs/preview', ask({ topic: { kind: 'scenario', ref: older } }))
        ).json()) as HandoffBrief;
        expect(brief.topic).toEqual({
          kind: 'scenario',
          ref: older,
          label: 'Finance on automations',
        });
        expect(brief.scenarios?.map((plan) => [plan.id, plan.topic])).toEqual([
          [older, true],
          [newer, false],
        ]);
        const plan = (await (await get(`/v1/scenarios/${older}`)).json()) as {
          current: { planRunRate: { value: number }; baselineRunRate: { value: number } };
        };
        expect(brief.scenarios?.[0]?.planRunRate.value).toBe(plan.current.planRunRate.value);
        expect(brief.scenarios?.[0]?.baselineRunRate.value).toBe(
          plan.current.baselineRunRate.value,
        );
        expect(brief.scenarios?.[0]?.levers).toEqual({ 'adoption:automation_hours': 3 });
        const label = async (topic: unknown) =>
          ((await (await send('/v1/handoffs/preview', ask({ topic }))).json()) as HandoffBrief)
            .topic.label;
        expect(await label({ kind: 'offer', ref: 'automations' })).toBe('Automations');
        expect(await label({ kind: 'figure', ref: 'automation_hours' })).toBe(
          'Time saved by automated workflows',
        );
        expect(await label({ kind: 'figure', ref: 'total' })).toBe('Your total value');
        const story = (await (await get('/v1/value/story')).json()) as {
          chapters: Array<{ insights: Array<{ id: string; text: string }> }>;
        };
        const insight = story.chapters.flatMap((c) => c.insights)[0];
        if (!insight) throw new Error('the story tells nothing');
        expect(await label({ kind: 'story', ref: insight.id })).toBe(insight.text);
        // Another user sees only the shared plan: ana's own is unknown to them.
        const bo = await send(
          '/v1/handoffs/preview',
          ask({ topic: { kind: 'scenario', ref: older } }),
          ACME,
          'bo',
        );
        const error = await expectError(bo, 400, 'unknown_topic');
        expect(error.message).toContain(older);
      });

      it('tells the value and the story for the days the customer was looking at (topic.period)', async () => {
        // The first 60 days of the default 90: a cut of the customer's own.
        const whole = (await (await get('/v1/value/story')).json()) as {
          period: { from: string; to: string };
        };
        const days = { from: whole.period.from, to: addDays(whole.period.from, 59) };
        const story = (await (
          await get(`/v1/value/story?from=${days.from}&to=${days.to}`)
        ).json()) as {
          headline: { text: string };
          chapters: Array<{ insights: Array<{ id: string; text: string }> }>;
        };
        const insight = story.chapters.flatMap((c) => c.insights).at(-1);
        if (!insight) throw new Error('the story tells nothing');
        const brief = (await (
          await send(
            '/v1/handoffs/preview',
            ask({ topic: { kind: 'story', ref: insight.id, period: days } }),
          )
        ).json()) as HandoffBrief;
        expect(brief.topic.label).toBe(insight.text);
        expect(brief.story?.headline).toBe(story.headline.text);
        expect(brief.value?.period).toEqual(days);
        const summary = (await (
          await get(`/v1/value/summary?from=${days.from}&to=${days.to}`)
        ).json()) as {
          total: { money: number };
        };
        expect(brief.value?.total.value).toBe(summary.total.money);
        const backwards = await send(
          '/v1/handoffs/preview',
          ask({ topic: { kind: 'general', period: { from: days.to, to: days.from } } }),
        );
        await expectError(backwards, 400, 'invalid_period');
      });

      it('refuses a topic that names nothing the customer can see', async () => {
        for (const topic of [
          { kind: 'scenario', ref: 'scn_nope' },
          { kind: 'offer', ref: 'no_such_offer' },
          { kind: 'figure', ref: 'no_such_driver' },
          { kind: 'story', ref: 'trend:nothing' },
        ]) {
          const res = await send('/v1/handoffs', ask({ topic }));
          const error = await expectError(res, 400, 'unknown_topic');
          expect(error.message).toContain(topic.ref);
        }
        const general = await send('/v1/handoffs/preview', ask({ topic: { kind: 'offer' } }));
        expect((await expectError(general, 400, 'invalid_request')).message).toContain('ref');
        expect((await f.t.services.storage.handoffs.list(ACME)).length).toBe(0);
      });
    });

    describe('sending and reading hand-offs', () => {
      let created: Created;

      it('stores the hand-off, answers 201 with its brief, and puts handoff.created in the outbox', async () => {
        const res = await send(
          '/v1/handoffs',
          ask({ topic: { kind: 'offer', ref: 'automations' }, when: 'this_week', channel: 'call' }),
        );
        expect(res.status).toBe(201);
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        created = (await res.json()) as Created;
        expect(created.id).toMatch(/^hof_[0-9a-f]{16}$/);
        expect(created.status).toBe('new');
        expect(created.brief.handoffId).toBe(created.id);
        expect(created.brief.when).toBe('this_week');
        const [delivery] = await f.t.services.storage.webhooks.deliveries('whk_handoffs', 10);
        expect(delivery).toMatchObject({ eventType: 'handoff.created', status: 'pending' });
        const body = JSON.parse(String(delivery?.payload)) as { type: string; data: unknown };
        expect(body.type).toBe('handoff.created');
        const data = handoffCreatedDataSchema.parse(body.data);
        expect(data.brief).toEqual(created.brief);
        expect(data.briefUrl).toBeUndefined();
        expect(data.briefBytes).toBe(Buffer.byteLength(JSON.stringify(created.brief)));
        expect(data.handoff).toEqual({
          id: created.id,
          accountId: ACME,
          askedBy: 'ana',
          status: 'new',
          topic: { kind: 'offer', ref: 'automations', label: 'Automations' },
          message: ask().message,
          channel: 'call',
          when: 'this_week',
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
          replies: [],
        });
      });

      it('lists the account’s hand-offs to everyone in it, `mine` for the asker, briefs only one by one', async () => {
        const mine = (await (await get('/v1/handoffs')).json()) as {
          handoffs: Array<Record<string, unknown>>;
        };
        expect(mine.handoffs.map((h) => [h.id, h.mine, 'brief' in h])).toEqual([
          [created.id, true, false],
        ]);
        const bo = (await (await get('/v1/handoffs', ACME, 'bo')).json()) as {
          handoffs: Array<{ mine: boolean }>;
        };
        expect(bo.handoffs.map((h) => h.mine)).toEqual([false]);
        const one = await get(`/v1/handoffs/${created.id}`);
        expect(one.status).toBe(200);
        const handoff = (await one.json()) as { brief: unknown; mine: boolean; replies: [] };
        expect(handoff.brief).toEqual(created.brief);
        expect([handoff.mine, handoff.replies]).toEqual([true, []]);
      });

      it('keeps other accounts out: their hand-off is 404 as a missing one, and no parameter picks an account', async () => {
        const other = await get(`/v1/handoffs/${created.id}`, GLOBEX);
        const missing = await get('/v1/handoffs/hof_0000000000000000', GLOBEX);
        const error = await expectError(other, 404, 'not_found');
        const none = await expectError(missing, 404, 'not_found');
        expect(error.message).toBe(
          String(none.message).replace('hof_0000000000000000', created.id),
        );
        expect(
          ((await (await get('/v1/handoffs', GLOBEX)).json()) as { handoffs: [] }).handoffs,
        ).toEqual([]);
        await expectError(await get(`/v1/handoffs?account=${GLOBEX}`), 403, 'forbidden');
        await expectError(await f.t.app.request('/v1/handoffs'), 401, 'unauthorized');
        const wrongKey = await f.t.app.request('/v1/handoffs', { headers: bearer('x.y.z') });
        await expectError(wrongKey, 401, 'unauthorized');
      });

      it('refuses a message over 2,000 characters or empty, a body over 12 KB, and a wrong channel', async () => {
        const long = await send('/v1/handoffs', ask({ message: 'a'.repeat(2_001) }));
        expect((await expectError(long, 400, 'invalid_request')).message).toContain('2000');
        expect((await send('/v1/handoffs', ask({ message: 'a'.repeat(2_000) }))).status).toBe(201);
        await expectError(
          await send('/v1/handoffs', ask({ message: '   ' })),
          400,
          'invalid_request',
        );
        await expectError(
          await send('/v1/handoffs', ask({ channel: 'fax' })),
          400,
          'invalid_request',
        );
        await expectError(
          await send('/v1/handoffs', ask({ message: 'ä'.repeat(7_000) })),
          413,
          'request_too_large',
        );
      });
    });

    describe('the hourly limit', () => {
      it('lets a user send 5 an hour; the 6th is 429 with Retry-After until the oldest leaves the hour', async () => {
        const start = NOW.getTime() + 2 * 60 * MINUTE;
        for (let i = 0; i < handoffLimits.perUserPerHour; i++) {
          vi.setSystemTime(start + i * 10 * MINUTE);
          const res = await send('/v1/handoffs', ask(), ACME, 'eager');
          expect(res.status).toBe(201);
        }
        vi.setSystemTime(start + 50 * MINUTE + 12_345);
        const limited = await send('/v1/handoffs', ask(), ACME, 'eager');
        const error = await expectError(limited, 429, 'rate_limited');
        // The first went at `start`: it leaves the hour at start + 60 min, 9 min 47.655 s from now.
        expect(limited.headers.get('retry-after')).toBe(String(Math.ceil(587_655 / 1000)));
        expect(error.message).toContain('10 minutes');
        // Another user of the account, and the same user id in another account, are not held back.
        expect((await send('/v1/handoffs', ask(), ACME, 'calm')).status).toBe(201);
        expect((await send('/v1/handoffs', ask(), GLOBEX, 'eager')).status).toBe(201);
        vi.setSystemTime(start + 60 * MINUTE);
        expect((await send('/v1/handoffs', ask(), ACME, 'eager')).status).toBe(201);
        vi.setSystemTime(start + 61 * MINUTE);
        const again = await send('/v1/handoffs', ask(), ACME, 'eager');
        await expectError(again, 429, 'rate_limited');
        // The oldest now is the one from start + 10 min: it leaves at start + 70 min.
        expect(again.headers.get('retry-after')).toBe('540');
        vi.setSystemTime(NOW);
      });
    });

    describe('a large brief', () => {
      it('goes by a signed link that answers the identical brief, and refuses a tampered or expired one', async () => {
        // Many distinct cuts in the journey make the digest (and the brief) pass 20 KB.
        const cuts: JourneyEvent[] = Array.from({ length: 120 }, (_, i) => ({
          type: 'cut_applied',
          at: new Date(NOW.getTime() - (i + 1) * MINUTE).toISOString(),
          detail: {
            from: '2025-03-01',
            to: '2025-04-27',
            filter: { by: 'team', value: `Team ${i} ${'x'.repeat(100)}` },
          },
        }));
        await f.t.services.storage.journey.append(ACME, 'big', cuts);
        const res = await send('/v1/handoffs', ask(), ACME, 'big');
        expect(res.status).toBe(201);
        const created = (await res.json()) as Created;
        const size = Buffer.byteLength(JSON.stringify(created.brief));
        expect(size).toBeGreaterThan(handoffLimits.maxInlineBriefBytes);
        const deliveries = await f.t.services.storage.webhooks.deliveries('whk_handoffs', 50);
        const delivery = deliveries.find((d) => d.payload.includes(created.id));
        expect(Buffer.byteLength(String(delivery?.payload))).toBeLessThanOrEqual(20 * 1024);
        const data = handoffCreatedDataSchema.parse(JSON.parse(String(delivery?.payload)).data);
        expect(data.brief).toBeUndefined();
        expect(data.briefBytes).toBe(size);
        const link = new URL(String(data.briefUrl));
        expect(`${link.origin}${link.pathname}`).toBe(`http://localhost/v1/briefs/${created.id}`);
        const expires = Number(link.searchParams.get('expires'));
        expect(expires).toBe(Math.floor(NOW.getTime() / 1000) + 7 * 86_400);
        // No credentials needed.
        const fetched = await f.t.app.request(`${link.pathname}${link.search}`);
        expect(fetched.status).toBe(200);
        expect(fetched.headers.get('cache-control')).toBe('private, no-store');
        expect(await fetched.json()).toEqual(created.brief);
        const signature = String(link.searchParams.get('signature'));
        const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
        for (const search of [
          `?expires=${expires}&signature=${flipped}`,
          `?expires=${expires + 1}&signature=${signature}`,
          `?expires=${expires}&signature=short`,
        ]) {
          await expectError(await f.t.app.request(`${link.pathname}${search}`), 403, 'forbidden');
        }
        // The same signature on another hand-off's id is no link to it.
        await expectError(
          await f.t.app.request(`/v1/briefs/hof_0000000000000000${link.search}`),
          403,
          'forbidden',
        );
        vi.setSystemTime(expires * 1000);
        const expired = await f.t.app.request(`${link.pathname}${link.search}`);
        expect((await expectError(expired, 403, 'forbidden')).message).toContain('expired');
        vi.setSystemTime(NOW);
      });
    });

    describe('the outbox', () => {
      it('loses no handoff.created when the outbox fails after the hand-off is stored: it waits, then goes once, with its one id', async () => {
        const { storage } = f.t.services;
        const before = (await storage.webhooks.deliveries('whk_handoffs', 100)).length;
        const down = vi
          .spyOn(storage.webhooks, 'enqueue')
          .mockRejectedValueOnce(new Error('the outbox is down'));
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
          const res = await send(
            '/v1/handoffs',
            ask({ message: 'Asked while the outbox failed' }),
            ACME,
            'cy',
          );
          // The customer's hand-off is kept and answered: the webhook is the service's to owe.
          expect(res.status).toBe(201);
          const { id } = (await res.json()) as Created;
          expect(down).toHaveBeenCalledTimes(1);
          expect(logged).toHaveBeenCalled();
          const pending = await storage.handoffs.pendingEvents(10);
          expect(pending.map((event) => [event.type, event.handoffId])).toEqual([
            ['handoff.created', id],
          ]);
          expect((await storage.webhooks.deliveries('whk_handoffs', 100)).length).toBe(before);
          // The next relay (after a restart, or the next pass) sends it, with the id it was given.
          expect(await f.t.services.handoffs.relay()).toBe(1);
          const deliveries = await storage.webhooks.deliveries('whk_handoffs', 100);
          expect(deliveries.length).toBe(before + 1);
          const sent = deliveries.find((delivery) => delivery.id === pending[0]?.id);
          expect(JSON.parse(String(sent?.payload)).data.handoff.id).toBe(id);
          // A relay that runs again (a crash after the outbox took it) sends nothing twice.
          await f.t.services.handoffs.relay();
          expect(await storage.handoffs.pendingEvents(10)).toEqual([]);
          const again = pending[0] as PendingHandoffEvent;
          await f.t.services.webhooks.enqueue(again.type, JSON.parse(again.data), { id: again.id });
          expect((await storage.webhooks.deliveries('whk_handoffs', 100)).length).toBe(before + 1);
        } finally {
          down.mockRestore();
          logged.mockRestore();
        }
      });
    });
  });
}
