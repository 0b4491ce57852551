import type {
  Assumptions,
  CutOptions,
  ValueBreakdown,
  ValueExplanation,
  ValueForecast,
  ValueSeries,
  ValueSummary,
} from '../../blueprint/api/value.ts';
import {
  bucketEnd,
  bucketsBetween,
  clipRange,
  type DayRange,
  type Grain,
  isDay,
  toDay,
} from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import { validateValueModel } from '../../blueprint/validate-model.ts';
import { rateTable, resolveAssumptions } from '../../blueprint/value-math.ts';
import { type Driver, localizeModel } from '../../blueprint/value-model.ts';
import type { FactFilter, SeriesWindow, ValueStore } from '../../telemetry/storage/interface.ts';
import { type Cut, FEATURE, filterEcho, modelUnder, resolveCut } from './cut.ts';
import { cutsOf } from './cuts.ts';
import {
  AssumptionNotEditable,
  AssumptionOutOfBounds,
  InvalidModel,
  NoValueModel,
  UnknownAssumption,
  UnknownDriver,
  UnknownSegment,
} from './errors.ts';
import { dimensionOf, explanationOf, figuresByKey, ranked } from './explain.ts';
import { type AccountContext, promiseSpans, realizedToward } from './figures.ts';
import { forecastHistory, forecastOf, openPromise } from './forecast.ts';
import { AccountFreshness, AccountMemo } from './freshness.ts';
import { comparedOrPrevious, comparisonOf, partialDayOf } from './period.ts';
import {
  denseLines,
  paceOf,
  partialBuckets,
  pricePromises,
  promisedOf,
  totalOf,
} from './series.ts';
import { type AccountStart, summaryOf } from './summary.ts';

export interface SeriesQuery {
  range: DayRange;
  grain: Grain;
  driver?: string | undefined;
  segment?: string | undefined;
}

export interface ExplainQuery {
  range: DayRange;
  compare?: DayRange | undefined;
  driver?: string | undefined;
}

/**
 * The one read layer for value: every customer-facing answer (summary, series, breakdown, explain,
 * forecast, cuts, assumptions) and the vendor's model and promises, computed from the value store's
 * facts with the model and the account's assumptions. Routes and the story both shape their answers
 * from here, so a figure is computed one way everywhere. Reads a request needs at once run at once.
 */
export class ValueService {
  /** Which accounts have events not yet in their value, and the version of each one's answers. */
  readonly freshness = new AccountFreshness();
  private readonly memo = new AccountMemo(this.freshness);
  private refreshQueue: Promise<unknown> = Promise.resolve();

  /**
   * `caughtUp`: resolves when the store holds every event acknowledged so far (the ingest writer's;
   * with a journal, acknowledgement comes first).
   */
  constructor(
    readonly store: ValueStore,
    private readonly caughtUp: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /**
   * Rolls the events acknowledged so far into the value facts. Refreshes run one after another; a
   * caller waits for its own, which includes everything acknowledged before it was asked for.
   */
  refresh(): Promise<void> {
    const next = this.refreshQueue
      .then(this.caughtUp)
      .then(() => this.freshness.rollIn(() => this.store.refresh()));
    this.refreshQueue = next.catch(() => undefined);
    return next;
  }

  // -------------------------------------------------------------------------------------------
  // The vendor's side: the model and the promises made to each account.

  /** Checks the model (against the telemetry seen so far), stores it as the next version. */
  async publishModel(input: unknown, knownProperties: Record<string, string[]>) {
    const validation = validateValueModel(input, { knownProperties });
    if (!validation.ok) throw new InvalidModel(validation.issues);
    const stored = await this.store.saveModel(validation.model);
    this.freshness.touchAll();
    // Recompute before answering, so the next value query already uses this version.
    await this.refresh();
    return { ...stored, warnings: validation.warnings };
  }

  currentModel() {
    return this.store.currentModel();
  }

  modelVersions() {
    return this.store.modelVersions();
  }

  /** Replaces an account's promises; each names a driver of the current model, or none (money). */
  async setPromises(accountId: string, promises: ValuePromise[]) {
    const stored = await this.store.currentModel();
    const drivers = stored?.model.drivers.map((driver) => driver.id) ?? [];
    const issues = promises.flatMap((promise, index) =>
      promise.driver !== undefined && !drivers.includes(promise.driver)
        ? [
            {
              path: `promises.${index}.driver`,
              message: `there is no driver "${promise.driver}"; the drivers are ${drivers.join(', ') || 'none yet'}`,
            },
          ]
        : [],
    );
    if (issues.length > 0) {
      throw new UnknownDriver(issues.map((issue) => issue.message).join('; '), { issues });
    }
    await this.store.setPromises(accountId, promises);
    this.freshness.touch(accountId);
    return { accountId, promises };
  }

  async promises(accountId: string) {
    return { accountId, promises: await this.store.promises(accountId) };
  }

  // -------------------------------------------------------------------------------------------
  // The customer's side: everything is for the account of a context.

  /** The model (as the cut sees it) and the account's assumptions, read once per answer. */
  async context(accountId: string, cut?: Cut, locale?: string): Promise<AccountContext> {
    const [stored, history] = await Promise.all([
      this.store.currentModel(),
      this.store.assumptionHistory(accountId),
    ]);
    if (!stored) {
      throw new NoValueModel(
        'the vendor has not published a value model yet, so there is no value to show',
      );
    }
    // The model in the reader's words, once: every answer's labels and units come from it.
    const model = localizeModel(stored.model, locale);
    const resolved = cut ? resolveCut(model, cut) : undefined;
    const assumptions = resolveAssumptions(model, history);
    return {
      accountId,
      stored,
      ...(locale ? { locale } : {}),
      model: modelUnder(model, resolved),
      ...(resolved ? { cut: resolved } : {}),
      assumptions,
      rates: rateTable(assumptions),
      ...(this.freshness.isProcessing(accountId) ? { processing: true } : {}),
    };
  }

  /** One driver of the context's model, or UnknownDriver naming the ones there are. */
  driver(context: AccountContext, id: string): Driver {
    const driver = context.model.drivers.find((candidate) => candidate.id === id);
    if (driver) return driver;
    const ids = context.model.drivers.map((d) => d.id).join(', ');
    if (context.cut && context.stored.model.drivers.some((d) => d.id === id)) {
      throw new UnknownDriver(
        `driver "${id}" is not part of the filter ${context.cut.by} "${context.cut.value}"; its drivers are ${ids || 'none'}`,
      );
    }
    throw new UnknownDriver(`there is no driver "${id}"; the drivers are ${ids}`);
  }

  /** A segment's position in the model (its column in the facts), or UnknownSegment. */
  segmentIndex(context: AccountContext, segment: string): number {
    const index = context.model.segments.findIndex((candidate) => candidate.id === segment);
    if (index !== -1) return index;
    const known = context.model.segments.map((s) => s.id);
    throw new UnknownSegment(
      known.length > 0
        ? `there is no segment "${segment}"; the segments are ${known.join(', ')}`
        : `there is no segment "${segment}"; this value model defines no segments`,
    );
  }

  /**
   * The period's value per driver against the period before, the promises' progress, spend and
   * ROI. Promises and price are for the whole account: a slice is never held against them.
   */
  async summary(
    context: AccountContext,
    range: DayRange,
    compare?: DayRange,
  ): Promise<ValueSummary> {
    const { accountId } = context;
    const whole = !context.cut;
    const filter = context.cut?.facts;
    const previous = comparedOrPrevious(range, compare);
    const promised = whole ? await this.store.promises(accountId) : [];
    const toward = promiseSpans(promised, range.to);
    // One read of the facts for the period, the compared one and each promise's span.
    const [[now = [], before = [], ...realized], activeDays, annualSpend, start] =
      await Promise.all([
        this.store.activity(accountId, [range, previous, ...toward.spans], filter),
        whole ? this.wholeActiveDays(context) : this.activeDays(accountId, filter),
        whole ? this.annualSpend(context) : null,
        this.accountStart(context),
      ]);
    return summaryOf(context, {
      range,
      previous,
      now,
      before,
      promised,
      toward,
      realized,
      activeDays,
      annualSpend,
      start,
    });
  }

  /**
   * Where the account starts: the day in the trait the model names (`account.startTrait`) when
   * the account has a valid one, else its first day of activity (whatever the cut), else null.
   */
  accountStart(context: AccountContext): Promise<AccountStart | null> {
    const known = this.starts.get(context);
    if (known) return known;
    const trait = context.stored.model.account?.startTrait;
    const start = Promise.all([
      trait ? this.accountTrait(context.accountId, trait) : undefined,
      this.wholeActiveDays(context),
    ]).then(([value, active]): AccountStart | null => {
      const contract = dayOfTrait(value);
      if (contract) return { day: contract, basis: 'contract_start' };
      return active ? { day: active.from, basis: 'first_activity' } : null;
    });
    this.starts.set(context, start);
    return start;
  }

  /** The whole account's active days (whatever the cut), read once per context. */
  private wholeActiveDays(context: AccountContext): Promise<DayRange | null> {
    const known = this.active.get(context);
    if (known) return known;
    const active = this.activeDays(context.accountId);
    this.active.set(context, active);
    return active;
  }

  private activeDays(accountId: string, filter?: FactFilter): Promise<DayRange | null> {
    return this.memo.read(accountId, `active\u0000${JSON.stringify(filter ?? null)}`, () =>
      this.store.activeDays(accountId, filter),
    );
  }

  accountTrait(accountId: string, key: string): Promise<unknown> {
    return this.memo.read(accountId, `trait\u0000${key}`, () =>
      this.store.accountTrait(accountId, key),
    );
  }

  /** One read per answer's context: a story asks the summary and the explanation for the same. */
  private readonly starts = new WeakMap<AccountContext, Promise<AccountStart | null>>();
  private readonly active = new WeakMap<AccountContext, Promise<DayRange | null>>();

  /** Points per bucket (every bucket present, zeros included) per driver, or per segment value. */
  async series(context: AccountContext, query: SeriesQuery): Promise<ValueSeries> {
    const driver = query.driver ? this.driver(context, query.driver) : undefined;
    const drivers = driver ? [driver] : context.model.drivers;
    const segment =
      query.segment === undefined ? undefined : this.segmentIndex(context, query.segment);
    const filter = context.cut?.facts;
    const [[points = []], promises, start] = await Promise.all([
      this.store.series(context.accountId, [{ range: query.range, grain: query.grain }], {
        ...(segment === undefined ? {} : { segment }),
        ...(filter ? { filter } : {}),
      }),
      // The promised pace is for the whole account's lines, not for a slice or a split.
      context.cut || segment !== undefined ? [] : this.store.promises(context.accountId),
      this.accountStart(context),
    ]);
    const lines = denseLines(context, drivers, query, points, segment !== undefined);
    const pace = paceOf(
      pricePromises(context, promises, driver),
      bucketsBetween(query.range, query.grain).map((bucket) => ({
        bucket,
        days: clipRange({ from: bucket, to: bucketEnd(bucket, query.grain) }, query.range),
      })),
    );
    // Days before the account's start (contract or first activity) are no part of any bucket.
    const partial = partialBuckets(query, start?.day);
    return {
      account: context.accountId,
      currency: context.model.currency,
      grain: query.grain,
      period: query.range,
      ...filterEcho(context.cut),
      ...(query.segment ? { segment: query.segment } : {}),
      series: lines,
      ...(segment === undefined ? { total: totalOf(lines, query) } : {}),
      ...(pace.length > 0 ? { pace } : {}),
      ...(pace.length > 0 && !driver ? { promised: promisedOf(promises, lines, drivers) } : {}),
      ...(partial.length > 0 ? { partial } : {}),
    };
  }

  /**
   * Money per bucket for every driver and in total, for several windows (e.g. weeks, months and
   * days of history) in one read of the facts.
   */
  async history(context: AccountContext, windows: readonly SeriesWindow[]) {
    const filter = context.cut?.facts;
    const read = await this.store.series(context.accountId, [...windows], filter ? { filter } : {});
    return windows.map((window, index) => {
      const lines = denseLines(context, context.model.drivers, window, read[index] ?? [], false);
      return { window, lines, total: totalOf(lines, window) };
    });
  }

  /** Value by segment value, user or feature, largest first, with each one's share of the money. */
  async breakdown(
    context: AccountContext,
    query: { range: DayRange; by: string; driver?: string | undefined },
  ): Promise<ValueBreakdown> {
    const driver = query.driver ? this.driver(context, query.driver) : undefined;
    const ways = [...context.model.segments.map((segment) => segment.id), 'user', FEATURE];
    if (!ways.includes(query.by)) {
      const named = [...context.model.segments.map((s) => s.id), 'user', FEATURE];
      throw new UnknownSegment(
        `cannot break value down by "${query.by}": use ${named.map((by) => `"${by}"`).join(', ')}`,
      );
    }
    const [[rows = []] = []] = await this.store.breakdown(
      context.accountId,
      [query.range],
      [dimensionOf(context, query.by)],
      context.cut?.facts,
    );
    return {
      account: context.accountId,
      currency: context.model.currency,
      ...filterEcho(context.cut),
      period: query.range,
      by: query.by,
      ...(driver ? { driver: driver.id, unit: driver.unit } : {}),
      contributions: ranked(figuresByKey(context, rows, query.by, driver), driver),
    };
  }

  /**
   * What moved between two periods along every way the account can be cut (its segments, users,
   * and features across drivers), from one read of the facts; with the current period's figures
   * per key, which the story reads as its breakdowns.
   */
  async explanation(context: AccountContext, query: ExplainQuery) {
    const driver = query.driver ? this.driver(context, query.driver) : undefined;
    const compare = comparedOrPrevious(query.range, query.compare);
    const ways = [
      ...context.model.segments.map((segment) => segment.id),
      'user',
      ...(driver ? [] : [FEATURE]),
    ];
    // The total is the account's own figure, as in the summary, not the sum over one way of
    // cutting (distinct users active in two teams would count twice there): per driver.
    const dimensions = [...ways, FEATURE].map((by) => dimensionOf(context, by));
    const [[now = [], before = []], start] = await Promise.all([
      this.store.breakdown(
        context.accountId,
        [query.range, compare],
        dimensions,
        context.cut?.facts,
      ),
      this.accountStart(context),
    ]);
    const comparison = comparisonOf(query.range, compare, start?.day ?? null);
    const explained = explanationOf(context, { ...query, driver, compare, ways, now, before });
    const partialDay = partialDayOf(query.range);
    const { answer } = explained;
    return {
      ...explained,
      answer: {
        ...answer,
        comparison,
        ...(partialDay ? { partialDay } : {}),
        // No growth rate from a compared period that is no baseline.
        total: comparison.comparable ? answer.total : { ...answer.total, deltaShare: null },
      },
    };
  }

  async explain(context: AccountContext, query: ExplainQuery): Promise<ValueExplanation> {
    return (await this.explanation(context, query)).answer;
  }

  /**
   * Where value is heading: a linear trend on complete weeks, projected to the end of the promise
   * period (or a horizon), with a 90% prediction interval. Too little history says so.
   */
  async forecast(
    context: AccountContext,
    query: { driver?: string | undefined; horizonDays?: number | undefined },
  ): Promise<ValueForecast> {
    const { accountId } = context;
    const driver = query.driver ? this.driver(context, query.driver) : undefined;
    const history = forecastHistory();
    const filter = context.cut?.facts;
    // Promises are for the whole account: a filtered slice is projected to a horizon, not to them.
    const [active, [points = []], promises] = await Promise.all([
      this.activeDays(accountId, filter),
      this.store.series(
        accountId,
        [{ range: history.range, grain: 'week' }],
        filter ? { filter } : {},
      ),
      context.cut ? [] : this.store.promises(accountId),
    ]);
    const promise = openPromise(promises, driver);
    const realizedSoFar = promise
      ? await this.realizedBy(context, promise, history.lastComplete)
      : 0;
    return forecastOf(context, {
      driver,
      horizonDays: query.horizonDays,
      active,
      points,
      promises,
      promise,
      realizedSoFar,
    });
  }

  /**
   * What a customer can cut their value by (the model's segments, then feature), each with its
   * values largest money first over the account's active days, and the drivers for a picker.
   */
  async cuts(context: AccountContext): Promise<CutOptions> {
    const active = await this.activeDays(context.accountId);
    const ways = [...context.model.segments.map((segment) => segment.id), FEATURE];
    const [rows = []] = active
      ? await this.store.breakdown(
          context.accountId,
          [active],
          ways.map((by) => dimensionOf(context, by)),
        )
      : [];
    return cutsOf(context, ways, active, rows);
  }

  /** The account's assumptions as they apply now, and every change a customer made. */
  async assumptions(context: AccountContext): Promise<Assumptions> {
    const history = await this.store.assumptionHistory(context.accountId);
    return {
      account: context.accountId,
      assumptions: context.assumptions.map((assumption) => {
        const declared = context.model.assumptions.find((a) => a.id === assumption.id);
        return { ...assumption, default: declared?.default, sourceNote: declared?.source };
      }),
      history,
    };
  }

  /** A customer edits one assumption for their own account, within the vendor's bounds. */
  async changeAssumption(context: AccountContext, userId: string, id: string, value: number) {
    const assumption = context.model.assumptions.find((candidate) => candidate.id === id);
    if (!assumption) {
      throw new UnknownAssumption(
        `there is no assumption "${id}"; the assumptions are ${context.model.assumptions.map((a) => a.id).join(', ') || 'none'}`,
      );
    }
    if (!assumption.customerEditable) {
      throw new AssumptionNotEditable(
        `"${assumption.label}" is set by the vendor and cannot be changed here`,
      );
    }
    if (value < assumption.min || value > assumption.max) {
      throw new AssumptionOutOfBounds(
        `"${assumption.label}" must be between ${assumption.min} and ${assumption.max} ${assumption.unit}`,
      );
    }
    const change = await this.store.recordAssumption(context.accountId, { id, value, userId });
    this.freshness.touch(context.accountId);
    const updated = await this.context(context.accountId, undefined, context.locale);
    return { change, ...(await this.assumptions(updated)) };
  }

  /** The account's annual spend from the trait the model names, or null when unknown. */
  async annualSpend(context: AccountContext): Promise<number | null> {
    const trait = context.model.price?.trait;
    if (!trait) return null;
    const value = await this.accountTrait(context.accountId, trait);
    const spend =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    return Number.isFinite(spend) && spend > 0 ? spend : null;
  }

  /** Value (in the driver's unit) or total money delivered toward a promise up to `day`. */
  private async realizedBy(context: AccountContext, promise: ValuePromise, day: string) {
    const range = { from: promise.from, to: day };
    if (range.to < range.from) return 0;
    const [activity = []] = await this.store.activity(context.accountId, [range]);
    return realizedToward(context, promise, activity);
  }
}

/** A trait's day: YYYY-MM-DD, or the UTC day of an ISO time; undefined when it is neither. */
export function dayOfTrait(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (isDay(text)) return text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? toDay(ms) : undefined;
}
