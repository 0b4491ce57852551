import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Projection } from '../../blueprint/projection.ts';
import { formatMoney, formatMoneyAxis } from '../core/format.ts';
import { linearScale, niceTicks, pathOf } from '../trend-chart/trend-geometry.ts';
import { strings } from './planner.strings.ts';

/**
 * Today's pace against the plan, month by month over the horizon, with the plan's likely range as
 * a band; drawn in a fixed box the SVG scales to its width. Its table and a sentence say the same.
 */

const WIDTH = 640;
const HEIGHT = 200;
const BOX = { left: 56, right: 12, top: 12, bottom: 26 };

type Months = Projection['months'];

export interface ChartWords {
  locale: string;
  intlLocale: string;
  currency: string;
}

/** The sentence a screen reader gets instead of the lines: the last month against today. */
export function chartSummary(months: Months, w: ChartWords): string {
  const last = months[months.length - 1];
  if (!last) return '';
  const money = (value: number) => formatMoney(value, w.currency, w.intlLocale, true);
  return strings(w.locale, 'chartSummary', {
    month: last.month,
    plan: money(last.value),
    low: money(last.low),
    high: money(last.high),
    today: money(last.baseline),
  });
}

export function renderChart(months: Months, w: ChartWords): TemplateResult {
  const max = Math.max(...months.map((month) => Math.max(month.high, month.baseline)), 0);
  const ticks = niceTicks(max, 4);
  const labels = ticks.map((tick) => formatMoneyAxis(tick, w.currency, w.intlLocale));
  // Room for the longest axis label ("300.000 $" in German is longer than "$300K").
  const left = Math.max(BOX.left, 12 + 7 * Math.max(...labels.map((label) => label.length)));
  const y = linearScale(ticks[ticks.length - 1] ?? 1, HEIGHT - BOX.bottom, BOX.top);
  const span = WIDTH - left - BOX.right;
  const x = (index: number) =>
    left + (months.length > 1 ? (span * index) / (months.length - 1) : span / 2);
  const band = pathOf(
    months.map((month, index) => [x(index), y(month.high), y(month.low)]),
    true,
  );
  const plan = pathOf(months.map((month, index) => [x(index), y(month.value)]));
  const today = pathOf(months.map((month, index) => [x(index), y(month.baseline)]));
  const labelEvery = Math.max(1, Math.ceil(months.length / 8));
  return html`<figure class="chart">
    <svg
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      role="img"
      aria-label=${chartSummary(months, w)}
      part="chart"
    >
      ${ticks.map(
        (
          tick,
          index,
        ) => svg`<line class="grid" x1=${left} x2=${WIDTH - BOX.right} y1=${y(tick)} y2=${y(tick)}></line>
          <text class="axis" x=${left - 6} y=${y(tick) + 4} text-anchor="end">${labels[index]}</text>`,
      )}
      ${months.map((month, index) =>
        index % labelEvery === 0 || index === months.length - 1
          ? svg`<text class="axis" x=${x(index)} y=${HEIGHT - 8} text-anchor="middle">${month.month}</text>`
          : nothing,
      )}
      <path class="band" d=${band}></path>
      <path class="today" d=${today}></path>
      <path class="plan" d=${plan}></path>
    </svg>
    <figcaption class="legend">
      <span><span class="key plan"></span>${strings(w.locale, 'chartPlan')}</span>
      <span><span class="key band"></span>${strings(w.locale, 'chartBand')}</span>
      <span><span class="key today"></span>${strings(w.locale, 'chartToday')}</span>
    </figcaption>
  </figure>`;
}

export function renderMonthTable(months: Months, w: ChartWords): TemplateResult {
  const money = (value: number) => formatMoney(value, w.currency, w.intlLocale, true);
  return html`<div class="table-scroll"><table class="months" part="table">
    <caption class="visually-hidden">${strings(w.locale, 'chartTitle')}</caption>
    <thead>
      <tr>
        <th scope="col">${strings(w.locale, 'month')}</th>
        <th scope="col">${strings(w.locale, 'chartToday')}</th>
        <th scope="col">${strings(w.locale, 'chartPlan')}</th>
        <th scope="col">${strings(w.locale, 'low')}</th>
        <th scope="col">${strings(w.locale, 'high')}</th>
      </tr>
    </thead>
    <tbody>
      ${months.map(
        (month) => html`<tr>
          <th scope="row">${month.month}</th>
          <td>${money(month.baseline)}</td>
          <td>${money(month.value)}</td>
          <td>${money(month.low)}</td>
          <td>${money(month.high)}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}
