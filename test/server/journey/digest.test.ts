import { describe, expect, it } from 'vitest';
import type { JourneyEvent } from '../../../blueprint/api/journey.ts';
import { journeyDigestSchema } from '../../../blueprint/api/journey.ts';
import { type DigestInput, digestJourney } from '../../../server/journey/digest.ts';
import type { StoredJourneyEvent } from '../../../telemetry/storage/interface.ts';

/**
 * The digest's known answers, with the clock fixed: every count below is counted by hand from the
 * events listed, and every order is the one the contract states.
 */

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const WINDOW_START = '2026-11-01T12:00:00.000Z';

function by(userId: string, event: JourneyEvent): StoredJourneyEvent {
  return { ...event, accountId: 'acme', userId };
}
const at = (day: string, time = '10:00:00.000') => `2026-${day}T${time}Z`;
const autoExplain = { driver: 'automation_hours', from: '2026-10-01', to: '2026-10-31' };

const journey: StoredJourneyEvent[] = [
  // The window's edges: its first instant counts, the one before and the one after now do not.
  by('ana', { type: 'section_viewed', at: WINDOW_START, detail: { section: 'story' } }),
  by('ana', {
    type: 'section_viewed',
    at: '2026-11-01T11:59:59.999Z',
    detail: { section: 'story' },
  }),
  by('ana', {
    type: 'section_viewed',
    at: '2026-12-01T12:00:00.001Z',
    detail: { section: 'trend' },
  }),
  by('ana', { type: 'section_viewed', at: at('11-25'), detail: { section: 'story' } }),
  by('bo', { type: 'section_viewed', at: at('11-10'), detail: { section: 'plan' } }),
  by('bo', { type: 'section_viewed', at: at('11-20'), detail: { section: 'plan' } }),
  by('ana', { type: 'section_viewed', at: at('11-21'), detail: { section: 'trend' } }),
  by('ana', {
    type: 'cut_applied',
    at: at('11-05'),
    detail: { from: '2026-09-01', to: '2026-10-31', filter: { by: 'team', value: 'Finance' } },
  }),
  by('bo', {
    type: 'cut_applied',
    at: at('11-15'),
    detail: { from: '2026-09-01', to: '2026-10-31', filter: { by: 'team', value: 'Finance' } },
  }),
  by('ana', {
    type: 'cut_applied',
    at: at('11-20'),
    detail: { from: '2026-11-01', to: '2026-11-19', compare: 'last_year' },
  }),
  by('ana', { type: 'explain_asked', at: at('11-12'), detail: autoExplain }),
  by('ana', { type: 'explain_asked', at: at('11-22'), detail: autoExplain }),
  by('ana', { type: 'scenario_saved', at: at('11-23'), detail: { scenarioId: 'scn_a' } }),
  by('ana', {
    type: 'scenario_compared',
    at: at('11-24'),
    detail: { scenarioIds: ['scn_a', 'scn_b'] },
  }),
  by('ana', {
    type: 'story_question_opened',
    at: at('11-26'),
    detail: { insightId: 'period_change:total', type: 'period_change' },
  }),
  by('ana', {
    type: 'assumption_changed',
    at: at('11-27'),
    detail: { assumptionId: 'hourly_rate', value: 70, previous: 65 },
  }),
  by('bo', {
    type: 'story_question_opened',
    at: at('11-27', '09:00:00.000'),
    detail: { insightId: 'record:automation_hours', type: 'record' },
  }),
  by('ana', {
    type: 'explain_asked',
    at: at('11-28'),
    detail: {
      driver: 'deal_revenue',
      from: '2026-11-01',
      to: '2026-11-27',
      compareFrom: '2025-11-01',
      compareTo: '2025-11-27',
    },
  }),
  by('bo', { type: 'scenario_deleted', at: at('11-18'), detail: { scenarioId: 'scn_old' } }),
  by('bo', { type: 'scenario_deleted', at: at('10-20'), detail: { scenarioId: 'scn_older' } }),
  by('bo', {
    type: 'offer_dismissed',
    at: at('11-29'),
    detail: { offerId: 'deals', decisionId: 'dec_2', reason: 'not_now' },
  }),
];

const input: DigestInput = {
  // Stored order does not matter: the digest sorts by time.
  journey: [...journey].reverse(),
  plans: [
    { id: 'scn_a', name: 'Finance automations', shared: true, updatedAt: at('11-23') },
    { id: 'scn_b', name: 'More seats', shared: false, updatedAt: at('11-24') },
  ],
  offers: [
    { offerId: 'reminders', state: { state: 'in_progress', since: Date.parse(at('11-19')) } },
    {
      offerId: 'deals',
      state: { state: 'hidden', reason: 'not_now', until: Date.parse(at('12-29')) },
    },
    { offerId: 'automations', state: { state: 'hidden', reason: 'already_have' } },
    {
      offerId: 'pro',
      state: { state: 'hidden', reason: 'snoozed', until: Date.parse(at('12-05')) },
    },
    { offerId: 'seats', state: { state: 'resting', until: Date.parse(at('12-03')) } },
    { offerId: 'open_one', state: { state: 'open' } },
  ],
  now: NOW,
};

describe('the journey digest', () => {
  const digest = digestJourney(input);

  it('reads the 30 days up to now, both edges inclusive', () => {
    expect(digest.window).toEqual({ from: WINDOW_START, to: '2026-12-01T12:00:00.000Z' });
  });

  it('explored: sections by views (ties by name), distinct cuts newest first, drivers by explains', () => {
    expect(digest.explored.sections).toEqual([
      { section: 'plan', views: 2, lastAt: at('11-20') },
      { section: 'story', views: 2, lastAt: at('11-25') },
      { section: 'trend', views: 1, lastAt: at('11-21') },
    ]);
    expect(digest.explored.cuts).toEqual([
      { from: '2026-11-01', to: '2026-11-19', compare: 'last_year', times: 1, lastAt: at('11-20') },
      {
        from: '2026-09-01',
        to: '2026-10-31',
        filter: { by: 'team', value: 'Finance' },
        times: 2,
        lastAt: at('11-15'),
      },
    ]);
    expect(digest.explored.drivers).toEqual([
      { driver: 'automation_hours', explains: 2, lastAt: at('11-22') },
      { driver: 'deal_revenue', explains: 1, lastAt: at('11-28') },
    ]);
  });

  it('prioritized: plans kept now newest first, comparisons, offers in progress', () => {
    expect(digest.prioritized).toEqual({
      plans: [
        { scenarioId: 'scn_b', name: 'More seats', shared: false, updatedAt: at('11-24') },
        { scenarioId: 'scn_a', name: 'Finance automations', shared: true, updatedAt: at('11-23') },
      ],
      comparedPlans: [{ scenarioIds: ['scn_a', 'scn_b'], at: at('11-24') }],
      acceptedOffers: [{ offerId: 'reminders', since: at('11-19') }],
    });
  });

  it('learned: story questions and each distinct explain, newest first', () => {
    expect(digest.learned).toEqual({
      storyQuestions: [
        {
          insightId: 'record:automation_hours',
          type: 'record',
          times: 1,
          lastAt: at('11-27', '09:00:00.000'),
        },
        { insightId: 'period_change:total', type: 'period_change', times: 1, lastAt: at('11-26') },
      ],
      explains: [
        {
          driver: 'deal_revenue',
          from: '2026-11-01',
          to: '2026-11-27',
          compareFrom: '2025-11-01',
          compareTo: '2025-11-27',
          at: at('11-28'),
        },
        { ...autoExplain, at: at('11-22') },
      ],
    });
  });

  it('discarded: offers dismissed with their reason (not snoozed or resting), plans deleted in the window', () => {
    expect(digest.discarded).toEqual({
      offers: [
        { offerId: 'automations', reason: 'already_have', until: null },
        { offerId: 'deals', reason: 'not_now', until: at('12-29') },
      ],
      plans: [{ scenarioId: 'scn_old', at: at('11-18') }],
    });
  });

  it('open questions: asked, and the same person did nothing after', () => {
    // ana's automation explain (11-22) was followed by a save (11-23); her story question (11-26)
    // by an assumption change (11-27). bo's offer dismissal (11-29) came after his question, so
    // it is closed too; ana's deal explain (11-28) has nothing after it.
    expect(digest.openQuestions).toEqual([
      {
        kind: 'explain',
        driver: 'deal_revenue',
        from: '2026-11-01',
        to: '2026-11-27',
        at: at('11-28'),
      },
    ]);
  });

  it('an action by someone else does not answer a person’s question', () => {
    const withoutBosAction = digestJourney({
      ...input,
      journey: journey.filter(
        (event) => !(event.userId === 'bo' && event.type === 'offer_dismissed'),
      ),
    });
    expect(withoutBosAction.openQuestions).toEqual([
      {
        kind: 'explain',
        driver: 'deal_revenue',
        from: '2026-11-01',
        to: '2026-11-27',
        at: at('11-28'),
      },
      {
        kind: 'story_question',
        insightId: 'record:automation_hours',
        type: 'record',
        at: at('11-27', '09:00:00.000'),
      },
    ]);
  });

  it('is the same for the same input, fits its schema, and is empty for no journey', () => {
    expect(digestJourney(input)).toEqual(digest);
    expect(journeyDigestSchema.parse(digest)).toEqual(digest);
    const empty = digestJourney({ journey: [], plans: [], offers: [], now: NOW });
    expect(empty.explored).toEqual({ sections: [], cuts: [], drivers: [] });
    expect(empty.openQuestions).toEqual([]);
  });
});
