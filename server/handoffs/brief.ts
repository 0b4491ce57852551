import {
  BRIEF_VERSION,
  type BriefPart,
  briefParts,
  type HandoffBrief,
  handoffBriefSchema,
  handoffLimits,
  type NewHandoff,
} from '../../blueprint/api/handoffs.ts';
import type { SavedScenario } from '../../blueprint/api/scenarios.ts';
import type { ValueStory } from '../../blueprint/api/story.ts';
import type { ValueSummary } from '../../blueprint/api/value.ts';
import { addDays, type DayRange, lastCompleteDay } from '../../blueprint/days.ts';
import type { OfferStore } from '../../telemetry/storage/interface.ts';
import {
  fact,
  moneyUnit,
  percentUnit,
  provenance,
  ratioUnit,
  summaryQuery,
  TOTAL,
} from '../insights/facts.ts';
import type { Fact } from '../insights/insight.ts';
import type { JourneyService } from '../journey/journey-service.ts';
import type { OfferRanking, RecommendationService } from '../offers/recommendation-service.ts';
import type { ScenarioService } from '../scenarios/scenario-service.ts';
import { type ResolvedLocale, resolveLocale } from '../story/locale.ts';
import { formatFacts } from '../story/render.ts';
import type { StoryService } from '../story/story-service.ts';
import type { AccountContext } from '../value/figures.ts';
import type { ValueService } from '../value/value-service.ts';
import { UnknownTopic } from './errors.ts';
import { topicWords } from './words.ts';

/** The brief's value summary covers this many complete days, ending yesterday (UTC). */
export const BRIEF_PERIOD_DAYS = 90;

/** What the brief is told from: the services that already answer the customer's view. */
export interface BriefSources {
  value: Pick<ValueService, 'summary'>;
  story: Pick<StoryService, 'tell'>;
  journey: Pick<JourneyService, 'digest'>;
  scenarios: Pick<ScenarioService, 'savedPlans'>;
  recommendations: Pick<RecommendationService, 'rank'>;
  offers: Pick<OfferStore, 'decision'>;
}

export interface BriefRequest {
  /** Empty in a preview: nothing is stored, so there is no hand-off yet. */
  handoffId: string;
  /** The asker's account, from the embed token. */
  context: AccountContext;
  asker: { userId: string; locale?: string | undefined };
  input: Omit<NewHandoff, 'message'> & { message?: string | undefined };
  /** UTC milliseconds. */
  now: number;
}

/** The last 90 complete days as of `now`. */
export function briefPeriod(now: number): DayRange {
  const to = lastCompleteDay(now);
  return { from: addDays(to, -(BRIEF_PERIOD_DAYS - 1)), to };
}

/**
 * The brief: what the customer saw and did, told from the same services as their view, each number
 * a fact with the API call that reproduces it. Parts the customer left out are not read at all
 * (unless the topic needs them for its label) and are listed in `omitted`.
 */
export async function buildBrief(
  sources: BriefSources,
  request: BriefRequest,
): Promise<HandoffBrief> {
  const { context, asker, input, now } = request;
  const resolved = resolveLocale(asker.locale ?? context.locale);
  const period = briefPeriod(now);
  const included = (part: BriefPart) => input.include?.[part] !== false;
  const { kind } = input.topic;
  const reader = { userId: asker.userId, role: 'viewer' as const };
  const [summary, story, journey, plans, ranking] = await Promise.all([
    included('value') ? sources.value.summary(context, period) : undefined,
    included('story') || kind === 'story'
      ? sources.story.tell(context.accountId, { range: period, locale: resolved.locale })
      : undefined,
    included('journey') ? sources.journey.digest(context, asker.userId) : undefined,
    included('scenarios') || kind === 'scenario'
      ? sources.scenarios.savedPlans(context, reader, now)
      : undefined,
    included('offers') ? sources.recommendations.rank(context) : undefined,
  ]);
  const label = topicLabel(context, input.topic, resolved, story, plans?.scenarios);
  const brief: HandoffBrief = {
    version: BRIEF_VERSION,
    handoffId: request.handoffId,
    account: { id: context.accountId },
    askedBy: { userId: asker.userId },
    askedAt: new Date(now).toISOString(),
    locale: resolved.locale,
    modelVersion: context.stored.version,
    topic: { ...input.topic, label },
    message: input.message ?? '',
    channel: input.channel,
    ...(input.when ? { when: input.when } : {}),
    omitted: briefParts.filter((part) => !included(part)),
    ...(summary ? { value: valueSummaryOf(context, summary, period, resolved) } : {}),
    ...(story && included('story') ? { story: storyOf(story, input.topic) } : {}),
    ...(journey ? { journey } : {}),
    ...(plans && included('scenarios')
      ? { scenarios: scenariosOf(context.model.currency, plans.scenarios, input.topic, resolved) }
      : {}),
    ...(ranking
      ? { offers: await offersOf(sources, context, ranking, input.topic, resolved) }
      : {}),
  };
  // The brief leaves the service (webhooks, the rep console): it is held to its contract here.
  return handoffBriefSchema.parse(brief);
}

/** What the topic is, in the customer's words; a ref that names nothing they can see is refused. */
function topicLabel(
  context: AccountContext,
  topic: NewHandoff['topic'],
  resolved: ResolvedLocale,
  story: ValueStory | undefined,
  plans: readonly SavedScenario[] | undefined,
): string {
  const words = topicWords[resolved.locale];
  const ref = topic.ref ?? '';
  switch (topic.kind) {
    case 'general':
      return words.general;
    case 'story': {
      const insight = insightsOf(story).find((candidate) => candidate.id === ref);
      if (!insight?.text) {
        throw new UnknownTopic(
          `there is no point "${ref}" in your value story of the last ${BRIEF_PERIOD_DAYS} days; ask about one it tells now`,
        );
      }
      return insight.text;
    }
    case 'scenario': {
      const plan = plans?.find((candidate) => candidate.id === ref);
      if (!plan) throw new UnknownTopic(`there is no saved plan "${ref}" you can see`);
      return plan.name;
    }
    case 'offer': {
      const offer = context.model.offers.find((candidate) => candidate.id === ref);
      if (!offer) throw new UnknownTopic(`there is no offer "${ref}"`);
      return offer.label;
    }
    case 'figure': {
      if (ref === TOTAL) return words.total;
      const driver = context.model.drivers.find((candidate) => candidate.id === ref);
      if (!driver) {
        throw new UnknownTopic(
          `there is no figure "${ref}"; ask about "total" or one of ${context.model.drivers.map((d) => d.id).join(', ')}`,
        );
      }
      return driver.label;
    }
  }
}

function insightsOf(story: ValueStory | undefined) {
  return story?.chapters.flatMap((chapter) => chapter.insights) ?? [];
}

/** The summary as facts: the total, money by category, ROI, and each promise's pace. */
function valueSummaryOf(
  context: AccountContext,
  summary: ValueSummary,
  period: DayRange,
  resolved: ResolvedLocale,
): NonNullable<HandoffBrief['value']> {
  const money = moneyUnit(summary.currency);
  const source = provenance(TOTAL, period, summaryQuery(period));
  const modelled = (driver: ValueSummary['drivers'][number]) =>
    driver.basis === 'modelled' && driver.money !== 0;
  const estimated = summary.drivers.some(modelled);
  const categories = [...new Set(summary.drivers.map((driver) => driver.category))];
  const byCategory = categories.map((category) => {
    const drivers = summary.drivers.filter((driver) => driver.category === category);
    const sum = drivers.reduce((total, driver) => total + driver.money, 0);
    return {
      category,
      money: fact(
        `money:${category}`,
        `Value from ${category}`,
        Math.round(sum * 10_000) / 10_000,
        money,
        drivers.some(modelled),
        source,
      ),
    };
  });
  const multiple = summary.roi?.multiple;
  const promises = (summary.promises ?? []).map((promise, index) => {
    const driver = summary.drivers.find((candidate) => candidate.id === promise.driver);
    const ended = promise.status === 'ended_met' || promise.status === 'ended_missed';
    const pace =
      !ended && promise.expectedByNow > 0
        ? promise.realized / promise.expectedByNow
        : promise.share;
    const span = { from: promise.from, to: [period.to, promise.to].sort()[0] as string };
    return {
      driver: promise.driver ?? TOTAL,
      label: promise.label ?? driver?.label ?? topicWords[resolved.locale].total,
      status: promise.status,
      progress: formatFacts(
        [
          fact(
            `progress:${index}`,
            'Share of the promised pace reached',
            pace,
            percentUnit,
            driver ? modelled(driver) : estimated,
            provenance(promise.driver ?? TOTAL, span, summaryQuery(period)),
          ),
        ],
        resolved,
      )[0] as Fact,
    };
  });
  const [total, ...rest] = formatFacts(
    [
      fact('total', 'Value realized', summary.total.money, money, estimated, source),
      ...byCategory.map((row) => row.money),
      ...(typeof multiple === 'number'
        ? [fact('roi', 'Times what you pay', multiple, ratioUnit, estimated, source)]
        : []),
    ],
    resolved,
  ) as [Fact, ...Fact[]];
  const roi = typeof multiple === 'number' ? rest.at(-1) : undefined;
  return {
    period,
    currency: context.model.currency,
    total,
    byCategory: byCategory.map((row, index) => ({
      category: row.category,
      money: rest[index] as Fact,
    })),
    ...(roi ? { roi } : {}),
    promises,
  };
}

function storyOf(
  story: ValueStory,
  topic: NewHandoff['topic'],
): NonNullable<HandoffBrief['story']> {
  return {
    headline: story.headline.text,
    facts: story.headline.facts,
    points: insightsOf(story).flatMap((insight) =>
      insight.text
        ? [
            {
              insightId: insight.id,
              type: insight.type,
              text: insight.text,
              topic: topic.kind === 'story' && topic.ref === insight.id,
            },
          ]
        : [],
    ),
  };
}

/** The topic's plan first, then the newest the asker sees, at most maxBriefScenarios. */
function scenariosOf(
  currency: string,
  plans: readonly SavedScenario[],
  topic: NewHandoff['topic'],
  resolved: ResolvedLocale,
): NonNullable<HandoffBrief['scenarios']> {
  const isTopic = (plan: SavedScenario) => topic.kind === 'scenario' && topic.ref === plan.id;
  const newest = [...plans].sort(
    (a, b) =>
      Number(isTopic(b)) - Number(isTopic(a)) ||
      b.updatedAt.localeCompare(a.updatedAt) ||
      a.id.localeCompare(b.id),
  );
  // A saved plan's run rates are in the model's currency.
  const money = moneyUnit(currency);
  return newest.slice(0, handoffLimits.maxBriefScenarios).map((plan) => {
    const source = provenance(
      TOTAL,
      { from: plan.current.from, to: plan.current.to },
      `/v1/scenarios/${encodeURIComponent(plan.id)}`,
    );
    const [baselineRunRate, planRunRate] = formatFacts(
      [
        fact(
          'baselineRunRate',
          'Money a year at today’s levers',
          plan.current.baselineRunRate.value,
          money,
          true,
          source,
        ),
        fact(
          'planRunRate',
          'Money a year with the plan’s levers',
          plan.current.planRunRate.value,
          money,
          true,
          source,
        ),
      ],
      resolved,
    ) as [Fact, Fact];
    return {
      id: plan.id,
      name: plan.name,
      shared: plan.shared,
      author: plan.author,
      levers: plan.levers,
      horizonMonths: plan.horizonMonths,
      rampMonths: plan.rampMonths,
      updatedAt: plan.updatedAt,
      baselineRunRate,
      planRunRate,
      topic: isTopic(plan),
    };
  });
}

/** Offers considered: suggested now, in progress (as projected when accepted), dismissed with why. */
async function offersOf(
  sources: BriefSources,
  context: AccountContext,
  ranking: OfferRanking,
  topic: NewHandoff['topic'],
  resolved: ResolvedLocale,
): Promise<NonNullable<HandoffBrief['offers']>> {
  const money = moneyUnit(context.model.currency);
  const isTopic = (offerId: string) => topic.kind === 'offer' && topic.ref === offerId;
  const projected = (annual: number, driver: string | undefined) =>
    formatFacts(
      [
        fact(
          'projected',
          'Money a year it would likely add',
          annual,
          money,
          true,
          provenance(driver ?? TOTAL, ranking.window, '/v1/recommendations'),
        ),
      ],
      resolved,
    )[0] as Fact;
  const offers: NonNullable<HandoffBrief['offers']> = ranking.ranked.map(({ offer, value }) => ({
    offerId: offer.id,
    label: offer.label,
    kind: offer.kind,
    state: 'suggested' as const,
    projected: projected(value.annual, offer.drivers[0]),
    topic: isTopic(offer.id),
  }));
  for (const { offer, state, decisionId } of ranking.answered) {
    if (state.state === 'in_progress') {
      const decision = await sources.offers.decision(context.accountId, decisionId);
      offers.push({
        offerId: offer.id,
        label: offer.label,
        kind: offer.kind,
        state: 'in_progress',
        ...(decision ? { projected: projected(decision.projected.annual, offer.drivers[0]) } : {}),
        topic: isTopic(offer.id),
      });
    } else if (state.state === 'hidden' && state.reason !== 'snoozed') {
      offers.push({
        offerId: offer.id,
        label: offer.label,
        kind: offer.kind,
        state: 'dismissed',
        reason: state.reason,
        topic: isTopic(offer.id),
      });
    }
  }
  return offers;
}
