import { daysIn } from '../../blueprint/days.ts';
import { roundSignificant } from '../../blueprint/format.ts';
import { NEUTRAL_PROPENSITY } from '../../blueprint/offers.ts';
import { MIN_PEER_ACCOUNTS } from '../../blueprint/peers.ts';
import { countUnit, fact, impactOf, moneyUnit, provenance, scoreOf, TOTAL } from './facts.ts';
import type { Fact, Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/** The call that reproduces an offer's figures; the story cites it as the value API's are cited. */
export const RECOMMENDATIONS_QUERY = '/v1/recommendations';

/** Two ends this close read as one figure once rounded as an estimate ("$41K"). */
const SAME_FIGURE_DIGITS = 2;

/**
 * What's next: the offer next-best value ranks first for the account, with the money it would
 * likely bring a year on top of today's (a range), who that comes from (peers that use it, or the
 * vendor's estimate) and the account's active people it is sized for. Its impact is that money
 * over the story's period, against the period's value, like every other insight's.
 */
export function detectNextBestOffer(input: StoryInput): Insight[] {
  const offer = input.offer;
  if (!offer || !(offer.high > 0) || !(offer.activeUsers > 0)) return [];
  // A peer figure stands only on enough accounts: never fewer than five.
  if (offer.basis === 'peers' && !(offer.cohort && offer.cohort.adopters >= MIN_PEER_ACCOUNTS)) {
    return [];
  }
  const source = provenance(offer.drivers[0] ?? TOTAL, offer.window, RECOMMENDATIONS_QUERY);
  const money = moneyUnit(input.currency);
  const range =
    offer.low <= 0
      ? 'up_to'
      : roundSignificant(offer.low, SAME_FIGURE_DIGITS) ===
          roundSignificant(offer.high, SAME_FIGURE_DIGITS)
        ? 'point'
        : 'span';
  // What is said: both ends; or, when the low end is nothing, the likely figure and the high end
  // (never the high end alone: that would sell); or one figure when both ends read alike.
  const facts: Fact[] = [
    ...(range === 'span'
      ? [fact('low', 'More a year than today, low end', offer.low, money, true, source)]
      : []),
    ...(range === 'up_to'
      ? [fact('annual', 'More a year than today, likely', offer.annual, money, true, source)]
      : []),
    fact('high', 'More a year than today, high end', offer.high, money, true, source),
    fact(
      'users',
      'Active people in the 12 weeks',
      offer.activeUsers,
      countUnit('person', 'people', true),
      false,
      source,
    ),
  ];
  if (offer.basis === 'peers' && offer.cohort) {
    facts.push(
      fact(
        'adopters',
        'Accounts like this one that use it',
        offer.cohort.adopters,
        countUnit('account', 'accounts', true),
        false,
        source,
      ),
    );
  }
  const inPeriod = (offer.annual * daysIn(input.period)) / 365;
  return [
    {
      id: `next_best_offer:${offer.id}`,
      type: 'next_best_offer',
      score: scoreOf(offer.basis === 'peers' ? 1 : NEUTRAL_PROPENSITY, impactOf(inPeriod, input)),
      drivers: [...offer.drivers],
      params: {
        offer: offer.label,
        value: offer.value,
        offerId: offer.id,
        product: offer.product,
        basis: offer.basis,
        // "Accounts like yours" only when the cohort kept a trait; else accounts on the product.
        like: offer.cohort?.alike ? 'yes' : 'no',
        range,
      },
      facts,
    },
  ];
}
