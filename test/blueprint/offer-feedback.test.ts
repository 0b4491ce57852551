import { describe, expect, it } from 'vitest';
import { offerState, type Reaction } from '../../blueprint/offer-feedback.ts';

/** An injected clock: day N at noon UTC. */
const day = (n: number) => Date.UTC(2026, 0, 1, 12) + n * 86_400_000;
const shown = (n: number): Reaction => ({ action: 'shown', at: day(n) });

describe('when an offer shows, after what the customer said', () => {
  it('is open with nothing said, or after a click alone', () => {
    expect(offerState([], day(0))).toEqual({ state: 'open' });
    expect(offerState([shown(0), { action: 'clicked', at: day(0) }], day(1))).toEqual({
      state: 'open',
    });
  });

  it('"not now" hides it for 30 days, then it is back', () => {
    const said: Reaction[] = [{ action: 'dismissed', reason: 'not_now', at: day(0) }];
    expect(offerState(said, day(29))).toEqual({
      state: 'hidden',
      reason: 'not_now',
      until: day(30),
    });
    expect(offerState(said, day(30))).toEqual({ state: 'open' });
  });

  it('"not relevant" hides it until restored; "already have" for good, unless restored', () => {
    const notRelevant: Reaction[] = [{ action: 'dismissed', reason: 'not_relevant', at: day(0) }];
    expect(offerState(notRelevant, day(400))).toEqual({ state: 'hidden', reason: 'not_relevant' });
    expect(offerState([...notRelevant, { action: 'restored', at: day(5) }], day(6))).toEqual({
      state: 'open',
    });
    const have: Reaction[] = [{ action: 'dismissed', reason: 'already_have', at: day(0) }];
    expect(offerState(have, day(4000))).toEqual({ state: 'hidden', reason: 'already_have' });
  });

  it('snoozed rests 14 days; accepted is in progress from that day', () => {
    const snoozed: Reaction[] = [{ action: 'snoozed', at: day(0) }];
    expect(offerState(snoozed, day(13))).toEqual({
      state: 'hidden',
      reason: 'snoozed',
      until: day(14),
    });
    expect(offerState(snoozed, day(14))).toEqual({ state: 'open' });
    expect(offerState([...snoozed, { action: 'accepted', at: day(20) }], day(21))).toEqual({
      state: 'in_progress',
      since: day(20),
    });
  });

  it('shown 3 times in 7 days with no reaction rests 10 days; a reaction in between resets it', () => {
    const three = [shown(0), shown(3), shown(7)];
    expect(offerState(three, day(8))).toEqual({ state: 'resting', until: day(17) });
    expect(offerState(three, day(17))).toEqual({ state: 'open' });
    // Spread over more than 7 days: no rest.
    expect(offerState([shown(0), shown(4), shown(8)], day(9))).toEqual({ state: 'open' });
    // A click after the second show: only one show since.
    expect(
      offerState([shown(0), shown(1), { action: 'clicked', at: day(1) + 1 }, shown(2)], day(3)),
    ).toEqual({ state: 'open' });
  });

  it('reads reactions in time order, whatever order they come in, and ignores the future', () => {
    const said: Reaction[] = [
      { action: 'restored', at: day(5) },
      { action: 'dismissed', reason: 'not_relevant', at: day(1) },
    ];
    expect(offerState(said, day(6))).toEqual({ state: 'open' });
    expect(offerState(said, day(3))).toEqual({ state: 'hidden', reason: 'not_relevant' });
  });
});
