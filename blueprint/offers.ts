import { quantileOf } from './peers.ts';
import { BASELINE_WEEKS, UNKNOWN_SPREAD, WEEKS_PER_YEAR } from './projection.ts';
import { driverMoney } from './value-math.ts';
import type { Driver, Offer, Peers } from './value-model.ts';
import { matchesWhere } from './where.ts';

/**
 * Next-best value, the arithmetic: which accounts are "like this one" for an offer, what the
 * offer's value per active user is among those that use it, what this account would likely
 * realize on top of what it gets today, and how offers rank. Pure: the server brings the usage.
 * Peer accounts' ids and own figures stay in here; only aggregates of at least `minAccounts`
 * accounts come out.
 */

/** Priority when no cohort says how likely the account is to adopt (a vendor estimate). */
export const NEUTRAL_PROPENSITY = 0.5;
/** Offers that grow value the account is behind its promise on rank this much higher. */
export const BEHIND_PROMISE_BOOST = 1.5;
/** A vendor estimate's range: as wide as the projection's for a driver the account never used. */
const ESTIMATE_SPREAD = UNKNOWN_SPREAD;

/** One account's use in the window (the 12 weeks of the scenario baseline). */
export interface PeerUsage {
  accountId: string;
  traits: Readonly<Record<string, unknown>>;
  /** Distinct users with any event in the window. */
  activeUsers: number;
  /** Each driver's quantity in the window, by driver id. */
  quantities: Readonly<Record<string, number>>;
  /**
   * Weeks of the window the account was a user (fractions included): 12, or fewer for a younger
   * account, whose figures are then its pace since it started. Unset: the whole window.
   */
  weeks?: number;
}

/** The weeks an account's window figures cover. */
const weeksOf = (usage: PeerUsage) => usage.weeks ?? BASELINE_WEEKS;

/** The account an offer is valued for: its usage, its own assumption values, its promises. */
export interface OfferSubject extends PeerUsage {
  rates: ReadonlyMap<string, number>;
  /** Drivers of promises the account is behind on ("total" for one on all value). */
  behindOn?: readonly string[];
}

/** Who the figures come from: the cohort's traits after fallback, its accounts and adopters. */
export interface Cohort {
  traits: string[];
  accounts: number;
  adopters: number;
}

export interface OfferValue {
  offerId: string;
  basis: 'peers' | 'vendor_estimate';
  /** Money a year on top of today's, with its range (never below zero). */
  annual: number;
  low: number;
  high: number;
  /** Adopters / accounts in the cohort; null for a vendor estimate. */
  propensity: number | null;
  cohort?: Cohort;
  /** Weekly money per active user: the cohort's median and middle half, or the vendor's figure. */
  perUser: { median: number; low: number; high: number };
  /** The account's annual run rate on the offer's drivers today. */
  current: number;
  /**
   * Each driver's value (its unit) per active user per week at the peer level: the cohort's
   * median, or the vendor's figure for the first driver. What "Plan it" sets the levers to.
   */
  levels: Record<string, number>;
  priority: number;
}

/** An account adopted an offer when the offer's drivers produced value in the window. */
export function hasAdopted(usage: PeerUsage, offer: Pick<Offer, 'drivers'>): boolean {
  return offer.drivers.some((driver) => (usage.quantities[driver] ?? 0) > 0);
}

/** The offer's eligibility rule on account traits (none: every account). */
export function isEligible(offer: Pick<Offer, 'eligible'>, traits: PeerUsage['traits']): boolean {
  return (offer.eligible?.traits ?? []).every((clause) =>
    matchesWhere(traits as Record<string, unknown>, clause),
  );
}

/** The trait as a cohort compares it; a missing trait matches nothing. */
function traitKey(traits: PeerUsage['traits'], trait: string): string | undefined {
  const value = traits[trait];
  return value === null || value === undefined ? undefined : JSON.stringify(value);
}

/**
 * Accounts sharing the subject's values of the cohort traits, with at least `minAccounts` that
 * adopted the offer: all the traits first, then without the last one, and so on down to every
 * account. None when even that has too few adopters. The subject itself is never its own peer.
 */
export function cohortFor(
  subject: PeerUsage,
  accounts: readonly PeerUsage[],
  offer: Pick<Offer, 'drivers'>,
  peers: Peers,
): { cohort: Cohort; adopters: PeerUsage[] } | undefined {
  // Not the subject itself, and no account under a week old: it has no pace yet to compare with.
  const others = accounts.filter(
    (account) => account.accountId !== subject.accountId && weeksOf(account) >= 1,
  );
  for (let count = peers.cohortTraits.length; count >= 0; count--) {
    const traits = peers.cohortTraits.slice(0, count);
    const keys = traits.map((trait) => traitKey(subject.traits, trait));
    if (keys.some((key) => key === undefined)) continue;
    const members = others.filter((account) =>
      traits.every((trait, index) => traitKey(account.traits, trait) === keys[index]),
    );
    const adopters = members.filter(
      (account) => account.activeUsers > 0 && hasAdopted(account, offer),
    );
    if (adopters.length >= peers.minAccounts) {
      return {
        cohort: { traits, accounts: members.length, adopters: adopters.length },
        adopters,
      };
    }
  }
  return undefined;
}

/** Money of the offer's drivers in an account's window, priced with the subject's assumptions. */
function windowMoney(
  usage: PeerUsage,
  drivers: readonly Driver[],
  rates: ReadonlyMap<string, number>,
): number {
  return drivers.reduce(
    (sum, driver) => sum + driverMoney(driver, usage.quantities[driver.id] ?? 0, rates).money,
    0,
  );
}

/**
 * What the offer would likely bring this account a year, on top of today: 52 × the cohort's median
 * weekly value per active user × this account's active users − its run rate on those drivers
 * today, floored at zero; the range from the cohort's 25th and 75th percentiles the same way. With
 * no cohort, the vendor's estimate (its first driver's quantity per user per week); with neither,
 * or nothing to gain, none.
 */
export function valueOffer(
  subject: OfferSubject,
  accounts: readonly PeerUsage[],
  offer: Offer,
  modelDrivers: readonly Driver[],
  peers: Peers,
): OfferValue | undefined {
  const drivers = offer.drivers
    .map((id) => modelDrivers.find((driver) => driver.id === id))
    .filter((driver): driver is Driver => driver !== undefined);
  if (drivers.length === 0 || subject.activeUsers <= 0 || weeksOf(subject) <= 0) return undefined;
  const current =
    (WEEKS_PER_YEAR / weeksOf(subject)) * windowMoney(subject, drivers, subject.rates);
  const yearly = (weekly: number) =>
    Math.max(0, WEEKS_PER_YEAR * weekly * subject.activeUsers - current);
  const found = cohortFor(subject, accounts, offer, peers);
  let value: Omit<OfferValue, 'priority'>;
  if (found) {
    const perUser = found.adopters
      .map((peer) => windowMoney(peer, drivers, subject.rates) / weeksOf(peer) / peer.activeUsers)
      .sort((a, b) => a - b);
    const median = quantileOf(perUser, 0.5);
    const levels = Object.fromEntries(
      drivers.map((driver) => {
        const each = found.adopters
          .map(
            (peer) =>
              ((peer.quantities[driver.id] ?? 0) * driver.perUnit) /
              weeksOf(peer) /
              peer.activeUsers,
          )
          .sort((a, b) => a - b);
        return [driver.id, quantileOf(each, 0.5)];
      }),
    );
    value = {
      offerId: offer.id,
      basis: 'peers',
      annual: yearly(median),
      low: yearly(quantileOf(perUser, 0.25)),
      high: yearly(quantileOf(perUser, 0.75)),
      propensity: found.cohort.adopters / found.cohort.accounts,
      cohort: found.cohort,
      perUser: { median, low: quantileOf(perUser, 0.25), high: quantileOf(perUser, 0.75) },
      current,
      levels,
    };
  } else if (offer.estimate) {
    const first = drivers[0] as Driver;
    const weekly = driverMoney(first, offer.estimate.perUserPerWeek, subject.rates).money;
    value = {
      offerId: offer.id,
      basis: 'vendor_estimate',
      annual: yearly(weekly),
      low: yearly(weekly * ESTIMATE_SPREAD.low),
      high: yearly(weekly * ESTIMATE_SPREAD.high),
      propensity: null,
      perUser: {
        median: weekly,
        low: weekly * ESTIMATE_SPREAD.low,
        high: weekly * ESTIMATE_SPREAD.high,
      },
      current,
      levels: { [first.id]: offer.estimate.perUserPerWeek * first.perUnit },
    };
  } else {
    return undefined;
  }
  if (!(value.annual > 0)) return undefined;
  const behind = subject.behindOn ?? [];
  const context =
    behind.includes('total') || offer.drivers.some((driver) => behind.includes(driver))
      ? BEHIND_PROMISE_BOOST
      : 1;
  return {
    ...value,
    priority: value.annual * (value.propensity ?? NEUTRAL_PROPENSITY) * context * offer.weight,
  };
}

/** The offers to show, highest priority first (ties: more money, then the id), at most `limit`. */
export function rankOffers(values: readonly OfferValue[], limit = 3): OfferValue[] {
  return [...values]
    .sort(
      (a, b) =>
        b.priority - a.priority || b.annual - a.annual || a.offerId.localeCompare(b.offerId),
    )
    .slice(0, limit);
}
