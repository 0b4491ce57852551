import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import type { ValueStory } from '../../widget/api/types.ts';
import type { VpDashboard } from '../../widget/dashboard/dashboard.ts';
import { markersOf, sectionsOf } from '../../widget/dashboard/dashboard.ts';
import { expectNoAxeViolations } from './axe.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

let summary: typeof import('./fixtures/summary.json');
let series: unknown;
let forecast: unknown;
let story: ValueStory;
let explain: unknown;
let assumptions: unknown;
let cuts: unknown;
let levers: unknown;
let scenarios: unknown;

before(async () => {
  [levers, scenarios] = await Promise.all([
    loadFixture('scenario-levers'),
    loadFixture('scenarios'),
  ]);
  [summary, series, forecast, story, explain, assumptions, cuts] = await Promise.all([
    loadFixture<typeof summary>('summary'),
    loadFixture('series'),
    loadFixture('forecast'),
    loadFixture<ValueStory>('story'),
    loadFixture('explain'),
    loadFixture('assumptions'),
    loadFixture('cuts'),
  ]);
});

function demoApi(): MockApi {
  return mockApi({
    '/v1/value/summary': { body: summary },
    '/v1/value/series': { body: series },
    '/v1/value/forecast': { body: forecast },
    '/v1/value/story': { body: story },
    '/v1/value/explain': { body: explain },
    '/v1/value/assumptions': { body: assumptions },
    '/v1/value/cuts': { body: cuts },
    '/v1/scenarios/levers': { body: levers },
    '/v1/scenarios': { body: scenarios },
  });
}

function piece(dashboard: VpDashboard, tag: string): HTMLElement & Record<string, unknown> {
  const found = dashboard.shadowRoot?.querySelector(tag);
  if (!found) throw new Error(`${tag} is not in the dashboard`);
  return found as HTMLElement & Record<string, unknown>;
}

describe('<vp-dashboard>', () => {
  let api: MockApi;
  afterEach(() => api.restore());

  it('shows every piece by default and only the asked ones with sections', async () => {
    api = demoApi();
    const all = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    for (const tag of ['vp-cuts', 'vp-value-story', 'vp-trend-chart', 'vp-drivers', 'vp-explain']) {
      expect(all.shadowRoot?.querySelector(tag), tag).to.exist;
    }
    const some = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()} sections="story, trend"></vp-dashboard>`,
    );
    expect(some.shadowRoot?.querySelector('vp-value-story')).to.exist;
    expect(some.shadowRoot?.querySelector('vp-trend-chart')).to.exist;
    expect(some.shadowRoot?.querySelector('vp-drivers')).to.not.exist;
    expect(some.shadowRoot?.querySelector('vp-cuts')).to.not.exist;
  });

  it('asks for suggestions only once the story is on screen, so they never slow the answer', async () => {
    api = demoApi();
    const recommendations = await loadFixture('recommendations');
    api.answer('/v1/recommendations', { body: recommendations });
    const held = api.hold('/v1/value/story');
    const dashboard = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()} sections="story next"></vp-dashboard>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.calls.map((call) => call.path)).not.to.include('/v1/recommendations');
    expect(dashboard.shadowRoot?.querySelector('vp-next-best')).to.equal(null);
    // Its place is kept meanwhile: a skeleton, not a jump when it comes.
    expect(dashboard.shadowRoot?.querySelector('section [part~="loading"]')).to.exist;
    const ready = oneEvent(dashboard, 'vp-ready');
    held.release();
    await ready;
    await waitUntil(
      () => api.calls.some((call) => call.path === '/v1/recommendations'),
      'the suggestions asked for',
    );
    expect(dashboard.shadowRoot?.querySelector('vp-next-best')).to.exist;
  });

  it('reads sections leniently', () => {
    expect([...sectionsOf('story,,nonsense trend')]).to.deep.equal(['story', 'trend']);
    expect(sectionsOf('').size).to.equal(7);
    expect(sectionsOf('bogus').size).to.equal(7);
  });

  it('fires vp-ready once with the account when the story has loaded', async () => {
    api = demoApi();
    const element = document.createElement('vp-dashboard');
    element.api = API;
    element.token = fakeToken();
    const ready = oneEvent(element, 'vp-ready');
    let count = 0;
    element.addEventListener('vp-ready', () => {
      count += 1;
    });
    document.body.append(element);
    const event = await ready;
    expect(event.detail).to.deep.equal({ account: 'acme-corp' });
    expect(event.bubbles && event.composed).to.equal(true);
    await new Promise((done) => setTimeout(done, 100));
    expect(count).to.equal(1);
    element.remove();
  });

  it('asks fetchToken at start, shares one token between pieces, and again after a 401', async () => {
    const tokens = [fakeToken(900, 'acme-corp'), fakeToken(901, 'acme-corp')];
    let asked = 0;
    let rejectFirst = true;
    api = demoApi();
    api.answer('/v1/value/summary', (call) => {
      if (rejectFirst && call.authorization === `Bearer ${tokens[0]}`) {
        rejectFirst = false;
        return { status: 401, body: { error: { code: 'invalid_token', message: 'expired' } } };
      }
      return { body: summary };
    });
    const element = document.createElement('vp-dashboard');
    element.api = API;
    element.fetchToken = async () => {
      const token = tokens[Math.min(asked, 1)] as string;
      asked += 1;
      return token;
    };
    document.body.append(element);
    await oneEvent(element, 'vp-ready');
    await waitUntil(() =>
      api.calls.some(
        (call) => call.path === '/v1/value/summary' && call.authorization === `Bearer ${tokens[1]}`,
      ),
    );
    expect(asked).to.equal(2);
    element.remove();
  });

  it('speaks the token’s locale when it has no locale attribute; the attribute wins', async () => {
    api = demoApi();
    const uiLocale = (element: Element) => (element as unknown as { uiLocale: string }).uiLocale;
    const fixed = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken(900, 'acme-corp', 'viewer', { locale: 'de-AT' })}></vp-dashboard>`,
    );
    expect(uiLocale(fixed)).to.equal('de');
    expect(uiLocale(piece(fixed, 'vp-drivers'))).to.equal('de');
    expect(fixed.shadowRoot?.querySelector('h2')?.textContent).to.not.equal('Your value');
    fixed.locale = 'es';
    await fixed.updateComplete;
    expect(uiLocale(fixed)).to.equal('es');
    // With fetchToken the claim is read once the token is in hand.
    const element = document.createElement('vp-dashboard');
    element.api = API;
    element.fetchToken = async () => fakeToken(900, 'acme-corp', 'viewer', { locale: 'es' });
    document.body.append(element);
    await oneEvent(element, 'vp-ready');
    await element.updateComplete;
    expect(uiLocale(element)).to.equal('es');
    expect(uiLocale(piece(element, 'vp-value-story'))).to.equal('es');
    element.remove();
  });

  it('one "Try again" retries every failed piece, then vp-recovered lets the host clear its error', async () => {
    api = demoApi();
    const broken = { status: 500, body: { error: { code: 'internal', message: 'boom' } } };
    for (const path of ['/v1/value/story', '/v1/value/summary', '/v1/value/series']) {
      api.answer(path, broken);
    }
    const element = document.createElement('vp-dashboard');
    element.api = API;
    element.token = fakeToken();
    element.sections = 'story,trend,drivers';
    const errors: string[] = [];
    element.addEventListener('vp-error', (event) => errors.push(event.detail.code));
    const recovered: string[][] = [];
    element.addEventListener('vp-recovered', (event) => recovered.push(event.detail.pieces));
    document.body.append(element);
    const errorBox = (tag: string) =>
      element.shadowRoot?.querySelector(tag)?.shadowRoot?.querySelector('.state.error');
    const tags = ['vp-value-story', 'vp-trend-chart', 'vp-drivers'];
    await waitUntil(() => tags.every((tag) => errorBox(tag)), 'every piece shows its error');
    expect(errors).to.include('internal');
    expect(errorBox('vp-value-story')?.textContent).to.not.contain('internal');
    api.answer('/v1/value/story', { body: story });
    api.answer('/v1/value/summary', { body: summary });
    api.answer('/v1/value/series', { body: series });
    errorBox('vp-drivers')?.querySelector('button')?.click();
    await waitUntil(() => tags.every((tag) => !errorBox(tag)), 'every piece loads again');
    await waitUntil(() => recovered.length > 0, 'vp-recovered');
    expect(recovered).to.have.length(1);
    expect([...(recovered[0] ?? [])].sort()).to.deep.equal(['drivers', 'story', 'trend']);
    element.remove();
  });

  it('hands a cut to every piece and lets the event reach the host', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const cut = {
      ...element.cut,
      from: '2026-09-01',
      to: '2026-09-30',
      preset: 'custom' as const,
      filter: { by: 'team', value: 'Finance' },
    };
    const heard = oneEvent(document.body, 'vp-cut-change');
    piece(element, 'vp-cuts').dispatchEvent(
      new CustomEvent('vp-cut-change', { detail: cut, bubbles: true, composed: true }),
    );
    expect((await heard).detail).to.deep.equal(cut);
    await element.updateComplete;
    for (const tag of ['vp-value-story', 'vp-trend-chart', 'vp-drivers', 'vp-explain']) {
      expect((piece(element, tag).cut as { from: string }).from, tag).to.equal('2026-09-01');
    }
    await waitUntil(() =>
      api.calls.some(
        (call) => call.path === '/v1/value/story' && call.query.get('filter') === 'team:Finance',
      ),
    );
    const status = element.shadowRoot?.querySelector('[role=status][aria-live]');
    expect(status?.textContent).to.contain('Finance');
    // The header names the filter with the model's label once the ways to filter have loaded.
    await waitUntil(() =>
      element.shadowRoot?.querySelector('.period')?.textContent?.includes('Team: Finance'),
    );
  });

  it('asks again only what depends on the comparison when only the comparison changes', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const paths = ['/v1/value/story', '/v1/value/series', '/v1/value/summary'];
    await waitUntil(() => paths.every((path) => api.calls.some((call) => call.path === path)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = api.calls.length;
    const cut = {
      ...element.cut,
      compare: 'custom' as const,
      compareFrom: '2025-01-01',
      compareTo: '2025-03-31',
    };
    piece(element, 'vp-cuts').dispatchEvent(
      new CustomEvent('vp-cut-change', { detail: cut, bubbles: true, composed: true }),
    );
    await waitUntil(() =>
      api.calls
        .slice(before)
        .some((call) => call.path === '/v1/value/story' && call.query.get('compareFrom')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = api.calls.slice(before);
    // The story and the drivers' summary, each once, with the compared period; the chart's
    // series, forecast and summary and the assumptions do not depend on it.
    expect(after.map((call) => call.path).sort()).to.deep.equal([
      '/v1/value/story',
      '/v1/value/summary',
    ]);
    for (const call of after) {
      expect(call.query.get('compareFrom')).to.equal('2025-01-01');
      expect(call.query.get('compareTo')).to.equal('2025-03-31');
    }
    element.remove();
  });

  it('names a feature filter in the reader’s words (the server sends no label for it)', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()} locale="en"></vp-dashboard>`,
    );
    element.cut = { ...element.cut, filter: { by: 'feature', value: 'Automations' } };
    const header = () => element.shadowRoot?.querySelector('.period')?.textContent ?? '';
    await waitUntil(() => header().includes('Feature: Automations'), header());
    element.locale = 'de';
    await waitUntil(() => header().includes('Funktion: Automations'), header());
    element.locale = 'es';
    await waitUntil(() => header().includes('Función: Automations'), header());
  });

  it('recomputes every piece after an assumption changes', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const before = element.revision;
    piece(element, 'vp-drivers').dispatchEvent(
      new CustomEvent('vp-assumption-change', {
        detail: { id: 'hourly_rate', value: 80, previous: 55 },
        bubbles: true,
        composed: true,
      }),
    );
    await element.updateComplete;
    expect(element.revision).to.equal(before + 1);
    expect(piece(element, 'vp-trend-chart').revision).to.equal(before + 1);
  });

  it('passes the story facts a sentence cites to the chart, and unusual points as markers', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const facts = [{ driver: 'automation_hours', from: '2026-09-01', to: '2026-09-30' }];
    piece(element, 'vp-value-story').dispatchEvent(
      new CustomEvent('vp-facts-focus', { detail: { facts }, bubbles: true, composed: true }),
    );
    await element.updateComplete;
    expect(piece(element, 'vp-trend-chart').highlight).to.deep.equal(facts);
    const withUnusual = structuredClone(story);
    const first = withUnusual.chapters[0]?.insights[0];
    if (!first) throw new Error('the fixture story has no insight');
    withUnusual.chapters[0]?.insights.push({
      ...first,
      type: 'unusual_change',
      drivers: ['reporting_hours'],
      text: 'Reports dropped sharply on 12 Oct.',
    });
    expect(markersOf(withUnusual).map((marker) => marker.driver)).to.deep.equal([
      'reporting_hours',
    ]);
  });

  it('opens troubleshooting for a "why" request from a piece', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const request = {
      driver: 'total',
      from: '2026-10-05',
      to: '2026-10-11',
      compareFrom: '2026-09-28',
      compareTo: '2026-10-04',
    };
    piece(element, 'vp-trend-chart').dispatchEvent(
      new CustomEvent('vp-explain-request', { detail: request, bubbles: true, composed: true }),
    );
    await element.updateComplete;
    expect(piece(element, 'vp-explain').request).to.deep.equal(request);
  });

  it('keeps "Plan ahead" closed, and loads the planner only when the customer opens it', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()} locale="en"></vp-dashboard>`,
    );
    const toggle = element.shadowRoot?.querySelector('.plan-head button') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(element.shadowRoot?.querySelector('vp-scenario-planner')).to.equal(null);
    expect(api.calls.some((call) => call.path.startsWith('/v1/scenarios'))).to.equal(false);
    toggle.click();
    await element.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const planner = piece(element, 'vp-scenario-planner') as unknown as {
      bodyReady(): Promise<void>;
    } & HTMLElement;
    await planner.bodyReady();
    await waitUntil(
      () => api.calls.some((call) => call.path === '/v1/scenarios/levers'),
      'the levers asked for',
    );
    toggle.click();
    await element.updateComplete;
    expect(planner.hidden, 'hidden, not dropped: the plan on screen is kept').to.equal(true);
  });

  it('opens the planner with the goal when the story asks "What would it take?"', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()} locale="en"></vp-dashboard>`,
    );
    const goal = { target: 3873.5, driver: 'automation_hours' };
    const explain = { driver: 'automation_hours', from: '2026-06-01', to: '2026-11-27' };
    piece(element, 'vp-value-story').dispatchEvent(
      new CustomEvent('vp-plan-request', {
        detail: { goal, explain },
        bubbles: true,
        composed: true,
      }),
    );
    await element.updateComplete;
    const planner = piece(element, 'vp-scenario-planner');
    expect(planner.goal).to.deep.equal(goal);
    expect(planner.hidden).to.equal(false);
    // Without the planner among the sections, the same question opens troubleshooting instead.
    const noPlan = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()} sections="story explain"></vp-dashboard>`,
    );
    piece(noPlan, 'vp-value-story').dispatchEvent(
      new CustomEvent('vp-plan-request', {
        detail: { goal, explain },
        bubbles: true,
        composed: true,
      }),
    );
    await noPlan.updateComplete;
    expect(piece(noPlan, 'vp-explain').request).to.deep.equal(explain);
  });

  it('moves focus to the answer after "Why did it change?", and Escape takes it back', async () => {
    api = demoApi();
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const storyPiece = piece(element, 'vp-value-story');
    await waitUntil(() => storyPiece.shadowRoot?.querySelector('[part~="question"]'), 'a question');
    const question = storyPiece.shadowRoot?.querySelector<HTMLButtonElement>('[part~="question"]');
    question?.focus();
    question?.click();
    // <vp-explain> shows its body, loaded when first shown, inside its own shadow root.
    const body = () => piece(element, 'vp-explain').shadowRoot?.querySelector('vp-explain-panel');
    const answer = () => body()?.shadowRoot?.querySelector('[part~="answer"]');
    await waitUntil(
      () => answer() && body()?.shadowRoot?.activeElement === answer(),
      'focus on the answer',
    );
    answer()?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    expect(storyPiece.shadowRoot?.activeElement).to.equal(question);
  });

  it('keeps host CSS out and survives being defined twice', async () => {
    api = demoApi();
    const style = document.createElement('style');
    style.textContent =
      'h2, h3, p, button { color: rgb(255, 0, 0) !important; font-size: 40px !important; }';
    document.head.append(style);
    const element = await fixture<VpDashboard>(
      html`<vp-dashboard api=${API} token=${fakeToken()}></vp-dashboard>`,
    );
    const title = element.shadowRoot?.querySelector('h2') as HTMLElement;
    expect(getComputedStyle(title).color).to.not.equal('rgb(255, 0, 0)');
    style.remove();
    const { defineElement } = await import('../../widget/core/define.ts');
    expect(() => defineElement('vp-dashboard', class extends HTMLElement {})).to.not.throw();
    expect(customElements.get('vp-dashboard')).to.equal(element.constructor);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations once loaded (${theme})`, async () => {
      api = demoApi();
      const element = document.createElement('vp-dashboard');
      element.api = API;
      element.token = fakeToken(900, 'acme-corp', 'editor');
      element.theme = theme;
      const ready = oneEvent(element, 'vp-ready');
      document.body.append(element);
      await ready;
      await new Promise((done) => setTimeout(done, 300));
      await expectNoAxeViolations(element);
      element.remove();
    });
  }
});
