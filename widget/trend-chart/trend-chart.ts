import { Task, TaskStatus } from '@lit/task';
import { scaleBand } from 'd3-scale';
import { area, line } from 'd3-shape';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ValueprintClient } from '../api/client.ts';
import type { ValueForecast, ValueSeries, ValueSummary } from '../api/types.ts';
import { type Cut, cutParams } from '../core/cut.ts';
import { todayUtc } from '../core/days.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit, type FactFocus } from '../core/events.ts';
import {
  formatDay,
  formatDayRange,
  formatMoney,
  formatMoneyAxis,
  formatShortDay,
} from '../core/format.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { common } from '../i18n/common.strings.ts';
import { pluralForm } from '../i18n/locale.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './trend-chart.strings.ts';
import { trendChartStyles } from './trend-chart.styles.ts';
import {
  buildTrend,
  grainFor,
  isTotal,
  linearScale,
  niceTicks,
  previousRange,
  type TrendMarker,
  type TrendModel,
  type TrendRow,
  trendDirection,
} from './trend-model.ts';

export type { TrendMarker } from './trend-model.ts';

interface TrendData {
  series: ValueSeries;
  summary: ValueSummary;
  forecast: ValueForecast | undefined;
  driver: string;
}

interface Geometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  compact: boolean;
}

/** Below this width the chart turns into a sparkline with the table a tap away. */
const COMPACT_WIDTH = 480;
/** Forecast buckets drawn beyond the last realized one: a third of the realized run, 4 to 8. */
function forecastBuckets(realized: number): number {
  return Math.min(8, Math.max(4, Math.ceil(realized / 3)));
}

/**
 * Realized value over time, for all value or one source of it, against the promised pace, with
 * the forecast and its likely range, and the unusual points marked in words. Every point is
 * reachable by pointer and keyboard; a table and a text summary carry the same numbers.
 *
 * @summary Realized value over time against the promise, with the forecast.
 *
 * @attr driver - Which source of value to show: a driver id, or empty for all value.
 *
 * @fires vp-explain-request - {driver, from, to, compareFrom, compareTo}: the customer asked why a
 *   bucket changed (Enter or click on a point); driver is "total" for all value and the compare
 *   period is the bucket before.
 * @fires vp-loaded - {piece: 'trend', account} after each successful load.
 * @fires vp-error - {code, message} when the numbers could not be loaded.
 *
 * @csspart frame - The element's box.
 * @csspart toolbar - The title, the "Show" choice and the table toggle.
 * @csspart chart - The focusable plot (arrow keys, Home, End, Enter, Escape).
 * @csspart tooltip - The details of the point under the pointer or keyboard focus.
 * @csspart legend - What each line means.
 * @csspart markers - The unusual points, in words.
 * @csspart table - The table view of the same numbers.
 * @csspart loading - The skeleton while the numbers load.
 * @csspart error - The error message with its retry button.
 * @csspart empty - The message when there is no value in the period yet.
 *
 * @cssprop --vp-color-accent - Realized value.
 * @cssprop --vp-color-promise - The promised pace (long dashes).
 * @cssprop --vp-color-forecast - The forecast (dots) and its likely range (soft band).
 * @cssprop --vp-color-bg - Background of the chart and its tooltip.
 * @cssprop --vp-color-text - Text, and the unusual-point marks.
 * @cssprop --vp-color-muted - Axis labels and secondary text.
 * @cssprop --vp-color-border - Grid lines and borders.
 * @cssprop --vp-color-focus - Keyboard focus.
 * @cssprop --vp-font - Font (the host's by default).
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 */
export class VpTrendChart extends VpElement {
  static override properties = {
    ...VpElement.properties,
    driver: { type: String, reflect: true },
    markers: { attribute: false },
    highlight: { attribute: false },
    showTable: { state: true },
    width: { state: true },
    plotWidth: { state: true },
    active: { state: true },
    tipOpen: { state: true },
    announcement: { state: true },
    choices: { state: true },
  };

  static override styles = [tokens, trendChartStyles];

  /** A driver id, or "" for all value. */
  declare driver: string;
  /** Unusual points, e.g. from the story's `unusual_change` insights. */
  declare markers: TrendMarker[];
  /** Facts to make visible: buckets overlapping them are emphasised, the others dimmed. */
  declare highlight: FactFocus[];
  declare private showTable: boolean;
  declare private width: number;
  declare private plotWidth: number;
  declare private active: number | undefined;
  declare private tipOpen: boolean;
  declare private announcement: string;
  declare private choices: Array<{ id: string; label: string }>;

  private resizeObserver: ResizeObserver | undefined;
  private summaryCache:
    | { key: string; client: ValueprintClient; promise: Promise<ValueSummary> }
    | undefined;

  private readonly data = new Task(this, {
    task: async ([client, cut, revision, , driver]) => this.load(client, cut, revision, driver),
    args: () => [this.valueClient, this.cut, this.revision, this.locale, this.driver] as const,
  });

  constructor() {
    super();
    this.driver = '';
    this.markers = [];
    this.highlight = [];
    this.showTable = false;
    this.width = 0;
    this.plotWidth = 0;
    this.active = undefined;
    this.tipOpen = false;
    this.announcement = '';
    this.choices = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The host's width decides compact or not (like the container query); the body's width is
    // what the plot has to draw in.
    // Applied in the next frame: redrawing inside the callback changes the height, which would
    // be a resize loop.
    this.resizeObserver ??= new ResizeObserver((entries) => {
      const sizes = entries.map((entry) => ({
        host: entry.target === this,
        width: Math.floor(entry.contentRect.width),
      }));
      requestAnimationFrame(() => {
        for (const { host, width } of sizes) {
          if (width <= 0) continue;
          if (host && width !== this.width) this.width = width;
          if (!host && width !== this.plotWidth) this.plotWidth = width;
        }
      });
    });
    this.resizeObserver.observe(this);
    const body = this.renderRoot?.querySelector?.('.body');
    if (body) this.resizeObserver.observe(body);
  }

  protected override firstUpdated(): void {
    const body = this.renderRoot.querySelector('.body');
    if (body) this.resizeObserver?.observe(body);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('driver') || changed.has('cut')) {
      this.active = undefined;
      this.tipOpen = false;
    }
  }

  private async load(
    client: ValueprintClient | undefined,
    cut: Cut,
    revision: number,
    driver: string,
  ): Promise<TrendData> {
    const api = client ?? this.requireClient();
    const params = cutParams(cut);
    const grain = grainFor(cut.from, cut.to);
    const shown = isTotal(driver) ? undefined : driver;
    const wantForecast = grain === 'week' && cut.to >= todayUtc();
    const [summary, series, forecast] = await Promise.all([
      this.summaryFor(api, cut, revision),
      api.get<ValueSeries>('/v1/value/series', { ...params, grain, driver: shown }),
      wantForecast
        ? api
            .get<ValueForecast>('/v1/value/forecast', { filter: params.filter, driver: shown })
            // The forecast adds to the chart; without it the realized value still stands.
            .catch(() => undefined)
        : Promise.resolve(undefined),
    ]);
    emit(this, 'vp-loaded', { piece: 'trend', account: series.account });
    return { series, summary, forecast, driver: shown ?? '' };
  }

  /** The summary (labels, promises, money per unit) does not change with the shown driver. */
  private summaryFor(client: ValueprintClient, cut: Cut, revision: number): Promise<ValueSummary> {
    const key = JSON.stringify([cutParams(cut), revision]);
    if (this.summaryCache?.key === key && this.summaryCache.client === client) {
      return this.summaryCache.promise;
    }
    const promise = client.get<ValueSummary>('/v1/value/summary', cutParams(cut)).then(
      (summary) => {
        this.choices = summary.drivers.map((figure) => ({ id: figure.id, label: figure.label }));
        return summary;
      },
      (error: unknown) => {
        if (this.summaryCache?.promise === promise) this.summaryCache = undefined;
        throw error;
      },
    );
    this.summaryCache = { key, client, promise };
    return promise;
  }

  private handleRetry(): void {
    this.summaryCache = undefined;
    void this.data.run();
  }

  private handleDriverChange(event: Event): void {
    this.driver = (event.target as HTMLSelectElement).value;
  }

  private handleToggleTable(): void {
    this.showTable = !this.showTable;
    this.tipOpen = false;
  }

  // ---------------------------------------------------------------- words and numbers

  private unit(model: TrendModel, count = 1): string {
    return strings(this.uiLocale, `${model.grain}_${pluralForm(this.uiLocale, count)}`);
  }

  private what(driver: string): string {
    if (isTotal(driver)) return strings(this.uiLocale, 'realized');
    return this.choices.find((choice) => choice.id === driver)?.label ?? driver;
  }

  private money(model: TrendModel, value: number, estimated: boolean): string {
    return formatMoney(value, model.currency, this.intlLocale, { estimated, compact: false });
  }

  private when(model: TrendModel, row: TrendRow): string {
    return model.grain === 'day' || row.from === row.to
      ? formatDay(row.from, this.intlLocale)
      : formatDayRange(row.from, row.to, this.intlLocale);
  }

  private tick(model: TrendModel, row: TrendRow): string {
    if (model.grain !== 'month') return formatShortDay(row.from, this.intlLocale);
    return new Intl.DateTimeFormat(this.intlLocale, {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    }).format(Date.parse(`${row.bucket}T00:00:00Z`));
  }

  private forecastText(model: TrendModel, row: TrendRow): string {
    const forecast = row.forecast;
    if (!forecast) return '';
    return `${this.money(model, forecast.value, true)} (${strings(this.uiLocale, 'forecastRange', {
      low: this.money(model, forecast.low, true),
      high: this.money(model, forecast.high, true),
    })})`;
  }

  /** One sentence for the live region and the tooltip's words. */
  private describe(model: TrendModel, row: TrendRow): string {
    const locale = this.uiLocale;
    const parts = [`${this.when(model, row)}:`];
    if (row.realized !== undefined) {
      parts.push(
        `${strings(locale, 'realized')} ${this.money(model, row.realized, model.estimated)}.`,
      );
    }
    if (row.pace !== undefined) {
      parts.push(
        `${strings(locale, 'promise')} ${this.money(model, row.pace, model.paceEstimated)}.`,
      );
    }
    if (row.forecast)
      parts.push(`${strings(locale, 'forecast')} ${this.forecastText(model, row)}.`);
    for (const label of row.markers) parts.push(`${strings(locale, 'unusual')}: ${label}`);
    return parts.join(' ');
  }

  private summaryText(model: TrendModel, driver: string): string {
    const locale = this.uiLocale;
    const realized = model.rows.filter((row) => row.realized !== undefined);
    const whole = realized.filter((row) => !row.partial);
    const run = whole.length >= 2 ? whole : realized;
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) return '';
    const sentences = [
      strings(locale, 'summary', {
        what: this.what(driver),
        first: this.when(model, first),
        last: this.when(model, last),
        firstValue: this.money(model, first.realized ?? 0, model.estimated),
        lastValue: this.money(model, last.realized ?? 0, model.estimated),
        unit: this.unit(model),
        total: this.money(model, model.total, model.estimated),
        direction: strings(locale, trendDirection(run.map((row) => row.realized ?? 0))),
      }),
    ];
    if (last.pace !== undefined) {
      sentences.push(
        strings(locale, 'summaryPace', {
          pace: this.money(model, last.pace, model.paceEstimated),
          unit: this.unit(model),
        }),
      );
    }
    const next = model.rows.find((row) => row.realized === undefined && row.forecast);
    if (next?.forecast) {
      sentences.push(
        strings(locale, 'summaryForecast', {
          forecast: this.money(model, next.forecast.value, true),
        }),
      );
    }
    return sentences.join(' ');
  }

  // ---------------------------------------------------------------- interaction

  private modelOf(data: TrendData): TrendModel {
    return buildTrend({
      series: data.series,
      summary: data.summary,
      forecast: data.forecast,
      driver: data.driver,
      markers: this.markers ?? [],
      highlight: this.highlight ?? [],
      maxForecast: forecastBuckets(
        data.series.total?.length ?? data.series.series[0]?.points.length ?? 0,
      ),
    });
  }

  private currentModel(): TrendModel | undefined {
    const data = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
    return data ? this.modelOf(data) : undefined;
  }

  private moveTo(index: number, model: TrendModel): void {
    const row = model.rows[index];
    if (!row) return;
    this.active = index;
    this.tipOpen = true;
    this.announcement = this.describe(model, row);
  }

  private handleKeydown(event: KeyboardEvent): void {
    const model = this.currentModel();
    if (!model || model.rows.length === 0) return;
    const last = model.rows.length - 1;
    const current = this.active;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = current === undefined ? 0 : Math.min(last, current + 1);
        break;
      case 'ArrowLeft':
        next = current === undefined ? last : Math.max(0, current - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Escape':
        if (this.tipOpen) {
          event.preventDefault();
          this.tipOpen = false;
        }
        return;
      case 'Enter':
      case ' ':
        if (current !== undefined) {
          event.preventDefault();
          this.explain(model, current);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.moveTo(next, model);
  }

  private indexAt(event: PointerEvent | MouseEvent, model: TrendModel): number | undefined {
    const plot = this.renderRoot.querySelector('svg.plot');
    if (!plot || model.rows.length === 0) return undefined;
    const box = plot.getBoundingClientRect();
    const geometry = this.geometry();
    const x = event.clientX - box.left;
    const span = geometry.width - geometry.left - geometry.right;
    const index = Math.floor(((x - geometry.left) / span) * model.rows.length);
    return Math.max(0, Math.min(model.rows.length - 1, index));
  }

  private handlePointerMove(event: PointerEvent): void {
    const model = this.currentModel();
    if (!model) return;
    const index = this.indexAt(event, model);
    if (index !== undefined && (index !== this.active || !this.tipOpen)) this.moveTo(index, model);
  }

  private handlePointerLeave(): void {
    if (this.renderRoot.querySelector('.chart') !== this.shadowRoot?.activeElement) {
      this.tipOpen = false;
    }
  }

  private handleClick(event: MouseEvent): void {
    const model = this.currentModel();
    if (!model) return;
    const index = this.indexAt(event, model);
    if (index === undefined) return;
    // A finger has no hover: the first tap shows the point, a second tap on it asks why.
    const touch = event instanceof PointerEvent && event.pointerType === 'touch';
    if (touch && (index !== this.active || !this.tipOpen)) this.moveTo(index, model);
    else this.explain(model, index);
  }

  private handleBlur(): void {
    this.tipOpen = false;
  }

  /** "Why did this change?": the bucket against the one before, for the dashboard to open. */
  private explain(model: TrendModel, index: number): void {
    const row = model.rows[index];
    if (!row || row.realized === undefined) return;
    const before = previousRange(row, row.bucket, model.grain);
    const data = this.data.value;
    emit(this, 'vp-explain-request', {
      driver: data && !isTotal(data.driver) ? data.driver : 'total',
      from: row.from,
      to: row.to,
      compareFrom: before.from,
      compareTo: before.to,
    });
  }

  // ---------------------------------------------------------------- rendering

  private geometry(): Geometry {
    const width = this.plotWidth > 0 ? this.plotWidth : 640;
    const compact = this.width > 0 && this.width < COMPACT_WIDTH;
    return compact
      ? { width: Math.max(200, width), height: 96, left: 8, right: 8, top: 10, bottom: 8, compact }
      : {
          width: Math.max(280, width),
          height: 240,
          left: 60,
          right: 16,
          top: 16,
          bottom: 28,
          compact,
        };
  }

  override render() {
    const locale = this.uiLocale;
    return html`<div class="frame" part="frame">
      ${this.renderToolbar()}
      <div class="body">
        ${this.data.render({
          initial: () => renderLoading(locale, 'chart'),
          pending: () => renderLoading(locale, 'chart'),
          error: (error) => {
            this.reportError(error);
            return renderError(error, locale, () => this.handleRetry());
          },
          complete: (data) => this.renderData(data),
        })}
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  private renderToolbar(): TemplateResult {
    const locale = this.uiLocale;
    const data = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
    const model = data ? this.modelOf(data) : undefined;
    const choices = [...this.choices];
    if (!isTotal(this.driver) && !choices.some((choice) => choice.id === this.driver)) {
      choices.push({ id: this.driver, label: this.driver });
    }
    return html`<div class="toolbar" part="toolbar">
      <h3 class="title">
        ${strings(locale, 'title')}
        ${
          model?.rows.some((row) => row.realized)
            ? html`<span
                class="badge ${model.estimated ? 'estimated' : 'measured'}"
                title=${common(locale, model.estimated ? 'estimatedHint' : 'measuredHint')}
                >${common(locale, model.estimated ? 'estimated' : 'measured')}</span
              >`
            : nothing
        }
      </h3>
      <label class="pick"
        >${strings(locale, 'show')}
        <select @change=${this.handleDriverChange} .value=${isTotal(this.driver) ? '' : this.driver}>
          <option value="" ?selected=${isTotal(this.driver)}>${strings(locale, 'allValue')}</option>
          ${choices.map(
            (choice) =>
              html`<option value=${choice.id} ?selected=${choice.id === this.driver}>
                ${choice.label}
              </option>`,
          )}
        </select></label
      >
      <button
        type="button"
        class="button"
        aria-pressed=${this.showTable ? 'true' : 'false'}
        @click=${this.handleToggleTable}
      >
        ${common(locale, 'showTable')}
      </button>
    </div>`;
  }

  private renderData(data: TrendData): TemplateResult {
    const model = this.modelOf(data);
    if (!model.rows.some((row) => row.realized)) {
      return renderEmpty(strings(this.uiLocale, 'empty'));
    }
    const summary = this.summaryText(model, data.driver);
    return html`<p class="visually-hidden" id="summary">${summary}</p>
      ${this.showTable ? this.renderTable(model, data.driver) : this.renderChart(model, data.driver)}
      ${this.showTable ? nothing : this.renderLegend(model)} ${this.renderMarks(model)}`;
  }

  private renderChart(model: TrendModel, driver: string): TemplateResult {
    const g = this.geometry();
    const rows = model.rows;
    const x = scaleBand<string>()
      .domain(rows.map((row) => row.bucket))
      .range([g.left, g.width - g.right])
      .paddingInner(0.2)
      .paddingOuter(0.1);
    const cx = (row: TrendRow) => (x(row.bucket) ?? 0) + x.bandwidth() / 2;
    const max = Math.max(
      ...rows.map((row) => Math.max(row.realized ?? 0, row.pace ?? 0, row.forecast?.high ?? 0)),
    );
    const ticks = niceTicks(max, g.compact ? 2 : 4);
    const top = ticks[ticks.length - 1] ?? 1;
    const y = linearScale(top, g.height - g.bottom, g.top);

    const realizedLine = line<TrendRow>()
      .defined((row) => row.realized !== undefined)
      .x(cx)
      .y((row) => y(row.realized ?? 0))(rows);
    const paceLine = line<TrendRow>()
      .defined((row) => row.pace !== undefined)
      .x(cx)
      .y((row) => y(row.pace ?? 0))(rows);
    const forecastLine = line<TrendRow>()
      .defined((row) => row.forecast !== undefined)
      .x(cx)
      .y((row) => y(row.forecast?.value ?? 0))(rows);
    const band = area<TrendRow>()
      .defined((row) => row.forecast !== undefined)
      .x(cx)
      .y0((row) => y(row.forecast?.low ?? 0))
      .y1((row) => y(row.forecast?.high ?? 0))(rows);

    const every = Math.max(
      1,
      Math.ceil(rows.length / Math.max(1, Math.floor((g.width - g.left) / 76))),
    );
    const active = this.active !== undefined ? rows[this.active] : undefined;
    const locale = this.uiLocale;
    const first = rows.find((row) => row.realized !== undefined) ?? rows[0];
    const last = rows[rows.length - 1];
    const label = strings(locale, 'plotLabel', {
      what: this.what(driver),
      unit: this.unit(model),
      units: this.unit(model, 2),
      first: first ? this.when(model, first) : '',
      last: last ? this.when(model, last) : '',
    });
    const pointY = (row: TrendRow) => y(row.realized ?? row.forecast?.value ?? row.pace ?? 0);

    return html`<div
      class="chart"
      part="chart"
      tabindex="0"
      role="application"
      aria-label=${label}
      aria-describedby="summary"
      @keydown=${this.handleKeydown}
      @blur=${this.handleBlur}
      @pointermove=${this.handlePointerMove}
      @pointerleave=${this.handlePointerLeave}
      @click=${this.handleClick}
    >
      <svg
        class="plot"
        width=${g.width}
        height=${g.height}
        viewBox="0 0 ${g.width} ${g.height}"
        aria-hidden="true"
        focusable="false"
      >
        ${
          model.highlighting
            ? rows
                .filter((row) => row.highlighted)
                .map(
                  (row) =>
                    svg`<rect class="highlight" x=${(x(row.bucket) ?? 0) - (x.step() - x.bandwidth()) / 2}
                      y=${g.top} width=${x.step()} height=${g.height - g.top - g.bottom}></rect>`,
                )
            : nothing
        }
        ${
          g.compact
            ? svg`<line class="grid" x1=${g.left} x2=${g.width - g.right} y1=${y(0)} y2=${y(0)}></line>`
            : ticks.map(
                (
                  tick,
                ) => svg`<line class="grid" x1=${g.left} x2=${g.width - g.right} y1=${y(tick)} y2=${y(tick)}></line>
                  <text class="axis" x=${g.left - 8} y=${y(tick)} dy="0.32em" text-anchor="end">${formatMoneyAxis(tick, model.currency, this.intlLocale)}</text>`,
              )
        }
        ${
          g.compact
            ? nothing
            : rows.map((row, index) =>
                index % every === 0
                  ? svg`<text class="axis" x=${cx(row)} y=${g.height - 8} text-anchor="middle">${this.tick(model, row)}</text>`
                  : nothing,
              )
        }
        ${band ? svg`<path class="band" d=${band}></path>` : nothing}
        ${paceLine ? svg`<path class="pace" d=${paceLine}></path>` : nothing}
        ${forecastLine ? svg`<path class="forecast" d=${forecastLine}></path>` : nothing}
        ${realizedLine ? svg`<path class="realized ${model.highlighting ? 'dimmed-line' : ''}" d=${realizedLine}></path>` : nothing}
        ${
          active
            ? svg`<line class="guide" x1=${cx(active)} x2=${cx(active)} y1=${g.top} y2=${g.height - g.bottom}></line>`
            : nothing
        }
        ${rows.map((row, index) => {
          if (row.realized === undefined) return nothing;
          const dim = model.highlighting && !row.highlighted;
          const shown = !g.compact || index === this.active || row.highlighted;
          return shown
            ? svg`<circle class="point ${row.partial ? 'partial' : ''} ${dim ? 'dimmed' : ''} ${
                model.highlighting && row.highlighted ? 'highlighted' : ''
              }" data-bucket=${row.bucket} cx=${cx(row)} cy=${y(row.realized)} r=${g.compact ? 3 : 3.5}></circle>`
            : nothing;
        })}
        ${rows.map((row) => {
          if (row.markers.length === 0 || row.realized === undefined) return nothing;
          const mx = cx(row);
          const my = Math.max(g.top, y(row.realized) - 14);
          const dim = model.highlighting && !row.highlighted;
          return svg`<path class="mark ${dim ? 'dimmed' : ''}" data-bucket=${row.bucket}
            d="M${mx} ${my - 6}L${mx + 6} ${my}L${mx} ${my + 6}L${mx - 6} ${my}Z"></path>`;
        })}
        ${active ? svg`<circle class="ring" cx=${cx(active)} cy=${pointY(active)} r="7"></circle>` : nothing}
      </svg>
      ${active && this.tipOpen ? this.renderTooltip(model, active, cx(active), pointY(active), g) : nothing}
    </div>`;
  }

  private renderTooltip(
    model: TrendModel,
    row: TrendRow,
    left: number,
    top: number,
    g: Geometry,
  ): TemplateResult {
    const locale = this.uiLocale;
    const end = left > g.width / 2;
    return html`<div
      class="tooltip ${end ? 'end' : ''}"
      part="tooltip"
      aria-hidden="true"
      style=${styleMap({ left: `${left}px`, top: `${Math.max(24, Math.min(g.height - 24, top))}px` })}
    >
      <strong>${this.when(model, row)}</strong>
      <dl>
        ${
          row.realized !== undefined
            ? html`<dt>${this.swatch('realized')}${strings(locale, 'realized')}</dt>
                <dd>${this.money(model, row.realized, model.estimated)}</dd>`
            : nothing
        }
        ${
          row.pace !== undefined
            ? html`<dt>${this.swatch('pace')}${strings(locale, 'promise')}</dt>
                <dd>${this.money(model, row.pace, model.paceEstimated)}</dd>`
            : nothing
        }
        ${
          row.forecast
            ? html`<dt>${this.swatch('forecast')}${strings(locale, 'forecast')}</dt>
                <dd>${this.money(model, row.forecast.value, true)}</dd>
                <dd class="range">
                  ${strings(locale, 'forecastRange', {
                    low: this.money(model, row.forecast.low, true),
                    high: this.money(model, row.forecast.high, true),
                  })}
                </dd>`
            : nothing
        }
      </dl>
      ${row.markers.map((label) => html`<p>${this.diamond()} ${label}</p>`)}
      ${row.realized !== undefined ? html`<p class="hint">${strings(locale, 'why')}</p>` : nothing}
    </div>`;
  }

  private swatch(kind: 'realized' | 'pace' | 'forecast'): TemplateResult {
    return html`<svg class="swatch" width="22" height="10" aria-hidden="true" focusable="false">
      ${kind === 'forecast' ? svg`<rect class="band" x="0" y="0" width="22" height="10"></rect>` : nothing}
      <line class=${kind} x1="1" x2="21" y1="5" y2="5"></line>
    </svg>`;
  }

  private diamond(): TemplateResult {
    return html`<svg class="swatch" width="12" height="12" aria-hidden="true" focusable="false">
      <path class="mark" d="M6 0L12 6L6 12L0 6Z"></path>
    </svg>`;
  }

  private renderLegend(model: TrendModel): TemplateResult {
    const locale = this.uiLocale;
    return html`<ul class="legend" part="legend">
      <li>${this.swatch('realized')}${strings(locale, 'realized')}</li>
      ${model.hasPace ? html`<li>${this.swatch('pace')}${strings(locale, 'promise')}</li>` : nothing}
      ${
        model.hasForecast
          ? html`<li>${this.swatch('forecast')}${strings(locale, 'forecast')}</li>`
          : nothing
      }
    </ul>`;
  }

  private renderMarks(model: TrendModel): TemplateResult | typeof nothing {
    const marked = model.rows.filter((row) => row.markers.length > 0);
    if (marked.length === 0) return nothing;
    return html`<ul class="marks" part="markers" aria-label=${strings(this.uiLocale, 'marked')}>
      ${marked.flatMap((row) =>
        row.markers.map(
          (label) =>
            html`<li>${this.diamond()}<span
                ><strong>${this.when(model, row)}</strong> · ${strings(this.uiLocale, 'unusual')}:
                ${label}</span
              ></li>`,
        ),
      )}
    </ul>`;
  }

  private renderTable(model: TrendModel, driver: string): TemplateResult {
    const locale = this.uiLocale;
    const none = strings(locale, 'none');
    const caption = strings(locale, 'tableCaption', {
      what: this.what(driver),
      unit: this.unit(model),
    });
    // Focusable and named, so a keyboard can scroll it when a narrow box makes it scroll.
    return html`<div class="table-wrap" part="table" role="region" tabindex="0" aria-label=${caption}>
      <table>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${strings(locale, 'when')}</th>
            <th scope="col">${strings(locale, 'realized')}</th>
            ${model.hasPace ? html`<th scope="col">${strings(locale, 'promise')}</th>` : nothing}
            ${model.hasForecast ? html`<th scope="col">${strings(locale, 'forecast')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${model.rows.map(
            (row) => html`<tr
              class="${model.highlighting ? (row.highlighted ? 'highlighted' : 'dimmed') : ''}"
              data-bucket=${row.bucket}
            >
              <th scope="row">
                ${this.when(model, row)}
                ${row.markers.map(
                  (label) =>
                    html`<span class="range-text note">${strings(locale, 'unusual')}: ${label}</span>`,
                )}
              </th>
              <td class="realized" data-value=${row.realized ?? ''}>
                ${row.realized !== undefined ? this.money(model, row.realized, model.estimated) : none}
              </td>
              ${
                model.hasPace
                  ? html`<td class="pace" data-value=${row.pace ?? ''}>
                      ${row.pace !== undefined ? this.money(model, row.pace, model.paceEstimated) : none}
                    </td>`
                  : nothing
              }
              ${
                model.hasForecast
                  ? html`<td class="forecast" data-value=${row.forecast?.value ?? ''}>
                      ${
                        row.forecast
                          ? html`${this.money(model, row.forecast.value, true)}
                              <span class="range-text"
                                >${strings(locale, 'forecastRange', {
                                  low: this.money(model, row.forecast.low, true),
                                  high: this.money(model, row.forecast.high, true),
                                })}</span
                              >`
                          : none
                      }
                    </td>`
                  : nothing
              }
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

defineElement('vp-trend-chart', VpTrendChart);

declare global {
  interface HTMLElementTagNameMap {
    'vp-trend-chart': VpTrendChart;
  }
}
