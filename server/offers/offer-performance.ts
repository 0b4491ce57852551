import type {
  OfferPerformance,
  OfferPerformanceItem,
} from '../../blueprint/api/offer-performance.ts';
import { lastCompleteDay, toDay } from '../../blueprint/days.ts';
import { roundTo } from '../../blueprint/format.ts';
import { offerState } from '../../blueprint/offer-feedback.ts';
import type { Offer } from '../../blueprint/value-model.ts';
import type {
  DayBounds,
  OfferActivity,
  Storage,
  StoredReaction,
} from '../../telemetry/storage/interface.ts';
import { InvalidPeriod, NoValueModel } from '../value/errors.ts';
import type { ValueService } from '../value/value-service.ts';
import { moneyOnDrivers, projectedOver, realizingDays } from './realized.ts';

/** An account whose last answer to an offer is `accepted`, and the decision it accepted. */
interface Acceptance {
  accountId: string;
  offerId: string;
  decisionId: string;
  /** The day it was accepted. */
  since: string;
}

interface Progress {
  accounts: number;
  projectedAnnual: number;
  projectedToDate: number;
  /** Undefined when the model no longer has the offer: its drivers, so its value, are unknown. */
  realized: number | undefined;
}

/**
 * Which offers work, for the vendor: per offer (the model's, and any it no longer has that were
 * offered), the decisions and reactions within the days asked for, the accounts that already have
 * it, and, for the accounts that accepted it, the value realized since against what was projected.
 */
export class OfferPerformanceService {
  constructor(
    private readonly value: ValueService,
    private readonly storage: Pick<Storage, 'values' | 'offers'>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async performance(days: DayBounds): Promise<OfferPerformance> {
    if (days.from && days.to && days.from > days.to) {
      throw new InvalidPeriod(`from (${days.from}) is after to (${days.to})`);
    }
    const stored = await this.value.currentModel();
    if (!stored) {
      throw new NoValueModel('the vendor has not published a value model yet, so no offers');
    }
    const now = this.now();
    const [activity, answers] = await Promise.all([
      this.storage.offers.performance(days),
      this.storage.offers.answers(),
    ]);
    const offers = stored.model.offers;
    const progress = await this.progressOf(offers, acceptancesOf(answers, now, days), now);
    const known = new Set(offers.map((offer) => offer.id));
    const retired = [...new Set([...activity.map((a) => a.offerId), ...progress.keys()])]
      .filter((id) => !known.has(id))
      .sort();
    const rowOf = (offerId: string, offer: Offer | undefined): OfferPerformanceItem =>
      itemOf(
        offerId,
        offer,
        activity.find((candidate) => candidate.offerId === offerId),
        progress.get(offerId),
      );
    return {
      currency: stored.model.currency,
      days: { from: days.from ?? null, to: days.to ?? null },
      realizedTo: lastCompleteDay(now),
      offers: [
        ...offers.map((offer) => rowOf(offer.id, offer)),
        ...retired.map((offerId) => rowOf(offerId, undefined)),
      ],
    };
  }

  /**
   * Per offer, its accepted decisions' projections and the money realized since, each account
   * priced at its own rates (one context and one activity read per account).
   */
  private async progressOf(
    offers: readonly Offer[],
    acceptances: readonly Acceptance[],
    now: number,
  ): Promise<Map<string, Progress>> {
    const progress = new Map<string, Progress>();
    for (const [accountId, accepted] of groupBy(acceptances, (item) => item.accountId)) {
      const context = await this.value.context(accountId);
      const realizing = accepted.map((acceptance) => ({
        acceptance,
        offer: offers.find((candidate) => candidate.id === acceptance.offerId),
        range: realizingDays(acceptance.since, now),
      }));
      const read = realizing.flatMap(({ range }) => (range ? [range] : []));
      const activity = await this.storage.values.activity(accountId, read);
      for (const { acceptance, offer, range } of realizing) {
        const decision = await this.storage.offers.decision(accountId, acceptance.decisionId);
        if (!decision) continue;
        const rows = range ? (activity[read.indexOf(range)] ?? []) : [];
        const sum = progress.get(acceptance.offerId) ?? {
          accounts: 0,
          projectedAnnual: 0,
          projectedToDate: 0,
          realized: offer ? 0 : undefined,
        };
        sum.accounts += 1;
        sum.projectedAnnual += decision.projected.annual;
        sum.projectedToDate += projectedOver(decision.projected.annual, range);
        if (offer && sum.realized !== undefined) {
          sum.realized += moneyOnDrivers(context, offer.drivers, rows);
        }
        progress.set(acceptance.offerId, sum);
      }
    }
    return progress;
  }
}

/**
 * Each account's offers in progress now, by offerState over its answers, accepted within the
 * days when they are bounded.
 */
function acceptancesOf(
  answers: readonly StoredReaction[],
  now: number,
  days: DayBounds,
): Acceptance[] {
  const acceptances: Acceptance[] = [];
  const pairs = groupBy(answers, (answer) => `${answer.accountId}\u0000${answer.offerId}`);
  for (const said of pairs.values()) {
    const reactions = said.map((answer) => ({ ...answer, at: Date.parse(answer.at) }));
    const state = offerState(reactions, now);
    if (state.state !== 'in_progress') continue;
    const since = toDay(state.since);
    if ((days.from && since < days.from) || (days.to && since > days.to)) continue;
    const accepted = reactions.findLast(
      (reaction) => reaction.action === 'accepted' && reaction.at === state.since,
    );
    if (!accepted) continue;
    acceptances.push({
      accountId: accepted.accountId,
      offerId: accepted.offerId,
      decisionId: accepted.decisionId,
      since,
    });
  }
  return acceptances;
}

function itemOf(
  offerId: string,
  offer: Offer | undefined,
  activity: OfferActivity | undefined,
  progress: Progress | undefined,
): OfferPerformanceItem {
  const counted = (action: string, reason?: string) =>
    activity?.reactions
      .filter((row) => row.action === action && (reason === undefined || row.reason === reason))
      .reduce((sum, row) => sum + row.count, 0) ?? 0;
  const shown = counted('shown');
  const clicked = counted('clicked');
  const accepted = counted('accepted');
  const per = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const projectedToDate = roundTo(progress?.projectedToDate ?? 0, 2);
  const realized = progress ? progress.realized : offer ? 0 : undefined;
  return {
    offerId,
    label: offer?.label ?? null,
    kind: offer?.kind ?? null,
    inModel: offer !== undefined,
    decisions: activity?.decisions ?? 0,
    accountsOffered: activity?.accounts ?? 0,
    reactions: {
      shown,
      clicked,
      accepted,
      dismissed: {
        not_now: counted('dismissed', 'not_now'),
        not_relevant: counted('dismissed', 'not_relevant'),
        already_have: counted('dismissed', 'already_have'),
      },
      snoozed: counted('snoozed'),
      restored: counted('restored'),
    },
    conversion: { clickedPerShown: per(clicked, shown), acceptedPerShown: per(accepted, shown) },
    alreadyHave: {
      accounts: activity?.alreadyHave.length ?? 0,
      accountIds: activity?.alreadyHave ?? [],
    },
    inProgress: {
      accounts: progress?.accounts ?? 0,
      projectedAnnual: roundTo(progress?.projectedAnnual ?? 0, 2),
      projectedToDate,
      realized: realized === undefined ? null : roundTo(realized, 2),
      realizedPerProjected:
        realized === undefined ? null : per(roundTo(realized, 2), projectedToDate),
    },
  };
}

/** Items by key, in first-seen order (Map.groupBy arrives with Node 21). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
