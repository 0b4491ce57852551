import {
  addDays,
  bucketOf,
  bucketsBetween,
  type DayRange,
  daysIn,
  fromDay,
  type Grain,
  previousRange,
  today,
} from '../../blueprint/days.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import { validateValueModel } from '../../blueprint/validate-model.ts';
import {
  linearForecast,
  MIN_FORECAST_POINTS,
  paybackDays,
  rateTable,
  resolveAssumptions,
  roi,
} from '../../blueprint/value-math.ts';
import { basisOf, type Driver } from '../../blueprint/value-model.ts';
import type { SeriesPoint, SeriesWindow, ValueStore } from '../../telemetry/storage/interface.ts';
import { type Cut, FEATURE, filterEcho, modelUnder, resolveCut } from './cut.ts';
import {
  AssumptionNotEditable,
  AssumptionOutOfBounds,
  InvalidModel,
  NoValueModel,
  UnknownAssumption,
  UnknownDriver,
  UnknownSegment,
} from './errors.ts';
import { changeBy, dimensionOf, figuresByKey, type KeyFigures, ranked } from './explain.ts';
import {
  type AccountContext,
  activityOf,
  dataStatus,
  figuresOf,
  formulaOf,
  progressOf,
  promiseSpans,
  realizedToward,
  sumRounded,
} from './figures.ts';

const DAYS_PER_YEAR = 365;
/** Weeks of history a forecast is fitted on: recent enough to reflect how the account works now. */
const FORECAST_HISTORY_WEEKS = 26;
/** Forecast horizon when there is no promise to forecast to. */
const DEFAULT_HORIZON_DAYS = 90;
/** Values offered per segment in the cut bar: with more it is a search box, not a choice. */
export const MAX_CUT_VALUES = 50;

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
  constructor(readonly store: ValueStore) {}

  // -------------------------------------------------------------------------------------------
  // The vendor's side: the model and the promises made to each account.

  /** Checks the model (against the telemetry seen so far), stores it as the next version. */
  async publishModel(input: unknown, knownProperties: Record<string, string[]>) {
    const validation = validateValueModel(input, { knownProperties });
    if (!validation.ok) throw new InvalidModel(validation.issues);
    const stored = await this.store.saveModel(validation.model);
    // Recompute before answering, so the next value query already uses this version.
    await this.store.refresh();
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
    return { accountId, promises };
  }

  async promises(accountId: string) {
    return { accountId, promises: await this.store.promises(accountId) };
  }

  // -------------------------------------------------------------------------------------------
  // The customer's side: everything is for the account of a context.

  /** The model (as the cut sees it) and the account's assumptions, read once per answer. */
  async context(accountId: string, cut?: Cut): Promise<AccountContext> {
    const [stored, history] = await Promise.all([
      this.store.currentModel(),
      this.store.assumptionHistory(accountId),
    ]);
    if (!stored) {
      throw new NoValueModel(
        'the vendor has not published a value model yet, so there is no value to show',
      );
    }
    const resolved = cut ? resolveCut(stored.model, cut) : undefined;
    const assumptions = resolveAssumptions(stored.model, history);
    return {
      accountId,
      stored,
      model: modelUnder(stored.model, resolved),
      ...(resolved ? { cut: resolved } : {}),
      assumptions,
      rates: rateTable(assumptions),
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
  async summary(context: AccountContext, range: DayRange) {
    const { accountId } = context;
    const whole = !context.cut;
    const filter = context.cut?.facts;
    const previous = previousRange(range);
    const promised = whole ? await this.store.promises(accountId) : [];
    const toward = promiseSpans(promised, range.to);
    // One read of the facts for the period, the one before and each promise's span.
    const [[now = [], before = [], ...realized], activeDays, annualSpend] = await Promise.all([
      this.store.activity(accountId, [range, previous, ...toward.spans], filter),
      this.store.activeDays(accountId, filter),
      whole ? this.annualSpend(context) : null,
    ]);
    const drivers = context.model.drivers.map((driver) => ({
      id: driver.id,
      label: driver.label,
      category: driver.category,
      basis: basisOf(driver),
      unit: driver.unit,
      feature: driver.feature ?? null,
      ...figuresOf(context, driver, activityOf(now, driver)),
      /** The events counted, so a figure can be traced back to telemetry. */
      events: activityOf(now, driver)?.events ?? 0,
      previous: figuresOf(context, driver, activityOf(before, driver)),
      formula: formulaOf(driver),
      event: driver.event,
      assumptions: context.assumptions
        .filter((assumption) => driver.rates.includes(assumption.id))
        .map(({ id, label, unit, value, source }) => ({ id, label, unit, value, source })),
    }));
    const money = sumRounded(drivers.map((driver) => driver.money));
    const spend = annualSpend === null ? null : (annualSpend * daysIn(range)) / DAYS_PER_YEAR;
    return {
      account: accountId,
      currency: context.model.currency,
      modelVersion: context.stored.version,
      ...filterEcho(context.cut),
      period: range,
      previousPeriod: previous,
      total: {
        money,
        previous: { money: sumRounded(drivers.map((driver) => driver.previous.money)) },
        modelled: sumRounded(drivers.filter((d) => d.basis === 'modelled').map((d) => d.money)),
      },
      drivers,
      ...(annualSpend === null
        ? {}
        : {
            price: { annual: annualSpend, period: spend, trait: context.model.price?.trait },
            roi: { multiple: roi(money, spend) },
            payback: { days: paybackDays(money / daysIn(range), annualSpend) },
          }),
      ...(whole
        ? { promises: progressOf(context, promised, toward, realized) }
        : {
            omitted: {
              fields: ['price', 'roi', 'payback', 'promises'],
              reason:
                'price and promises are for the whole account, so a filtered slice is not compared with them',
            },
          }),
      dataStatus: dataStatus(range, activeDays),
    };
  }

  /** Points per bucket (every bucket present, zeros included) per driver, or per segment value. */
  async series(context: AccountContext, query: SeriesQuery) {
    const drivers = query.driver ? [this.driver(context, query.driver)] : context.model.drivers;
    const segment =
      query.segment === undefined ? undefined : this.segmentIndex(context, query.segment);
    const filter = context.cut?.facts;
    const [points = []] = await this.store.series(
      context.accountId,
      [{ range: query.range, grain: query.grain }],
      { ...(segment === undefined ? {} : { segment }), ...(filter ? { filter } : {}) },
    );
    const lines = denseLines(context, drivers, query, points, segment !== undefined);
    return {
      account: context.accountId,
      currency: context.model.currency,
      grain: query.grain,
      period: query.range,
      ...filterEcho(context.cut),
      ...(query.segment ? { segment: query.segment } : {}),
      series: lines,
      ...(segment === undefined ? { total: totalOf(lines, query) } : {}),
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
  ) {
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
    const compare = query.compare ?? previousRange(query.range);
    const ways = [
      ...context.model.segments.map((segment) => segment.id),
      'user',
      ...(driver ? [] : [FEATURE]),
    ];
    // The total is the account's own figure, as in the summary, not the sum over one way of
    // cutting (distinct users active in two teams would count twice there): per driver.
    const dimensions = [...ways, FEATURE].map((by) => dimensionOf(context, by));
    const [now = [], before = []] = await this.store.breakdown(
      context.accountId,
      [query.range, compare],
      dimensions,
      context.cut?.facts,
    );
    const figures = (rows: typeof now, index: number, by: string) =>
      figuresByKey(context, rows[index] ?? [], by, driver);
    const current: Array<{ by: string; figures: Map<string, KeyFigures> }> = [];
    const explained = ways.map((by, index) => {
      const nowFigures = figures(now, index, by);
      current.push({ by, figures: nowFigures });
      return { by, ...changeBy(nowFigures, figures(before, index, by), driver) };
    });
    const { total } = changeBy(
      figures(now, ways.length, FEATURE),
      figures(before, ways.length, FEATURE),
      driver,
    );
    const answer = {
      account: context.accountId,
      currency: context.model.currency,
      ...(driver ? { driver: driver.id, unit: driver.unit } : { measure: 'money' as const }),
      ...filterEcho(context.cut),
      period: query.range,
      comparePeriod: compare,
      total,
      dimensions: explained.map(({ by, contributions }) => ({ by, contributions })),
    };
    return { answer, current };
  }

  async explain(context: AccountContext, query: ExplainQuery) {
    return (await this.explanation(context, query)).answer;
  }

  /**
   * Where value is heading: a linear trend on complete weeks, projected to the end of the promise
   * period (or a horizon), with a 90% prediction interval. Too little history says so.
   */
  async forecast(
    context: AccountContext,
    query: { driver?: string | undefined; horizonDays?: number | undefined },
  ) {
    const { accountId } = context;
    const driver = query.driver ? this.driver(context, query.driver) : undefined;
    const lastComplete = addDays(bucketOf(today(), 'week'), -1);
    const historyRange = {
      from: addDays(bucketOf(lastComplete, 'week'), -7 * (FORECAST_HISTORY_WEEKS - 1)),
      to: lastComplete,
    };
    const filter = context.cut?.facts;
    // Promises are for the whole account: a filtered slice is projected to a horizon, not to them.
    const [active, [points = []], promises] = await Promise.all([
      this.store.activeDays(accountId, filter),
      this.store.series(
        accountId,
        [{ range: historyRange, grain: 'week' }],
        filter ? { filter } : {},
      ),
      context.cut ? [] : this.store.promises(accountId),
    ]);
    const drivers = driver ? [driver] : context.model.drivers;
    const weekly = bucketsBetween(historyRange, 'week')
      .filter((bucket) => active !== null && addDays(bucket, 6) >= active.from)
      .map((bucket) => ({
        bucket,
        value: drivers.reduce((sum, d) => {
          const figures = figuresOf(
            context,
            d,
            points.find((p) => p.bucket === bucket && p.driverId === d.id),
          );
          return sum + (driver ? figures.value : figures.money);
        }, 0),
      }));
    const promise = promises.find(
      (candidate) => (candidate.driver ?? null) === (driver?.id ?? null) && candidate.to >= today(),
    );
    const horizonEnd =
      query.horizonDays !== undefined
        ? addDays(today(), query.horizonDays)
        : (promise?.to ?? addDays(today(), DEFAULT_HORIZON_DAYS));
    const future = bucketsBetween({ from: addDays(lastComplete, 1), to: horizonEnd }, 'week');
    const fit = linearForecast(
      weekly.map((week) => ({ t: fromDay(week.bucket), y: week.value })),
      future.map(fromDay),
    );
    const base = {
      account: accountId,
      currency: context.model.currency,
      ...(driver ? { driver: driver.id, unit: driver.unit } : { measure: 'money' as const }),
      ...filterEcho(context.cut),
      asOf: lastComplete,
      horizon: { to: horizonEnd },
      history: weekly,
    };
    if ('notEnoughData' in fit) {
      return {
        ...base,
        forecast: [],
        projected: null,
        dataStatus: {
          state: 'not_enough_data' as const,
          reason: `a forecast needs at least ${MIN_FORECAST_POINTS} complete weeks of activity; this account has ${weekly.length}`,
        },
      };
    }
    const forecast = fit.points.map((point, index) => ({
      bucket: future[index] as string,
      value: Math.max(0, point.y),
      low: Math.max(0, point.low),
      high: Math.max(0, point.high),
    }));
    const sumOf = (key: 'value' | 'low' | 'high') =>
      forecast.reduce((sum, week) => sum + week[key], 0);
    const realizedSoFar = promise ? await this.realizedBy(context, promise, lastComplete) : 0;
    const projected = {
      value: realizedSoFar + sumOf('value'),
      low: realizedSoFar + sumOf('low'),
      high: realizedSoFar + sumOf('high'),
    };
    return {
      ...base,
      forecast,
      projected: {
        ...projected,
        from: promise ? promise.from : addDays(lastComplete, 1),
        to: horizonEnd,
      },
      ...(promise
        ? {
            promise: {
              target: promise.target,
              from: promise.from,
              to: promise.to,
              projectedShare: projected.value / promise.target,
            },
          }
        : {}),
      dataStatus: { state: 'ok' as const },
    };
  }

  /**
   * What a customer can cut their value by (the model's segments, then feature), each with its
   * values largest money first over the account's active days, and the drivers for a picker.
   */
  async cuts(context: AccountContext) {
    const active = await this.store.activeDays(context.accountId);
    const ways = [...context.model.segments.map((segment) => segment.id), FEATURE];
    const [rows = []] = active
      ? await this.store.breakdown(
          context.accountId,
          [active],
          ways.map((by) => dimensionOf(context, by)),
        )
      : [];
    const moneyBy = (index: number) => {
      const by = ways[index] as string;
      const money = new Map<string, number>();
      let found = rows[index] ?? [];
      if (by === FEATURE) {
        // Every feature is offered, with or without value yet; drivers without one are not.
        const featured = context.model.drivers.filter((driver) => driver.feature !== undefined);
        for (const driver of featured) money.set(driver.feature as string, 0);
        found = found.filter((row) => featured.some((driver) => driver.id === row.driverId));
      }
      for (const [key, row] of figuresByKey(context, found, by, undefined))
        money.set(key, row.money);
      // An empty value is events without the property: it cannot be named in a filter.
      money.delete('');
      return topValues(money);
    };
    return {
      account: context.accountId,
      period: active,
      segments: ways.map((by, index) => {
        const segment = context.model.segments.find((s) => s.id === by);
        return { id: by, label: segment?.label ?? 'Feature', values: moneyBy(index) };
      }),
      drivers: context.model.drivers.map((driver) => ({
        id: driver.id,
        label: driver.label,
        category: driver.category,
        basis: basisOf(driver),
        unit: driver.unit,
      })),
    };
  }

  /** The account's assumptions as they apply now, and every change a customer made. */
  async assumptions(context: AccountContext) {
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
    const updated = await this.context(context.accountId);
    return { change, ...(await this.assumptions(updated)) };
  }

  /** The account's annual spend from the trait the model names, or null when unknown. */
  private async annualSpend(context: AccountContext): Promise<number | null> {
    const trait = context.model.price?.trait;
    if (!trait) return null;
    const value = await this.store.accountTrait(context.accountId, trait);
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

/** Every bucket of the window per driver (and segment value), zeros included. */
function denseLines(
  context: AccountContext,
  drivers: readonly Driver[],
  window: { range: DayRange; grain: Grain },
  points: readonly SeriesPoint[],
  bySegment: boolean,
) {
  const buckets = bucketsBetween(window.range, window.grain);
  return drivers.flatMap((driver) => {
    const mine = points.filter((point) => point.driverId === driver.id);
    const keys = bySegment
      ? [...new Set(mine.map((point) => point.segmentValue ?? ''))].sort()
      : [undefined];
    return keys.map((segmentValue) => ({
      driver: driver.id,
      ...(segmentValue === undefined ? {} : { segment: segmentValue }),
      unit: driver.unit,
      points: buckets.map((bucket) => {
        const point = mine.find(
          (p) =>
            p.bucket === bucket && (segmentValue === undefined || p.segmentValue === segmentValue),
        );
        return { bucket, ...figuresOf(context, driver, point), events: point?.events ?? 0 };
      }),
    }));
  });
}

/** Money per bucket across the lines. */
function totalOf(
  lines: ReadonlyArray<{ points: ReadonlyArray<{ money: number }> }>,
  window: { range: DayRange; grain: Grain },
) {
  return bucketsBetween(window.range, window.grain).map((bucket, index) => ({
    bucket,
    money: lines.reduce((sum, line) => sum + (line.points[index]?.money ?? 0), 0),
  }));
}

/** Keys by money, largest first (ties by name), at most MAX_CUT_VALUES. */
function topValues(money: Map<string, number>): string[] {
  return [...money.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, MAX_CUT_VALUES)
    .map(([key]) => key);
}
