import { randomBytes } from 'node:crypto';
import type { OfferFeedback, Recommendations } from '../../blueprint/api/recommendations.ts';
import type { OfferAcceptedData } from '../../blueprint/api/webhooks.ts';
import { type DayRange, toDay } from '../../blueprint/days.ts';
import { type OfferState, offerState, type Reaction } from '../../blueprint/offer-feedback.ts';
import {
  isEligible,
  type OfferValue,
  type PeerUsage,
  rankOffers,
  valueOffer,
} from '../../blueprint/offers.ts';
import { MIN_PEER_ACCOUNTS } from '../../blueprint/peers.ts';
import { weeksActive } from '../../blueprint/projection.ts';
import type { Driver, Offer, Peers } from '../../blueprint/value-model.ts';
import type { Storage, StoredDecision } from '../../telemetry/storage/interface.ts';
import { ScenarioService } from '../scenarios/scenario-service.ts';
import type { AccountContext } from '../value/figures.ts';
import type { ValueService } from '../value/value-service.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { DecisionMismatch, DecisionNotFound, UnknownOffer } from './errors.ts';
import { moneyOnDrivers, realizingDays } from './realized.ts';
import { whyOf } from './why.ts';

const ALL_ACCOUNTS: Peers = { cohortTraits: [], minAccounts: MIN_PEER_ACCOUNTS };

type OfferView = Recommendations['items'][number]['offer'];

type ValueStore = Storage['values'];
/** The reads across all accounts that ranking offers for any one of them needs. */
interface AcrossAccounts {
  usage: Awaited<ReturnType<ValueStore['usage']>>;
  active: Awaited<ReturnType<ValueStore['activeUsers']>>;
  traits: Awaited<ReturnType<ValueStore['traitsByAccount']>>;
  firstDays: Awaited<ReturnType<ValueStore['firstDays']>>;
}

function viewOf(offer: Offer): OfferView {
  return {
    id: offer.id,
    label: offer.label,
    kind: offer.kind,
    description: offer.description,
    cta: { label: offer.cta.label, ...(offer.cta.url ? { url: offer.cta.url } : {}) },
  };
}

/** An open offer valued for the account: what `recommendations` shows and the story names. */
export interface RankedOffer {
  offer: Offer;
  value: OfferValue;
}

/** An offer the customer answered: accepted (in progress) or hidden, with the decision answered. */
export interface AnsweredOffer {
  offer: Offer;
  state: Exclude<OfferState, { state: 'open' }>;
  decisionId: string;
}

/** The account's offers as they stand now, read without recording anything. */
export interface OfferRanking {
  /** The 12 complete weeks the offers are valued over. */
  window: DayRange;
  /** The account's distinct users with any event in the window. */
  activeUsers: number;
  /** Open offers the account could use, highest priority first, at most three. */
  ranked: RankedOffer[];
  /** Offers in progress or hidden, in the model's order. */
  answered: AnsweredOffer[];
}

/**
 * Next-best value for one account: which offers it could use, valued among accounts like it (the
 * 12-week scenario window), ranked, filtered by what the customer said before; what it accepted,
 * with the value realized since; and what it hid. Every offer shown is a decision, stored with
 * its projection, so reactions and realized value can be measured against it.
 */
export class RecommendationService {
  private across: { key: string; reads: Promise<AcrossAccounts> } | undefined;

  constructor(
    private readonly value: ValueService,
    private readonly storage: Pick<Storage, 'values' | 'offers'>,
    private readonly now: () => number = () => Date.now(),
    /** Where `offer.accepted` goes to the vendor's systems (the webhook outbox), if anywhere. */
    private readonly outbox?: Pick<WebhookDispatcher, 'enqueue'>,
  ) {}

  /**
   * The account's offers ranked, the answered ones set apart: a read with no side effect, so the
   * story can name the top offer without it counting as shown.
   */
  rank(context: AccountContext): Promise<OfferRanking> {
    return this.rankAt(context, this.now());
  }

  async recommendations(context: AccountContext, userId: string): Promise<Recommendations> {
    const { model, accountId } = context;
    const currency = model.currency;
    const empty: Recommendations = { currency, items: [], inProgress: [], hidden: [] };
    if (model.offers.length === 0) return empty;
    const now = this.now();
    const ranking = await this.rankAt(context, now);
    const result: Recommendations = { ...empty };
    for (const { offer, state, decisionId } of ranking.answered) {
      if (state.state === 'in_progress') {
        const decision = await this.storage.offers.decision(accountId, decisionId);
        if (!decision) continue;
        const since = toDay(state.since);
        result.inProgress.push({
          decisionId: decision.id,
          offer: viewOf(offer),
          since,
          projected: decision.projected,
          realized: await this.realizedSince(context, offer, since, now),
        });
        continue;
      }
      result.hidden.push({
        decisionId,
        offer: viewOf(offer),
        reason: state.state === 'resting' ? 'resting' : state.reason,
        until: state.until === undefined ? null : new Date(state.until).toISOString(),
      });
    }
    const decisions: StoredDecision[] = [];
    for (const { offer, value } of ranking.ranked) {
      const decision: StoredDecision = {
        accountId,
        id: `dec_${randomBytes(8).toString('hex')}`,
        offerId: offer.id,
        userId,
        projected: { annual: value.annual, low: value.low, high: value.high, basis: value.basis },
        createdAt: new Date(now).toISOString(),
      };
      decisions.push(decision);
      result.items.push({
        decisionId: decision.id,
        offer: viewOf(offer),
        projected: decision.projected,
        propensity: value.propensity,
        cohort: value.cohort ?? null,
        why: whyOf(context, offer, value, ranking.activeUsers, ranking.window),
        plan: { levers: planLevers(offer, value, ranking.activeUsers, model.drivers) },
      });
    }
    await this.storage.offers.addDecisions(decisions);
    return result;
  }

  /**
   * What every account did in the window, with their traits and first days: four reads across
   * all accounts (~30 ms each on 500,000 events), the same for every account's ranking. They are
   * read once and shared while the store holds the same data (`storeVersion`) and the window and
   * traits asked are the same; reads that come meanwhile wait for the one under way.
   */
  private acrossAccounts(window: DayRange, traitKeys: string[]): Promise<AcrossAccounts> {
    const key = JSON.stringify([this.value.freshness.storeVersion, window, traitKeys]);
    if (this.across?.key === key) return this.across.reads;
    const reads = Promise.all([
      this.storage.values.usage(window),
      this.storage.values.activeUsers(window),
      this.storage.values.traitsByAccount(traitKeys),
      this.storage.values.firstDays(),
    ]).then(([usage, active, traits, firstDays]) => ({ usage, active, traits, firstDays }));
    this.across = { key, reads };
    // A failed read is not kept: the next ranking reads again.
    reads.catch(() => {
      if (this.across?.reads === reads) this.across = undefined;
    });
    return reads;
  }

  private async rankAt(context: AccountContext, now: number): Promise<OfferRanking> {
    const { model, accountId } = context;
    const window = ScenarioService.windowOf(now);
    if (model.offers.length === 0) return { window, activeUsers: 0, ranked: [], answered: [] };
    const peers = model.peers ?? ALL_ACCOUNTS;
    const traitKeys = [
      ...new Set([
        ...peers.cohortTraits,
        ...model.offers.flatMap((offer) => (offer.eligible?.traits ?? []).map((t) => t.property)),
      ]),
    ];
    const [{ usage, active, traits, firstDays }, reactions, summary] = await Promise.all([
      this.acrossAccounts(window, traitKeys),
      this.storage.offers.reactions(accountId),
      this.value.summary(context, window),
    ]);
    const accounts = peerUsageOf(model.drivers, usage, active, traits);
    // An account younger than the window is read for the weeks it has been a user: its pace.
    const since = new Map(firstDays.map((first) => [first.accountId, first.day]));
    for (const account of accounts) {
      account.weeks = weeksActive(window, since.get(account.accountId));
    }
    const own = accounts.find((account) => account.accountId === accountId) ?? {
      accountId,
      traits: traits.find((row) => row.accountId === accountId)?.traits ?? {},
      activeUsers: 0,
      quantities: {},
    };
    const behindOn = (summary.promises ?? [])
      .filter((promise) => promise.status === 'behind')
      .map((promise) => promise.driver ?? 'total');
    const byOffer = new Map<string, Array<Reaction & { decisionId: string }>>();
    for (const reaction of reactions) {
      const list = byOffer.get(reaction.offerId) ?? [];
      list.push({
        action: reaction.action,
        ...(reaction.reason ? { reason: reaction.reason } : {}),
        at: Date.parse(reaction.at),
        decisionId: reaction.decisionId,
      });
      byOffer.set(reaction.offerId, list);
    }
    const candidates: RankedOffer[] = [];
    const answered: AnsweredOffer[] = [];
    for (const offer of model.offers) {
      if (!isEligible(offer, own.traits)) continue;
      const said = byOffer.get(offer.id) ?? [];
      const state = offerState(said, now);
      if (state.state !== 'open') {
        answered.push({ offer, state, decisionId: said.at(-1)?.decisionId ?? '' });
        continue;
      }
      const value = valueOffer(
        { ...own, rates: context.rates, behindOn },
        accounts,
        offer,
        model.drivers,
        peers,
      );
      if (value) candidates.push({ offer, value });
    }
    const ranked = rankOffers(candidates.map((candidate) => candidate.value)).flatMap((value) => {
      const candidate = candidates.find((c) => c.offer.id === value.offerId);
      return candidate ? [candidate] : [];
    });
    return { window, activeUsers: own.activeUsers, ranked, answered };
  }

  /** Records what the customer did with an offer shown to this account. */
  async feedback(
    context: AccountContext,
    userId: string,
    offerId: string,
    body: OfferFeedback,
  ): Promise<void> {
    const offers = context.model.offers;
    if (!offers.some((offer) => offer.id === offerId)) {
      throw new UnknownOffer(
        `there is no offer "${offerId}"; the offers are ${offers.map((o) => o.id).join(', ') || 'none'}`,
      );
    }
    const decision = await this.storage.offers.decision(context.accountId, body.decisionId);
    if (!decision) throw new DecisionNotFound(`no decision "${body.decisionId}" in this account`);
    if (decision.offerId !== offerId) {
      throw new DecisionMismatch(
        `decision "${body.decisionId}" showed the offer "${decision.offerId}", not "${offerId}"`,
      );
    }
    const now = this.now();
    const at = new Date(now).toISOString();
    // What it said of this offer before; with this reaction added, what it says now.
    const said: Reaction[] = (await this.storage.offers.reactions(context.accountId))
      .filter((reaction) => reaction.offerId === offerId)
      .map((reaction) => ({
        action: reaction.action,
        ...(reaction.reason ? { reason: reaction.reason } : {}),
        at: Date.parse(reaction.at),
      }));
    const reaction: Reaction = {
      action: body.action,
      ...(body.reason ? { reason: body.reason } : {}),
      at: now,
    };
    await this.storage.offers.addReaction({
      accountId: context.accountId,
      decisionId: decision.id,
      offerId,
      userId,
      action: body.action,
      ...(body.reason ? { reason: body.reason } : {}),
      at,
    });
    if (body.action === 'accepted' && this.outbox) {
      const accepted: OfferAcceptedData = {
        accountId: context.accountId,
        offerId,
        decisionId: decision.id,
        projected: decision.projected,
        at,
      };
      await this.outbox.enqueue('offer.accepted', accepted);
    }
    // The story names the top offer: a cached story must not name one the customer just hid or
    // brought back. Only a change of state moves the account's answers on: a click, or a show
    // that does not rest the offer, leaves every cached answer as true as it was.
    const before = offerState(said, now);
    const after = offerState([...said, reaction], now);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      this.value.freshness.touch(context.accountId);
    }
  }

  /** Money on the offer's drivers from the day it was accepted to the last complete day. */
  private async realizedSince(
    context: AccountContext,
    offer: Offer,
    since: string,
    now: number,
  ): Promise<number> {
    const range = realizingDays(since, now);
    if (!range) return 0;
    const [activity = []] = await this.storage.values.activity(context.accountId, [range]);
    return moneyOnDrivers(context, offer.drivers, activity);
  }
}

/**
 * "Plan it": the offer as lever values — every active person using its drivers, each as much as
 * the middle peer (or the vendor's figure). With those, the planner's run rate on the drivers is
 * the "would be about" figure the offer's reason gives.
 */
function planLevers(
  offer: Offer,
  value: OfferValue,
  activeUsers: number,
  drivers: readonly Driver[],
): Record<string, number> {
  const levers: Record<string, number> = {};
  for (const id of offer.drivers) {
    const driver = drivers.find((candidate) => candidate.id === id);
    if (!driver) continue;
    levers[`adoption:${id}`] = activeUsers;
    const level = value.levels[id];
    if (level !== undefined && !('distinctUsers' in driver.quantity)) {
      levers[`intensity:${id}`] = level;
    }
  }
  return levers;
}

/** Every account's usage in the window, as the offers arithmetic takes it. */
function peerUsageOf(
  drivers: readonly Driver[],
  usage: Awaited<ReturnType<Storage['values']['usage']>>,
  active: Awaited<ReturnType<Storage['values']['activeUsers']>>,
  traits: Awaited<ReturnType<Storage['values']['traitsByAccount']>>,
): PeerUsage[] {
  const accounts = new Map<string, PeerUsage & { quantities: Record<string, number> }>();
  const accountOf = (accountId: string) => {
    let account = accounts.get(accountId);
    if (!account) {
      account = { accountId, traits: {}, activeUsers: 0, quantities: {} };
      accounts.set(accountId, account);
    }
    return account;
  };
  for (const row of active) accountOf(row.accountId).activeUsers = row.users;
  for (const row of usage) {
    const driver = drivers.find((candidate) => candidate.id === row.driverId);
    // People are the quantity of a distinct-people driver, as everywhere else.
    const quantity = driver && 'distinctUsers' in driver.quantity ? row.users : row.quantity;
    accountOf(row.accountId).quantities[row.driverId] = quantity;
  }
  for (const row of traits) accountOf(row.accountId).traits = row.traits;
  return [...accounts.values()];
}
