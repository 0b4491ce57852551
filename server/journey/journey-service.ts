import {
  type JourneyDigest,
  type JourneyEvent,
  journeyLimits,
} from '../../blueprint/api/journey.ts';
import type { Issue } from '../../blueprint/errors.ts';
import { offerState, type Reaction } from '../../blueprint/offer-feedback.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import type { AccountContext } from '../value/figures.ts';
import { DIGEST_DAYS, type DigestOffer, digestJourney } from './digest.ts';
import { JourneyTimeRefused } from './errors.ts';

const DAY_MS = 86_400_000;

/**
 * The customer's journey: recorded per account and user, kept `retentionDays`, and told as a
 * digest. The account always comes from the caller's context (the embed token's).
 */
export class JourneyService {
  constructor(
    private readonly storage: Pick<Storage, 'journey' | 'scenarios' | 'offers'>,
    readonly retentionDays: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Keeps the events (all or none) and answers how many; refuses any dated out of bounds. */
  async record(accountId: string, userId: string, events: readonly JourneyEvent[]) {
    const now = this.now();
    const latest = now + journeyLimits.maxFutureSkewMs;
    const earliest = now - this.retentionDays * DAY_MS;
    const issues: Issue[] = [];
    events.forEach((event, index) => {
      const at = Date.parse(event.at);
      if (at > latest) issues.push({ path: `events.${index}.at`, message: 'is in the future' });
      else if (at < earliest) {
        issues.push({
          path: `events.${index}.at`,
          message: `is older than the ${this.retentionDays} days the journey is kept`,
        });
      }
    });
    if (issues.length > 0) {
      const first = issues[0] as Issue;
      throw new JourneyTimeRefused(`${first.path} ${first.message}`, { issues });
    }
    await this.storage.journey.append(accountId, userId, events);
    return events.length;
  }

  /**
   * The account's digest as of now: the whole account's journey and plans, or (with `userId`) the
   * person's own journey, their plans and the shared ones. Offers are the account's.
   */
  async digest(
    context: Pick<AccountContext, 'accountId'>,
    userId?: string,
  ): Promise<JourneyDigest> {
    const now = this.now();
    const since = new Date(now - DIGEST_DAYS * DAY_MS);
    const [journey, plans, reactions] = await Promise.all([
      this.storage.journey.read(context.accountId, { since, ...(userId ? { userId } : {}) }),
      this.storage.scenarios.list(context.accountId),
      this.storage.offers.reactions(context.accountId),
    ]);
    const byOffer = new Map<string, Reaction[]>();
    for (const reaction of reactions) {
      const said = byOffer.get(reaction.offerId) ?? [];
      said.push({
        action: reaction.action,
        ...(reaction.reason ? { reason: reaction.reason } : {}),
        at: Date.parse(reaction.at),
      });
      byOffer.set(reaction.offerId, said);
    }
    const offers: DigestOffer[] = [...byOffer].map(([offerId, said]) => ({
      offerId,
      state: offerState(said, now),
    }));
    return digestJourney({
      journey,
      plans: plans
        .filter((plan) => userId === undefined || plan.shared || plan.authorId === userId)
        .map(({ id, name, shared, updatedAt }) => ({ id, name, shared, updatedAt })),
      offers,
      now,
    });
  }

  /** Forgets events older than the retention; answers how many. */
  prune(): Promise<number> {
    return this.storage.journey.prune(new Date(this.now() - this.retentionDays * DAY_MS));
  }
}
