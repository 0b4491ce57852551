import { describe, expect, it } from 'vitest';
import {
  BEHIND_PROMISE_BOOST,
  cohortFor,
  hasAdopted,
  isEligible,
  NEUTRAL_PROPENSITY,
  type OfferSubject,
  type PeerUsage,
  rankOffers,
  valueOffer,
} from '../../blueprint/offers.ts';
import { quantileOf } from '../../blueprint/peers.ts';
import { validateValueModel } from '../../blueprint/validate-model.ts';
import { localizeModel, type Offer, valueModelSchema } from '../../blueprint/value-model.ts';

/**
 * Known answers, computed by hand in the comments. One count driver: a workflow run saves half an
 * hour, an hour costs $40, so a run is worth $20. Over the 12-week window, q runs in an account of
 * 10 active users are q × $20 / 12 / 10 = q / 6 dollars per user per week.
 */
const model = valueModelSchema.parse({
  product: 'Acme Flow',
  currency: 'USD',
  assumptions: [
    {
      id: 'hourly_rate',
      label: 'Loaded hourly cost',
      unit: 'USD/hour',
      default: 40,
      min: 10,
      max: 300,
      customerEditable: true,
      source: 'test',
    },
  ],
  drivers: [
    {
      id: 'automation_hours',
      label: 'Time saved by automations',
      category: 'efficiency',
      event: 'Workflow Run Completed',
      quantity: { count: true },
      perUnit: 0.5,
      unit: { singular: 'hour', plural: 'hours' },
      rates: ['hourly_rate'],
    },
  ],
  offers: [
    {
      id: 'automations',
      label: 'Automations',
      kind: 'feature',
      description: 'Let workflows run by themselves.',
      drivers: ['automation_hours'],
      cta: { label: 'Set up an automation', url: 'https://acme.example/automations' },
      estimate: { perUserPerWeek: 3 },
    },
  ],
  peers: { cohortTraits: ['plan', 'size'], minAccounts: 5 },
});
const offer = model.offers[0] as Offer;
const peers = model.peers ?? { cohortTraits: [], minAccounts: 5 };
const rates = new Map([['hourly_rate', 40]]);

function account(id: string, runs: number, traits: Record<string, unknown>): PeerUsage {
  return { accountId: id, traits, activeUsers: 10, quantities: { automation_hours: runs } };
}
const pro = { plan: 'pro', size: 'm' };
/** Six adopters of the same plan and size: $20, $40 … $120 per user per week. */
const adopters = [120, 240, 360, 480, 600, 720].map((runs, index) =>
  account(`peer-${index}`, runs, pro),
);
/** The subject: 12 runs in the window, $20 a week, $1,040 a year (52 × 20). */
const subject: OfferSubject = { ...account('subject', 12, pro), rates };

describe('next-best value among peers', () => {
  it('values an offer from the cohort: median and middle half per user, minus today, a year', () => {
    const cohort = [
      ...adopters,
      account('idle', 0, pro),
      account('other-plan', 720, { plan: 'free', size: 'm' }),
    ];
    const value = valueOffer(subject, [subject, ...cohort], offer, model.drivers, peers);
    // Per user per week: 20, 40, 60, 80, 100, 120 → median 70, 25th 45, 75th 95 (interpolated).
    expect(value?.perUser).toEqual({ median: 70, low: 45, high: 95 });
    expect(value?.current).toBeCloseTo(1040, 9);
    // 52 × 70 × 10 users − 1,040 = 35,360; 52 × 45 × 10 − 1,040 = 22,360; 52 × 95 × 10 − 1,040 = 48,360.
    expect(value?.annual).toBeCloseTo(35_360, 9);
    expect(value?.low).toBeCloseTo(22_360, 9);
    expect(value?.high).toBeCloseTo(48_360, 9);
    expect(value?.basis).toBe('peers');
    // Seven accounts share the plan and size (the subject is not its own peer); six use it.
    expect(value?.cohort).toEqual({ traits: ['plan', 'size'], accounts: 7, adopters: 6 });
    expect(value?.propensity).toBeCloseTo(6 / 7, 12);
    expect(value?.priority).toBeCloseTo(35_360 * (6 / 7), 6);
    // "Plan it": hours per active user a week at the middle peer, 70 / 40 = 1.75 (runs × 0.5 h).
    expect(value?.levels.automation_hours).toBeCloseTo(1.75, 12);
  });

  it('drops the last cohort trait when the cohort has 4 adopters, and says which traits it used', () => {
    const four = adopters.slice(0, 4);
    const samePlanOtherSize = [account('l-1', 600, { plan: 'pro', size: 'l' })];
    const found = cohortFor(subject, [...four, ...samePlanOtherSize], offer, peers);
    expect(found?.cohort).toEqual({ traits: ['plan'], accounts: 5, adopters: 5 });
    // Down to every account, and still four: the vendor's estimate, labelled as such.
    const value = valueOffer(subject, four, offer, model.drivers, peers);
    // 3 runs per user per week × $20 = $60: 52 × 60 × 10 − 1,040 = 30,160 (range × 0.5 and × 1.5).
    expect(value?.basis).toBe('vendor_estimate');
    expect(value?.annual).toBeCloseTo(30_160, 9);
    expect(value?.low).toBeCloseTo(52 * 30 * 10 - 1040, 9);
    expect(value?.high).toBeCloseTo(52 * 90 * 10 - 1040, 9);
    expect(value?.propensity).toBeNull();
    expect(value?.cohort).toBeUndefined();
    expect(value?.priority).toBeCloseTo(30_160 * NEUTRAL_PROPENSITY, 6);
    // The vendor's 3 runs a person a week are 1.5 hours.
    expect(value?.levels).toEqual({ automation_hours: 1.5 });
    // No estimate either: the offer is not shown.
    const bare = { ...offer, estimate: undefined };
    expect(valueOffer(subject, four, bare, model.drivers, peers)).toBeUndefined();
  });

  it('offers nothing to an account already at or above its peers (floored at zero)', () => {
    // 4,800 runs: $800 per user per week, far above the peers' $70.
    const busy: OfferSubject = { ...account('busy', 4_800, pro), rates };
    expect(valueOffer(busy, adopters, offer, model.drivers, peers)).toBeUndefined();
  });

  it('never returns a peer account’s id or own figure', () => {
    const value = valueOffer(subject, adopters, offer, model.drivers, peers);
    const text = JSON.stringify(value);
    for (const peer of adopters) expect(text).not.toContain(peer.accountId);
    // Only aggregates: the 20 and 120 at the ends never appear as figures of their own.
    expect(Object.values(value?.perUser ?? {})).not.toContain(20);
    expect(Object.values(value?.perUser ?? {})).not.toContain(120);
  });

  it('ranks by value × propensity × promise context × the vendor’s weight, at most three', () => {
    const base = valueOffer(subject, adopters, offer, model.drivers, peers);
    if (!base) throw new Error('expected a value');
    const behind = valueOffer(
      { ...subject, behindOn: ['automation_hours'] },
      adopters,
      offer,
      model.drivers,
      peers,
    );
    expect(behind?.priority).toBeCloseTo(base.priority * BEHIND_PROMISE_BOOST, 6);
    const weighted = valueOffer(subject, adopters, { ...offer, weight: 2 }, model.drivers, peers);
    expect(weighted?.priority).toBeCloseTo(base.priority * 2, 6);
    const ranked = rankOffers([
      { ...base, offerId: 'b', priority: 10, annual: 5 },
      { ...base, offerId: 'a', priority: 10, annual: 5 },
      { ...base, offerId: 'c', priority: 10, annual: 9 },
      { ...base, offerId: 'd', priority: 50 },
    ]);
    expect(ranked.map((value) => value.offerId)).toEqual(['d', 'c', 'a']);
  });

  it('reads adoption and eligibility as the store reads events', () => {
    expect(hasAdopted(account('x', 0, pro), offer)).toBe(false);
    expect(hasAdopted(account('x', 1, pro), offer)).toBe(true);
    const eligible = { traits: [{ property: 'plan', op: 'in' as const, value: ['pro', 'team'] }] };
    expect(isEligible({ eligible }, { plan: 'pro' })).toBe(true);
    expect(isEligible({ eligible }, { plan: 'free' })).toBe(false);
    expect(isEligible({ eligible }, {})).toBe(false);
    expect(isEligible({}, {})).toBe(true);
  });

  it('interpolates quantiles between neighbours', () => {
    expect(quantileOf([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOf([10], 0.25)).toBe(10);
    expect(quantileOf([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(Number.isNaN(quantileOf([], 0.5))).toBe(true);
  });
});

describe('offers and peers in the value model', () => {
  const valid = () => structuredClone(valueModelSchema.parse(model)) as Record<string, unknown>;

  it('accepts the model above and refuses a cohort of fewer than 5 accounts', () => {
    expect(validateValueModel(model).ok).toBe(true);
    const few = { ...valid(), peers: { cohortTraits: ['plan'], minAccounts: 4 } };
    const result = validateValueModel(few);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.path).toBe('peers.minAccounts');
      expect(result.issues[0]?.message).toContain('at least 5');
    }
  });

  it('names an unknown driver, a repeated offer id and a repeated cohort trait', () => {
    const bad = valid();
    bad.offers = [
      { ...offer, drivers: ['automation_hours', 'nope'] },
      { ...offer, label: 'Twice' },
    ];
    bad.peers = { cohortTraits: ['plan', 'plan'], minAccounts: 5 };
    const result = validateValueModel(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.path).sort()).toEqual([
        'offers[0].drivers[1]',
        'offers[1].id',
        'peers.cohortTraits[1]',
      ]);
      expect(result.issues.find((issue) => issue.path === 'offers[0].drivers[1]')?.message).toBe(
        'there is no driver "nope"; the drivers are automation_hours',
      );
    }
  });

  it('refuses a call to action that is not an http(s) URL, and translates offers', () => {
    const script = valid();
    script.offers = [{ ...offer, cta: { label: 'Go', url: 'javascript:alert(1)' } }];
    const refused = validateValueModel(script);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]?.path).toBe('offers[0].cta.url');
    const translated = valid();
    const de = { offers: { automations: { label: 'Automatisierungen', cta: 'Einrichten' } } };
    translated.locales = { de, es: { offers: { nope: { label: 'No' } } } };
    const result = validateValueModel(translated);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.path)).toEqual(['locales.es.offers.nope']);
    }
    const german = localizeModel(
      valueModelSchema.parse({ ...translated, locales: { de } }),
      'de-AT',
    ).offers[0];
    expect(german?.label).toBe('Automatisierungen');
    expect(german?.cta).toEqual({ label: 'Einrichten', url: 'https://acme.example/automations' });
    expect(german?.description).toBe(offer.description);
  });
});
