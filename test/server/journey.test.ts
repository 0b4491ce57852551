import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY, openStorage } from '../../telemetry/storage/open.ts';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  expectError,
  postJson,
  SECRET_KEY,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

/**
 * The journey through the real API, on both stores: events are kept for the token's account and
 * user only, the contract refuses anything that is not an id, enum, number or day, and the
 * digest reads back the token's user.
 */

const DAY_MS = 86_400_000;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

for (const location of [':memory:', MEMORY]) {
  describe(`POST /v1/journey (${location === MEMORY ? 'memory' : 'duckdb'} store)`, () => {
    let t: TestApp;
    const tokens = new Map<string, string>();

    async function token(accountId: string, userId: string) {
      const key = `${accountId}/${userId}`;
      const known = tokens.get(key);
      if (known) return known;
      const res = await postJson(
        t.app,
        '/v1/embed/sessions',
        { accountId, userId, role: 'viewer' },
        adminAuth,
      );
      expect(res.status).toBe(201);
      const minted = ((await res.json()) as { token: string }).token;
      tokens.set(key, minted);
      return minted;
    }
    const send = async (body: unknown, accountId = 'acme', userId = 'ana') =>
      postJson(t.app, '/v1/journey', body, bearer(await token(accountId, userId)));
    const stored = (accountId: string) =>
      t.services.storage.journey.read(accountId, { since: new Date(Date.now() - 200 * DAY_MS) });

    beforeAll(async () => {
      t = await startTestApp({ storage: await openStorage({ location }) });
    });
    afterAll(() => t.close());

    it('keeps the events for the token’s account and user, and answers 202 with the count', async () => {
      const events = [
        { type: 'section_viewed', at: minutesAgo(10), detail: { section: 'story' } },
        {
          type: 'cut_applied',
          at: minutesAgo(9),
          detail: {
            from: '2026-09-01',
            to: '2026-11-29',
            compare: 'previous',
            filter: { by: 'team', value: 'Finance' },
          },
        },
        {
          type: 'explain_asked',
          at: minutesAgo(8),
          detail: { driver: 'automation_hours', from: '2026-11-01', to: '2026-11-29' },
        },
        {
          type: 'offer_dismissed',
          at: minutesAgo(7),
          detail: { offerId: 'reminders', decisionId: 'dec_1', reason: 'not_relevant' },
        },
      ];
      const res = await send({ events });
      expect(res.status).toBe(202);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(await res.json()).toEqual({ accepted: 4 });
      const kept = await stored('acme');
      expect(kept.map(({ accountId, userId, type }) => [accountId, userId, type])).toEqual(
        events.map((event) => ['acme', 'ana', event.type]),
      );
      expect(kept[1]?.detail).toEqual(events[1]?.detail);
      expect(await stored('globex')).toEqual([]);
    });

    it('takes a beacon’s text/plain body', async () => {
      const res = await t.app.request('/v1/journey', {
        method: 'POST',
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          ...bearer(await token('initech', 'cy')),
        },
        body: JSON.stringify({
          events: [{ type: 'section_viewed', at: minutesAgo(1), detail: { section: 'plan' } }],
        }),
      });
      expect(res.status).toBe(202);
      expect((await stored('initech')).map((event) => event.userId)).toEqual(['cy']);
    });

    it('tells the token’s user their digest, and never another account’s or user’s', async () => {
      await send(
        { events: [{ type: 'section_viewed', at: minutesAgo(5), detail: { section: 'trend' } }] },
        'acme',
        'bo',
      );
      await send(
        { events: [{ type: 'section_viewed', at: minutesAgo(5), detail: { section: 'next' } }] },
        'globex',
        'ana',
      );
      const res = await t.app.request('/v1/journey/digest', {
        headers: bearer(await token('acme', 'ana')),
      });
      expect(res.status).toBe(200);
      const digest = (await res.json()) as {
        explored: { sections: Array<{ section: string; views: number }>; drivers: unknown[] };
        openQuestions: Array<{ kind: string; driver?: string }>;
      };
      expect(digest.explored.sections.map(({ section, views }) => [section, views])).toEqual([
        ['story', 1],
      ]);
      expect(digest.explored.drivers).toHaveLength(1);
      // The explain was followed by a dismissal: answered. Nothing of bo's or globex's shows.
      expect(digest.openQuestions).toEqual([]);
      const globex = await t.app.request('/v1/journey/digest', {
        headers: bearer(await token('globex', 'ana')),
      });
      const other = (await globex.json()) as { explored: { sections: Array<{ section: string }> } };
      expect(other.explored.sections.map(({ section }) => section)).toEqual(['next']);
    });

    it('refuses an unknown type, naming the valid ones, and keeps nothing of the request', async () => {
      const before = (await stored('acme')).length;
      const res = await send({
        events: [
          { type: 'section_viewed', at: minutesAgo(1), detail: { section: 'story' } },
          { type: 'page_scrolled', at: minutesAgo(1), detail: {} },
        ],
      });
      const error = await expectError(res, 400, 'invalid_request');
      expect(error.issues).toEqual([
        expect.objectContaining({
          path: 'events.1.type',
          message: expect.stringContaining('section_viewed, cut_applied'),
        }),
      ]);
      expect(String(error.message)).toContain('assumption_changed');
      expect((await stored('acme')).length).toBe(before);
    });

    it('refuses a detail that does not fit its type', async () => {
      for (const detail of [{ section: 'settings' }, { section: 'story', extra: 1 }, {}]) {
        const res = await send({ events: [{ type: 'section_viewed', at: minutesAgo(1), detail }] });
        await expectError(res, 400, 'invalid_request');
      }
      const res = await send({
        events: [
          {
            type: 'offer_dismissed',
            at: minutesAgo(1),
            detail: { offerId: 'o', decisionId: 'd', reason: 'too_pricey' },
          },
        ],
      });
      await expectError(res, 400, 'invalid_request');
      const bad = await send({
        events: [
          {
            type: 'assumption_changed',
            at: 'yesterday',
            detail: { assumptionId: 'a', value: 1, previous: 2 },
          },
        ],
      });
      await expectError(bad, 400, 'invalid_request');
    });

    it('refuses free text wherever it could hide: extra keys, sentences for ids, long or control-laden segment values', async () => {
      const attempts = [
        {
          type: 'section_viewed',
          at: minutesAgo(1),
          detail: { section: 'story' },
          note: 'call me',
        },
        {
          type: 'scenario_saved',
          at: minutesAgo(1),
          detail: { scenarioId: 'my plan for the board meeting' },
        },
        {
          type: 'story_question_opened',
          at: minutesAgo(1),
          detail: { insightId: 'roi', type: 'roi', question: 'why?' },
        },
        {
          type: 'cut_applied',
          at: minutesAgo(1),
          detail: {
            from: '2026-09-01',
            to: '2026-09-30',
            filter: { by: 'team', value: 'x'.repeat(129) },
          },
        },
        {
          type: 'cut_applied',
          at: minutesAgo(1),
          detail: { from: '2026-09-01', to: '2026-09-30', filter: { by: 'team', value: 'a\nb' } },
        },
        { type: 'scenario_built', at: minutesAgo(1), detail: { levers: { 'adoption:x': 'lots' } } },
      ];
      for (const event of attempts) {
        await expectError(await send({ events: [event] }), 400, 'invalid_request');
      }
      await expectError(await send({ events: [], comment: 'hi' }), 400, 'invalid_request');
    });

    it('takes 100 events a request, refuses 101 with 400 and more than 16 KB with 413', async () => {
      const event = { type: 'section_viewed', at: minutesAgo(1), detail: { section: 'plan' } };
      const hundred = await send(
        { events: Array.from({ length: 100 }, () => event) },
        'hooli',
        'dee',
      );
      expect(hundred.status).toBe(202);
      const error = await expectError(
        await send({ events: Array.from({ length: 101 }, () => event) }),
        400,
        'invalid_request',
      );
      expect(String(error.message)).toContain('at most 100 events');
      const levers = Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [`adoption:driver_${'x'.repeat(40)}_${i}`, i]),
      );
      const heavy = { type: 'scenario_built', at: minutesAgo(1), detail: { levers } };
      const body = JSON.stringify({ events: Array.from({ length: 10 }, () => heavy) });
      expect(body.length).toBeGreaterThan(16 * 1024);
      await expectError(await send(body), 413, 'request_too_large');
      expect((await stored('hooli')).length).toBe(100);
    });

    it('refuses a time in the future beyond the allowed skew, or older than the retention', async () => {
      const ahead = new Date(Date.now() + 10 * 60_000).toISOString();
      const error = await expectError(
        await send({
          events: [{ type: 'section_viewed', at: ahead, detail: { section: 'story' } }],
        }),
        400,
        'invalid_event_time',
      );
      expect(error.issues).toEqual([{ path: 'events.0.at', message: 'is in the future' }]);
      const old = new Date(Date.now() - 181 * DAY_MS).toISOString();
      await expectError(
        await send({ events: [{ type: 'section_viewed', at: old, detail: { section: 'story' } }] }),
        400,
        'invalid_event_time',
      );
      // A browser a minute ahead is within the skew.
      const slightly = new Date(Date.now() + 60_000).toISOString();
      const res = await send(
        { events: [{ type: 'section_viewed', at: slightly, detail: { section: 'story' } }] },
        'skew',
        'ed',
      );
      expect(res.status).toBe(202);
    });

    it('takes only an embed token: none, the secret key or a write key is 401', async () => {
      const body = {
        events: [{ type: 'section_viewed', at: minutesAgo(1), detail: { section: 'story' } }],
      };
      await expectError(await postJson(t.app, '/v1/journey', body), 401, 'unauthorized');
      await expectError(
        await postJson(t.app, '/v1/journey', body, bearer(SECRET_KEY)),
        401,
        'unauthorized',
      );
      const source = await createSource(t.app, `Journey ${location}`);
      await expectError(
        await postJson(t.app, '/v1/journey', body, bearer(source.writeKey)),
        401,
        'unauthorized',
      );
      await expectError(
        await postJson(t.app, '/v1/journey', body, basic(source.writeKey)),
        401,
        'unauthorized',
      );
      await expectError(
        await t.app.request('/v1/journey/digest', { headers: bearer(SECRET_KEY) }),
        401,
        'unauthorized',
      );
      await expectError(await t.app.request('/v1/journey/digest'), 401, 'unauthorized');
    });
  });
}
