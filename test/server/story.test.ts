import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoAccounts } from '../../examples/demo/telemetry.ts';
import { createApp } from '../../server/app.ts';
import { prepareDemo } from '../../server/demo.ts';
import type { Fact, Insight } from '../../server/insights/insight.ts';
import { startServices } from '../../server/service.ts';
import { namesIn, onlyFactNumbers } from '../../server/story/guard.ts';
import { periodWordsFor } from '../../server/story/render.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import { openStorage } from '../../telemetry/storage/open.ts';
import {
  adminAuth,
  expectError,
  SECRET_KEY,
  startTestApp,
  type TestApp,
  testLocation,
} from '../helpers.ts';

/**
 * The story endpoint on the real demo (six accounts, the Acme Flow model): every sentence in every
 * shipped locale may only carry numbers that are its formatted facts.
 */

interface Story {
  locale: string;
  period: { from: string; to: string };
  localeFallback?: true;
  headline: { text: string; facts: Fact[] };
  chapters: Array<{ title: string; insights: Insight[] }>;
  notices: Array<{ text: string; facts: Fact[] }>;
  dataStatus: { state: string };
  modelVersion: number;
  generatedAt: string;
}

let dir: string;
let place: Awaited<ReturnType<typeof testLocation>> | undefined;
let t: TestApp;
let storage: Storage;

/**
 * The demo's history is drawn relative to today, and which weekday it starts on moves how its
 * weeks add up: some sentences below are about its shape (Vandelay's drop held as a step), so the
 * clock starts at one day for the whole file. Found on 2026-12-06, a Sunday: that day the weekly
 * fit reads Vandelay's ramp and stall as one turn ("turned down in the week of August 31").
 */
const TODAY = new Date('2026-12-05T12:00:00Z');

beforeAll(async () => {
  // Only the date is moved: it runs on from there at the real pace.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(TODAY);
  dir = mkdtempSync(join(tmpdir(), 'vp-story-'));
  place = await testLocation(join(dir, 'demo.duckdb'));
  storage = await openStorage({ location: place.location });
  await prepareDemo(storage, () => undefined);
  t = await startTestApp({ storage });
}, 60_000);

afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
  await place?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function tokenFor(accountId: string, locale?: string): Promise<string> {
  const response = await t.app.request('/v1/embed/sessions', {
    method: 'POST',
    headers: { ...adminAuth, 'content-type': 'application/json' },
    body: JSON.stringify({
      accountId,
      userId: `${accountId}-u1`,
      role: 'viewer',
      ...(locale ? { locale } : {}),
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function story(accountId: string, query = '', locale?: string) {
  return t.app.request(`/v1/value/story${query}`, {
    headers: { authorization: `Bearer ${await tokenFor(accountId, locale)}` },
  });
}

describe('GET /v1/value/story', () => {
  for (const locale of ['en', 'de', 'es']) {
    it(`tells every demo account's story in ${locale} with no number that is not a fact`, async () => {
      for (const account of demoAccounts) {
        const response = await story(account.id, `?locale=${locale}`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as Story;
        expect(body.locale).toBe(locale);
        expect(body.headline.text.length).toBeGreaterThan(10);
        // The period is named from the story's own period ("in the last 90 days"): not a stated number.
        const periodWords = periodWordsFor(body.period, locale);
        expect(
          onlyFactNumbers(body.headline.text, body.headline.facts, locale, periodWords),
          body.headline.text,
        ).toBe(true);
        for (const notice of body.notices) {
          expect(onlyFactNumbers(notice.text, notice.facts, locale)).toBe(true);
        }
        for (const chapter of body.chapters) {
          for (const insight of chapter.insights) {
            expect(insight.text, `${account.id} ${insight.type}`).toBeTruthy();
            expect(
              onlyFactNumbers(insight.text ?? '', insight.facts, locale, namesIn(insight)),
              `${account.id} ${locale}: ${insight.text}`,
            ).toBe(true);
          }
        }
      }
    });
  }

  it('names people as the reader knows them, never by raw id, the same person the same way', async () => {
    let named = 0;
    for (const locale of ['en', 'de', 'es']) {
      for (const account of demoAccounts) {
        const body = (await (await story(account.id, `?locale=${locale}`)).json()) as Story;
        for (const insight of body.chapters.flatMap((chapter) => chapter.insights)) {
          expect(insight.text, insight.text).not.toMatch(/-u\d+\b/);
          expect(insight.question ?? '', insight.question).not.toMatch(/-u\d+\b/);
          if (insight.segment?.by === 'user') {
            named += 1;
            const word = { en: 'User', de: 'Person', es: 'Persona' }[locale];
            expect(insight.text).toMatch(new RegExp(`${word} \\d`));
          }
        }
      }
    }
    // Whether a demo story names people depends on the data; namedPeople has its own test.
    expect(named).toBeGreaterThanOrEqual(0);
  });

  it("names Vandelay's sustained drop instead of a growth rate against days before it started", async () => {
    const vandelay = (await (await story('vandelay', '?locale=en')).json()) as Story;
    const insights = vandelay.chapters.flatMap((chapter) => chapter.insights);
    const drop = insights.find((i) => i.type === 'trend_change' && i.drivers.includes('total'));
    expect(drop?.params).toMatchObject({ kind: 'step', direction: 'down' });
    expect(drop?.text).toMatch(/^Your value dropped in the week of /);
    // Its account started inside the compared period: no rate, no rise taken apart.
    expect(insights.some((i) => i.type === 'period_change' || i.type === 'top_contributors')).toBe(
      false,
    );
  });

  it('tells the demo accounts apart: growth for Acme, a promise at risk for Umbrella', async () => {
    const acme = (await (await story('acme-corp', '?locale=en')).json()) as Story;
    const acmeTypes = acme.chapters.flatMap((chapter) => chapter.insights.map((i) => i.type));
    expect(acmeTypes.length).toBeGreaterThanOrEqual(3);
    expect(acmeTypes).toContain('period_change');
    const umbrella = (await (await story('umbrella', '?locale=en')).json()) as Story;
    const risks = umbrella.chapters.find((chapter) => chapter.title === 'Risks to watch');
    const behind = risks?.insights.filter((i) => i.type === 'pace_to_promise') ?? [];
    expect(behind.length).toBeGreaterThan(0);
    expect(behind.every((i) => i.params.status === 'behind')).toBe(true);
  });

  it('words modelled money as an estimate in the headline', async () => {
    const words = { en: 'about', de: 'etwa', es: 'unos' } as const;
    for (const [locale, word] of Object.entries(words)) {
      const body = (await (await story('acme-corp', `?locale=${locale}`)).json()) as Story;
      const money = body.headline.facts.find((fact) => fact.id === 'money');
      expect(money?.estimated).toBe(true);
      expect(body.headline.text).toContain(`${word} ${money?.formatted}`);
    }
  });

  it("uses the token's locale, and falls back to English saying so", async () => {
    const german = (await (await story('globex', '', 'de-DE')).json()) as Story;
    expect(german.locale).toBe('de');
    const french = (await (await story('globex', '?locale=fr')).json()) as Story;
    expect(french.locale).toBe('en');
    expect(french.localeFallback).toBe(true);
    expect(french.notices.map((notice) => notice.text).join(' ')).toContain('English');
  });

  it('says plainly when a period has no activity, inventing nothing', async () => {
    const body = (await (await story('initech', '?from=2025-01-01&to=2025-03-31')).json()) as Story;
    expect(body.dataStatus.state).toBe('no_data');
    expect(body.chapters).toEqual([]);
    expect(body.headline.text).toMatch(/No value to show for this period/);
  });

  it("passes only facts to a deployment's rephrasing hook and drops invented numbers", async () => {
    const seen: Fact[][] = [];
    const services = await startServices(
      {
        databasePath: join(dir, 'demo.duckdb'),
        maxQueuedEvents: 1_000,
        maxGroupEvents: 1_000,
        dedupeDays: 30,
        secretKey: SECRET_KEY,
      },
      // The test app's own store, which this second service must leave open.
      { ...storage, close: async () => undefined },
      {
        rephrase: async (facts) => {
          seen.push([...facts]);
          // Reworded without numbers for the first point; every other one invents a number.
          return seen.length === 1 ? 'Well done, keep going.' : 'You saved 123456 hours.';
        },
      },
    );
    try {
      const app = createApp(services);
      const token = await tokenFor('acme-corp', 'en');
      const body = (await (
        await app.request('/v1/value/story', { headers: { authorization: `Bearer ${token}` } })
      ).json()) as Story;
      const texts = body.chapters.flatMap((chapter) => chapter.insights.map((i) => i.text));
      expect(seen.length).toBe(texts.length);
      expect(seen.every((facts) => facts.every((f) => typeof f.formatted === 'string'))).toBe(true);
      expect(texts[0]).toBe('Well done, keep going.');
      expect(texts.join(' ')).not.toContain('123456');
      expect(texts.slice(1).every((text) => /\d/.test(text ?? ''))).toBe(true);
    } finally {
      await services.shutdown();
    }
  });

  it('answers 400 for a bad period, 401 without a token, 403 for another account', async () => {
    await expectError(
      await story('acme-corp', '?from=2026-05-01&to=2026-01-01'),
      400,
      'invalid_period',
    );
    await expectError(await t.app.request('/v1/value/story'), 401, 'unauthorized');
    await expectError(await story('acme-corp', '?account=globex'), 403, 'forbidden');
  });
});

// The demo seeded here also carries saved plans: checked on the same seeded database.
describe('the demo’s saved plans', () => {
  it('gives Acme Corp’s user a shared and a private plan, each above today’s baseline', async () => {
    const [first] = demoAccounts;
    const id = first?.id as string;
    const plansFor = async (userId: string) => {
      const minted = await t.app.request('/v1/embed/sessions', {
        method: 'POST',
        headers: { ...adminAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: id, userId, role: 'viewer' }),
      });
      const { token } = (await minted.json()) as { token: string };
      const res = await t.app.request('/v1/scenarios', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return (
        (await res.json()) as {
          scenarios: Array<{
            name: string;
            shared: boolean;
            saved: { baselineRunRate: number; planRunRate: number };
          }>;
        }
      ).scenarios;
    };
    const own = await plansFor(`${id}-u1`);
    expect(own.map((plan) => plan.shared)).toEqual([true, false]);
    for (const plan of own) {
      expect(plan.saved.planRunRate).toBeGreaterThan(plan.saved.baselineRunRate);
    }
    expect((await plansFor('someone-else')).map((plan) => plan.name)).toEqual([own[0]?.name]);
  });
});
