import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatMoney } from '../../blueprint/format.ts';
import type { Fact, Insight } from '../../server/insights/insight.ts';
import { namesIn, onlyFactNumbers } from '../../server/story/guard.ts';
import { openStorage } from '../../telemetry/storage/open.ts';
import { postJson, testLocation } from '../helpers.ts';
import {
  ACME,
  activePeople,
  dayAt,
  Expected,
  type Fixture,
  type FixtureEvent,
  fixtureEvents,
  GLOBEX,
  HOURLY_RATE,
  HOURS_PER_RUN,
  INITECH,
  OFFER_RUNS_PER_PERSON_WEEK,
  offersModel,
  startFixture,
} from './value-fixture.ts';

/**
 * The story's "what's next" through the real API: the offer GET /v1/recommendations ranks first,
 * named with the same figures. Two worlds: the fixture's three accounts joined by six more on the
 * same plan that run workflows every day (enough peers: the figure comes from them), and the three
 * alone (too few: the vendor's estimate). Expected figures are counted by hand from the events.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
/** The 12 complete weeks the offers are valued over, ending the day before NOW. */
const WINDOW = { from: dayAt('2025-04-27', -83), to: '2025-04-27' };
const PERIOD = 'from=2025-03-03&to=2025-04-27';
const PER_RUN = HOURS_PER_RUN * HOURLY_RATE;
const RUNS_PER_PERSON_WEEK = OFFER_RUNS_PER_PERSON_WEEK;
const LOCALES = ['en', 'de', 'es'] as const;

// The deals pack has no estimate and too few accounts close deals: it is never named.
const model = offersModel({ dealsEstimate: false });

const PEERS = Array.from({ length: 6 }, (_, index) => `peer-${index + 1}`);

/** Six accounts on the fixture's plan, two people each, `index + 2` successful runs a day each. */
function peerEvents(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  let n = 0;
  const id = () => `peer-${String(++n).padStart(5, '0')}`;
  PEERS.forEach((account, index) => {
    const people = [`${account}-a`, `${account}-b`];
    for (const userId of people) {
      events.push({
        type: 'group',
        messageId: id(),
        userId,
        groupId: account,
        traits: { plan: 'pro', arr: 50_000 },
        timestamp: '2025-03-01T09:00:00.000Z',
      });
    }
    for (let day = 0; day < 56; day++) {
      for (const userId of people) {
        for (let run = 0; run < index + 2; run++) {
          events.push({
            type: 'track',
            messageId: id(),
            userId,
            groupId: account,
            event: 'Workflow Run Completed',
            properties: { status: 'success', team: 'ops', workspace: 'main' },
            timestamp: `${dayAt('2025-03-03', day)}T${String(8 + run).padStart(2, '0')}:00:00.000Z`,
          });
        }
      }
    }
  });
  return events;
}

/** PERCENTILE.INC of values sorted ascending, written out again for the check. */
function percentile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const low = sorted[below] as number;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return low + (high - low) * (at - below);
}

interface Story {
  chapters: Array<{ id: string; title: string; insights: Insight[] }>;
}

interface Recommendations {
  items: Array<{
    decisionId: string;
    offer: { id: string };
    projected: { annual: number; low: number; high: number; basis: string };
    cohort: { adopters: number } | null;
  }>;
}

const offerIn = (story: Story) =>
  story.chapters
    .find((chapter) => chapter.id === 'next')
    ?.insights.find((insight) => insight.type === 'next_best_offer');

function factOf(insight: Insight | undefined, id: string): Fact | undefined {
  return insight?.facts.find((fact) => fact.id === id);
}

/** The story names what /v1/recommendations shows, each figure written as the story writes money. */
async function expectSameFigures(f: Fixture, locale: string) {
  const story = await f.getJson<Story>(`/v1/value/story?${PERIOD}&locale=${locale}`, ACME);
  const recommendations = await f.getJson<Recommendations>(
    `/v1/recommendations?locale=${locale}`,
    ACME,
  );
  const [top] = recommendations.items;
  const insight = offerIn(story);
  expect(top?.offer.id).toBe('automations');
  expect(insight?.params.offerId).toBe(top?.offer.id);
  expect(insight?.params.basis).toBe(top?.projected.basis);
  const money = insight?.facts.filter((fact) => fact.unit.kind === 'money') ?? [];
  expect(money.length).toBeGreaterThan(0);
  for (const fact of money) {
    const figure = top?.projected[fact.id as 'annual' | 'low' | 'high'] as number;
    expect(fact.value).toBe(figure);
    expect(fact.estimated).toBe(true);
    expect(fact.formatted).toBe(formatMoney(figure, 'USD', locale, true));
    expect(insight?.text).toContain(fact.formatted);
  }
  expect(
    onlyFactNumbers(insight?.text ?? '', insight?.facts ?? [], locale, namesIn(insight as Insight)),
  ).toBe(true);
  return { story, insight: insight as Insight, top };
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  vi.useRealTimers();
});

describe('GET /v1/value/story names the top offer (enough peers)', () => {
  const events = [...fixtureEvents(), ...peerEvents()];
  const expected = new Expected(events);
  const people = activePeople(events, WINDOW);
  const peopleOf = (account: string) => people.find((row) => row.accountId === account)?.users ?? 0;
  const runsOf = (account: string) => expected.matching('automation_hours', account, WINDOW).length;
  let f: Fixture;

  beforeAll(async () => {
    f = await startFixture({ events, model });
    await f.refresh();
  });
  afterAll(() => f.close());

  it('from the peers that use it: their middle half, for this account’s active people', async () => {
    // Every other account on the plan runs workflows: all are adopters.
    const adopters = [GLOBEX, INITECH, ...PEERS];
    const perUser = adopters
      // Each at its pace: the weeks it has been a user within the 12 (the fixture's are younger).
      .map(
        (account) =>
          (runsOf(account) * PER_RUN) / expected.weeksIn(account, WINDOW) / peopleOf(account),
      )
      .sort((a, b) => a - b);
    const current = (52 / expected.weeksIn(ACME, WINDOW)) * runsOf(ACME) * PER_RUN;
    const yearly = (weekly: number) => Math.max(0, 52 * weekly * peopleOf(ACME) - current);
    const low = yearly(percentile(perUser, 0.25));
    const high = yearly(percentile(perUser, 0.75));
    expect(low).toBeGreaterThan(0);

    const { insight, top } = await expectSameFigures(f, 'en');
    expect(top?.projected.basis).toBe('peers');
    expect(factOf(insight, 'low')?.value).toBeCloseTo(low, 6);
    expect(factOf(insight, 'high')?.value).toBeCloseTo(high, 6);
    expect(factOf(insight, 'adopters')?.value).toBe(adopters.length);
    expect(top?.cohort?.adopters).toBe(adopters.length);
    expect(factOf(insight, 'users')?.value).toBe(peopleOf(ACME));
    expect(insight.params).toMatchObject({ offer: 'Automations', like: 'yes', range: 'span' });
    expect(insight.text).toMatch(
      new RegExp(
        `^${adopters.length} accounts like yours already get value from “Time saved by automated workflows”\\. With ${peopleOf(ACME)} people active in your account, “Automations” would bring you about \\$[\\d.,]+K? to \\$[\\d.,]+K? more a year\\.$`,
      ),
    );
    for (const fact of insight.facts) {
      expect(fact.provenance).toEqual({
        driver: 'automation_hours',
        period: WINDOW,
        query: '/v1/recommendations',
      });
    }
  });

  it('in de and es with the same figures, and no other account named', async () => {
    for (const locale of ['de', 'es']) {
      const { story, insight } = await expectSameFigures(f, locale);
      expect(insight.text).toMatch(locale === 'de' ? /Konten wie Ihres/ : /cuentas como la tuya/);
      const body = JSON.stringify(story);
      for (const other of [GLOBEX, INITECH, ...PEERS]) expect(body).not.toContain(other);
    }
  });

  it('under a filter names no offer: offers are for the whole account', async () => {
    const story = await f.getJson<Story>(`/v1/value/story?${PERIOD}&filter=team:ops`, ACME);
    expect(offerIn(story)).toBeUndefined();
  });

  it('records nothing; a show or a click keep the cached story, and it stops naming an offer the moment it is dismissed', async () => {
    const decisions = vi.spyOn(f.t.services.storage.offers, 'addDecisions');
    const told = vi.spyOn(f.t.services.story, 'tell');
    // A period of its own: no answer for it is cached yet.
    const path = '/v1/value/story?from=2025-03-10&to=2025-04-27&locale=en';
    const first = await f.getJson<Story>(path, ACME);
    // Served again from the answer cache: the same answer, told once.
    expect(await f.getJson<Story>(path, ACME)).toEqual(first);
    expect(told).toHaveBeenCalledTimes(1);
    expect(offerIn(first)?.params.offerId).toBe('automations');
    // Telling the story is no decision: nothing was shown.
    expect(decisions).not.toHaveBeenCalled();

    const { items } = await f.getJson<Recommendations>('/v1/recommendations', ACME);
    expect(decisions).toHaveBeenCalledTimes(1);
    decisions.mockRestore();
    const shown = items.find((item) => item.offer.id === 'automations');
    if (!shown) throw new Error('acme has no automations offer');
    const react = async (body: Record<string, string>) =>
      postJson(f.t.app, '/v1/recommendations/automations/feedback', body, {
        authorization: `Bearer ${await f.token(ACME)}`,
      });
    // A show and a click change nothing the story says: every page load reports them, and the
    // cached story (and every other answer) stays cached.
    expect((await react({ decisionId: shown.decisionId, action: 'shown' })).status).toBe(204);
    expect((await react({ decisionId: shown.decisionId, action: 'clicked' })).status).toBe(204);
    expect(await f.getJson<Story>(path, ACME)).toEqual(first);
    expect(told).toHaveBeenCalledTimes(1);
    const dismissed = await react({
      decisionId: shown.decisionId,
      action: 'dismissed',
      reason: 'not_now',
    });
    expect(dismissed.status).toBe(204);
    const after = await f.getJson<Story>(path, ACME);
    // Told afresh: the dismissal moved the account's answers on.
    expect(told).toHaveBeenCalledTimes(2);
    told.mockRestore();
    // No other offer is open (too few close deals, and it has no estimate): nothing is next.
    expect(offerIn(after)).toBeUndefined();
    const ranking = await f.t.services.recommendations.rank(await f.t.services.value.context(ACME));
    expect(ranking.ranked).toEqual([]);
    expect(ranking.answered.map(({ offer, state }) => [offer.id, state.state])).toEqual([
      ['automations', 'hidden'],
    ]);

    expect((await react({ decisionId: shown.decisionId, action: 'restored' })).status).toBe(204);
    expect(offerIn(await f.getJson<Story>(path, ACME))?.params.offerId).toBe('automations');
  });
});

describe('GET /v1/value/story names the top offer (too few peers)', () => {
  const events = fixtureEvents();
  const expected = new Expected(events);
  const peopleOf = (account: string) =>
    activePeople(events, WINDOW).find((row) => row.accountId === account)?.users ?? 0;
  let f: Fixture;

  beforeAll(async () => {
    f = await startFixture({ events, model });
    await f.refresh();
  });
  afterAll(() => f.close());

  it('from the vendor’s estimate, named as the vendor’s, in every language', async () => {
    const runs = expected.matching('automation_hours', ACME, WINDOW).length;
    // At its pace since it started (younger than the 12 weeks).
    const current = (52 / expected.weeksIn(ACME, WINDOW)) * runs * PER_RUN;
    const weekly = RUNS_PER_PERSON_WEEK * PER_RUN;
    const yearly = (share: number) => Math.max(0, 52 * weekly * share * peopleOf(ACME) - current);
    for (const locale of LOCALES) {
      const { insight, top } = await expectSameFigures(f, locale);
      expect(top?.projected.basis).toBe('vendor_estimate');
      expect(insight.params.basis).toBe('vendor_estimate');
      expect(factOf(insight, 'adopters')).toBeUndefined();
      expect(factOf(insight, 'high')?.value).toBeCloseTo(yearly(1.5), 6);
      const low = factOf(insight, 'low') ?? factOf(insight, 'annual');
      expect(low?.value).toBeCloseTo(insight.params.range === 'span' ? yearly(0.5) : yearly(1), 6);
      expect(insight.text).toMatch(
        {
          en: /^Fixture Flow estimates that “Automations” would bring you about /,
          de: /^Nach Schätzung von Fixture Flow brächte Ihnen „Automations“ bei /,
          es: /^Según Fixture Flow, «Automations» te aportaría /,
        }[locale],
      );
    }
  });
});

describe('ranking offers reads across accounts once while the store holds the same data', () => {
  const events = [...fixtureEvents(), ...peerEvents()];
  const reads = { usage: 0, activeUsers: 0, traitsByAccount: 0, firstDays: 0 };
  let f: Fixture;
  let place: Awaited<ReturnType<typeof testLocation>>;

  beforeAll(async () => {
    place = await testLocation();
    const storage = await openStorage({ location: place.location });
    const values = new Proxy(storage.values, {
      get(target, name, receiver) {
        const member = Reflect.get(target, name, receiver);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          if (name in reads) reads[name as keyof typeof reads]++;
          return member.apply(target, args);
        };
      },
    });
    f = await startFixture({ events, model, storage: { ...storage, values } });
    await f.refresh();
  });
  afterAll(async () => {
    await f.close();
    await place.drop();
  });

  it('shares them between accounts and answers, and reads again after events are committed', async () => {
    for (const key of Object.keys(reads)) reads[key as keyof typeof reads] = 0;
    const before = await Promise.all([
      f.getJson<Story>(`/v1/value/story?${PERIOD}`, ACME),
      f.getJson<Story>(`/v1/value/story?${PERIOD}`, GLOBEX),
      f.getJson<Recommendations>('/v1/recommendations', INITECH),
    ]);
    expect(reads).toEqual({ usage: 1, activeUsers: 1, traitsByAccount: 1, firstDays: 1 });
    expect(offerIn(before[0] as Story)?.params.offerId).toBe('automations');

    // A new person at Acme, busy in the window: the peers' figures change, and are read again.
    await f.ingest(
      Array.from({ length: 30 }, (_, day) => ({
        type: 'track',
        messageId: `late-${day}`,
        userId: 'acme-new-person',
        groupId: ACME,
        event: 'Workflow Run Completed',
        properties: { status: 'success', team: 'ops', workspace: 'main' },
        timestamp: `${dayAt('2025-04-27', -day)}T09:00:00.000Z`,
      })),
    );
    await f.refresh();
    await f.getJson<Recommendations>('/v1/recommendations', GLOBEX);
    expect(reads.usage).toBe(2);
    expect(reads.firstDays).toBe(2);
  });
});
