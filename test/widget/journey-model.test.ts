import { describe, expect, it } from 'vitest';
import { journeyBatchSchema, journeyLimits } from '../../blueprint/api/journey.ts';
import type { VpEventDetails } from '../../widget/core/events.ts';
import {
  batchesOf,
  FLUSH_AT,
  type JourneyEvent,
  journeyEventOf,
  KEEP,
  kept,
  MAX_BYTES,
  MAX_EVENTS,
  recordedEvents,
} from '../../widget/journey/journey-model.ts';

const AT = '2026-11-30T09:15:00.000Z';

/** Every batch a queue makes must be one the server takes as it is. */
function expectAccepted(events: readonly JourneyEvent[]): JourneyEvent[][] {
  const batches = batchesOf(events);
  for (const batch of batches) {
    const body = JSON.stringify({ events: batch });
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(MAX_BYTES);
    const parsed = journeyBatchSchema.safeParse(JSON.parse(body));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  }
  expect(batches.flat()).toEqual(events);
  return batches;
}

function of<K extends keyof VpEventDetails>(name: K, detail: VpEventDetails[K]) {
  return journeyEventOf(name, detail, AT);
}

describe('journey events from the widget’s events', () => {
  it('keeps the server’s limits', () => {
    expect(MAX_EVENTS).toBe(journeyLimits.maxEvents);
    expect(MAX_BYTES).toBe(journeyLimits.maxRequestBytes);
  });

  it('maps each recorded vp-* event, with ids, enums, numbers and days only', () => {
    const events = [
      of('vp-cut-change', {
        from: '2026-09-01',
        to: '2026-11-29',
        preset: 'custom',
        compare: 'previous',
        compareFrom: '2026-06-04',
        compareTo: '2026-08-31',
        filter: { by: 'team', value: 'Finanzen & Co' },
        includeToday: true,
      }),
      of('vp-explain-request', {
        driver: 'automation_hours',
        from: '2026-11-01',
        to: '2026-11-29',
        compareFrom: '2026-10-01',
        compareTo: '2026-10-29',
      }),
      of('vp-story-question', { insightId: 'roi', type: 'roi' }),
      journeyEventOf('vp-scenario-change', { levers: { seats: 40, automation_rate: 0.6 } }, AT),
      of('vp-scenario-save', { id: 'scn_8d1e4c2b7a9f0e13', name: 'Our plan', shared: true }),
      of('vp-scenario-compare', { ids: ['scn_a', 'scn_b'] }),
      of('vp-scenario-delete', { id: 'scn_a' }),
      of('vp-offer-action', {
        offer: { id: 'payment_reminders', label: 'Turn on reminders', kind: 'feature' },
        decisionId: 'dec_1',
        cta: { label: 'Try it', url: 'https://example.com' },
      }),
      of('vp-offer-feedback', {
        offerId: 'payment_reminders',
        decisionId: 'dec_1',
        action: 'shown',
      }),
      of('vp-offer-feedback', {
        offerId: 'payment_reminders',
        decisionId: 'dec_1',
        action: 'accepted',
      }),
      of('vp-offer-feedback', {
        offerId: 'payment_reminders',
        decisionId: 'dec_1',
        action: 'dismissed',
        reason: 'not_now',
      }),
      of('vp-assumption-change', { id: 'hourly_cost', value: 55, previous: 48 }),
    ];
    expect(events.map((event) => event?.type)).toEqual([
      'cut_applied',
      'explain_asked',
      'story_question_opened',
      'scenario_built',
      'scenario_saved',
      'scenario_compared',
      'scenario_deleted',
      'offer_clicked',
      'offer_shown',
      'offer_accepted',
      'offer_dismissed',
      'assumption_changed',
    ]);
    expect(events[0]?.detail).toEqual({
      from: '2026-09-01',
      to: '2026-11-29',
      compare: 'previous',
      filter: { by: 'team', value: 'Finanzen & Co' },
    });
    expect(events[4]?.detail).toEqual({ scenarioId: 'scn_8d1e4c2b7a9f0e13' });
    expect(events[7]?.detail).toEqual({ offerId: 'payment_reminders', decisionId: 'dec_1' });
    expect(events[11]?.detail).toEqual({ assumptionId: 'hourly_cost', value: 55, previous: 48 });
    // No free text: a plan's name, an offer's label or URL never leaves.
    const sent = JSON.stringify(events);
    for (const text of ['Our plan', 'Turn on reminders', 'example.com', 'Try it']) {
      expect(sent).not.toContain(text);
    }
    expectAccepted(events as JourneyEvent[]);
    // Every recorded event name maps to something.
    expect(recordedEvents.length).toBe(9);
  });

  it('leaves out what the server would refuse, and what stands for nothing', () => {
    expect(of('vp-scenario-save', { id: 'my plan!', name: 'x', shared: false })).toBeUndefined();
    expect(
      of('vp-offer-feedback', { offerId: 'a b', decisionId: 'dec_1', action: 'accepted' }),
    ).toBeUndefined();
    expect(
      of('vp-offer-feedback', { offerId: 'a', decisionId: 'dec_1', action: 'snoozed' }),
    ).toBeUndefined();
    // A dismissal without a reason would be a 400.
    expect(
      of('vp-offer-feedback', { offerId: 'a', decisionId: 'dec_1', action: 'dismissed' }),
    ).toBeUndefined();
    expect(
      of('vp-assumption-change', { id: 'rate', value: Number.NaN, previous: 1 }),
    ).toBeUndefined();
    expect(journeyEventOf('vp-scenario-change', { levers: {} }, AT)).toBeUndefined();
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`lever_${i}`, i]));
    expect(journeyEventOf('vp-scenario-change', { levers: tooMany }, AT)).toBeUndefined();
    expect(of('vp-scenario-compare', { ids: [] })).toBeUndefined();
    expect(journeyEventOf('vp-facts-focus', { facts: [] }, AT)).toBeUndefined();
    expect(journeyEventOf('vp-cut-change', null, AT)).toBeUndefined();
    // A segment value with a control character is not sent.
    const cut = {
      from: '2026-09-01',
      to: '2026-11-29',
      preset: 'custom' as const,
      compare: 'previous' as const,
      compareFrom: '2026-06-04',
      compareTo: '2026-08-31',
    };
    expect(
      of('vp-cut-change', { ...cut, filter: { by: 'team', value: 'a\u0007b' } }),
    ).toBeUndefined();
    // A compare period comes whole or not at all.
    expect(
      of('vp-explain-request', {
        driver: 'total',
        from: '2026-11-01',
        to: '2026-11-29',
        compareFrom: '2026-10-01',
      })?.detail,
    ).toEqual({ driver: 'total', from: '2026-11-01', to: '2026-11-29' });
  });
});

describe('batches', () => {
  const built = (i: number, levers = 1) =>
    journeyEventOf(
      'vp-scenario-change',
      {
        levers: Object.fromEntries(
          Array.from({ length: levers }, (_, l) => [`lever_${i}_${l}`, i * 1.5 + l]),
        ),
      },
      AT,
    ) as JourneyEvent;

  it('cuts a long queue at 100 events', () => {
    const events = Array.from({ length: 250 }, (_, i) => built(i));
    const batches = expectAccepted(events);
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
  });

  it('cuts large events at 16 KB, in order', () => {
    const events = Array.from({ length: 30 }, (_, i) => built(i, 50));
    const batches = expectAccepted(events);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.length).toBeLessThan(MAX_EVENTS);
  });

  it('sends nothing for an empty queue', () => {
    expect(batchesOf([])).toEqual([]);
  });

  it('keeps a bounded queue, dropping the oldest', () => {
    const events = Array.from({ length: KEEP + 20 }, (_, i) => built(i));
    const queue = kept(events.slice(0, KEEP), events.slice(KEEP));
    expect(queue).toHaveLength(KEEP);
    expect(queue[0]).toBe(events[20]);
    expect(queue.at(-1)).toBe(events.at(-1));
    expect(FLUSH_AT).toBeLessThan(MAX_EVENTS);
  });
});
