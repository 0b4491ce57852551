import type { Comparison } from '../../blueprint/api/common.ts';
import type { ValueStory } from '../../blueprint/api/story.ts';
import {
  addDays,
  bucketOf,
  type DayRange,
  daysIn,
  earlierDay,
  fromDay,
  type Grain,
  today,
} from '../../blueprint/days.ts';
import type { Unit, ValueModel } from '../../blueprint/value-model.ts';
import type { SeriesWindow } from '../../telemetry/storage/interface.ts';
import { detectInsights } from '../insights/detect.ts';
import {
  countUnit,
  dateUnit,
  daysUnit,
  fact,
  moneyUnit,
  periodNameOf,
  provenance,
  ratioUnit,
  summaryQuery,
  TOTAL,
} from '../insights/facts.ts';
import type { Fact, Insight } from '../insights/insight.ts';
import type { StoryInput, StoryOffer, StorySeries } from '../insights/story-input.ts';
import type { OfferRanking, RecommendationService } from '../offers/recommendation-service.ts';
import { type Cut, FEATURE, filterEcho } from '../value/cut.ts';
import { ranked } from '../value/explain.ts';
import { type AccountContext, activeDaysOf } from '../value/figures.ts';
import { comparedKind, comparisonOf } from '../value/period.ts';
import type { ValueService } from '../value/value-service.ts';
import type { RephraseHook } from './guard.ts';
import { catalogs, resolveLocale } from './locale.ts';
import {
  type HeadlineInput,
  type RenderedStory,
  renderStory,
  type StoryDataStatus,
} from './render.ts';
import { rephraseStory } from './rephrase.ts';

/** Two weeks of activity before trends mean anything; said to the customer when it is missing. */
export const MIN_STORY_DAYS = 14;
/** Weeks of history the momentum insights look back over. */
const HISTORY_WEEKS = 26;
/** Months of history for the best month so far. */
const HISTORY_MONTHS = 12;
/** Days of history for unusual days against the same weekday. */
const HISTORY_DAYS = 56;

/**
 * The value story for one account and period: the value service's figures become plain input, the
 * detectors rank what is worth saying, and the narrative renders it in the customer's language.
 * It costs what a summary, one series read and one explain cost, read at once (and, when the model
 * has offers, what ranking them costs).
 */
export class StoryService {
  private readonly rephrase: RephraseHook | undefined;
  private readonly offers: Pick<RecommendationService, 'rank'> | undefined;

  constructor(
    private readonly values: ValueService,
    options: {
      /** A deployment's optional rephrasing (e.g. a language model); off unless given. */
      rephrase?: RephraseHook | undefined;
      /** Next-best value: its top open offer is what's next. None: the story names no offer. */
      offers?: Pick<RecommendationService, 'rank'> | undefined;
    } = {},
  ) {
    this.rephrase = options.rephrase;
    this.offers = options.offers;
  }

  async tell(
    accountId: string,
    query: { range: DayRange; compare?: DayRange; locale?: string; filter?: Cut },
  ): Promise<ValueStory> {
    const { filter } = query;
    const context = await this.values.context(accountId, filter, query.locale);
    const windows = historyWindows(addDays(today(), -1));
    const [summary, history, explanation, start, offer] = await Promise.all([
      this.values.summary(context, query.range, query.compare),
      this.values.history(context, windows),
      this.values.explanation(context, { range: query.range, compare: query.compare }),
      this.values.accountStart(context),
      this.topOffer(context),
    ]);
    const comparison =
      summary.comparison ?? comparisonOf(query.range, summary.previousPeriod, start?.day ?? null);
    const kind = comparedKind(summary.period, summary.previousPeriod);
    const active = activeDaysOf(summary.dataStatus);
    const [weekly, monthly, daily] = history.map((read) => fromActiveDays(read, active));
    // Under a cut, cutting again by the same segment is one row: nothing worth saying.
    const notCut = (by: string) => by !== filter?.by;
    const { answer: explain, current } = explanation;
    const input: StoryInput = {
      currency: summary.currency,
      period: summary.period,
      previousPeriod: summary.previousPeriod,
      comparison: { comparable: comparison.comparable, kind },
      drivers: summary.drivers,
      total: summary.total,
      ...(summary.roi && summary.price?.period
        ? {
            roi: {
              multiple: summary.roi.multiple,
              paybackDays: summary.payback?.days ?? null,
              spend: summary.price.period,
            },
          }
        : {}),
      // Under a cut the summary has neither ROI nor promises: they are for the whole account.
      ...('promises' in summary && summary.promises ? { promises: summary.promises } : {}),
      weekly: weekly ?? EMPTY_SERIES,
      monthly: monthly ?? EMPTY_SERIES,
      daily: daily ?? EMPTY_SERIES,
      explain: { ...explain, dimensions: explain.dimensions.filter((d) => notCut(d.by)) },
      breakdowns: current
        .filter(({ by }) => by !== FEATURE && notCut(by))
        .map(({ by, figures }) => ({ by, contributions: ranked(figures, undefined) })),
      ...(offer ? { offer } : {}),
    };
    const estimated = summary.total.modelled > 0;
    const dataStatus = storyDataStatus(summary.dataStatus, active, query.range);
    const rendered = renderStory(
      {
        insights:
          dataStatus.state === 'ok' || dataStatus.state === 'partial'
            ? namedPeople(detectInsights(input), input, query.locale)
            : [],
        dataStatus,
        headline: headlineOf(input, estimated),
        ...(filter ? { slice: sliceOf(filter, context.model.segments) } : {}),
        ...(comparison.reason
          ? { comparison: comparisonNotice(comparison, kind, summary.period, start?.day) }
          : {}),
      },
      query.locale,
    );
    // Only when the deployment configured one; each sentence is checked against its facts.
    const told = this.rephrase ? await rephraseStory(rendered, this.rephrase) : rendered;
    // The period's words are the renderer's own bookkeeping, not part of the answer.
    const { periodWords: _words, ...headline } = told.headline;
    const story = { ...told, headline };
    return {
      account: accountId,
      ...filterEcho(filter),
      period: summary.period,
      comparison,
      ...(summary.partialDay ? { partialDay: summary.partialDay } : {}),
      ...(filter ? withFilterInQueries(story, filter) : story),
      dataStatus: summary.dataStatus,
      generatedAt: new Date().toISOString(),
      modelVersion: summary.modelVersion,
    };
  }

  /**
   * The offer next-best value ranks first, read without recording it as shown; none under a cut
   * (offers are for the whole account, like ROI and promises) or when the model has none.
   */
  private async topOffer(context: AccountContext): Promise<StoryOffer | undefined> {
    if (!this.offers || context.cut || context.model.offers.length === 0) return undefined;
    return storyOfferOf(await this.offers.rank(context), context.model);
  }
}

const EMPTY_SERIES: StorySeries = { total: [], drivers: [] };

/** The top of a ranking as the detectors take it: aggregates only, no peer account. */
export function storyOfferOf(
  ranking: OfferRanking,
  model: Pick<ValueModel, 'product' | 'drivers'>,
): StoryOffer | undefined {
  const [top] = ranking.ranked;
  if (!top) return undefined;
  const { offer, value } = top;
  const grown = model.drivers.find((driver) => driver.id === offer.drivers[0]);
  return {
    id: offer.id,
    label: offer.label,
    drivers: [...offer.drivers],
    value: grown?.label ?? offer.label,
    product: model.product,
    basis: value.basis,
    annual: value.annual,
    low: value.low,
    high: value.high,
    ...(value.basis === 'peers' && value.cohort
      ? { cohort: { adopters: value.cohort.adopters, alike: value.cohort.traits.length > 0 } }
      : {}),
    activeUsers: ranking.activeUsers,
    window: ranking.window,
  };
}

/**
 * The notice for a compared period that is no fair baseline: today is still under way, or the
 * account started after the compared period began (its start day and the period's length cited).
 */
function comparisonNotice(
  comparison: Comparison,
  compared: 'previous' | 'last_year' | 'other',
  period: DayRange,
  start: string | undefined,
) {
  const reason = comparison.reason ?? 'compared_before_start';
  const source = provenance(TOTAL, comparison.period, summaryQuery(period, comparison.period));
  const facts: Fact[] = [];
  if (reason === 'compared_before_start' && start) {
    facts.push(fact('startDay', 'Account start', fromDay(start), dateUnit, false, source));
    facts.push(
      fact(
        'days',
        'Days of the compared period',
        daysIn(comparison.period),
        daysUnit,
        false,
        source,
      ),
    );
  }
  return { reason, compared, facts };
}

/**
 * The complete buckets the detectors look back over (a bucket still under way would read as a
 * drop): weeks for momentum, months for the best month, days for unusual days, each ending with
 * the last complete bucket.
 */
function historyWindows(lastComplete: string): SeriesWindow[] {
  const window = (grain: Grain, lookbackDays: number): SeriesWindow => {
    const end =
      grain === 'day' ? lastComplete : addDays(bucketOf(addDays(lastComplete, 1), grain), -1);
    return { range: { from: bucketOf(addDays(end, -(lookbackDays - 1)), grain), to: end }, grain };
  };
  return [
    window('week', HISTORY_WEEKS * 7),
    window('month', HISTORY_MONTHS * 31),
    window('day', HISTORY_DAYS),
  ];
}

/** A history window from the account's first active bucket on, as the detectors want it. */
function fromActiveDays(
  read: Awaited<ReturnType<ValueService['history']>>[number],
  active: DayRange | null,
): StorySeries {
  const { window } = read;
  if (!active) return EMPTY_SERIES;
  const first = bucketOf(active.from, window.grain);
  if (window.range.to < first) return EMPTY_SERIES;
  const kept = (bucket: string) => bucket >= first;
  return {
    total: read.total.filter((point) => kept(point.bucket)),
    drivers: read.lines.map((line) => ({
      driver: line.driver,
      points: line.points
        .filter((point) => kept(point.bucket))
        .map(({ bucket, value, money }) => ({ bucket, value, money })),
    })),
  };
}

/** How the story names the slice it tells: the segment's label from the model, or "feature". */
function sliceOf(cut: Cut, segments: ReadonlyArray<{ id: string; label: string }>) {
  if (cut.by === FEATURE) return { feature: true as const, value: cut.value };
  return { segment: segments.find((s) => s.id === cut.by)?.label ?? cut.by, value: cut.value };
}

/**
 * The detectors write their provenance queries for the whole account; under a cut each one gets
 * the same `filter`, so it still reproduces the figure it stands behind.
 */
function withFilterInQueries(story: RenderedStory, cut: Cut): RenderedStory {
  const scoped = (facts: Fact[]) =>
    facts.map((item) => ({
      ...item,
      provenance: { ...item.provenance, query: withFilter(item.provenance.query, cut) },
    }));
  return {
    ...story,
    headline: { ...story.headline, facts: scoped(story.headline.facts) },
    chapters: story.chapters.map((chapter) => ({
      ...chapter,
      insights: chapter.insights.map((insight) => ({ ...insight, facts: scoped(insight.facts) })),
    })),
    notices: story.notices.map((notice) => ({ ...notice, facts: scoped(notice.facts) })),
  };
}

function withFilter(query: string, cut: Cut): string {
  const [path, search = ''] = query.split('?', 2) as [string, string?];
  const params = new URLSearchParams(search);
  params.set('filter', `${cut.by}:${cut.value}`);
  return `${path}?${params.toString()}`;
}

function storyDataStatus(
  status: {
    state: 'ok' | 'no_data' | 'partial';
    reason?: string | undefined;
    firstDay?: string;
    lastDay?: string;
  },
  active: DayRange | null,
  range: DayRange,
): StoryDataStatus {
  const source = provenance(TOTAL, range, summaryQuery(range));
  if (!active) {
    const reason = status.reason === 'processing' ? 'processing' : 'no_activity';
    return { state: 'no_data', reason, facts: [] };
  }
  if (status.state === 'no_data') {
    return {
      state: 'no_data',
      reason: 'no_activity_in_period',
      facts: [fact('lastDay', 'Latest activity', fromDay(active.to), dateUnit, false, source)],
    };
  }
  const have = daysIn({ from: active.from, to: earlierDay(active.to, range.to) });
  if (have < MIN_STORY_DAYS) {
    return {
      state: 'not_enough_data',
      facts: [
        fact('needed', 'Days of activity needed', MIN_STORY_DAYS, daysUnit, false, source),
        fact('have', 'Days of activity so far', have, daysUnit, false, source),
        fact(
          'readyDate',
          'When the story fills in',
          fromDay(addDays(active.from, MIN_STORY_DAYS)),
          dateUnit,
          false,
          source,
        ),
      ],
    };
  }
  if (status.state === 'partial') {
    return {
      state: 'partial',
      facts: [fact('firstDay', 'First activity', fromDay(active.from), dateUnit, false, source)],
    };
  }
  return { state: 'ok' };
}

/**
 * "This quarter you saved 1,240 hours — about $68K, 2.4× what you pay": the money, the unit that
 * means most (the time-saving driver with the most money, when there is one) and the multiple.
 */
function headlineOf(input: StoryInput, estimated: boolean): HeadlineInput | undefined {
  if (!(input.total.money > 0)) return undefined;
  const source = provenance(TOTAL, input.period, summaryQuery(input.period));
  const facts: Fact[] = [
    fact(
      'money',
      'Value realized',
      input.total.money,
      moneyUnit(input.currency),
      estimated,
      source,
    ),
  ];
  // Time saved: the efficiency drivers counted in one unit (hours, in whatever language the
  // model speaks), the unit with the most money. Its own money goes with it, never the total.
  const pluralOf = (unit: Unit) => (unit === 'currency' ? null : unit.plural);
  const saving = input.drivers
    .filter((d) => d.category === 'efficiency' && d.unit !== 'currency' && d.value > 0)
    .sort((a, b) => b.money - a.money)[0];
  let rest = false;
  if (saving && saving.unit !== 'currency') {
    const same = input.drivers.filter((d) => pluralOf(d.unit) === pluralOf(saving.unit));
    const amount = same.reduce((sum, d) => sum + d.value, 0);
    const amountMoney = same.reduce((sum, d) => sum + d.money, 0);
    facts.push(
      fact(
        'amount',
        'Time saved',
        Math.round(amount),
        countUnit(saving.unit.singular, saving.unit.plural, saving.unit.whole),
        false,
        source,
      ),
      fact(
        'amountMoney',
        'Value of the time saved',
        amountMoney,
        moneyUnit(input.currency),
        same.some((d) => d.basis === 'modelled'),
        source,
      ),
    );
    // The rest of the value comes from elsewhere: said as the total, "in all".
    rest = input.total.money - amountMoney > 0.005 * input.total.money;
  }
  if (input.roi?.multiple && input.roi.multiple > 0) {
    facts.push(
      fact('multiple', 'Times what you pay', input.roi.multiple, ratioUnit, estimated, source),
    );
  }
  return {
    facts,
    params: {
      ...periodNameOf(input.period),
      action: saving ? 'saved' : 'gained',
      rest: rest ? 'yes' : 'no',
    },
  };
}

/**
 * People as the reader knows them, never as raw ids ("acme-corp-u99"): "User 1", "User 2", numbered
 * by the value each brought in the period (the same number wherever a person is named). The raw id
 * stays in the facts' provenance, which reproduces the figure through the API.
 */
export function namedPeople(insights: Insight[], input: StoryInput, locale: string | undefined) {
  const order = new Map<string, number>();
  const number = (id: string) => {
    if (!order.has(id)) order.set(id, order.size + 1);
    return order.get(id) as number;
  };
  for (const row of input.breakdowns?.find((b) => b.by === 'user')?.contributions ?? []) {
    number(row.key);
  }
  const catalog = catalogs[resolveLocale(locale).locale];
  const name = (id: string) => catalog.person.replace('{n}', String(number(id)));
  return insights.map((insight) => {
    if (insight.segment?.by !== 'user' && insight.params.by !== 'user') return insight;
    const params = { ...insight.params };
    for (const key of ['segment1', 'segment2', 'segment3', 'name']) {
      const id = params[key];
      if (id) params[key] = name(id);
    }
    if (insight.segment) params.name = name(insight.segment.value);
    return {
      ...insight,
      params,
      facts: insight.facts.map((item) =>
        item.provenance.segment?.by === 'user'
          ? {
              ...item,
              label: item.label
                .split(item.provenance.segment.value)
                .join(name(item.provenance.segment.value)),
            }
          : item,
      ),
    };
  });
}
