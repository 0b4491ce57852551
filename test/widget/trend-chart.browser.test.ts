import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ValueForecast, ValueSeries, ValueSummary } from '../../widget/api/types.ts';
import type { Cut } from '../../widget/core/cut.ts';
import { addDays, today as todayUtc } from '../../widget/core/days.ts';
import '../../widget/trend-chart/trend-chart.ts';
import type { VpTrendChart } from '../../widget/trend-chart/trend-chart.ts';
import { expectNoAxeViolations } from './axe.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

const series = await loadFixture<ValueSeries & { total: NonNullable<ValueSeries['total']> }>(
  'series',
);
const summary = await loadFixture<ValueSummary>('summary');
const forecast = await loadFixture<ValueForecast>('forecast');

/** A 90-day cut that reaches today, so the forecast is asked for (weekly grain). */
function cutToToday(filter?: Cut['filter']): Cut {
  const to = todayUtc();
  return {
    from: addDays(to, -89),
    to,
    preset: '90d',
    compare: 'previous',
    compareFrom: addDays(to, -179),
    compareTo: addDays(to, -90),
    ...(filter ? { filter } : {}),
  };
}

function fixtureApi(): MockApi {
  return mockApi({
    '/v1/value/summary': { body: summary },
    '/v1/value/series': { body: series },
    '/v1/value/forecast': { body: forecast },
  });
}

function root(element: VpTrendChart): ShadowRoot {
  if (!element.shadowRoot) throw new Error('no shadow root');
  return element.shadowRoot;
}

function $(element: VpTrendChart, selector: string): HTMLElement | null {
  return root(element).querySelector<HTMLElement>(selector);
}

function $$(element: VpTrendChart, selector: string): HTMLElement[] {
  return [...root(element).querySelectorAll<HTMLElement>(selector)];
}

async function chartOf(cut: Cut = cutToToday(), extra: Partial<VpTrendChart> = {}) {
  const element = await fixture<VpTrendChart>(
    html`<vp-trend-chart api=${API} token=${fakeToken()} locale="en" .cut=${cut}></vp-trend-chart>`,
  );
  Object.assign(element, extra);
  await waitUntil(() => $(element, 'svg.plot, [part~="table"], [part~="empty"], [part~="error"]'));
  await element.updateComplete;
  return element;
}

function liveText(element: VpTrendChart): string {
  return $(element, '[aria-live="polite"]')?.textContent?.trim() ?? '';
}

// Independent arithmetic on the fixtures: the same numbers the chart must show, rounded as the
// story rounds an estimate: compact with two significant digits from $10,000, three below.
const compactEstimate = new Intl.NumberFormat('en', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 2,
});
const smallEstimate = new Intl.NumberFormat('en', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
});
const estimated = {
  format: (value: number) =>
    (Math.abs(value) >= 10_000 ? compactEstimate : smallEstimate).format(value),
};
const automation = summary.drivers.find((driver) => driver.id === 'automation_hours');
const hourly = (automation?.money ?? 0) / (automation?.value ?? 1); // $55 an hour
const promisedPerDay = (12_000 * hourly + 500_000) / 365; // both promises run 365 days

describe('<vp-trend-chart>', () => {
  let api: MockApi;
  afterEach(() => api.restore());

  it('shows a chart-shaped skeleton, then the realized line, the promised pace and the forecast', async () => {
    api = fixtureApi();
    const held = api.hold('/v1/value/series');
    const element = await fixture<VpTrendChart>(
      html`<vp-trend-chart api=${API} token=${fakeToken()} locale="en" .cut=${cutToToday()}></vp-trend-chart>`,
    );
    await waitUntil(() => $(element, '[part~="loading"]'));
    expect($(element, '.skeleton-chart')).to.exist;
    const loaded = oneEvent(element, 'vp-loaded');
    held.release();
    expect((await loaded).detail).to.deep.equal({ piece: 'trend', account: 'acme-corp' });
    await waitUntil(() => $(element, 'svg.plot'));

    expect($$(element, 'path.realized')).to.have.length(1);
    expect($$(element, 'path.pace')).to.have.length(1);
    expect($$(element, 'path.forecast')).to.have.length(1);
    expect($$(element, 'path.band')).to.have.length(1);
    // Realized, the promised sources' line, the pace, the forecast and its band.
    expect($$(element, 'path.promised')).to.have.length(1);
    expect($$(element, 'svg.plot path')).to.have.length(5);
    expect($$(element, 'circle.point')).to.have.length(series.total.length);
    const legend = $(element, '[part~="legend"]')?.textContent ?? '';
    expect(legend)
      .to.contain('Realized value')
      .and.contain('Promised pace')
      .and.contain('Forecast');
    expect($(element, '.badge.estimated')?.textContent).to.equal('Estimated');
    const summaryText = $(element, '#summary')?.textContent ?? '';
    expect(summaryText).to.contain('The trend is').and.contain('in all');
  });

  it('asks for the cut: from, to and filter on every request, weekly for 90 days', async () => {
    api = fixtureApi();
    const cut = cutToToday({ by: 'team', value: 'Finance' });
    await chartOf(cut);
    const seriesCall = api.calls.find((call) => call.path === '/v1/value/series');
    expect(seriesCall?.query.get('from')).to.equal(cut.from);
    expect(seriesCall?.query.get('to')).to.equal(cut.to);
    expect(seriesCall?.query.get('filter')).to.equal('team:Finance');
    expect(seriesCall?.query.get('grain')).to.equal('week');
    expect(seriesCall?.query.has('driver')).to.equal(false);
    const summaryCall = api.calls.find((call) => call.path === '/v1/value/summary');
    expect(summaryCall?.query.get('from')).to.equal(cut.from);
    expect(summaryCall?.query.get('to')).to.equal(cut.to);
    expect(summaryCall?.query.get('filter')).to.equal('team:Finance');
    const forecastCall = api.calls.find((call) => call.path === '/v1/value/forecast');
    expect(forecastCall?.query.get('filter')).to.equal('team:Finance');
  });

  it('draws days for a month and asks for no forecast for a period that ended', async () => {
    api = fixtureApi();
    await chartOf({ ...cutToToday(), from: '2026-01-01', to: '2026-01-31' });
    expect(api.calls.find((call) => call.path === '/v1/value/series')?.query.get('grain')).to.equal(
      'day',
    );
    expect(api.calls.some((call) => call.path === '/v1/value/forecast')).to.equal(false);
  });

  it('shows an error with a retry that works', async () => {
    api = fixtureApi();
    let fail = true;
    api.answer('/v1/value/series', () =>
      fail
        ? { status: 500, body: { error: { code: 'internal', message: 'boom' } } }
        : { body: series },
    );
    const element = document.createElement('vp-trend-chart');
    element.api = API;
    element.token = fakeToken();
    element.locale = 'en';
    element.cut = cutToToday();
    const failed = oneEvent(element, 'vp-error');
    document.body.append(element);
    try {
      expect((await failed).detail.code).to.equal('internal');
      await waitUntil(() => $(element, '[part~="error"]'));
      // The customer's words, not the raw code (the code goes to the host in vp-error).
      expect($(element, '[role="alert"]')?.textContent).to.contain('Something went wrong');
      expect($(element, '[role="alert"]')?.textContent).to.not.contain('internal');
      fail = false;
      $(element, '[part~="error"] button')?.click();
      await waitUntil(() => $(element, 'svg.plot'));
      expect($$(element, 'circle.point')).to.have.length(series.total.length);
    } finally {
      element.remove();
    }
  });

  it('says how to configure it without an api or token', async () => {
    api = fixtureApi();
    const element = await fixture<VpTrendChart>(
      html`<vp-trend-chart locale="en"></vp-trend-chart>`,
    );
    await waitUntil(() => $(element, '[part~="error"]'));
    expect(api.calls).to.have.length(0);
  });

  it('shows a designed empty state when there is no value yet', async () => {
    api = fixtureApi();
    api.answer('/v1/value/series', {
      body: {
        ...series,
        series: series.series.map((line) => ({
          ...line,
          points: line.points.map((point) => ({ ...point, money: 0, quantity: 0, value: 0 })),
        })),
        total: series.total.map((point) => ({ ...point, money: 0 })),
      },
    });
    const element = await chartOf();
    expect($(element, '[part~="empty"]')?.textContent).to.contain('No value in this period yet');
    expect($(element, 'svg.plot')).to.not.exist;
    expect($(element, '[part~="toolbar"] select')).to.exist;
  });

  it('is reachable by Tab; arrows move the announced point, Escape closes, Enter asks why', async () => {
    api = fixtureApi();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button type="button">before</button>
      <vp-trend-chart api=${API} token=${fakeToken()} locale="en" .cut=${cutToToday()}></vp-trend-chart>
    </div>`);
    const element = wrapper.querySelector('vp-trend-chart') as VpTrendChart;
    await waitUntil(() => $(element, 'svg.plot'));
    wrapper.querySelector('button')?.focus();
    const chart = $(element, '[part~="chart"]');
    for (let press = 0; press < 6 && root(element).activeElement !== chart; press += 1) {
      await sendKeys({ press: 'Tab' });
    }
    expect(root(element).activeElement).to.equal(chart);
    expect(chart?.getAttribute('role')).to.equal('application');
    expect(chart?.getAttribute('aria-label')).to.contain('arrow keys');

    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    const first = liveText(element);
    expect(first)
      .to.contain('Aug 30, 2026')
      .and.contain(estimated.format(series.total[0]?.money ?? 0))
      .and.contain('Partial week: 1 of 7 days');
    expect($(element, '[part~="tooltip"]')).to.exist;

    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    const second = liveText(element);
    expect(second).to.not.equal(first);
    expect(second)
      .to.contain('Aug 31')
      .and.contain(estimated.format(series.total[1]?.money ?? 0));
    expect(second)
      .to.contain('Promised pace')
      .and.contain(estimated.format(promisedPerDay * 7));
    expect($(element, '[part~="tooltip"]')?.textContent).to.contain(
      estimated.format(series.total[1]?.money ?? 0),
    );

    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect($(element, '[part~="tooltip"]')).to.not.exist;

    const asked = oneEvent(element, 'vp-explain-request');
    await sendKeys({ press: 'Enter' });
    expect((await asked).detail).to.deep.equal({
      driver: 'total',
      from: '2026-08-31',
      to: '2026-09-06',
      compareFrom: '2026-08-24',
      compareTo: '2026-08-30',
    });

    await sendKeys({ press: 'End' });
    await element.updateComplete;
    expect(liveText(element)).to.contain('Forecast').and.not.contain('Realized value');
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(liveText(element)).to.equal(first);
  });

  it('opens the tooltip under the pointer and asks why on click', async () => {
    api = fixtureApi();
    const element = await chartOf();
    const point = $$(element, 'circle.point')[3] as unknown as SVGCircleElement;
    const box = point.getBoundingClientRect();
    const chart = $(element, '[part~="chart"]') as HTMLElement;
    const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true };
    point.dispatchEvent(new PointerEvent('pointermove', at));
    await element.updateComplete;
    expect($(element, '[part~="tooltip"]')?.textContent).to.contain(
      estimated.format(series.total[3]?.money ?? 0),
    );
    const asked = oneEvent(element, 'vp-explain-request');
    point.dispatchEvent(new MouseEvent('click', at));
    const detail = (await asked).detail;
    expect(detail.from).to.equal(series.total[3]?.bucket);

    // A tap on another point shows it first; only a second tap asks why.
    const other = $$(element, 'circle.point')[5] as unknown as SVGCircleElement;
    const otherBox = other.getBoundingClientRect();
    const tap = {
      clientX: otherBox.x + otherBox.width / 2,
      clientY: otherBox.y + otherBox.height / 2,
      bubbles: true,
      pointerType: 'touch',
    };
    let asks = 0;
    element.addEventListener('vp-explain-request', () => {
      asks += 1;
    });
    other.dispatchEvent(new PointerEvent('click', tap));
    await element.updateComplete;
    expect(asks).to.equal(0);
    expect($(element, '[part~="tooltip"]')?.textContent).to.contain(
      estimated.format(series.total[5]?.money ?? 0),
    );
    other.dispatchEvent(new PointerEvent('click', tap));
    expect(asks).to.equal(1);

    chart.dispatchEvent(new PointerEvent('pointerleave'));
    await element.updateComplete;
    expect($(element, '[part~="tooltip"]')).to.not.exist;
  });

  it('shows the same numbers as a table', async () => {
    api = fixtureApi();
    const element = await chartOf();
    const toggle = [...root(element).querySelectorAll('button')].find(
      (button) => button.textContent?.trim() === 'Show as table',
    );
    toggle?.click();
    await element.updateComplete;
    expect(toggle?.getAttribute('aria-pressed')).to.equal('true');
    const table = $(element, '[part~="table"] table');
    expect(table?.querySelector('caption')?.textContent).to.contain('per week');
    const headers = [...(table?.querySelectorAll('thead th') ?? [])];
    expect(headers.map((th) => th.getAttribute('scope'))).to.deep.equal([
      'col',
      'col',
      'col',
      'col',
      'col',
    ]);
    // The promises are about two of the five sources: their money is its own column, like for like.
    const promisedNames = (series.promised?.drivers ?? []).map(
      (id) => summary.drivers.find((driver) => driver.id === id)?.label,
    );
    expect(headers.map((th) => th.textContent?.trim())).to.deep.equal([
      'When',
      'Realized value',
      `Promised value realized (${promisedNames.join(', ')})`,
      'Promised pace',
      'Forecast',
    ]);
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])];
    // 14 weeks realized, then a third as many forecast weeks (5) after the last one.
    expect(rows).to.have.length(series.total.length + 5);
    const cells = (index: number) =>
      [...(rows[index]?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim() ?? '');

    series.total.forEach((point, index) => {
      expect(rows[index]?.querySelector('th')?.getAttribute('scope')).to.equal('row');
      expect(cells(index)[0]).to.equal(estimated.format(point.money));
      expect(cells(index)[1]).to.equal(
        estimated.format(series.promised?.points[index]?.money ?? Number.NaN),
      );
    });
    // The first week counts one day of the period, the last five; the others seven.
    expect(cells(0)[2]).to.equal(estimated.format(promisedPerDay));
    expect(cells(5)[2]).to.equal(estimated.format(promisedPerDay * 7));
    expect(cells(13)[2]).to.equal(estimated.format(promisedPerDay * 5));
    expect(cells(5)[3]).to.equal('—');
    const firstForecast = forecast.forecast[0];
    expect(cells(13)[3]).to.contain(estimated.format(firstForecast?.value ?? 0));
    expect(cells(13)[3]).to.contain(
      `likely ${estimated.format(firstForecast?.low ?? 0)} to ${estimated.format(firstForecast?.high ?? 0)}`,
    );
    expect(cells(14)[0]).to.equal('—');
    // The first week counts one day of the period: marked partial, in words.
    expect(rows[0]?.querySelector('th')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Aug 30, 2026 Partial week: 1 of 7 days',
    );
    expect(rows[1]?.querySelector('th')?.textContent?.trim()).to.equal('Aug 31 – Sep 6, 2026');
  });

  it('switches what it shows and asks again for that driver only', async () => {
    api = fixtureApi();
    // As the series route answers for one driver: its line, and the pace of its promise only
    // (12,000 hours over 365 days at $55 an hour, the period's days of each week); none for a
    // driver without a promise.
    const automationLine = series.series.filter((line) => line.driver === 'automation_hours');
    const automationPace = (days: number) => (12_000 / 365) * days * hourly;
    const automationSeries = {
      ...series,
      series: automationLine,
      total: undefined,
      pace: series.total.map(({ bucket }, index) => ({
        bucket,
        money: automationPace(index === 0 ? 1 : index === series.total.length - 1 ? 5 : 7),
      })),
    };
    const ticketSeries = {
      ...series,
      series: series.series.filter((line) => line.driver === 'ticket_deflection'),
      total: undefined,
      pace: undefined,
    };
    api.answer('/v1/value/series', (call) => {
      const driver = call.query.get('driver');
      if (driver === 'automation_hours') return { body: automationSeries };
      if (driver === 'ticket_deflection') return { body: ticketSeries };
      return { body: series };
    });
    api.answer('/v1/value/forecast', (call) =>
      call.query.get('driver')
        ? {
            body: {
              ...forecast,
              driver: call.query.get('driver'),
              measure: undefined,
              forecast: [{ bucket: '2026-11-23', value: 400, low: 300, high: 500 }],
              pace: undefined,
            },
          }
        : { body: forecast },
    );
    const element = await chartOf();
    const select = $(element, 'select') as HTMLSelectElement;
    const labels = [...select.options].map((option) => option.textContent?.trim());
    expect(labels).to.deep.equal(['All value', ...summary.drivers.map((driver) => driver.label)]);

    select.value = 'automation_hours';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => element.driver === 'automation_hours');
    await waitUntil(
      () => api.calls.filter((call) => call.path === '/v1/value/series').length === 2,
    );
    await waitUntil(() => $(element, 'svg.plot'));
    const seriesCalls = api.calls.filter((call) => call.path === '/v1/value/series');
    expect(seriesCalls[1]?.query.get('driver')).to.equal('automation_hours');
    expect(seriesCalls[1]?.query.get('from')).to.equal(seriesCalls[0]?.query.get('from'));
    const forecastCalls = api.calls.filter((call) => call.path === '/v1/value/forecast');
    expect(forecastCalls.at(-1)?.query.get('driver')).to.equal('automation_hours');
    expect(api.calls.filter((call) => call.path === '/v1/value/summary')).to.have.length(1);
    expect(element.getAttribute('driver')).to.equal('automation_hours');
    expect($$(element, 'path.pace')).to.have.length(1);
    expect($(element, '.badge.estimated')).to.exist;

    // 400 hours forecast at $55 an hour, in money; the pace is the driver's own, as sent.
    ($(element, '[part~="toolbar"] button') as HTMLButtonElement).click();
    await element.updateComplete;
    const tableRows = [...root(element).querySelectorAll('tbody tr')];
    const last = tableRows[13];
    expect(last?.querySelector('td.forecast')?.textContent).to.contain(estimated.format(22_000));
    expect(tableRows[5]?.querySelector('td.pace')?.textContent?.trim()).to.equal(
      estimated.format(automationPace(7)),
    );
    expect(last?.querySelector('td.pace')?.textContent?.trim()).to.equal(
      estimated.format(automationPace(5)),
    );

    const asked = oneEvent(element, 'vp-explain-request');
    ($(element, '[part~="toolbar"] button') as HTMLButtonElement).click();
    await element.updateComplete;
    const chart = $(element, '[part~="chart"]') as HTMLElement;
    chart.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    expect((await asked).detail.driver).to.equal('automation_hours');

    element.driver = 'ticket_deflection';
    await waitUntil(() => $(element, 'svg.plot') && !$(element, 'path.pace'));
    expect($$(element, 'path.realized')).to.have.length(1);
  });

  it('says briefly why there is no forecast yet, in the chart and in the table', async () => {
    api = fixtureApi();
    const young: ValueForecast = {
      ...forecast,
      forecast: [],
      pace: undefined,
      projected: null,
      dataStatus: { state: 'not_enough_data', reason: 'too_few_weeks', needed: 4, have: 3 },
    };
    api.answer('/v1/value/forecast', { body: young });
    const element = await chartOf();
    const note = 'No forecast yet: it needs 4 complete weeks of activity; 3 so far.';
    const legendArea = () => $$(element, '.legend').map((node) => node.textContent ?? '');
    expect(legendArea().join(' ')).to.contain(note);
    expect($$(element, 'path.forecast')).to.have.length(0);
    expect($(element, '[part~="legend"]')?.textContent).to.not.contain('Forecast');
    ($(element, '[part~="toolbar"] button') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(legendArea().join(' ')).to.contain(note);
    await expectNoAxeViolations(element);

    for (const [locale, words] of [
      [
        'de',
        'Noch keine Prognose: Dafür braucht es 4 vollständige Wochen mit Aktivität, bisher 3.',
      ],
      ['es', 'Aún no hay previsión: necesita 4 semanas completas de actividad; por ahora, 3.'],
    ] as const) {
      element.locale = locale;
      await element.updateComplete;
      await waitUntil(() => legendArea().join(' ').includes(words), `no ${locale} note`);
    }
  });

  it('draws no forecast and no note when the forecast could not load', async () => {
    api = fixtureApi();
    api.answer('/v1/value/forecast', {
      status: 503,
      body: { error: { code: 'unavailable', message: 'down' } },
    });
    const element = await chartOf();
    expect($$(element, 'path.forecast')).to.have.length(0);
    expect($$(element, 'path.realized')).to.have.length(1);
    expect(root(element).textContent).to.not.contain('No forecast yet');
  });

  it('emphasises the highlighted buckets and dims the others', async () => {
    api = fixtureApi();
    const element = await chartOf();
    expect($$(element, 'circle.point.dimmed')).to.have.length(0);
    element.highlight = [{ driver: 'total', from: '2026-09-07', to: '2026-09-13' }];
    await element.updateComplete;
    const highlighted = $$(element, 'circle.point.highlighted');
    expect(highlighted.map((point) => point.dataset.bucket)).to.deep.equal(['2026-09-07']);
    expect($$(element, 'circle.point.dimmed')).to.have.length(series.total.length - 1);
    expect($$(element, 'rect.highlight')).to.have.length(1);

    // Without a highlight nothing is dimmed again.
    element.highlight = [];
    await element.updateComplete;
    expect($$(element, 'circle.point.dimmed')).to.have.length(0);
  });

  it('marks unusual points with a shape and words', async () => {
    api = fixtureApi();
    const element = await chartOf(cutToToday(), {
      markers: [
        {
          driver: 'ticket_deflection',
          from: '2026-10-14',
          to: '2026-10-14',
          label: 'Tickets resolved without an agent dropped by 40%.',
        },
      ],
    });
    await element.updateComplete;
    const marks = $$(element, 'svg.plot path.mark');
    expect(marks.map((mark) => mark.dataset.bucket)).to.deep.equal(['2026-10-12']);
    expect($(element, '[part~="markers"]')?.textContent).to.contain('dropped by 40%');
    expect($(element, '[part~="markers"]')?.textContent).to.contain('Unusual');
  });

  it('measures the promise like for like and says where it stands, as the promise cards do', async () => {
    const promisedDrivers = ['automation_hours', 'invoice_revenue'];
    const points = series.total.map(({ bucket }, index) => ({
      bucket,
      money: series.series
        .filter((line) => promisedDrivers.includes(line.driver))
        .reduce((sum, line) => sum + (line.points[index]?.money ?? 0), 0),
    }));
    const behind = {
      ...summary,
      promises: (summary.promises ?? []).map((promise, index) =>
        index === 1 ? { ...promise, status: 'behind' as const } : promise,
      ),
    };
    api = mockApi({
      '/v1/value/summary': { body: behind },
      '/v1/value/series': { body: { ...series, promised: { drivers: promisedDrivers, points } } },
      '/v1/value/forecast': { body: forecast },
    });
    const element = await chartOf();
    expect($$(element, 'path.promised')).to.have.length(1);
    const legend = $(element, '[part~="legend"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(legend).to.contain('Promised value realized (');
    for (const id of promisedDrivers) {
      expect(legend).to.contain(summary.drivers.find((d) => d.id === id)?.label ?? id);
    }
    expect($(element, '[part~="promise-status"]')?.textContent?.trim()).to.equal(
      'Behind on 1 of 2 promises so far',
    );
    expect($(element, '#summary')?.textContent).to.contain('Behind on 1 of 2 promises so far');
  });

  it('keeps a readable value axis in a narrow box (390 px phone), with the table a tap away', async () => {
    api = fixtureApi();
    const wrapper = await fixture<HTMLDivElement>(html`<div class="narrow">
      <vp-trend-chart api=${API} token=${fakeToken()} locale="en" .cut=${cutToToday()}></vp-trend-chart>
    </div>`);
    wrapper.style.width = '360px';
    const element = wrapper.querySelector('vp-trend-chart') as VpTrendChart;
    await waitUntil(() => $(element, 'svg.plot')?.getAttribute('height') === '132');
    // Two value ticks (0 and the top) and the first and last week; no two labels touch.
    const labels = $$(element, 'text.axis').map((label) => label.getBoundingClientRect());
    expect(labels.length).to.be.within(4, 5);
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1)) {
        const apart =
          a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart, 'axis labels overlap').to.equal(true);
      }
      expect(a.height).to.be.at.least(8);
    });
    const toggle = $(element, '[part~="toolbar"] button') as HTMLButtonElement;
    expect(toggle.getBoundingClientRect().right).to.be.at.most(360 + 1);
    toggle.click();
    await element.updateComplete;
    expect($(element, '[part~="table"] table')).to.exist;
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme (chart, tooltip and table)`, async () => {
      api = fixtureApi();
      const element = await chartOf(cutToToday(), {
        markers: [
          { driver: 'total', from: '2026-10-14', to: '2026-10-14', label: 'An unusual week.' },
        ],
      });
      element.theme = theme;
      await element.updateComplete;
      await expectNoAxeViolations(element);
      ($(element, '[part~="chart"]') as HTMLElement).focus();
      await sendKeys({ press: 'ArrowRight' });
      await element.updateComplete;
      await expectNoAxeViolations(element);
      ($(element, '[part~="toolbar"] button') as HTMLButtonElement).click();
      await element.updateComplete;
      await expectNoAxeViolations(element);
    });
  }
});
