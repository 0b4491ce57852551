import { bucketEnd, daysIn } from '../core/days.ts';
import {
  formatDay,
  formatDayRange,
  formatMoney,
  formatShortDay,
  formatShortMonth,
} from '../core/format.ts';
import { strings } from './trend-chart.strings.ts';
import { type TrendModel, type TrendRow, trendDirection } from './trend-model.ts';

/** The chart's words and numbers, as the chart, its tooltip, its table and the live region say them. */

/** What the chart shows, in the words it is read in. */
export interface View {
  model: TrendModel;
  /** The language of our words. */
  ui: string;
  /** The full tag for Intl numbers and dates. */
  intl: string;
  /** The driver shown, "" for all value. */
  driver: string;
  /** Its name: "Realized value", or the driver's label. */
  what: string;
}

/** The three lines, named as their CSS classes and their words. */
export type Kind = 'realized' | 'promised' | 'pace' | 'forecast';
export const KINDS: readonly Kind[] = ['realized', 'promised', 'pace', 'forecast'];

/** The lines a model has: realized always, the others when there are any. */
export function kindsOf(model: TrendModel): Kind[] {
  return KINDS.filter((kind) => {
    if (kind === 'promised') return model.promisedDrivers !== undefined;
    return kind === 'realized' || model[kind === 'pace' ? 'hasPace' : 'hasForecast'];
  });
}

export function valueAt(row: TrendRow, kind: Kind): number | undefined {
  return kind === 'forecast' ? row.forecast?.value : row[kind];
}

/** A line's name: the promised line says which value it is. */
export function kindName(v: View, kind: Kind): string {
  return kind === 'promised'
    ? t(v, 'promised', { drivers: (v.model.promisedDrivers ?? []).join(', ') })
    : t(v, kind);
}

/** "Partial week: 4 of 7 days" for a bucket that counts fewer days than a whole one. */
export function partialNote(v: View, row: TrendRow): string {
  if (!row.partial || row.realized === undefined) return '';
  const days = row.days ?? {
    counted: daysIn(row),
    of: daysIn({ from: row.bucket, to: bucketEnd(row.bucket, v.model.grain) }),
  };
  return t(v, `partial_${v.model.grain}`, { days: days.counted, of: days.of });
}

/** Where the promises stand so far, in the words of the promise cards. */
export function statusText(v: View): string {
  const status = v.model.promiseStatus;
  if (!status) return '';
  if (status.status === 'behind' && status.count > 1) {
    return t(v, 'statusBehindSome', { behind: status.behind, count: status.count });
  }
  return t(
    v,
    status.status === 'behind'
      ? 'statusBehind'
      : status.status === 'ahead'
        ? 'statusAhead'
        : 'statusOnPace',
  );
}

export function t(
  v: View,
  key: Parameters<typeof strings>[1],
  vars?: Record<string, string | number>,
): string {
  return strings(v.ui, key, vars);
}

/** The bucket word: "week", or with `plural` "weeks". */
export function unit(v: View, plural?: boolean): string {
  const grain = v.model.grain;
  return t(v, plural ? `${grain}s` : grain);
}

/** Money as every surface rounds it; the forecast is always an estimate, the others when modelled. */
export function money(v: View, value: number, kind: Kind): string {
  const { model } = v;
  return formatMoney(
    value,
    model.currency,
    v.intl,
    kind === 'forecast' ||
      (kind === 'pace' || kind === 'promised' ? model.paceEstimated : model.estimated),
  );
}

/** "likely $1,200 to $1,900" */
export function range(v: View, forecast: { low: number; high: number }): string {
  return t(v, 'forecastRange', {
    low: money(v, forecast.low, 'forecast'),
    high: money(v, forecast.high, 'forecast'),
  });
}

export function when(v: View, row: TrendRow): string {
  return v.model.grain === 'day' || row.from === row.to
    ? formatDay(row.from, v.intl)
    : formatDayRange(row.from, row.to, v.intl);
}

/** An x axis label: "Aug 31", or "Aug 26" for a month. */
export function tick(v: View, row: TrendRow): string {
  return v.model.grain === 'month'
    ? formatShortMonth(row.bucket, v.intl)
    : formatShortDay(row.from, v.intl);
}

/** One sentence for the live region. */
export function describe(v: View, row: TrendRow): string {
  return [
    `${when(v, row)}:`,
    ...KINDS.flatMap((kind) => {
      const value = valueAt(row, kind);
      if (value === undefined) return [];
      const likely = kind === 'forecast' && row.forecast ? ` (${range(v, row.forecast)})` : '';
      return `${kindName(v, kind)} ${money(v, value, kind)}${likely}.`;
    }),
    partialNote(v, row),
    ...row.markers.map((label) => `${t(v, 'unusual')}: ${label}`),
  ].join(' ');
}

/** The chart in words: where the run went, the pace promised and the forecast for next week. */
export function summaryText(v: View): string {
  const rows = v.model.rows;
  const realized = rows.filter((row) => row.realized !== undefined);
  const whole = realized.filter((row) => !row.partial);
  const run = whole.length > 1 ? whole : realized;
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return '';
  const next = rows.find((row) => row.realized === undefined && row.forecast)?.forecast;
  return [
    t(v, 'summary', {
      what: v.what,
      first: when(v, first),
      last: when(v, last),
      firstValue: money(v, first.realized ?? 0, 'realized'),
      lastValue: money(v, last.realized ?? 0, 'realized'),
      unit: unit(v),
      total: money(v, v.model.total, 'realized'),
      direction: t(v, trendDirection(run.map((row) => row.realized ?? 0))),
    }),
    last.pace === undefined
      ? ''
      : t(v, 'summaryPace', { pace: money(v, last.pace, 'pace'), unit: unit(v) }),
    next ? t(v, 'summaryForecast', { forecast: money(v, next.value, 'forecast') }) : '',
    statusText(v),
  ]
    .filter(Boolean)
    .join(' ');
}
