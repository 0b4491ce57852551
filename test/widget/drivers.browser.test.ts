import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Assumptions, DriverUnit, ValueSummary } from '../../widget/api/types.ts';
import '../../widget/drivers/drivers.ts';
import type { VpDrivers } from '../../widget/drivers/drivers.ts';
import { expectNoAxeViolations } from './axe.ts';
import { API, FIXTURE_CUT, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

const cut = FIXTURE_CUT;

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textOf(node: Element | null | undefined): string {
  return squash(node?.textContent ?? '');
}

/*
 * The figures as the summary implies them, computed here with Intl directly (not with the
 * widget's helpers): estimates to two significant digits in compact money, measured money to
 * three, quantities in the driver's unit words, shares without decimals unless under 10%.
 */
function money(value: number, estimated: boolean): string {
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumSignificantDigits: estimated ? 2 : 3,
  }).format(value);
}
function units(quantity: number, unit: DriverUnit, estimated: boolean): string {
  if (unit === 'currency') return money(quantity, false);
  // An estimate keeps three significant digits; things that come whole are whole ("< 1" for a
  // part of one); otherwise whole units from 100 up and one decimal below.
  const digits = quantity === 0 ? 0 : Math.floor(Math.log10(Math.abs(quantity))) - 2;
  const rounded = estimated ? Math.round(quantity / 10 ** digits) * 10 ** digits : quantity;
  if (unit.whole) {
    const whole = Math.round(rounded);
    if (whole === 0 && quantity > 0) return `< 1 ${unit.singular}`;
    return `${new Intl.NumberFormat('en').format(whole)} ${whole === 1 ? unit.singular : unit.plural}`;
  }
  const n = Math.abs(rounded) >= 100 ? Math.round(rounded) : Math.round(rounded * 10) / 10;
  return `${new Intl.NumberFormat('en').format(n)} ${n === 1 ? unit.singular : unit.plural}`;
}
function percent(share: number, signed = false): string {
  return new Intl.NumberFormat('en', {
    style: 'percent',
    maximumFractionDigits: Math.abs(share) < 0.1 ? 1 : 0,
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(share);
}

function rows(element: VpDrivers): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[part="row"]') ?? [])];
}

function rowOf(element: VpDrivers, driver: string): HTMLElement {
  const row = element.shadowRoot?.querySelector<HTMLElement>(
    `[part="row"][data-driver="${driver}"]`,
  );
  if (!row) throw new Error(`no row for ${driver}`);
  return row;
}

async function openDetails(element: VpDrivers, driver: string): Promise<HTMLElement> {
  const row = rowOf(element, driver);
  const button = row.querySelector<HTMLButtonElement>('button[aria-expanded]');
  button?.click();
  await settle(element);
  return row.querySelector<HTMLElement>('[part="details"]') as HTMLElement;
}

/** The element and the details opened in it (their body is a chunk loaded when first opened). */
async function settle(element: VpDrivers): Promise<void> {
  await element.updateComplete;
  const opened = [...(element.shadowRoot?.querySelectorAll('vp-drivers-details') ?? [])];
  await Promise.all(opened.map((details) => details.bodyReady()));
  const bodies = [...(element.shadowRoot?.querySelectorAll('vp-drivers-details-panel') ?? [])];
  await Promise.all(bodies.map((body) => body.updateComplete));
}

async function mount(
  options: {
    role?: 'viewer' | 'editor';
    theme?: string;
    vendor?: string;
    width?: string;
    locale?: string;
  } = {},
) {
  const loaded = oneEvent(document, 'vp-loaded');
  const element = await fixture<VpDrivers>(html`<vp-drivers
    api=${API}
    token=${fakeToken(900, 'acme-corp', options.role ?? 'viewer')}
    locale=${options.locale ?? 'en'}
    theme=${options.theme ?? 'light'}
    vendor=${options.vendor ?? 'Acme Flow'}
    .cut=${cut}
  ></vp-drivers>`);
  await loaded;
  await element.updateComplete;
  return element;
}

/** Types into an input the way a person does, then submits its form. */
async function typeAndSave(element: VpDrivers, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle(element);
  input.form?.requestSubmit();
  await settle(element);
}

describe('<vp-drivers>', () => {
  let api: MockApi;
  let summary: ValueSummary;
  let assumptions: Assumptions;
  before(async () => {
    summary = await loadFixture<ValueSummary>('summary.json');
    assumptions = await loadFixture<Assumptions>('assumptions.json');
  });
  afterEach(() => api.restore());

  function answers(overrides: Partial<Record<string, unknown>> = {}) {
    return mockApi({
      '/v1/value/summary': { body: overrides.summary ?? summary },
      '/v1/value/assumptions': { body: overrides.assumptions ?? assumptions },
    });
  }

  it('shows skeleton rows while loading, then one row per way value was realized', async () => {
    api = answers();
    const hold = api.hold('/v1/value/summary');
    const element = await fixture<VpDrivers>(
      html`<vp-drivers api=${API} token=${fakeToken()} locale="en" .cut=${cut}></vp-drivers>`,
    );
    const loading = element.shadowRoot?.querySelector('[part="loading"]');
    expect(loading?.getAttribute('role')).to.equal('status');
    expect(loading?.querySelectorAll('.skeleton-rows').length).to.be.greaterThan(2);
    const loaded = oneEvent(element, 'vp-loaded');
    hold.release();
    expect((await loaded).detail).to.deep.equal({ piece: 'drivers', account: 'acme-corp' });
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part="loading"]')).to.equal(null);
    expect(rows(element)).to.have.length(summary.drivers.length + 1);
    expect(textOf(element.shadowRoot?.querySelector('h3'))).to.equal('Where your value comes from');
    const summaryCall = api.calls.find((call) => call.path === '/v1/value/summary');
    expect(summaryCall?.query.get('from')).to.equal(cut.from);
    expect(summaryCall?.query.get('to')).to.equal(cut.to);
    // The figures' previous values are for the compared period the cut chose.
    expect(summaryCall?.query.get('compareFrom')).to.equal(cut.compareFrom);
    expect(summaryCall?.query.get('compareTo')).to.equal(cut.compareTo);
  });

  it('quotes no change against a compared period that is no baseline, and says why', async () => {
    const period = { from: '2026-06-01', to: '2026-08-29' };
    const young: ValueSummary = {
      ...summary,
      comparison: {
        period,
        coverage: { current: 90, compared: 15 },
        comparable: false,
        reason: 'compared_before_start',
      },
    };
    api = answers({ summary: young });
    const element = await mount();
    for (const row of rows(element)) {
      expect(textOf(row.querySelector('.change-cell dd'))).to.equal('No comparison');
    }
    // 2026-06-01 to 2026-08-29: 30 + 31 + 29 = 90 days.
    expect(textOf(element.shadowRoot?.querySelector('[part="comparison-note"]'))).to.equal(
      'No change is shown: your account existed for only 15 of the 90 days you compare with.',
    );
    api.restore();

    api = answers({
      summary: {
        ...young,
        comparison: { ...young.comparison, reason: 'current_includes_today' },
      },
    });
    const german = await mount({ locale: 'de' });
    expect(textOf(german.shadowRoot?.querySelector('[part="comparison-note"]'))).to.equal(
      'Keine Veränderung angezeigt: Dieser Zeitraum enthält den heutigen Tag, der noch nicht vorbei ist.',
    );
    api.restore();

    api = answers({ summary: young });
    const spanish = await mount({ locale: 'es' });
    expect(textOf(spanish.shadowRoot?.querySelector('[part="comparison-note"]'))).to.equal(
      'No se muestra ningún cambio: tu cuenta existía solo 15 de los 90 días con los que comparas.',
    );
  });

  it('shows money, units, share and change that match the summary', async () => {
    api = answers();
    const element = await mount();
    for (const driver of summary.drivers) {
      const row = rowOf(element, driver.id);
      const estimated = driver.basis === 'modelled';
      expect(textOf(row.querySelector('.label'))).to.equal(driver.label);
      expect(textOf(row.querySelector('.money dd'))).to.equal(money(driver.money, estimated));
      expect(textOf(row.querySelector('.units dd'))).to.equal(
        units(driver.value, driver.unit, driver.basis === 'modelled'),
      );
      expect(textOf(row.querySelector('.share dd'))).to.equal(
        percent(driver.money / summary.total.money),
      );
      const previous = driver.previous.money;
      expect(textOf(row.querySelector('.change-cell dd'))).to.contain(
        percent((driver.money - previous) / previous, true),
      );
    }
    const total = rows(element).at(-1) as HTMLElement;
    expect(textOf(total.querySelector('.label'))).to.equal('Total');
    expect(textOf(total.querySelector('.money dd'))).to.equal(money(summary.total.money, true));
    expect(textOf(total.querySelector('.share dd'))).to.equal('100%');
    const previousTotal = summary.total.previous.money;
    expect(textOf(total.querySelector('.change-cell dd'))).to.contain(
      percent((summary.total.money - previousTotal) / previousTotal, true),
    );
  });

  it('labels measured and modelled money by basis', async () => {
    api = answers();
    const element = await mount();
    for (const driver of summary.drivers) {
      const badge = rowOf(element, driver.id).querySelector('[part="badge"]');
      const estimated = driver.basis === 'modelled';
      expect(badge?.classList.contains(estimated ? 'estimated' : 'measured')).to.equal(true);
      expect(textOf(badge?.querySelector('[aria-hidden="true"]'))).to.equal(
        estimated ? 'Estimated' : 'Measured',
      );
      expect(badge?.getAttribute('title')).to.have.length.greaterThan(10);
    }
    expect(summary.drivers.some((driver) => driver.basis === 'measured')).to.equal(true);
  });

  it('discloses the formula, events and assumptions with source and history, not as a modal', async () => {
    const changed: Assumptions = {
      ...assumptions,
      assumptions: assumptions.assumptions.map((assumption) =>
        assumption.id === 'cost_per_ticket'
          ? { ...assumption, value: 15, source: 'customer' }
          : assumption,
      ),
      history: [
        {
          id: 'cost_per_ticket',
          value: 14,
          userId: 'acme-corp-u1',
          changedAt: '2026-10-01T09:00:00.000Z',
        },
        {
          id: 'cost_per_ticket',
          value: 15,
          userId: 'acme-corp-u2',
          changedAt: '2026-11-02T10:30:00.000Z',
        },
      ],
    };
    api = answers({ assumptions: changed });
    const element = await mount();
    const row = rowOf(element, 'automation_hours');
    const button = row.querySelector('button[aria-expanded]');
    expect(button?.getAttribute('aria-expanded')).to.equal('false');
    expect(textOf(button)).to.equal('How is this calculated?');
    const details = await openDetails(element, 'automation_hours');
    expect(button?.getAttribute('aria-expanded')).to.equal('true');
    expect(button?.getAttribute('aria-controls')).to.equal(details.id);
    expect(details.hidden).to.equal(false);
    expect(element.shadowRoot?.querySelector('dialog, [role="dialog"]')).to.equal(null);
    // The formula in words, from its structure: what is counted, where, and each factor.
    expect(textOf(details.querySelector('.formula'))).to.equal(
      'count of “Workflow Run Completed” where status is "success" × 0.25 hours × Loaded cost of one hour of staff time ($55 / hour)',
    );
    expect(textOf(details)).to.contain('18,852 events of “Workflow Run Completed”');
    const assumption = details.querySelector('[part="assumption"]');
    expect(textOf(assumption)).to.contain('Loaded cost of one hour of staff time');
    expect(textOf(assumption?.querySelector('.a-value'))).to.equal('$55 / hour');
    expect(textOf(assumption)).to.contain('Acme Flow’s default.');
    expect(textOf(assumption)).to.contain(assumptions.assumptions[0]?.sourceNote ?? '?');

    const tickets = await openDetails(element, 'ticket_deflection');
    const custom = tickets.querySelector('[part="assumption"]');
    expect(textOf(custom?.querySelector('.a-value'))).to.equal('$15 / ticket');
    expect(textOf(custom)).to.contain('Set by your team.');
    expect(textOf(custom?.querySelector('.a-history'))).to.equal(
      'Changed by acme-corp-u2 on Nov 2, 2026.',
    );

    expect(textOf(tickets.querySelector('.formula'))).to.equal(
      'count of “Ticket Auto-Resolved” × Cost of handling one support ticket by hand ($12 / ticket)',
    );
    const measured = await openDetails(element, 'invoice_revenue');
    expect(textOf(measured.querySelector('.formula'))).to.equal(
      'sum of amount on “Invoice Collected”',
    );
    expect(textOf(measured)).to.contain('it uses no assumptions');
    (button as HTMLButtonElement).click();
    await element.updateComplete;
    expect(button?.getAttribute('aria-expanded')).to.equal('false');
    expect(details.hidden).to.equal(true);
  });

  it('says the formula in German and Spanish', async () => {
    api = answers();
    const german = await mount({ locale: 'de' });
    const details = await openDetails(german, 'automation_hours');
    expect(textOf(german.shadowRoot?.querySelector('button[aria-expanded]'))).to.equal(
      'Wie wird das berechnet?',
    );
    expect(textOf(details.querySelector('.formula'))).to.equal(
      'Anzahl der Ereignisse „Workflow Run Completed“, wobei status „success“ ist × 0,25 hours × Loaded cost of one hour of staff time (55 $ / hour)',
    );
    expect(
      textOf((await openDetails(german, 'invoice_revenue')).querySelector('.formula')),
    ).to.equal('Summe von amount aus „Invoice Collected“');

    const spanish = await mount({ locale: 'es' });
    const detalles = await openDetails(spanish, 'automation_hours');
    expect(textOf(detalles.querySelector('.formula'))).to.equal(
      'número de «Workflow Run Completed» donde status es «success» × 0,25 hours × Loaded cost of one hour of staff time (55 US$ / hour)',
    );
    expect(
      textOf((await openDetails(spanish, 'invoice_revenue')).querySelector('.formula')),
    ).to.equal('suma de amount en «Invoice Collected»');
  });

  it('says why there are no figures, or where the activity starts, in the reader’s words', async () => {
    const none = (status: ValueSummary['dataStatus']): ValueSummary => ({
      ...summary,
      drivers: summary.drivers.map((driver) => ({
        ...driver,
        quantity: 0,
        value: 0,
        money: 0,
        events: 0,
      })),
      total: { ...summary.total, money: 0, modelled: 0 },
      dataStatus: status,
    });
    api = answers({ summary: none({ state: 'no_data', reason: 'no_activity' }) });
    const fresh = await mount();
    expect(textOf(fresh.shadowRoot?.querySelector('p.state'))).to.equal(
      'Nothing that creates value has been recorded for your account yet.',
    );
    api.restore();

    api = answers({
      summary: none({
        state: 'no_data',
        reason: 'no_activity_in_period',
        firstDay: '2026-01-05',
        lastDay: '2026-06-30',
      }),
    });
    const quiet = await mount();
    expect(textOf(quiet.shadowRoot?.querySelector('p.state'))).to.equal(
      'Nothing in this period; the latest activity was on Jun 30, 2026.',
    );
    api.restore();

    // A young account: the figures show, with a quiet note on when the activity starts.
    const initech = await loadFixture<ValueSummary>('summary-initech.json');
    expect(initech.dataStatus).to.include({ state: 'partial', reason: 'starts_in_period' });
    api = answers({ summary: initech });
    const young = await mount();
    const note = young.shadowRoot?.querySelector('p.quiet');
    expect(textOf(note)).to.equal('Activity starts on Nov 4, 2026, after this period begins.');
    expect(young.shadowRoot?.querySelector('p.state')).to.equal(null);
    expect(rows(young)).to.have.length(initech.drivers.length + 1);
    api.restore();

    api = answers({ summary: initech });
    const german = await mount({ locale: 'de' });
    expect(textOf(german.shadowRoot?.querySelector('p.quiet'))).to.equal(
      'Die Aktivität beginnt am 4. Nov. 2026, nach dem Beginn dieses Zeitraums.',
    );
    api.restore();

    api = answers({ summary: none({ state: 'no_data', reason: 'no_activity' }) });
    const spanish = await mount({ locale: 'es' });
    expect(textOf(spanish.shadowRoot?.querySelector('p.state'))).to.equal(
      'Todavía no se ha registrado nada que genere valor en tu cuenta.',
    );
  });

  it('says that promises and price are left out of a filtered view', async () => {
    const filtered: ValueSummary = {
      ...summary,
      filter: { by: 'team', value: 'Finance' },
      price: undefined,
      roi: undefined,
      payback: undefined,
      promises: undefined,
      omitted: { fields: ['price', 'roi', 'payback', 'promises'], reason: 'whole_account_only' },
    };
    api = answers({ summary: filtered });
    const element = await mount();
    expect(element.shadowRoot?.querySelector('.promised')).to.equal(null);
    expect(element.shadowRoot?.querySelectorAll('[part="promise"]')).to.have.length(0);
    const notes = [...(element.shadowRoot?.querySelectorAll('p.quiet') ?? [])].map(textOf);
    expect(notes).to.include(
      'Promises and price are for your whole account, so a filtered view leaves them out.',
    );
    api.restore();

    api = answers({ summary: filtered });
    const german = await mount({ locale: 'de' });
    expect([...(german.shadowRoot?.querySelectorAll('p.quiet') ?? [])].map(textOf)).to.include(
      'Zusagen und Preis gelten für Ihr ganzes Konto; eine gefilterte Ansicht lässt sie daher weg.',
    );
    api.restore();

    api = answers({ summary: filtered });
    const spanish = await mount({ locale: 'es' });
    expect([...(spanish.shadowRoot?.querySelectorAll('p.quiet') ?? [])].map(textOf)).to.include(
      'Las promesas y el precio son de toda tu cuenta, así que una vista filtrada los deja fuera.',
    );
  });

  it('shows viewers the assumptions read-only', async () => {
    api = answers();
    const element = await mount({ role: 'viewer' });
    for (const driver of summary.drivers) await openDetails(element, driver.id);
    expect(element.shadowRoot?.querySelectorAll('[part="assumption"]').length).to.be.greaterThan(0);
    expect(element.shadowRoot?.querySelectorAll('input, form').length).to.equal(0);
    expect(textOf(element.shadowRoot?.querySelector('[part="details"]'))).to.contain(
      'Only editors on your team can change these assumptions.',
    );
  });

  it('refuses an out-of-bounds value in words, without a request', async () => {
    api = answers();
    const element = await mount({ role: 'editor' });
    const details = await openDetails(element, 'automation_hours');
    const input = details.querySelector('input') as HTMLInputElement;
    expect(input.labels?.[0]?.textContent?.trim()).to.equal(
      'Loaded cost of one hour of staff time',
    );
    expect(input.min).to.equal('10');
    expect(input.max).to.equal('500');
    const requests = api.calls.length;
    await typeAndSave(element, input, '5');
    expect(api.calls.length).to.equal(requests);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const problem = details.querySelector('.field-problem');
    expect(textOf(problem)).to.equal(
      'Enter a value from $10 / hour to $500 / hour. Nothing was saved.',
    );
    expect(input.getAttribute('aria-describedby')).to.contain(problem?.id);
    await typeAndSave(element, input, 'abc');
    expect(api.calls.length).to.equal(requests);
  });

  it('saves a valid value, emits vp-assumption-change and reloads the figures', async () => {
    api = answers();
    api.answer('/v1/value/assumptions/hourly_rate', (call) => ({
      body: {
        change: { id: 'hourly_rate', value: (call.body as { value: number }).value },
        ...assumptions,
      },
    }));
    const element = await mount({ role: 'editor' });
    const details = await openDetails(element, 'automation_hours');
    const input = details.querySelector('input') as HTMLInputElement;
    const summaryCalls = () => api.calls.filter((call) => call.path === '/v1/value/summary').length;
    const before = summaryCalls();
    const changed = oneEvent(element, 'vp-assumption-change');
    const reloaded = oneEvent(element, 'vp-loaded');
    await typeAndSave(element, input, '60');
    const put = api.calls.find((call) => call.method === 'PUT');
    expect(put?.path).to.equal('/v1/value/assumptions/hourly_rate');
    expect(put?.body).to.deep.equal({ value: 60 });
    expect((await changed).detail).to.deep.equal({ id: 'hourly_rate', value: 60, previous: 55 });
    await reloaded;
    expect(summaryCalls()).to.equal(before + 1);
    const live = element.shadowRoot?.querySelector('[aria-live="polite"]');
    expect(textOf(live)).to.contain('Every figure is updated');
  });

  it('shows the server error next to the input and keeps the typed value', async () => {
    api = answers();
    const message = '"Loaded cost of one hour of staff time" must be between 10 and 500 USD/hour';
    api.answer('/v1/value/assumptions/hourly_rate', {
      status: 400,
      body: { error: { code: 'out_of_bounds', message } },
    });
    const element = await mount({ role: 'editor' });
    const details = await openDetails(element, 'automation_hours');
    const input = details.querySelector('input') as HTMLInputElement;
    const failed = oneEvent(element, 'vp-error');
    await typeAndSave(element, input, '70');
    expect((await failed).detail.code).to.equal('out_of_bounds');
    await settle(element);
    expect(textOf(details.querySelector('.field-problem'))).to.equal(message);
    expect(input.value).to.equal('70');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
  });

  it('offers "Reset to default" only when the value differs from the default', async () => {
    const custom: Assumptions = {
      ...assumptions,
      assumptions: assumptions.assumptions.map((assumption) =>
        assumption.id === 'hourly_rate'
          ? { ...assumption, value: 70, source: 'customer' }
          : assumption,
      ),
    };
    api = answers({ assumptions: custom });
    api.answer('/v1/value/assumptions/hourly_rate', { body: assumptions });
    const element = await mount({ role: 'editor' });
    const tickets = await openDetails(element, 'ticket_deflection');
    expect(textOf(tickets).includes('Reset to default')).to.equal(false);
    const details = await openDetails(element, 'automation_hours');
    const reset = [...details.querySelectorAll('button')].find((button) =>
      textOf(button).startsWith('Reset to default'),
    );
    expect(textOf(reset)).to.equal('Reset to default ($55 / hour)');
    const changed = oneEvent(element, 'vp-assumption-change');
    reset?.click();
    expect((await changed).detail).to.deep.equal({ id: 'hourly_rate', value: 55, previous: 70 });
    expect(api.calls.find((call) => call.method === 'PUT')?.body).to.deep.equal({ value: 55 });
  });

  it('shows the return on spend, payback and progress against each promise', async () => {
    api = answers();
    const element = await mount();
    const promised = element.shadowRoot?.querySelector('.promised');
    expect(textOf(promised?.querySelector('h4'))).to.equal('Against what was promised');
    expect(textOf(promised?.querySelector('.roi'))).to.contain('Your value is 20× what you pay.');
    expect(textOf(promised?.querySelector('.payback'))).to.contain(
      '18 days of value pay for a year of what you pay.',
    );
    const promises = [...(element.shadowRoot?.querySelectorAll('[part="promise"]') ?? [])];
    expect(promises.map((node) => textOf(node.querySelector('.p-label')))).to.deep.equal(
      (summary.promises ?? []).map((promise) => promise.label),
    );
    const first = summary.promises?.[0];
    expect(textOf(promises[0])).to.contain(`(${percent(first?.share ?? 0)})`);
    expect(textOf(promises[0]?.querySelector('.status'))).to.equal('Ahead of the promise');
  });

  it('shows an error with a retry, and an empty state', async () => {
    api = mockApi({
      '/v1/value/summary': {
        status: 503,
        body: { error: { code: 'unavailable', message: 'down' } },
      },
      '/v1/value/assumptions': { body: assumptions },
    });
    const failed = oneEvent(document, 'vp-error');
    const element = await fixture<VpDrivers>(
      html`<vp-drivers api=${API} token=${fakeToken()} locale="en" .cut=${cut}></vp-drivers>`,
    );
    expect((await failed).detail.code).to.equal('unavailable');
    await element.updateComplete;
    const error = element.shadowRoot?.querySelector('[part="error"]');
    expect(error?.getAttribute('role')).to.equal('alert');
    api.answer('/v1/value/summary', { body: { ...summary, drivers: [] } });
    const loaded = oneEvent(element, 'vp-loaded');
    error?.querySelector('button')?.click();
    await loaded;
    await element.updateComplete;
    expect(textOf(element.shadowRoot?.querySelector('[part="empty"]'))).to.equal(
      'No value recorded for this period yet.',
    );
  });

  it('lays out in one column with labelled figures in a narrow box', async () => {
    api = answers();
    const loaded = oneEvent(document, 'vp-loaded');
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.style.width = '360px';
    const element = document.createElement('vp-drivers');
    element.setAttribute('api', API);
    element.setAttribute('token', fakeToken());
    element.setAttribute('locale', 'en');
    element.cut = cut;
    wrapper.append(element);
    await loaded;
    await element.updateComplete;
    const head = element.shadowRoot?.querySelector('.head') as HTMLElement;
    expect(getComputedStyle(head).display).to.equal('none');
    const dt = rowOf(element, 'automation_hours').querySelector('dt') as HTMLElement;
    expect(dt.getBoundingClientRect().width).to.be.greaterThan(10);
    expect(element.getBoundingClientRect().width).to.be.at.most(360);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${theme} (editor, details open, an error shown)`, async () => {
      api = answers();
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      wrapper.style.background = theme === 'dark' ? '#0d1117' : '#ffffff';
      wrapper.style.padding = '16px';
      const loaded = oneEvent(document, 'vp-loaded');
      const element = document.createElement('vp-drivers');
      element.setAttribute('api', API);
      element.setAttribute('token', fakeToken(900, 'acme-corp', 'editor'));
      element.setAttribute('locale', 'en');
      element.setAttribute('theme', theme);
      element.setAttribute('vendor', 'Acme Flow');
      element.cut = cut;
      wrapper.append(element);
      await loaded;
      await element.updateComplete;
      const details = await openDetails(element, 'automation_hours');
      await openDetails(element, 'invoice_revenue');
      await typeAndSave(element, details.querySelector('input') as HTMLInputElement, '1');
      await expectNoAxeViolations(wrapper);
    });
  }
});
