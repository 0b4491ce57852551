import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Cut } from '../../widget/core/cut.ts';
import type { ExplainRequest } from '../../widget/core/events.ts';
import { topContributions } from '../../widget/explain/explain-model.ts';
import '../../widget/explain/explain.ts';
import type { VpExplain } from '../../widget/explain/explain.ts';
import '../../widget/explain/explain-panel.ts';
import type { VpExplainPanel } from '../../widget/explain/explain-panel.ts';
import { expectNoAxeViolations } from './axe.ts';
import { API, FIXTURE_CUT, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

type Explain = typeof import('./fixtures/explain.json');
type Cuts = typeof import('./fixtures/cuts.json');

// JSON import attributes do not load in the test runner: fixtures are fetched from the dev server.
let explain: Explain;
let cuts: Cuts;
before(async () => {
  explain = await loadFixture<Explain>('explain');
  cuts = await loadFixture<Cuts>('cuts');
});

const CUT = FIXTURE_CUT;

/** Written here, not with the widget's formatters: what a reader of the fixture would expect. */
const money2 = new Intl.NumberFormat('en', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 2,
});
const wholePercent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const days = new Intl.DateTimeFormat('en', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const range = (from: string, to: string) => days.formatRange(Date.parse(from), Date.parse(to));

/** Support tickets resolved without an agent, as the demo server answered for acme-corp. */
const TICKETS = {
  account: 'acme-corp',
  currency: 'USD',
  driver: 'ticket_deflection',
  unit: { singular: 'ticket', plural: 'tickets' },
  period: { from: '2026-08-30', to: '2026-11-27' },
  comparePeriod: { from: '2026-06-01', to: '2026-08-29' },
  total: { current: 8123, previous: 2749, delta: 5374, deltaShare: 1.9548926882502728 },
  dimensions: [
    {
      by: 'team',
      contributions: [
        {
          segment: 'IT',
          current: 7602,
          previous: 2527,
          delta: 5075,
          shareOfChange: 0.9443617417193897,
        },
        {
          segment: 'Procurement',
          current: 356,
          previous: 147,
          delta: 209,
          shareOfChange: 0.038890956457015256,
        },
        {
          segment: 'Operations',
          current: 165,
          previous: 75,
          delta: 90,
          shareOfChange: 0.016747301823595087,
        },
      ],
    },
  ],
};

/** A drop with changes both ways, to see signs, directions and ordering by size. */
const DROP = {
  account: 'acme-corp',
  currency: 'USD',
  measure: 'money',
  period: { from: '2026-09-01', to: '2026-09-30' },
  comparePeriod: { from: '2026-08-02', to: '2026-08-31' },
  total: { current: 100_000, previous: 122_000, delta: -22_000, deltaShare: -0.18032786885245902 },
  dimensions: [
    {
      by: 'team',
      contributions: [
        {
          segment: 'Quality',
          current: 30_000,
          previous: 27_000,
          delta: 3_000,
          shareOfChange: -0.13636363636363635,
        },
        {
          segment: 'Finance',
          current: 20_000,
          previous: 36_500,
          delta: -16_500,
          shareOfChange: 0.75,
        },
        {
          segment: 'IT',
          current: 20_000,
          previous: 25_000,
          delta: -5_000,
          shareOfChange: 0.22727272727272727,
        },
        {
          segment: 'Procurement',
          current: 15_000,
          previous: 16_500,
          delta: -1_500,
          shareOfChange: 0.06818181818181818,
        },
        {
          segment: 'Operations',
          current: 10_000,
          previous: 11_000,
          delta: -1_000,
          shareOfChange: 0.045454545454545456,
        },
        {
          segment: 'Legal',
          current: 5_000,
          previous: 6_000,
          delta: -1_000,
          shareOfChange: 0.045454545454545456,
        },
      ],
    },
  ],
};

async function settle(element: VpExplainPanel): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}

async function mount(
  options: { cut?: Cut; request?: ExplainRequest; driver?: string; theme?: string } = {},
): Promise<VpExplainPanel> {
  const element = await fixture<VpExplainPanel>(html`<vp-explain-panel
    api=${API}
    token=${fakeToken()}
    locale="en"
    theme=${options.theme ?? 'light'}
    driver=${options.driver ?? ''}
    .cut=${options.cut ?? CUT}
    .request=${options.request}
  ></vp-explain-panel>`);
  await settle(element);
  return element;
}

function $(element: VpExplainPanel, selector: string): HTMLElement {
  const found = element.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector} in vp-explain`);
  return found;
}

function $$(element: VpExplainPanel, selector: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
}

function words(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function explainCalls(api: MockApi) {
  return api.calls.filter((call) => call.path === '/v1/value/explain');
}

function type(element: VpExplainPanel, selector: string, value: string): void {
  const input = $(element, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<vp-explain-panel> (the body of <vp-explain>)', () => {
  let api: MockApi;
  beforeEach(() => {
    api = mockApi({
      '/v1/value/cuts': { body: cuts },
      '/v1/value/explain': { body: explain },
    });
  });
  afterEach(() => api.restore());

  it('waits with a prompt until something is asked, showing the cut periods in words', async () => {
    const element = await mount();
    expect(words($(element, '[part="idle"]'))).to.contain('Pick what to explain');
    expect(explainCalls(api)).to.have.length(0);
    expect(words($(element, '#period-words'))).to.equal(range(CUT.from, CUT.to));
    expect(words($(element, '#compare-words'))).to.equal(range(CUT.compareFrom, CUT.compareTo));
    const drivers = [...($(element, '#driver') as HTMLSelectElement).options].map((option) =>
      words(option),
    );
    expect(drivers).to.deep.equal(['All value', ...cuts.drivers.map((driver) => driver.label)]);
  });

  it('asks exactly what the request says, with the cut filter', async () => {
    const request: ExplainRequest = {
      driver: 'automation_hours',
      from: '2026-10-01',
      to: '2026-10-31',
      compareFrom: '2026-09-01',
      compareTo: '2026-09-30',
    };
    const element = await mount({
      cut: { ...CUT, filter: { by: 'team', value: 'Finance' } },
      request,
    });
    const calls = explainCalls(api);
    expect(calls).to.have.length(1);
    expect(Object.fromEntries(calls[0]?.query ?? [])).to.deep.equal({
      locale: 'en',
      from: '2026-10-01',
      to: '2026-10-31',
      compareFrom: '2026-09-01',
      compareTo: '2026-09-30',
      driver: 'automation_hours',
      filter: 'team:Finance',
    });
    expect(calls[0]?.authorization).to.match(/^Bearer /);
    // The controls show what was asked.
    expect(($(element, '#driver') as HTMLSelectElement).value).to.equal('automation_hours');
    expect(words($(element, '#period-words'))).to.equal(range('2026-10-01', '2026-10-31'));
    expect(words($(element, '#compare-words'))).to.equal(range('2026-09-01', '2026-09-30'));
  });

  it('leaves the compare period to the server when the request has none, and "total" unsent', async () => {
    await mount({ request: { driver: 'total', from: '2026-10-01', to: '2026-10-31' } });
    const query = explainCalls(api)[0]?.query;
    expect(Object.fromEntries(query ?? [])).to.deep.equal({
      locale: 'en',
      from: '2026-10-01',
      to: '2026-10-31',
    });
  });

  it('explains the cut periods when only a driver is given', async () => {
    await mount({ driver: 'total' });
    expect(Object.fromEntries(explainCalls(api)[0]?.query ?? [])).to.deep.equal({
      locale: 'en',
      from: CUT.from,
      to: CUT.to,
      compareFrom: CUT.compareFrom,
      compareTo: CUT.compareTo,
    });
  });

  it("answers first, in one sentence, with explain.json's total and its largest part", async () => {
    const loaded = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('vp-loaded', (event) => resolve(event as CustomEvent), {
        once: true,
      }),
    );
    const element = await mount({ driver: 'total' });
    expect((await loaded).detail).to.deep.equal({ piece: 'explain', account: 'acme-corp' });

    const { total } = explain;
    const amount = money2.format(Math.abs(total.delta));
    const percent = `+${wholePercent.format(total.deltaShare ?? Number.NaN)}`;
    const compare = range(explain.comparePeriod.from, explain.comparePeriod.to);
    // The largest share of the rise, over every dimension, found here by hand.
    let lead = { by: '', segment: '', delta: 0, share: 0 };
    for (const dimension of explain.dimensions) {
      for (const row of dimension.contributions) {
        if (row.delta > 0 && row.shareOfChange > lead.share) {
          lead = {
            by: dimension.by,
            segment: row.segment,
            delta: row.delta,
            share: row.shareOfChange,
          };
        }
      }
    }
    expect(lead.segment).to.equal('North America');
    const answer = words($(element, '[part="answer"]'));
    expect(answer).to.equal(
      `Your value went up by ${amount} (${percent}) against ${compare}; the largest part of the ` +
        `rise came from the ${lead.segment} ${lead.by} (+${money2.format(lead.delta)}, ` +
        `${wholePercent.format(lead.share)} of the change). Estimated`,
    );
    expect(answer.startsWith('Your value went up by $560K (+162%) against Jun 1 – Aug 29, 2026')).to
      .be.true;
    // The answer comes before the evidence, and is announced.
    const answerNode = $(element, '[part="answer"]');
    const firstDimension = $(element, '[part="dimension"]');
    expect(
      answerNode.compareDocumentPosition(firstDimension) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.not.equal(0);
    expect(words($(element, '[role="status"][aria-live="polite"]'))).to.contain(
      `Your value went up by ${amount}`,
    );
  });

  it('lists each dimension in plain words, top five by size of change, the rest summed', async () => {
    const element = await mount({ driver: 'total' });
    const headings = $$(element, '[part="dimension"] h4').map((heading) => words(heading));
    expect(headings).to.deep.equal(['By team', 'By workspace', 'By user', 'By feature']);
    // "feature" has no label from the server: the widget names it in the reader's language.
    const headingsIn = async (locale: string) => {
      element.locale = locale;
      await settle(element);
      return $$(element, '[part="dimension"] h4').map((heading) => words(heading));
    };
    expect(await headingsIn('de')).to.include('Nach Funktion');
    expect(await headingsIn('es')).to.include('Por función');
    expect(await headingsIn('en')).to.deep.equal(headings);
    expect(words(element.shadowRoot as unknown as Element).toLowerCase()).to.not.contain('segment');

    const users = explain.dimensions.find((dimension) => dimension.by === 'user');
    if (!users) throw new Error('fixture has no users');
    const bySize = [...users.contributions].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    const userSection = $$(element, '[part="dimension"]')[2];
    const names = [...(userSection?.querySelectorAll('.name') ?? [])].map((name) => words(name));
    const restCount = users.contributions.length - 5;
    // People by number in order of how much their value moved, never by raw id.
    expect(names).to.deep.equal([
      ...bySize.slice(0, 5).map((_, index) => `User ${index + 1}`),
      `Everything else (${restCount})`,
    ]);
    expect(words(userSection as Element)).to.not.match(/acme-corp-u\d+/);
    const restDelta = bySize.slice(5).reduce((sum, row) => sum + row.delta, 0);
    const deltas = [...(userSection?.querySelectorAll('.delta') ?? [])].map((delta) =>
      words(delta),
    );
    expect(deltas[5]).to.equal(`+${money2.format(restDelta)}`);

    // Exactly: the summed rest is the sum of every row left out, field by field.
    const { top, rest } = topContributions(users.contributions);
    expect(top.map((row) => row.segment)).to.deep.equal(
      bySize.slice(0, 5).map((row) => row.segment),
    );
    const left = bySize.slice(5);
    expect(rest).to.deep.equal({
      count: left.length,
      current: left.reduce((sum, row) => sum + row.current, 0),
      previous: left.reduce((sum, row) => sum + row.previous, 0),
      delta: restDelta,
      shareOfChange: left.reduce((sum, row) => sum + row.shareOfChange, 0),
    });

    // Five teams: nothing left over to sum.
    const teamSection = $$(element, '[part="dimension"]')[0];
    expect(teamSection?.querySelectorAll('.row')).to.have.length(5);
    expect(words(teamSection)).to.not.contain('Everything else');
  });

  it('shows a drop by direction and sign, ordered by size whichever way it went', async () => {
    api.answer('/v1/value/explain', { body: DROP });
    const element = await mount({ driver: 'total' });
    const answer = words($(element, '[part="answer"]'));
    expect(answer).to.contain(
      `Your value went down by ${money2.format(22_000)} (\u221218%) against ${range('2026-08-02', '2026-08-31')}`,
    );
    expect(answer).to.contain(
      `most of the drop came from the Finance team (\u2212${money2.format(16_500)}, 75% of the change)`,
    );
    const rows = $$(element, '.row');
    expect(rows.map((row) => words(row.querySelector('.name')))).to.deep.equal([
      'Finance',
      'IT',
      'Quality',
      'Procurement',
      'Operations',
      'Everything else (1)',
    ]);
    const finance = rows[0];
    expect(words(finance?.querySelector('.delta'))).to.equal(`\u2212${money2.format(16_500)}`);
    expect(finance?.querySelector('.half.negative .bar.down')).to.not.equal(null);
    expect(finance?.querySelector('.half.positive .bar')).to.equal(null);
    const quality = rows[2];
    // Under $10K money is not compact: the formatter's rule, not this element's.
    expect(words(quality?.querySelector('.delta'))).to.equal('+$3,000');
    expect(quality?.querySelector('.half.positive .bar.up')).to.not.equal(null);
    // Bar widths follow the size of the change: the largest fills its half.
    const financeBar = finance?.querySelector<HTMLElement>('.bar');
    const qualityBar = quality?.querySelector<HTMLElement>('.bar');
    expect(financeBar?.style.width).to.equal('100%');
    expect(Number.parseFloat(qualityBar?.style.width ?? '')).to.be.closeTo(
      (3_000 / 16_500) * 100,
      0.01,
    );
    // Against the drop (it rose while the whole fell): said in words, not "−14% of the change".
    expect(words(quality?.querySelector('.detail'))).to.contain(
      'against the change: it moved the other way',
    );
    expect(words(quality?.querySelector('.detail'))).to.not.contain('−14%');
  });

  it('speaks the driver’s own unit when a driver is explained', async () => {
    api.answer('/v1/value/explain', { body: TICKETS });
    const element = await mount({
      request: { driver: 'ticket_deflection', from: CUT.from, to: CUT.to },
    });
    const answer = words($(element, '[part="answer"]'));
    expect(answer).to.equal(
      'Support tickets resolved without an agent went up by 5,374 tickets (+195%) against ' +
        `${range('2026-06-01', '2026-08-29')}; most of the rise came from the IT team ` +
        '(+5,075 tickets, 94% of the change).',
    );
    expect(words($(element, '.row .detail'))).to.equal(
      'now 7,602 tickets · before 2,527 tickets · 94% of the change',
    );
  });

  it('offers a table with the same rows', async () => {
    const element = await mount({ driver: 'total' });
    const toggle = $(element, '#toggle-table');
    expect(words(toggle)).to.equal('Show as table');
    toggle.click();
    await element.updateComplete;
    expect(words(toggle)).to.equal('Show as chart');
    const tables = $$(element, 'table[part="table"]');
    expect(tables).to.have.length(4);
    const team = explain.dimensions[0];
    const firstRow = tables[0]?.querySelector('tbody tr');
    const cells = [...(firstRow?.children ?? [])].map((cell) => words(cell));
    const quality = team?.contributions[0];
    if (!quality) throw new Error('fixture has no team rows');
    expect(cells).to.deep.equal([
      quality.segment,
      money2.format(quality.current),
      money2.format(quality.previous),
      `+${money2.format(quality.delta)}`,
      wholePercent.format(quality.shareOfChange),
    ]);
    expect(words(tables[0]?.querySelector('thead th'))).to.equal('Team');
    expect(words(tables[2]?.querySelector('thead th'))).to.equal('User');
  });

  it('explains what the customer picks, refusing reversed dates in words', async () => {
    const element = await mount();
    const select = $(element, '#driver') as HTMLSelectElement;
    select.value = 'invoice_revenue';
    select.dispatchEvent(new Event('change'));
    $(element, '#toggle-dates').click();
    await element.updateComplete;
    expect($(element, '#toggle-dates').getAttribute('aria-expanded')).to.equal('true');
    type(element, '#from', '2026-11-01');
    type(element, '#to', '2026-10-01');
    $(element, '#explain').click();
    await settle(element);
    expect(words($(element, '#explain-problem'))).to.equal(
      'This period: the start date is after the end date.',
    );
    expect($(element, '#from').getAttribute('aria-invalid')).to.equal('true');
    expect(explainCalls(api)).to.have.length(0);

    type(element, '#to', '2026-11-27');
    type(element, '#compare-from', '2026-10-01');
    type(element, '#compare-to', '2026-10-27');
    await element.updateComplete;
    expect(words($(element, '#period-words'))).to.equal(range('2026-11-01', '2026-11-27'));
    $(element, '#explain').click();
    await settle(element);
    expect(words($(element, '#explain-problem'))).to.equal('');
    expect(Object.fromEntries(explainCalls(api)[0]?.query ?? [])).to.deep.equal({
      locale: 'en',
      from: '2026-11-01',
      to: '2026-11-27',
      compareFrom: '2026-10-01',
      compareTo: '2026-10-27',
      driver: 'invoice_revenue',
    });
  });

  it('asks again with the filter when the cut changes, and for a new request', async () => {
    const element = await mount({ driver: 'total' });
    element.cut = { ...CUT, filter: { by: 'feature', value: 'Automations' } };
    await settle(element);
    expect(explainCalls(api)).to.have.length(2);
    expect(explainCalls(api)[1]?.query.get('filter')).to.equal('feature:Automations');
    element.request = { driver: 'reporting_hours', from: '2026-11-01', to: '2026-11-27' };
    await settle(element);
    expect(explainCalls(api)[2]?.query.get('driver')).to.equal('reporting_hours');
    expect(explainCalls(api)[2]?.query.get('from')).to.equal('2026-11-01');
  });

  it('keeps explaining the same thing when the dashboard drops its request for a new cut', async () => {
    const element = await mount({
      request: { driver: 'compliance_risk', from: '2026-10-01', to: '2026-10-31' },
    });
    const next: Cut = {
      ...CUT,
      from: '2026-10-29',
      preset: '30d',
      compareFrom: '2026-09-29',
      compareTo: '2026-10-28',
    };
    element.cut = next;
    element.request = undefined;
    await settle(element);
    expect(Object.fromEntries(explainCalls(api)[1]?.query ?? [])).to.deep.equal({
      locale: 'en',
      from: '2026-10-29',
      to: '2026-11-27',
      compareFrom: '2026-09-29',
      compareTo: '2026-10-28',
      driver: 'compliance_risk',
    });
  });

  it('shows loading, then an error with a retry that works', async () => {
    const held = api.hold('/v1/value/explain');
    const element = await fixture<VpExplainPanel>(html`<vp-explain-panel
      api=${API}
      token=${fakeToken()}
      locale="en"
      driver="total"
      .cut=${CUT}
    ></vp-explain-panel>`);
    await element.updateComplete;
    expect($(element, '[part="loading"]').getAttribute('aria-busy')).to.equal('true');
    api.answer('/v1/value/explain', {
      status: 400,
      body: { error: { code: 'invalid_period', message: 'a period spans at most 3660 days' } },
    });
    setTimeout(() => held.release());
    const error = await oneEvent(element, 'vp-error');
    expect(error.detail).to.deep.equal({
      code: 'invalid_period',
      message: 'a period spans at most 3660 days',
    });
    await settle(element);
    const alert = $(element, '[part="error"]');
    expect(alert.getAttribute('role')).to.equal('alert');
    api.answer('/v1/value/explain', { body: explain });
    (alert.querySelector('button') as HTMLButtonElement).click();
    await settle(element);
    expect(element.shadowRoot?.querySelector('[part="answer"]')).to.not.equal(null);
  });

  it('quotes no change in percent against a period that is no baseline, and says why', async () => {
    api.answer('/v1/value/explain', {
      body: {
        ...explain,
        total: { ...explain.total, deltaShare: null },
        comparison: {
          period: explain.comparePeriod,
          coverage: { current: 90, compared: 15 },
          comparable: false,
          reason: 'compared_before_start',
        },
      },
    });
    const element = await mount({ driver: 'total' });
    const answer = words($(element, '[part="answer"]'));
    expect(answer).to.contain(
      `Your value went up by ${money2.format(explain.total.delta)} against`,
    );
    expect(answer).to.not.match(/\([+−-]\d+%\)/);
    expect(words($(element, '[part="comparison-note"]'))).to.equal(
      'No change is shown: your account existed for only 15 of the 90 days you compare with.',
    );
  });

  it('says so when nothing changed or there is no value in either period', async () => {
    api.answer('/v1/value/explain', {
      body: {
        ...explain,
        period: { from: '2030-01-01', to: '2030-02-01' },
        comparePeriod: { from: '2029-11-30', to: '2029-12-31' },
        total: { current: 0, previous: 0, delta: 0, deltaShare: null },
        dimensions: explain.dimensions.map((dimension) => ({
          by: dimension.by,
          contributions: [],
        })),
      },
    });
    const element = await mount({ driver: 'total' });
    expect(words($(element, '[part="empty"]'))).to.equal(
      `There is no value in either period (${range('2030-01-01', '2030-02-01')} or ${range('2029-11-30', '2029-12-31')}), so nothing moved.`,
    );
    api.answer('/v1/value/explain', {
      body: { ...explain, total: { current: 5, previous: 5, delta: 0, deltaShare: 0 } },
    });
    element.driver = 'automation_hours';
    await settle(element);
    expect(words($(element, '[part="empty"]'))).to.contain('did not change between');
  });

  it('keeps working when the list of drivers cannot load', async () => {
    api.answer('/v1/value/cuts', {
      status: 500,
      body: { error: { code: 'internal', message: 'boom' } },
    });
    const element = await mount({ driver: 'total' });
    expect(words($(element, '[part="controls"]'))).to.contain('Only “All value” can be explained');
    expect(words($(element, '[part="answer"]'))).to.contain('Your value went up by');
    expect(words($(element, '[part="dimension"] h4'))).to.equal('By team');
  });

  it('is reachable by keyboard, every control labelled', async () => {
    const element = await mount({ driver: 'total' });
    $(element, '#toggle-dates').click();
    await element.updateComplete;
    for (const control of $$(element, 'select, input')) {
      expect((control as HTMLInputElement).labels?.length, control.id).to.equal(1);
    }
    for (const button of $$(element, 'button')) expect(words(button)).to.not.equal('');
    const before = document.createElement('button');
    before.textContent = 'before';
    element.before(before);
    before.focus();
    // A date field takes one Tab per part (month, day, year): count each control once.
    const order: string[] = [];
    for (let i = 0; i < 30 && order.at(-1) !== ''; i += 1) {
      await sendKeys({ press: 'Tab' });
      const id = element.shadowRoot?.activeElement?.id ?? '';
      if (order.at(-1) !== id) order.push(id);
    }
    before.remove();
    expect(order).to.deep.equal([
      'driver',
      'toggle-dates',
      'from',
      'to',
      'compare-from',
      'compare-to',
      'explain',
      'toggle-table',
      '',
    ]);
    // Enter in a date field explains, as in any form.
    type(element, '#compare-to', '2026-08-28');
    $(element, '#compare-to').focus();
    await sendKeys({ press: 'Enter' });
    await settle(element);
    expect(explainCalls(api).length).to.be.greaterThan(1);
  });

  for (const theme of ['light', 'dark']) {
    it(`has no axe violations in ${theme}: answer, bars, table and date fields`, async () => {
      api.answer('/v1/value/explain', { body: DROP });
      const element = await mount({ driver: 'total', theme });
      await expectNoAxeViolations(element);
      $(element, '#toggle-dates').click();
      $(element, '#toggle-table').click();
      await element.updateComplete;
      await expectNoAxeViolations(element);
    });
  }

  describe('<vp-explain>, the element hosts use', () => {
    it('loads its body when shown, passes its settings down and exports the body’s parts', async () => {
      const element = await fixture<VpExplain>(html`<vp-explain
      api=${API}
      token=${fakeToken()}
      locale="en"
      driver="total"
      .cut=${CUT}
    ></vp-explain>`);
      await element.bodyReady();
      const body = element.shadowRoot?.querySelector('vp-explain-panel') as VpExplainPanel;
      expect(body, 'the body').to.exist;
      await settle(body);
      expect(explainCalls(api)).to.have.length(1);
      expect(body.shadowRoot?.querySelector('[part~="answer"]')).to.exist;
      expect(body.getAttribute('exportparts')).to.contain('answer');
    });

    it('moves focus to the answer through the body (showAnswer)', async () => {
      const element = await fixture<VpExplain>(html`<vp-explain
      api=${API}
      token=${fakeToken()}
      locale="en"
      .cut=${CUT}
      .request=${{ driver: 'total', from: CUT.from, to: CUT.to }}
    ></vp-explain>`);
      await element.showAnswer();
      const body = element.shadowRoot?.querySelector('vp-explain-panel') as VpExplainPanel;
      expect(body.shadowRoot?.activeElement?.getAttribute('part')).to.equal('answer');
    });
  });
});
