import { Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues } from 'lit';
import { cutKey } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit, type FactFocus, isTotal } from '../core/events.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './trend-chart.strings.ts';
import { trendChartStyles } from './trend-chart.styles.ts';
import { TrendLoader, toView } from './trend-data.ts';
import { geometry } from './trend-geometry.ts';
import { renderForecastWait, renderLegend, renderMarks } from './trend-legend.ts';
import type { TrendMarker } from './trend-model.ts';
import { explainRequest, keyTarget } from './trend-moves.ts';
import { plotLabel, renderPlot } from './trend-plot.ts';
import { renderTable } from './trend-table.ts';
import { renderToolbar } from './trend-toolbar.ts';
import { describe, summaryText, type View } from './trend-words.ts';

export type { TrendMarker } from './trend-model.ts';

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

  /** What the last render showed, for the pointer and the keyboard to act on. */
  private view: View | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private readonly loader = new TrendLoader((summary) => {
    this.choices = summary.drivers.map(({ id, label }) => ({ id, label }));
  });

  private readonly data = new Task(this, {
    task: async ([client, , revision, , driver]) => {
      const api = client ?? this.requireClient();
      const data = await this.loader.load(api, this.cut, revision, driver);
      emit(this, 'vp-loaded', { piece: 'trend', account: data.series.account });
      return data;
    },
    // The series' parameters, not the cut object: a new comparison asks nothing again.
    args: () =>
      [this.valueClient, cutKey(this.cut), this.revision, this.locale, this.driver] as const,
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
      const sizes = entries.map(
        (entry) => [entry.target === this, Math.floor(entry.contentRect.width)] as const,
      );
      requestAnimationFrame(() => {
        for (const [host, width] of sizes) {
          if (width > 0 && host) this.width = width;
          else if (width > 0) this.plotWidth = width;
        }
      });
    });
    this.resizeObserver.observe(this);
    this.observeBody();
  }

  protected override firstUpdated(): void {
    this.observeBody();
  }

  private observeBody(): void {
    const body = this.renderRoot?.querySelector?.('.body');
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

  private handleRetry(): void {
    this.loader.forget();
    void this.data.run();
  }

  private handleDriverChange(event: Event): void {
    this.driver = (event.target as HTMLSelectElement).value;
  }

  private handleToggleTable(): void {
    this.showTable = !this.showTable;
    this.tipOpen = false;
  }

  // ---------------------------------------------------------------- interaction

  private moveTo(index: number): void {
    const row = this.view?.model.rows[index];
    if (!row || !this.view) return;
    this.active = index;
    this.tipOpen = true;
    this.announcement = describe(this.view, row);
  }

  private handleKeydown(event: KeyboardEvent): void {
    const count = this.view?.model.rows.length;
    if (!count) return;
    const { key } = event;
    const at = this.active;
    if (key === 'Escape') {
      if (!this.tipOpen) return;
      this.tipOpen = false;
    } else if (key === 'Enter' || key === ' ') {
      if (at === undefined) return;
      this.explain(at);
    } else {
      const next = keyTarget(key, at, count);
      if (next === undefined) return;
      this.moveTo(next);
    }
    event.preventDefault();
  }

  /** The bucket under the pointer. */
  private indexAt(event: MouseEvent): number | undefined {
    const plot = this.renderRoot.querySelector('svg.plot');
    const count = this.view?.model.rows.length;
    if (!plot || !count) return undefined;
    const g = geometry(this.width, this.plotWidth);
    const x = event.clientX - plot.getBoundingClientRect().left - g.left;
    const index = Math.floor((x / (g.width - g.left - g.right)) * count);
    return Math.max(0, Math.min(count - 1, index));
  }

  private handlePointerMove(event: PointerEvent): void {
    const index = this.indexAt(event);
    if (index !== undefined && (index !== this.active || !this.tipOpen)) this.moveTo(index);
  }

  private handlePointerLeave(): void {
    if (this.renderRoot.querySelector('.chart') !== this.shadowRoot?.activeElement) {
      this.tipOpen = false;
    }
  }

  private handleClick(event: MouseEvent): void {
    const index = this.indexAt(event);
    if (index === undefined) return;
    // A finger has no hover: the first tap shows the point, a second tap on it asks why.
    const touch = event instanceof PointerEvent && event.pointerType === 'touch';
    if (touch && (index !== this.active || !this.tipOpen)) this.moveTo(index);
    else this.explain(index);
  }

  private handleBlur(): void {
    this.tipOpen = false;
  }

  /** "Why did this change?": the bucket against the one before, for the dashboard to open. */
  private explain(index: number): void {
    const request = this.view && explainRequest(this.view, index);
    if (request) emit(this, 'vp-explain-request', request);
  }

  // ---------------------------------------------------------------- rendering

  override render() {
    const locale = this.uiLocale;
    const data = this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
    const view = data
      ? toView(
          data,
          this.markers ?? [],
          this.highlight ?? [],
          this.choices,
          locale,
          this.intlLocale,
        )
      : undefined;
    this.view = view;
    // Some value realized: the badge says how it was counted; none: the empty state.
    const some = view?.model.rows.some((row) => row.realized);
    return html`<div class="frame" part="frame">
      ${renderToolbar(
        locale,
        isTotal(this.driver) ? '' : this.driver,
        this.choices,
        some ? view?.model.estimated : undefined,
        this.showTable,
        this.handleDriverChange,
        this.handleToggleTable,
      )}
      <div class="body">
        ${this.data.render({
          initial: () => renderLoading(locale, 'chart'),
          pending: () => renderLoading(locale, 'chart'),
          error: (error) => {
            this.reportError(error);
            return renderError(error, locale, () => this.handleRetry());
          },
          complete: () =>
            view && some ? this.renderData(view) : renderEmpty(strings(locale, 'empty')),
        })}
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  private renderData(view: View) {
    return html`<p class="visually-hidden" id="summary">${summaryText(view)}</p>
      ${
        this.showTable
          ? renderTable(view)
          : html`<div
                class="chart"
                part="chart"
                tabindex="0"
                role="application"
                aria-label=${plotLabel(view)}
                aria-describedby="summary"
                @keydown=${this.handleKeydown}
                @blur=${this.handleBlur}
                @pointermove=${this.handlePointerMove}
                @pointerleave=${this.handlePointerLeave}
                @click=${this.handleClick}
              >
                ${renderPlot(view, geometry(this.width, this.plotWidth), this.active, this.tipOpen)}
              </div>
              ${renderLegend(view)}`
      }
      ${renderForecastWait(view)} ${renderMarks(view)}`;
  }
}

defineElement('vp-trend-chart', VpTrendChart);

declare global {
  interface HTMLElementTagNameMap {
    'vp-trend-chart': VpTrendChart;
  }
}
