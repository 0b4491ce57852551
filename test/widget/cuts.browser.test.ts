import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Cut } from '../../widget/core/cut.ts';
import '../../widget/cuts/cuts.ts';
import type { VpCuts } from '../../widget/cuts/cuts.ts';
import { expectNoAxeViolations } from './axe.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

// JSON import attributes do not load in the test runner: fixtures are fetched from the dev server.
let cutsFixture: typeof import('./fixtures/cuts.json');
before(async () => {
  cutsFixture = await loadFixture<typeof cutsFixture>('cuts');
});

const TODAY = '2026-11-27';
/** The cut a dashboard starts with on TODAY, written out by hand: 90 days ending yesterday. */
const START: Cut = {
  from: '2026-08-29',
  to: '2026-11-26',
  preset: '90d',
  compare: 'previous',
  compareFrom: '2026-05-31',
  compareTo: '2026-08-28',
};

async function settle(element: VpCuts): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}

async function mount(cut: Cut = START, theme = 'light'): Promise<VpCuts> {
  const element = await fixture<VpCuts>(html`<vp-cuts
    api=${API}
    token=${fakeToken()}
    locale="en"
    theme=${theme}
    today=${TODAY}
    .cut=${cut}
  ></vp-cuts>`);
  await settle(element);
  return element;
}

function $(element: VpCuts, selector: string): HTMLElement {
  const found = element.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector} in vp-cuts`);
  return found;
}

function choose(element: VpCuts, selector: string, value: string): void {
  const select = $(element, selector) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function type(element: VpCuts, selector: string, value: string): void {
  const input = $(element, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function record(element: VpCuts): Cut[] {
  const seen: Cut[] = [];
  element.addEventListener('vp-cut-change', (event) => seen.push(event.detail));
  return seen;
}

function text(element: VpCuts): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

describe('<vp-cuts>', () => {
  let api: MockApi;
  beforeEach(() => {
    // The server names the model's segments in the language asked for (the model's own words).
    const named: Record<string, Record<string, string>> = {
      de: { team: 'Team', workspace: 'Arbeitsbereich' },
      es: { team: 'Equipo', workspace: 'Espacio de trabajo' },
    };
    api = mockApi({
      '/v1/value/cuts': (call) => {
        const words = named[call.query.get('locale') ?? ''];
        return {
          body: {
            ...cutsFixture,
            segments: cutsFixture.segments.map((segment) =>
              words?.[segment.id] ? { ...segment, label: words[segment.id] } : segment,
            ),
          },
        };
      },
    });
  });
  afterEach(() => api.restore());

  it('shows the current cut: preset, compare choice and the periods in words', async () => {
    const element = await mount();
    expect(($(element, '#period') as HTMLSelectElement).value).to.equal('90d');
    expect(($(element, '#compare') as HTMLSelectElement).value).to.equal('previous');
    expect(($(element, '#filter-by') as HTMLSelectElement).value).to.equal('');
    const summary = $(element, '[part="summary"]').textContent ?? '';
    expect(summary).to.contain('Aug 29 – Nov 26, 2026');
    expect(summary).to.contain('compared with May 31 – Aug 28, 2026');
    expect(($(element, '#include-today') as HTMLInputElement).checked).to.equal(false);
    expect(api.calls.map((call) => call.path)).to.deep.equal(['/v1/value/cuts']);
  });

  const presets: Array<[string, string, string, string, string]> = [
    // preset, from, to, compareFrom, compareTo (the period of the same length just before);
    // every preset ends yesterday, the last complete day: 2026-11-26.
    ['30d', '2026-10-28', '2026-11-26', '2026-09-28', '2026-10-27'],
    ['qtd', '2026-10-01', '2026-11-26', '2026-08-05', '2026-09-30'],
    ['ytd', '2026-01-01', '2026-11-26', '2025-02-05', '2025-12-31'],
    ['12m', '2025-11-27', '2026-11-26', '2024-11-27', '2025-11-26'],
  ];
  for (const [preset, from, to, compareFrom, compareTo] of presets) {
    it(`emits the whole cut for "${preset}" counted back from the given day`, async () => {
      const element = await mount();
      setTimeout(() => choose(element, '#period', preset));
      const event = await oneEvent(element, 'vp-cut-change');
      expect(event.detail).to.deep.equal({
        from,
        to,
        preset,
        compare: 'previous',
        compareFrom,
        compareTo,
      });
      expect(element.cut).to.deep.equal(event.detail);
      expect(event.bubbles && event.composed).to.equal(true);
    });
  }

  it('compares with the same days a year earlier (52 weeks back)', async () => {
    const element = await mount();
    setTimeout(() => choose(element, '#compare', 'last_year'));
    const event = await oneEvent(element, 'vp-cut-change');
    expect(event.detail).to.deep.equal({
      ...START,
      compare: 'last_year',
      compareFrom: '2025-08-30',
      compareTo: '2025-11-27',
    });
    // A later preset keeps comparing with last year.
    setTimeout(() => choose(element, '#period', '30d'));
    const next = await oneEvent(element, 'vp-cut-change');
    expect(next.detail.compareFrom).to.equal('2025-10-29');
    expect(next.detail.compareTo).to.equal('2025-11-27');
  });

  it('includes today only when asked, and ends the presets yesterday again when not', async () => {
    const element = await mount();
    const seen = record(element);
    const box = $(element, '#include-today') as HTMLInputElement;
    expect(box.labels?.[0]?.textContent?.trim()).to.equal('Include today');
    box.click();
    await element.updateComplete;
    expect(seen.at(-1)).to.deep.equal({
      from: '2026-08-30',
      to: '2026-11-27',
      preset: '90d',
      compare: 'previous',
      compareFrom: '2026-06-01',
      compareTo: '2026-08-29',
      includeToday: true,
    });
    // A later preset keeps today in.
    choose(element, '#period', '30d');
    expect(seen.at(-1)).to.include({ from: '2026-10-29', to: '2026-11-27', includeToday: true });
    ($(element, '#include-today') as HTMLInputElement).click();
    await element.updateComplete;
    expect(seen.at(-1)).to.deep.equal({
      from: '2026-10-28',
      to: '2026-11-26',
      preset: '30d',
      compare: 'previous',
      compareFrom: '2026-09-28',
      compareTo: '2026-10-27',
    });
    element.locale = 'de';
    await element.updateComplete;
    expect($(element, 'label[for="include-today"]').textContent?.trim()).to.equal(
      'Heute einbeziehen',
    );
    element.locale = 'es';
    await element.updateComplete;
    expect($(element, 'label[for="include-today"]').textContent?.trim()).to.equal('Incluir hoy');
  });

  it('applies custom days only when they are valid, explaining the problem in words', async () => {
    const element = await mount();
    const seen = record(element);
    choose(element, '#period', 'custom');
    await element.updateComplete;
    expect(seen).to.have.length(0);
    expect(($(element, '#from') as HTMLInputElement).value).to.equal(START.from);

    type(element, '#from', '2026-11-01');
    type(element, '#to', '2026-10-01');
    $(element, '#apply-period').click();
    await element.updateComplete;
    expect($(element, '#period-problem').textContent).to.contain(
      'The start date is after the end date',
    );
    expect($(element, '#from').getAttribute('aria-invalid')).to.equal('true');
    expect(seen).to.have.length(0);

    // The one longest period of the server and the widget (blueprint/days MAX_PERIOD_DAYS).
    type(element, '#from', '2016-01-01');
    type(element, '#to', '2026-11-27');
    await element.updateComplete;
    expect($(element, '#period-problem').textContent).to.contain('That is 3984 days');
    $(element, '#apply-period').click();
    await element.updateComplete;
    expect($(element, '#period-problem').textContent).to.contain('at most 3660 days');
    expect(seen).to.have.length(0);
    // Ten years of days is a period.
    type(element, '#from', '2016-12-06');
    $(element, '#apply-period').click();
    await element.updateComplete;
    expect(seen.at(-1)).to.include({ from: '2016-12-06', to: '2026-11-27', preset: 'custom' });
    seen.length = 0;
    type(element, '#from', '2016-01-01');
    $(element, '#apply-period').click();
    await element.updateComplete;
    expect(seen).to.have.length(0);

    type(element, '#from', '');
    $(element, '#apply-period').click();
    await element.updateComplete;
    expect($(element, '#period-problem').textContent).to.contain('Pick both a start date');
    expect(seen).to.have.length(0);

    type(element, '#from', '2026-10-01');
    type(element, '#to', '2026-10-31');
    await element.updateComplete;
    expect($(element, '#period-problem').textContent?.trim()).to.equal('');
    $(element, '#apply-period').click();
    await element.updateComplete;
    expect(seen).to.deep.equal([
      {
        from: '2026-10-01',
        to: '2026-10-31',
        preset: 'custom',
        compare: 'previous',
        compareFrom: '2026-08-31',
        compareTo: '2026-09-30',
      },
    ]);
    expect($(element, '[part="summary"]').textContent).to.contain('Oct 1 – 31, 2026');
  });

  it('takes custom compare days, refusing reversed ones', async () => {
    const element = await mount();
    const seen = record(element);
    choose(element, '#compare', 'custom');
    await element.updateComplete;
    type(element, '#compare-from', '2025-12-01');
    type(element, '#compare-to', '2025-09-01');
    $(element, '#apply-compare').click();
    await element.updateComplete;
    expect($(element, '#compare-problem').textContent).to.contain('The start date is after');
    expect(seen).to.have.length(0);
    type(element, '#compare-from', '2025-09-01');
    type(element, '#compare-to', '2025-11-29');
    $(element, '#apply-compare').click();
    await element.updateComplete;
    expect(seen).to.deep.equal([
      { ...START, compare: 'custom', compareFrom: '2025-09-01', compareTo: '2025-11-29' },
    ]);
    // Custom compare days stay when the period changes.
    choose(element, '#period', '30d');
    expect(seen[1]?.compareFrom).to.equal('2025-09-01');
    expect(seen[1]?.compareTo).to.equal('2025-11-29');
  });

  it('filters by a value once one is picked, and clears the filter', async () => {
    const element = await mount();
    const seen = record(element);
    const byOptions = [...($(element, '#filter-by') as HTMLSelectElement).options].map((option) =>
      option.textContent?.trim(),
    );
    expect(byOptions).to.deep.equal(['Everything', 'By team', 'By workspace', 'By feature']);

    choose(element, '#filter-by', 'team');
    await element.updateComplete;
    expect(seen).to.have.length(0);
    const valueSelect = $(element, '#filter-value') as HTMLSelectElement;
    expect(valueSelect.labels?.[0]?.textContent?.trim()).to.equal('Team');
    expect([...valueSelect.options].map((option) => option.value)).to.deep.equal([
      '',
      ...(cutsFixture.segments[0]?.values ?? []),
    ]);

    choose(element, '#filter-value', 'Finance');
    await element.updateComplete;
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.equal({ ...START, filter: { by: 'team', value: 'Finance' } });
    expect($(element, '[part="summary"]').textContent).to.contain('Only Team: Finance');

    $(element, '#clear-filter').click();
    await element.updateComplete;
    await element.updateComplete;
    expect(seen).to.have.length(2);
    expect(seen[1]).to.deep.equal(START);
    expect('filter' in (seen[1] as object)).to.equal(false);
    expect(element.shadowRoot?.querySelector('#clear-filter')).to.equal(null);
    expect(element.shadowRoot?.activeElement?.id).to.equal('filter-by');
  });

  it('keeps the filter when the period changes, and drops it with "Everything"', async () => {
    const filtered: Cut = { ...START, filter: { by: 'workspace', value: 'EMEA' } };
    const element = await mount(filtered);
    expect(($(element, '#filter-by') as HTMLSelectElement).value).to.equal('workspace');
    expect(($(element, '#filter-value') as HTMLSelectElement).value).to.equal('EMEA');
    const seen = record(element);
    choose(element, '#period', '30d');
    expect(seen[0]?.filter).to.deep.equal({ by: 'workspace', value: 'EMEA' });
    choose(element, '#filter-by', '');
    expect(seen).to.have.length(2);
    expect(seen[1]?.filter).to.equal(undefined);
  });

  it('follows a cut the dashboard sets', async () => {
    const element = await mount();
    element.cut = {
      from: '2026-03-01',
      to: '2026-03-31',
      preset: 'custom',
      compare: 'last_year',
      compareFrom: '2025-03-02',
      compareTo: '2025-04-01',
      filter: { by: 'feature', value: 'Automations' },
    };
    await element.updateComplete;
    expect(($(element, '#period') as HTMLSelectElement).value).to.equal('custom');
    expect(($(element, '#from') as HTMLInputElement).value).to.equal('2026-03-01');
    expect(($(element, '#to') as HTMLInputElement).value).to.equal('2026-03-31');
    expect(($(element, '#compare') as HTMLSelectElement).value).to.equal('last_year');
    expect(($(element, '#filter-value') as HTMLSelectElement).value).to.equal('Automations');
    // The server names no "feature" way: the widget's own word does, in the reader's language.
    const byFeature = $(element, '#filter-value') as HTMLSelectElement;
    expect(byFeature.labels?.[0]?.textContent?.trim()).to.equal('Feature');
    expect($(element, '[part="summary"]').textContent).to.contain('Only Feature: Automations');
    element.locale = 'de';
    await settle(element);
    const byFeatureDe = $(element, '#filter-value') as HTMLSelectElement;
    expect(byFeatureDe.labels?.[0]?.textContent?.trim()).to.equal('Funktion');
    expect($(element, '[part="summary"]').textContent).to.contain('Nur Funktion: Automations');
  });

  it('shows a loading filter while /cuts is on its way', async () => {
    const held = api.hold('/v1/value/cuts');
    const element = await fixture<VpCuts>(html`<vp-cuts
      api=${API}
      token=${fakeToken()}
      locale="en"
      today=${TODAY}
      .cut=${START}
    ></vp-cuts>`);
    await element.updateComplete;
    expect($(element, '[part="filter"] [role="status"]').textContent).to.contain(
      'Loading the ways to filter',
    );
    expect(($(element, '#period') as HTMLSelectElement).disabled).to.equal(false);
    held.release();
    await settle(element);
    expect(element.shadowRoot?.querySelector('#filter-by')).to.not.equal(null);
  });

  it('keeps the periods usable when /cuts fails, and retries', async () => {
    api.answer('/v1/value/cuts', {
      status: 500,
      body: { error: { code: 'internal', message: 'boom' } },
    });
    const errors: Array<{ code: string }> = [];
    const element = await fixture<VpCuts>(html`<vp-cuts
      api=${API}
      token=${fakeToken()}
      locale="en"
      today=${TODAY}
      .cut=${{ ...START, filter: { by: 'team', value: 'IT' } }}
      @vp-error=${(event: CustomEvent<{ code: string }>) => errors.push(event.detail)}
    ></vp-cuts>`);
    await settle(element);
    expect($(element, '[part="filter"]').textContent).to.contain('Filtering is unavailable');
    expect(errors).to.deep.equal([{ code: 'internal', message: 'boom' }]);
    expect(element.shadowRoot?.querySelector('#filter-by')).to.equal(null);

    setTimeout(() => choose(element, '#period', '30d'));
    const event = await oneEvent(element, 'vp-cut-change');
    expect(event.detail.from).to.equal('2026-10-28');
    expect(event.detail.filter).to.deep.equal({ by: 'team', value: 'IT' });

    // The filter that is on can still be taken off.
    setTimeout(() => $(element, '#clear-filter').click());
    const cleared = await oneEvent(element, 'vp-cut-change');
    expect(cleared.detail.filter).to.equal(undefined);

    api.answer('/v1/value/cuts', { body: cutsFixture });
    $(element, '#retry-filter').click();
    await settle(element);
    expect(element.shadowRoot?.querySelector('#filter-by')).to.not.equal(null);
  });

  it('uses options the dashboard hands down without fetching', async () => {
    const element = await fixture<VpCuts>(html`<vp-cuts
      locale="en"
      today=${TODAY}
      .cut=${START}
      .options=${cutsFixture}
    ></vp-cuts>`);
    await settle(element);
    expect(api.calls).to.have.length(0);
    expect(($(element, '#filter-by') as HTMLSelectElement).options).to.have.length(4);
  });

  it('labels every control, reachable by Tab, in plain words', async () => {
    const element = await mount({ ...START, filter: { by: 'team', value: 'Quality' } });
    choose(element, '#period', 'custom');
    await element.updateComplete;
    const controls = [
      ...(element.shadowRoot?.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
        'select, input',
      ) ?? []),
    ];
    expect(controls.map((control) => control.id)).to.deep.equal([
      'period',
      'include-today',
      'from',
      'to',
      'compare',
      'filter-by',
      'filter-value',
    ]);
    for (const control of controls) {
      expect(control.labels?.length, control.id).to.equal(1);
      expect(control.tabIndex).to.equal(0);
    }
    for (const button of element.shadowRoot?.querySelectorAll('button') ?? []) {
      expect(button.textContent?.trim()).to.not.equal('');
    }
    expect(text(element).toLowerCase()).to.not.contain('segment');
  });

  it('speaks German and Spanish', async () => {
    const element = await mount();
    element.locale = 'de';
    await settle(element);
    expect($(element, 'label[for="period"]').textContent).to.equal('Zeitraum');
    expect($(element, '[part="summary"]').textContent).to.contain('verglichen mit');
    const ways = () =>
      [...($(element, '#filter-by') as HTMLSelectElement).options].map((option) =>
        option.textContent?.trim(),
      );
    // The segments in the model's German words, asked for with the reader's language.
    expect(ways()).to.deep.equal(['Alles', 'Nach Team', 'Nach Arbeitsbereich', 'Nach Funktion']);
    expect(api.calls.at(-1)?.query.get('locale')).to.equal('de');
    element.locale = 'es';
    await settle(element);
    expect($(element, 'label[for="compare"]').textContent).to.equal('Comparado con');
    expect(ways()).to.deep.equal(['Todo', 'Por equipo', 'Por espacio de trabajo', 'Por función']);
  });

  for (const theme of ['light', 'dark']) {
    it(`has no axe violations in ${theme}, with custom days, a problem and a filter open`, async () => {
      const element = await mount({ ...START, filter: { by: 'team', value: 'Quality' } }, theme);
      choose(element, '#period', 'custom');
      choose(element, '#compare', 'custom');
      await element.updateComplete;
      type(element, '#from', '2026-12-01');
      $(element, '#apply-period').click();
      await element.updateComplete;
      await expectNoAxeViolations(element);
    });
  }
});
