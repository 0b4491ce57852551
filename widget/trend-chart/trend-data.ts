import type { ValueprintClient } from '../api/client.ts';
import type { ValueForecast, ValueSeries, ValueSummary } from '../api/types.ts';
import { type Cut, cutParams } from '../core/cut.ts';
import { addDays, today } from '../core/days.ts';
import { type FactFocus, isTotal } from '../core/events.ts';
import { strings } from './trend-chart.strings.ts';
import { buildTrend, grainFor, type TrendMarker } from './trend-model.ts';
import type { View } from './trend-words.ts';

/** What the chart loads, and the view it makes of it. */

export interface TrendData {
  series: ValueSeries;
  summary: ValueSummary;
  forecast: ValueForecast | undefined;
  /** The driver shown, "" for all value. */
  driver: string;
}

/** Loads the series, the summary and the forecast; keeps the summary while only the driver changes. */
export class TrendLoader {
  private cache:
    | { key: string; client: ValueprintClient; promise: Promise<ValueSummary> }
    | undefined;
  private readonly onSummary: (summary: ValueSummary) => void;

  constructor(onSummary: (summary: ValueSummary) => void) {
    this.onSummary = onSummary;
  }

  /** Asks for the summary again next time (after an error). */
  forget(): void {
    this.cache = undefined;
  }

  async load(
    client: ValueprintClient,
    cut: Cut,
    revision: number,
    driver: string,
  ): Promise<TrendData> {
    const params = cutParams(cut);
    const grain = grainFor(cut.from, cut.to);
    const shown = isTotal(driver) ? undefined : driver;
    const [summary, series, forecast] = await Promise.all([
      // Asked as the driver cards ask it (with the comparison), so both share one request.
      this.summary(client, cutParams(cut, true), revision),
      client.get<ValueSeries>('/v1/value/series', { ...params, grain, driver: shown }),
      // A period reaching the last complete day (yesterday) looks ahead.
      grain === 'week' && cut.to >= addDays(today(), -1)
        ? client
            .get<ValueForecast>('/v1/value/forecast', { filter: params.filter, driver: shown })
            // The forecast adds to the chart; without it the realized value still stands.
            .catch(() => undefined)
        : undefined,
    ]);
    return { series, summary, forecast, driver: shown ?? '' };
  }

  /** The summary (labels, promises, money per unit) does not change with the shown driver. */
  private summary(
    client: ValueprintClient,
    params: ReturnType<typeof cutParams>,
    revision: number,
  ): Promise<ValueSummary> {
    const key = JSON.stringify([params, revision]);
    const cache = this.cache;
    if (cache?.key === key && cache.client === client) return cache.promise;
    const promise = client.get<ValueSummary>('/v1/value/summary', params).then(
      (summary) => {
        this.onSummary(summary);
        return summary;
      },
      (error: unknown) => {
        if (this.cache?.promise === promise) this.cache = undefined;
        throw error;
      },
    );
    this.cache = { key, client, promise };
    return promise;
  }
}

/** The model of the loaded numbers, with the words to show it in. */
export function toView(
  data: TrendData,
  markers: readonly TrendMarker[],
  highlight: readonly FactFocus[],
  choices: ReadonlyArray<{ id: string; label: string }>,
  ui: string,
  intl: string,
): View {
  const { series, driver } = data;
  const realized = series.total?.length ?? series.series[0]?.points.length ?? 0;
  return {
    model: buildTrend({
      ...data,
      markers,
      highlight,
      // Forecast buckets beyond the last realized one: a third of the realized run, 4 to 8.
      maxForecast: Math.min(8, Math.max(4, Math.ceil(realized / 3))),
    }),
    ui,
    intl,
    driver,
    what: driver
      ? (choices.find((choice) => choice.id === driver)?.label ?? driver)
      : strings(ui, 'realized'),
  };
}
