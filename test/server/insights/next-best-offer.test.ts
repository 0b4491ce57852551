import { describe, expect, it } from 'vitest';
import type { OfferValue } from '../../../blueprint/offers.ts';
import type { Driver, Offer } from '../../../blueprint/value-model.ts';
import { detectInsights } from '../../../server/insights/detect.ts';
import {
  detectNextBestOffer,
  RECOMMENDATIONS_QUERY,
} from '../../../server/insights/next-best-offer.ts';
import type { StoryOffer } from '../../../server/insights/story-input.ts';
import type { OfferRanking } from '../../../server/offers/recommendation-service.ts';
import { chapterOf, renderStory } from '../../../server/story/render.ts';
import { storyOfferOf } from '../../../server/story/story-service.ts';
import { storyInput } from './story-fixture.ts';

/**
 * What's next: the offer next-best value ranks first, told from its projection. The account's
 * value over the story's 84 days is $10,000 (story-fixture.ts).
 */

const window = { from: '2026-09-07', to: '2026-11-29' };

const peers: StoryOffer = {
  id: 'automation_workshop',
  label: 'Automation workshop',
  drivers: ['hours'],
  value: 'Time saved by automations',
  product: 'Acme Flow',
  basis: 'peers',
  annual: 30_000,
  low: 20_000,
  high: 45_000,
  cohort: { adopters: 8, alike: true },
  activeUsers: 31,
  window,
};

const estimate: StoryOffer = {
  ...peers,
  basis: 'vendor_estimate',
  cohort: undefined,
  annual: 4_000,
  low: 0,
  high: 16_000,
};

const one = (offer: StoryOffer | undefined) => {
  const found = detectNextBestOffer(storyInput(offer ? { offer } : {}));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
};
const factsOf = (offer: StoryOffer) =>
  Object.fromEntries((one(offer)?.facts ?? []).map((fact) => [fact.id, fact]));

describe('next_best_offer', () => {
  it('names the top offer with its range, who it comes from and the people it is sized for', () => {
    const insight = one(peers);
    expect(insight).toMatchObject({
      id: 'next_best_offer:automation_workshop',
      type: 'next_best_offer',
      drivers: ['hours'],
      params: {
        offer: 'Automation workshop',
        offerId: 'automation_workshop',
        product: 'Acme Flow',
        basis: 'peers',
        like: 'yes',
        range: 'span',
      },
    });
    expect(chapterOf(insight as never)).toBe('next');
    const facts = factsOf(peers);
    expect(Object.keys(facts).sort()).toEqual(['adopters', 'high', 'low', 'users']);
    expect(facts.low).toMatchObject({ value: 20_000, estimated: true, unit: { kind: 'money' } });
    expect(facts.high).toMatchObject({ value: 45_000, estimated: true });
    expect(facts.users).toMatchObject({ value: 31, estimated: false, unit: { whole: true } });
    expect(facts.adopters).toMatchObject({ value: 8, unit: { singular: 'account', whole: true } });
    // Every figure cites the window it comes from and the call that reproduces it.
    for (const fact of Object.values(facts)) {
      expect(fact.provenance).toEqual({
        driver: 'hours',
        period: window,
        query: RECOMMENDATIONS_QUERY,
      });
    }
    // Its money over the story's 84 days (30,000 × 84 / 365 ≈ 6,904) is more than a quarter of
    // the $10,000 the account got: full impact, and peers are full significance.
    expect(insight?.score).toBe(1);
  });

  it('says who the estimate comes from when peers are too few, and never the high end alone', () => {
    const insight = one(estimate);
    expect(insight?.params).toMatchObject({ basis: 'vendor_estimate', like: 'no', range: 'up_to' });
    // Nothing at the low end: the likely figure, up to the high end.
    const facts = factsOf(estimate);
    expect(Object.keys(facts).sort()).toEqual(['annual', 'high', 'users']);
    expect(facts.annual?.value).toBe(4_000);
    // Half the significance of a peer figure; 4,000 × 84 / 365 ≈ 920.5 of a quarter of 10,000.
    expect(insight?.score).toBeCloseTo(0.5 * ((4_000 * 84) / 365 / 2_500), 4);
  });

  it('says one figure when both ends read alike, and other accounts when no trait is shared', () => {
    const alike = { ...peers, low: 41_200, high: 41_400, cohort: { adopters: 6, alike: false } };
    expect(one(alike)?.params).toMatchObject({ range: 'point', like: 'no' });
    expect(Object.keys(factsOf(alike)).sort()).toEqual(['adopters', 'high', 'users']);
  });

  it('is absent with no offer, nothing to gain, no active people, or fewer than five peers', () => {
    expect(one(undefined)).toBeUndefined();
    expect(one({ ...peers, high: 0, low: 0, annual: 0 })).toBeUndefined();
    expect(one({ ...peers, activeUsers: 0 })).toBeUndefined();
    expect(one({ ...peers, cohort: { adopters: 4, alike: true } })).toBeUndefined();
    expect(one({ ...peers, cohort: undefined })).toBeUndefined();
  });

  it('is what the story ends with, even behind five stronger points', () => {
    expect(detectInsights(storyInput({ offer: estimate })).map((i) => i.type)).toContain(
      'next_best_offer',
    );
    const change = detectInsights(storyInput()).find((i) => i.type === 'period_change');
    if (!change) throw new Error('the fixture has no period change');
    const five = [0.9, 0.9, 0.8, 0.8, 0.7].map((score, index) => ({
      ...change,
      id: `period_change:${index}`,
      score,
    }));
    const offer = one(estimate);
    if (!offer) throw new Error('no offer insight');
    const story = renderStory({ insights: [...five, offer], dataStatus: { state: 'ok' } }, 'en');
    const told = story.chapters.flatMap((chapter) => chapter.insights);
    expect(told.map((i) => i.id)).toEqual([
      'period_change:0',
      'period_change:1',
      'period_change:2',
      'period_change:3',
      'next_best_offer:automation_workshop',
    ]);
    expect(story.chapters.at(-1)?.id).toBe('next');
  });
});

describe('storyOfferOf', () => {
  const offer = { id: 'automation_workshop', label: 'Automation workshop', drivers: ['hours'] };
  const value: OfferValue = {
    offerId: 'automation_workshop',
    basis: 'peers',
    annual: 30_000,
    low: 20_000,
    high: 45_000,
    propensity: 0.8,
    cohort: { traits: ['plan'], accounts: 10, adopters: 8 },
    perUser: { median: 20, low: 12, high: 28 },
    current: 2_000,
    levels: { hours: 0.4 },
    priority: 24_000,
  };
  const ranking = (ranked: OfferRanking['ranked']): OfferRanking => ({
    window,
    activeUsers: 31,
    ranked,
    answered: [],
  });

  it('takes the top of the ranking, cohort as counts only', () => {
    const story = storyOfferOf(ranking([{ offer: offer as Offer, value }]), {
      product: 'Acme Flow',
      drivers: [{ id: 'hours', label: 'Time saved by automations' } as Driver],
    });
    expect(story).toEqual({ ...peers, cohort: { adopters: 8, alike: true } });
    expect(JSON.stringify(story)).not.toMatch(/accounts|propensity|perUser/);
  });

  it('is none when nothing is open (every offer hidden, in progress or not worth it)', () => {
    expect(storyOfferOf(ranking([]), { product: 'Acme Flow', drivers: [] })).toBeUndefined();
  });
});
