import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError, postJson } from '../helpers.ts';
import {
  ACME,
  activePeople,
  dayAt,
  Expected,
  type Fixture,
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
 * Next-best value through the real API. The fixture has three accounts, so no offer reaches a
 * cohort of five: every figure is the vendor's estimate, checked against a count over the raw
 * events (active people, the runs already made). The clock stands the day after the fixture.
 */

const NOW = new Date('2025-04-28T10:00:00.000Z');
const WINDOW = { from: dayAt('2025-04-27', -83), to: '2025-04-27' };
const events = fixtureEvents();
const expected = new Expected(events);
/** The vendor's estimate: 10 runs a person a week, each 0.2 h × $50, so $100 a person a week. */
const RUNS_PER_PERSON_WEEK = OFFER_RUNS_PER_PERSON_WEEK;

const model = offersModel({ dealsEstimate: false, ctaUrl: 'https://fixture.example/automations' });

/** The account's active people in the window, counted by hand from the events. */
const peopleOf = (account: string) =>
  activePeople(events, WINDOW).find((row) => row.accountId === account)?.users ?? 0;

interface Answer {
  currency: string;
  items: Array<{
    decisionId: string;
    offer: { id: string; label: string; cta: { label: string; url?: string } };
    projected: { annual: number; low: number; high: number; basis: string };
    propensity: number | null;
    cohort: unknown;
    why: { text: string; facts: Array<{ id: string; value: number; formatted?: string }> };
    plan: { levers: Record<string, number> };
  }>;
  inProgress: Array<{ decisionId: string; offer: { id: string }; realized: number; since: string }>;
  hidden: Array<{ offer: { id: string }; reason: string; until: string | null }>;
}

let f: Fixture;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  f = await startFixture({ events, model });
  await f.refresh();
});
afterAll(async () => {
  await f.close();
  vi.useRealTimers();
});

async function recommendations(account: string, locale = 'en'): Promise<Answer> {
  const res = await f.get(`/v1/recommendations?locale=${locale}`, account);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  return (await res.json()) as Answer;
}

async function feedback(account: string, offerId: string, body: unknown) {
  return postJson(f.t.app, `/v1/recommendations/${offerId}/feedback`, body, {
    authorization: `Bearer ${await f.token(account)}`,
  });
}

describe('GET /v1/recommendations', () => {
  it('values an offer from the vendor’s estimate when too few peers use it, minus what the account gets', async () => {
    const answer = await recommendations(ACME);
    expect(answer.currency).toBe('USD');
    const item = answer.items.find((candidate) => candidate.offer.id === 'automations');
    const people = peopleOf(ACME);
    const runs = expected.matching('automation_hours', ACME, WINDOW).length;
    const perRun = HOURS_PER_RUN * HOURLY_RATE;
    // Its pace since it began: the fixture's accounts are younger than the 12 weeks.
    const weeks = expected.weeksIn(ACME, WINDOW);
    expect(weeks).toBeLessThan(12);
    const current = (52 / weeks) * runs * perRun;
    const weekly = RUNS_PER_PERSON_WEEK * perRun;
    expect(people).toBeGreaterThan(0);
    expect(item?.projected.basis).toBe('vendor_estimate');
    expect(item?.projected.annual).toBeCloseTo(Math.max(0, 52 * weekly * people - current), 6);
    expect(item?.projected.low).toBeCloseTo(Math.max(0, 52 * weekly * 0.5 * people - current), 6);
    expect(item?.projected.high).toBeCloseTo(Math.max(0, 52 * weekly * 1.5 * people - current), 6);
    expect(item?.propensity).toBeNull();
    expect(item?.cohort).toBeNull();
    expect(item?.decisionId).toMatch(/^dec_[0-9a-f]{16}$/);
    // Every number in the sentence is one of its facts.
    const annual = item?.why.facts.find((fact) => fact.id === 'annual');
    expect(item?.why.text).toContain(String(annual?.formatted));
    expect(item?.why.text).toContain(`for your ${people} active people`);
    // No estimate and no cohort: not shown. Not eligible (plan): not shown.
    expect(answer.items.map((candidate) => candidate.offer.id)).not.toContain('deals_pack');
    expect(answer.items.map((candidate) => candidate.offer.id)).not.toContain('pro_only');
  });

  it('"Plan it" levers put the account at the offer’s level: the planner projects the same figure', async () => {
    const answer = await recommendations(ACME);
    const item = answer.items.find((candidate) => candidate.offer.id === 'automations');
    const people = peopleOf(ACME);
    expect(item?.plan.levers).toEqual({
      'adoption:automation_hours': people,
      'intensity:automation_hours': RUNS_PER_PERSON_WEEK * HOURS_PER_RUN,
    });
    const res = await postJson(
      f.t.app,
      '/v1/scenarios/project',
      { levers: item?.plan.levers, rampMonths: 0 },
      { authorization: `Bearer ${await f.token(ACME)}` },
    );
    expect(res.status).toBe(200);
    const projection = (await res.json()) as {
      drivers: Array<{ id: string; delta: number }>;
      clamped: unknown[];
    };
    const hours = projection.drivers.find((driver) => driver.id === 'automation_hours');
    expect(projection.clamped).toEqual([]);
    // Without the vendor’s figure as the lever’s reach, the planner would stop at 4× today’s.
    expect(hours?.delta).toBeCloseTo(item?.projected.annual ?? Number.NaN, 1);
  });

  it('speaks the token’s language and never names another account', async () => {
    const german = await recommendations(ACME, 'de');
    expect(german.items[0]?.why.text).toMatch(/^Fixture Flow schätzt etwa/);
    const text = JSON.stringify(await recommendations(ACME));
    for (const other of [GLOBEX, INITECH]) expect(text).not.toContain(other);
  });

  it('reads a locale as the story does: "es_MX" in Spanish, an unknown language in English', async () => {
    const mexican = await recommendations(ACME, 'es_MX');
    expect(mexican.items[0]?.why.text).toMatch(/^Fixture Flow estima unos /);
    const french = await recommendations(ACME, 'fr');
    expect(french.items[0]?.why.text).toMatch(/^Fixture Flow estimates about \$[\d,.]+K? a year/);
  });

  it('401 without a token', async () => {
    await expectError(await f.t.app.request('/v1/recommendations'), 401, 'unauthorized');
  });
});

describe('POST /v1/recommendations/{offerId}/feedback', () => {
  it('hides an offer dismissed "not now" for 30 days, lists it as hidden, and restores it', async () => {
    const [item] = (await recommendations(GLOBEX)).items;
    if (!item) throw new Error('globex has no offer');
    const res = await feedback(GLOBEX, item.offer.id, {
      decisionId: item.decisionId,
      action: 'dismissed',
      reason: 'not_now',
    });
    expect(res.status).toBe(204);
    const after = await recommendations(GLOBEX);
    expect(after.items.map((candidate) => candidate.offer.id)).not.toContain(item.offer.id);
    expect(after.hidden).toEqual([
      {
        decisionId: item.decisionId,
        offer: item.offer,
        reason: 'not_now',
        until: new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
      },
    ]);
    expect(
      (await feedback(GLOBEX, item.offer.id, { decisionId: item.decisionId, action: 'restored' }))
        .status,
    ).toBe(204);
    expect((await recommendations(GLOBEX)).items.map((c) => c.offer.id)).toContain(item.offer.id);
  });

  it('moves an accepted offer to "in progress", with the value realized since that day', async () => {
    const [item] = (await recommendations(INITECH)).items;
    if (!item) throw new Error('initech has no offer');
    await feedback(INITECH, item.offer.id, { decisionId: item.decisionId, action: 'accepted' });
    const after = await recommendations(INITECH);
    expect(after.inProgress).toEqual([
      expect.objectContaining({ decisionId: item.decisionId, since: '2025-04-28', realized: 0 }),
    ]);
    expect(after.items.map((candidate) => candidate.offer.id)).not.toContain(item.offer.id);
  });

  it('refuses an unknown offer, a dismissal without a reason, and another offer’s decision', async () => {
    const [item] = (await recommendations(ACME)).items;
    if (!item) throw new Error('acme has no offer');
    const unknown = await expectError(
      await feedback(ACME, 'nope', { decisionId: item.decisionId, action: 'clicked' }),
      400,
      'unknown_offer',
    );
    expect(unknown.message).toBe(
      'there is no offer "nope"; the offers are automations, deals_pack, pro_only',
    );
    const noReason = await expectError(
      await feedback(ACME, item.offer.id, { decisionId: item.decisionId, action: 'dismissed' }),
      400,
      'invalid_request',
    );
    expect(noReason.message).toContain('reason');
    await expectError(
      await feedback(ACME, 'deals_pack', { decisionId: item.decisionId, action: 'clicked' }),
      400,
      'decision_mismatch',
    );
    await expectError(
      await feedback(ACME, item.offer.id, { decisionId: item.decisionId, action: 'bogus' }),
      400,
      'invalid_request',
    );
  });

  it('404 for another account’s decision: an account cannot react for another', async () => {
    const [item] = (await recommendations(ACME)).items;
    if (!item) throw new Error('acme has no offer');
    await expectError(
      await feedback(GLOBEX, item.offer.id, { decisionId: item.decisionId, action: 'clicked' }),
      404,
      'not_found',
    );
  });
});

describe('what the customer said outlasts a new model version', () => {
  it('an offer "already" had stays hidden, under its new words, after the vendor saves a new model', async () => {
    const [item] = (await recommendations(GLOBEX)).items;
    if (!item) throw new Error('globex has no offer');
    await feedback(GLOBEX, item.offer.id, {
      decisionId: item.decisionId,
      action: 'dismissed',
      reason: 'already_have',
    });
    const renamed = {
      ...model,
      offers: model.offers.map((offer) =>
        offer.id === item.offer.id ? { ...offer, label: `${offer.label} (renamed)` } : offer,
      ),
    };
    expect((await f.putModel(renamed)).status).toBe(201);
    const after = await recommendations(GLOBEX);
    expect(after.items.map((candidate) => candidate.offer.id)).not.toContain(item.offer.id);
    expect(after.hidden).toContainEqual({
      decisionId: item.decisionId,
      offer: { ...item.offer, label: `${item.offer.label} (renamed)` },
      reason: 'already_have',
      until: null,
    });
  });
});

// Last: it accepts an offer, which takes it out of the account's list for the tests above.
describe('offer.accepted for the vendor’s systems', () => {
  it('puts offer.accepted in the webhook outbox when an offer is accepted, and nothing for a click', async () => {
    const { storage, webhooks } = f.t.services;
    // The worker stays still: the test reads the outbox, nothing is sent anywhere.
    await webhooks.stop();
    await storage.webhooks.addEndpoint({
      id: 'whk_test',
      url: 'https://hooks.example.com/in',
      events: ['offer.accepted'],
      description: null,
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      createdAt: NOW.toISOString(),
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
    });
    const [item] = (await recommendations(ACME)).items;
    if (!item) throw new Error('acme has no offer');
    await feedback(ACME, item.offer.id, { decisionId: item.decisionId, action: 'clicked' });
    expect(await storage.webhooks.deliveries('whk_test', 10)).toEqual([]);
    const res = await feedback(ACME, item.offer.id, {
      decisionId: item.decisionId,
      action: 'accepted',
    });
    expect(res.status).toBe(204);
    const deliveries = await storage.webhooks.deliveries('whk_test', 10);
    expect(deliveries).toEqual([
      expect.objectContaining({ eventType: 'offer.accepted', status: 'pending', attempts: 0 }),
    ]);
    const decision = await storage.offers.decision(ACME, item.decisionId);
    expect(JSON.parse(String(deliveries[0]?.payload))).toEqual({
      type: 'offer.accepted',
      timestamp: NOW.toISOString(),
      data: {
        accountId: ACME,
        offerId: item.offer.id,
        decisionId: item.decisionId,
        projected: decision?.projected,
        at: NOW.toISOString(),
      },
    });
    expect(decision?.projected.annual).toBe(item.projected.annual);
  });
});
