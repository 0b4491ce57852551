import { randomBytes } from 'node:crypto';
import type { OfferFeedback, Recommendations } from '../../blueprint/api/recommendations.ts';
import { toDay } from '../../blueprint/days.ts';
import { offerState, type Reaction } from '../../blueprint/offer-feedback.ts';
import {
  isEligible,
  type OfferValue,
  type PeerUsage,
  rankOffers,
  valueOffer,
} from '../../blueprint/offers.ts';
import { MIN_PEER_ACCOUNTS } from '../../blueprint/peers.ts';
import type { Driver, Offer, Peers } from '../../blueprint/value-model.ts';
import type { Storage, StoredDecision } from '../../telemetry/storage/interface.ts';
import { ScenarioService } from '../scenarios/scenario-service.ts';
import type { AccountContext } from '../value/figures.ts';
import type { ValueService } from '../value/value-service.ts';
import { DecisionMismatch, DecisionNotFound, UnknownOffer } from './errors.ts';
import { moneyOnDrivers, realizingDays } from './realized.ts';
import { whyOf } from './why.ts';

const ALL_ACCOUNTS: Peers = { cohortTraits: [], minAccounts: MIN_PEER_ACCOUNTS };

type OfferView = Recommendations['items'][number]['offer'];

function viewOf(offer: Offer): OfferView {
  return {
    id: offer.id,
    label: offer.label,
    kind: offer.kind,
    description: offer.description,
    cta: { label: offer.cta.label, ...(offer.cta.url ? { url: offer.cta.url } : {}) },
  };
}

/**
 * Next-best value for one account: which offers it could use, valued among accounts like it (the
 * 12-week scenario window), ranked, filtered by what the customer said before; what it accepted,
 * with the value realized since; and what it hid. Every offer shown is a decision, stored with
 * its projection, so reactions and realized value can be measured against it.
 */
export class RecommendationService {
  constructor(
    private readonly value: ValueService,
    private readonly storage: Pick<Storage, 'values' | 'offers'>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async recommendations(context: AccountContext, userId: string): Promise<Recommendations> {
    const { model, accountId } = context;
    const currency = model.currency;
    const empty: Recommendations = { currency, items: [], inProgress: [], hidden: [] };
    if (model.offers.length === 0) return empty;
    const now = this.now();
    const window = ScenarioService.windowOf(now);
    const peers = model.peers ?? ALL_ACCOUNTS;
    const traitKeys = [
      ...new Set([
        ...peers.cohortTraits,
        ...model.offers.flatMap((offer) => (offer.eligible?.traits ?? []).map((t) => t.property)),
      ]),
    ];
    const [usage, active, traits, reactions, summary] = await Promise.all([
      this.storage.values.usage(window),
      this.storage.values.activeUsers(window),
      this.storage.values.traitsByAccount(traitKeys),
      this.storage.offers.reactions(accountId),
      this.value.summary(context, window),
    ]);
    const accounts = peerUsageOf(model.drivers, usage, active, traits);
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
    const candidates: Array<{ offer: Offer; value: OfferValue }> = [];
    const result: Recommendations = { ...empty };
    for (const offer of model.offers) {
      if (!isEligible(offer, own.traits)) continue;
      const said = byOffer.get(offer.id) ?? [];
      const state = offerState(said, now);
      const lastDecision = said.at(-1)?.decisionId ?? '';
      if (state.state === 'in_progress') {
        const decision = await this.storage.offers.decision(accountId, lastDecision);
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
      if (state.state === 'hidden' || state.state === 'resting') {
        result.hidden.push({
          decisionId: lastDecision,
          offer: viewOf(offer),
          reason: state.state === 'resting' ? 'resting' : state.reason,
          until: state.until === undefined ? null : new Date(state.until).toISOString(),
        });
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
    const ranked = rankOffers(candidates.map((candidate) => candidate.value));
    const decisions: StoredDecision[] = [];
    for (const value of ranked) {
      const offer = candidates.find((candidate) => candidate.offer.id === value.offerId)?.offer;
      if (!offer) continue;
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
        why: whyOf(context, offer, value, own.activeUsers, window),
      });
    }
    await this.storage.offers.addDecisions(decisions);
    return result;
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
    await this.storage.offers.addReaction({
      accountId: context.accountId,
      decisionId: decision.id,
      offerId,
      userId,
      action: body.action,
      ...(body.reason ? { reason: body.reason } : {}),
      at: new Date(this.now()).toISOString(),
    });
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
