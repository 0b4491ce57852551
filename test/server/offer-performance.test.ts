import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminAuth, bearer, expectError, postJson } from '../helpers.ts';
import {
  ACCOUNTS,
  ACME,
  Expected,
  expectMoney,
  type Fixture,
  fixtureEvents,
  GLOBEX,
  INITECH,
  offersModel,
  SEAT_VALUE,
  startFixture,
} from './value-fixture.ts';

/**
 * GET /v1/admin/offers/performance through the real API. Offers are shown and answered through
 * the customer-facing routes on two days (the 10th and the 28th of April 2025, after the
 * fixture's last day); every expected count comes from a log of what this test posted, and the
 * realized value of the accepted offers from the raw fixture events, priced by hand (acme with
 * the hourly rate its editor set, the others at the defaults).
 */

const EARLIER = new Date('2025-04-10T10:00:00.000Z');
const NOW = new Date('2025-04-28T10:00:00.000Z');
const YESTERDAY = '2025-04-27';
const ACME_HOURLY_RATE = 80;
const DAY_MS = 86_400_000;

const events = fixtureEvents();
const expected = new Expected(events);

const model = offersModel();

interface Item {
  decisionId: string;
  offer: { id: string };
  projected: { annual: number };
}

/** What this test did through the customer-facing API, by UTC day: the independent count. */
const offered: Array<{ account: string; offerId: string; day: string; item: Item }> = [];
const posted: Array<{
  account: string;
  offerId: string;
  action: string;
  reason?: string;
  day: string;
}> = [];

let f: Fixture;

const today = () => new Date(Date.now()).toISOString().slice(0, 10);
/** Tokens live minutes, so each day's calls get their own (the user id keys the cache). */
const tokenFor = (account: string) => f.token(account, 'viewer', `${account}-${today()}`);

/** GET /v1/recommendations, and a `shown` for every offer it gives. */
async function show(account: string): Promise<Map<string, Item>> {
  const res = await f.t.app.request('/v1/recommendations', {
    headers: bearer(await tokenFor(account)),
  });
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: Item[] };
  for (const item of items) {
    offered.push({ account, offerId: item.offer.id, day: today(), item });
    await react(account, item, 'shown');
  }
  return new Map(items.map((item) => [item.offer.id, item]));
}

async function react(account: string, item: Item | undefined, action: string, reason?: string) {
  if (!item) throw new Error(`${account} was not offered what it answers`);
  const res = await postJson(
    f.t.app,
    `/v1/recommendations/${item.offer.id}/feedback`,
    { decisionId: item.decisionId, action, ...(reason ? { reason } : {}) },
    bearer(await tokenFor(account)),
  );
  expect(res.status).toBe(204);
  posted.push({
    account,
    offerId: item.offer.id,
    action,
    ...(reason ? { reason } : {}),
    day: today(),
  });
}

const performance = (query = '') =>
  f.t.app.request(`/v1/admin/offers/performance${query}`, { headers: adminAuth });

interface Row {
  offerId: string;
  label: string | null;
  kind: string | null;
  inModel: boolean;
  decisions: number;
  accountsOffered: number;
  reactions: Record<string, unknown>;
  conversion: { clickedPerShown: number | null; acceptedPerShown: number | null };
  alreadyHave: { accounts: number; accountIds: string[] };
  inProgress: {
    accounts: number;
    projectedAnnual: number;
    projectedToDate: number;
    realized: number | null;
    realizedPerProjected: number | null;
  };
}
interface Answer {
  currency: string;
  days: { from: string | null; to: string | null };
  realizedTo: string;
  offers: Row[];
}

async function answer(query = ''): Promise<Answer> {
  const res = await performance(query);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as Answer;
}

/** An offer's funnel counted from the log, within the days. */
function counted(offerId: string, days: { from?: string; to?: string } = {}) {
  const within = (day: string) => (!days.from || day >= days.from) && (!days.to || day <= days.to);
  const decisions = offered.filter((d) => d.offerId === offerId && within(d.day));
  const reactions = posted.filter((r) => r.offerId === offerId && within(r.day));
  const n = (action: string, reason?: string) =>
    reactions.filter((r) => r.action === action && (!reason || r.reason === reason)).length;
  const per = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const alreadyHave = [
    ...new Set(reactions.filter((r) => r.reason === 'already_have').map((r) => r.account)),
  ].sort();
  return {
    decisions: decisions.length,
    accountsOffered: new Set(decisions.map((d) => d.account)).size,
    reactions: {
      shown: n('shown'),
      clicked: n('clicked'),
      accepted: n('accepted'),
      dismissed: {
        not_now: n('dismissed', 'not_now'),
        not_relevant: n('dismissed', 'not_relevant'),
        already_have: n('dismissed', 'already_have'),
      },
      snoozed: n('snoozed'),
      restored: n('restored'),
    },
    conversion: {
      clickedPerShown: per(n('clicked'), n('shown')),
      acceptedPerShown: per(n('accepted'), n('shown')),
    },
    alreadyHave: { accounts: alreadyHave.length, accountIds: alreadyHave },
  };
}

/** Days from `from` to yesterday, both counted. */
const daysSince = (from: string) => (Date.parse(YESTERDAY) - Date.parse(from)) / DAY_MS + 1;

let accepted: { acme: Item; initech: Item };

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  // Events go in on the 28th: sent on the 10th, later ones would read as from the future.
  vi.setSystemTime(NOW);
  f = await startFixture({ events, model });
  await f.refresh();
  const edited = await f.t.app.request('/v1/value/assumptions/hourly_rate', {
    method: 'PUT',
    headers: {
      ...bearer(await f.token(ACME, 'editor', 'acme-editor')),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ value: ACME_HOURLY_RATE }),
  });
  expect(edited.status).toBe(200);

  vi.setSystemTime(EARLIER);
  const first = new Map<string, Map<string, Item>>();
  for (const account of ACCOUNTS) {
    const items = await show(account);
    expect([...items.keys()].sort()).toEqual(['automations', 'deals_pack']);
    first.set(account, items);
  }
  const acme = first.get(ACME);
  const globex = first.get(GLOBEX);
  const initech = first.get(INITECH);
  await react(ACME, acme?.get('automations'), 'clicked');
  await react(ACME, acme?.get('automations'), 'accepted');
  await react(ACME, acme?.get('deals_pack'), 'dismissed', 'not_now');
  await react(GLOBEX, globex?.get('automations'), 'clicked');
  await react(GLOBEX, globex?.get('automations'), 'dismissed', 'already_have');
  await react(GLOBEX, globex?.get('deals_pack'), 'snoozed');
  await react(INITECH, initech?.get('deals_pack'), 'clicked');
  await react(INITECH, initech?.get('deals_pack'), 'accepted');
  accepted = {
    acme: acme?.get('automations') as Item,
    initech: initech?.get('deals_pack') as Item,
  };

  vi.setSystemTime(NOW);
  // Acme: one offer in progress, the other hidden "not now" until it restores it.
  expect([...(await show(ACME)).keys()]).toEqual([]);
  await react(ACME, acme?.get('deals_pack'), 'restored');
  // Globex: automations hidden for good; the snooze is over.
  const globexNow = await show(GLOBEX);
  expect([...globexNow.keys()]).toEqual(['deals_pack']);
  await react(GLOBEX, globexNow.get('deals_pack'), 'clicked');
  const initechNow = await show(INITECH);
  expect([...initechNow.keys()]).toEqual(['automations']);
  await react(INITECH, initechNow.get('automations'), 'dismissed', 'not_relevant');
});
afterAll(async () => {
  await f?.close();
  vi.useRealTimers();
});

describe('GET /v1/admin/offers/performance', () => {
  it('counts, per offer, what was offered and what the customers did, as they did it', async () => {
    const body = await answer();
    expect(body.currency).toBe('USD');
    expect(body.days).toEqual({ from: null, to: null });
    expect(body.realizedTo).toBe(YESTERDAY);
    expect(body.offers.map((row) => [row.offerId, row.label, row.kind, row.inModel])).toEqual([
      ['automations', 'Automations', 'feature', true],
      ['deals_pack', 'Deals pack', 'addon', true],
      ['pro_only', 'Pro reporting', 'plan', true],
    ]);
    for (const row of body.offers) expect(row).toMatchObject(counted(row.offerId));
    // The log is what it should be: not a count of nothing.
    expect(body.offers[0]?.reactions).toMatchObject({ shown: 4, clicked: 2, accepted: 1 });
    expect(body.offers[0]?.alreadyHave).toEqual({ accounts: 1, accountIds: [GLOBEX] });
    // Never offered: zeros, no rates.
    expect(body.offers[2]?.decisions).toBe(0);
    expect(body.offers[2]?.conversion).toEqual({ clickedPerShown: null, acceptedPerShown: null });
    expect(body.offers[2]?.inProgress).toEqual({
      accounts: 0,
      projectedAnnual: 0,
      projectedToDate: 0,
      realized: 0,
      realizedPerProjected: null,
    });
  });

  it('compares the value realized since acceptance with the projection, at each account’s rates', async () => {
    const body = await answer();
    const since = EARLIER.toISOString().slice(0, 10);
    const range = { from: since, to: YESTERDAY };
    const days = daysSince(since);
    expect(days).toBe(18);
    const cases = [
      {
        offerId: 'automations',
        item: accepted.acme,
        realized: expected.figures('automation_hours', ACME, range, {
          rates: { hourly_rate: ACME_HOURLY_RATE, seat_value: SEAT_VALUE },
        }).money,
      },
      {
        offerId: 'deals_pack',
        item: accepted.initech,
        realized: expected.figures('deal_revenue', INITECH, range).money,
      },
    ];
    for (const { offerId, item, realized } of cases) {
      const row = body.offers.find((candidate) => candidate.offerId === offerId);
      const toDate = (item.projected.annual * days) / 365;
      expect(realized).toBeGreaterThan(0);
      expect(row?.inProgress.accounts).toBe(1);
      expectMoney(row?.inProgress.projectedAnnual, item.projected.annual);
      expectMoney(row?.inProgress.projectedToDate, toDate);
      expectMoney(row?.inProgress.realized, realized);
      expect(row?.inProgress.realizedPerProjected).toBeCloseTo(realized / toDate, 4);
    }
    // The customer sees the same realized value on its own dashboard.
    const res = await f.t.app.request('/v1/recommendations', {
      headers: bearer(await tokenFor(ACME)),
    });
    const own = (await res.json()) as { items: Item[]; inProgress: Array<{ realized: number }> };
    expectMoney(own.inProgress[0]?.realized, cases[0]?.realized ?? Number.NaN);
    // That GET offered deals_pack again: the log keeps up.
    for (const item of own.items) {
      offered.push({ account: ACME, offerId: item.offer.id, day: today(), item });
    }
  });

  it('keeps only the decisions and reactions of the days asked for, and the acceptances in them', async () => {
    const asked: Array<{ from?: string; to?: string }> = [
      { from: '2025-04-28' },
      { to: '2025-04-10' },
      { from: '2025-04-01', to: '2025-04-30' },
    ];
    for (const days of asked) {
      const query = new URLSearchParams(days as Record<string, string>).toString();
      const body = await answer(`?${query}`);
      expect(body.days).toEqual({ from: days.from ?? null, to: days.to ?? null });
      for (const row of body.offers) expect(row).toMatchObject(counted(row.offerId, days));
      const acceptedIn = !days.from || days.from <= '2025-04-10';
      expect(body.offers[0]?.inProgress.accounts).toBe(acceptedIn ? 1 : 0);
      expect(body.offers[1]?.inProgress.accounts).toBe(acceptedIn ? 1 : 0);
    }
    const late = await answer('?from=2025-04-28');
    expect(late.offers[0]?.reactions).toMatchObject({ shown: 1, clicked: 0, accepted: 0 });
  });

  it('keeps an offer the model no longer has, marked so, without a realized value it cannot know', async () => {
    const before = await answer();
    const res = await f.putModel({
      ...model,
      offers: model.offers.filter((offer) => offer.id !== 'deals_pack'),
    });
    expect(res.status).toBe(201);
    const body = await answer();
    expect(body.offers.map((row) => [row.offerId, row.inModel])).toEqual([
      ['automations', true],
      ['pro_only', true],
      ['deals_pack', false],
    ]);
    const retired = body.offers[2];
    const was = before.offers.find((row) => row.offerId === 'deals_pack');
    expect(retired).toMatchObject({ label: null, kind: null, ...counted('deals_pack') });
    expect(retired?.inProgress).toEqual({
      ...was?.inProgress,
      realized: null,
      realizedPerProjected: null,
    });
    await f.putModel(model);
  });
});

describe('GET /v1/admin/offers/performance: errors', () => {
  it('400 for a day that is not one, with the parameter named', async () => {
    for (const query of ['?from=2025-13-01', '?to=yesterday', '?from=2025-02-30']) {
      const error = await expectError(await performance(query), 400, 'invalid_request');
      expect(error.issues).toEqual([
        expect.objectContaining({ path: query.slice(1, query.indexOf('=')) }),
      ]);
    }
  });

  it('400 invalid_period when from is after to', async () => {
    const error = await expectError(
      await performance('?from=2025-04-28&to=2025-04-10'),
      400,
      'invalid_period',
    );
    expect(error.message).toBe('from (2025-04-28) is after to (2025-04-10)');
  });
});

describe('GET /v1/admin/offers/performance: security', () => {
  it('refuses no key, an embed token, a write key and a wrong secret', async () => {
    const path = '/v1/admin/offers/performance';
    await expectError(await f.t.app.request(path), 401, 'unauthorized');
    for (const headers of [
      bearer(await tokenFor(ACME)),
      bearer(f.writeKey),
      bearer('not-the-secret-key-0123456789'),
    ]) {
      await expectError(await f.t.app.request(path, { headers }), 401, 'unauthorized');
    }
  });
});
