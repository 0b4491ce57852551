import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Fact, ValueStory } from '../../widget/api/types.ts';
import type { ExplainRequest, FactFocus } from '../../widget/core/events.ts';
import '../../widget/story/story.ts';
import type { VpValueStory } from '../../widget/story/story.ts';
import { expectNoAxeViolations } from './axe.ts';
import { API, FIXTURE_CUT, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

const cut = FIXTURE_CUT;

/** The designed "not enough data" story, as the story route answers it for a young account. */
const notEnoughData: ValueStory = {
  account: 'initech',
  period: { from: '2026-05-20', to: '2026-06-10' },
  locale: 'en',
  headline: {
    text: 'Not enough data yet: we need 14 days of activity to show trends. So far there are 10 days. Your story fills in around June 15, 2026.',
    facts: ['needed:14:14 days', 'have:10:10 days'].map((spec) => {
      const [id, value, formatted] = spec.split(':') as [string, string, string];
      return {
        id,
        label: id,
        value: Number(value),
        unit: { kind: 'days' },
        estimated: false,
        formatted,
        provenance: {
          driver: 'total',
          period: { from: '2026-05-20', to: '2026-06-10' },
          query: '/v1/value/summary?from=2026-05-20&to=2026-06-10',
        },
      } satisfies Fact;
    }),
  },
  chapters: [],
  notices: [],
  dataStatus: { state: 'partial' },
  generatedAt: '2026-06-11T08:00:00.000Z',
  modelVersion: 1,
};

/** Each cited driver and period once, in the order the facts cite them. */
function expectedFocus(facts: Fact[]): FactFocus[] {
  const out: FactFocus[] = [];
  for (const fact of facts) {
    const entry = {
      driver: fact.provenance.driver,
      from: fact.provenance.period.from,
      to: fact.provenance.period.to,
    };
    if (!out.some((seen) => JSON.stringify(seen) === JSON.stringify(entry))) out.push(entry);
  }
  return out;
}

function sentences(element: VpValueStory): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[part="sentence"]') ?? [])];
}

function part(element: VpValueStory, name: string): HTMLElement | null {
  return element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textOf(node: Element | null): string {
  return squash(node?.textContent ?? '');
}

/** A notice's words, without its decorative mark. */
function noticeText(node: Element | null): string {
  return textOf(node?.querySelector('.notice-text') ?? null);
}

async function mount(options: { locale?: string; theme?: string } = {}) {
  const loaded = oneEvent(document, 'vp-loaded');
  const element = await fixture<VpValueStory>(html`<vp-value-story
    api=${API}
    token=${fakeToken()}
    locale=${options.locale ?? 'en'}
    theme=${options.theme ?? 'light'}
    .cut=${cut}
  ></vp-value-story>`);
  await loaded;
  await element.updateComplete;
  return element;
}

describe('<vp-value-story>', () => {
  let api: MockApi;
  let story: ValueStory;
  let initech: ValueStory;
  before(async () => {
    story = await loadFixture<ValueStory>('story.json');
    initech = await loadFixture<ValueStory>('story-initech.json');
  });
  afterEach(() => api.restore());

  it('shows a skeleton shaped like a headline and lines while the story loads', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const hold = api.hold('/v1/value/story');
    const element = await fixture<VpValueStory>(
      html`<vp-value-story api=${API} token=${fakeToken()} locale="en" .cut=${cut}></vp-value-story>`,
    );
    const loading = part(element, 'loading');
    expect(loading).to.exist;
    expect(loading?.getAttribute('role')).to.equal('status');
    expect(loading?.querySelectorAll('.skeleton-headline').length).to.be.greaterThan(0);
    expect(loading?.querySelectorAll('.skeleton-lines').length).to.be.greaterThan(0);
    expect(part(element, 'headline')).to.equal(null);
    const loaded = oneEvent(element, 'vp-loaded');
    hold.release();
    await loaded;
    await element.updateComplete;
    expect(part(element, 'loading')).to.equal(null);
    expect(textOf(part(element, 'headline'))).to.contain(story.headline.text);
  });

  it('asks for the cut in the element locale and renders headline, chapters and sentences', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const changed = oneEvent(document, 'vp-story-change');
    const element = await mount();
    const call = api.calls[0];
    expect(call?.path).to.equal('/v1/value/story');
    expect(call?.query.get('from')).to.equal(cut.from);
    expect(call?.query.get('to')).to.equal(cut.to);
    expect(call?.query.get('locale')).to.equal('en');
    expect((await changed).detail.story).to.deep.equal(story);

    const headings = [...(element.shadowRoot?.querySelectorAll('h3, h4') ?? [])];
    expect(headings[0]?.tagName).to.equal('H3');
    expect(headings[0]?.getAttribute('part')).to.equal('headline');
    expect(textOf(headings[0] ?? null)).to.contain(story.headline.text);
    const chapters = element.shadowRoot?.querySelectorAll('[part="chapter"]') ?? [];
    expect([...chapters].map((chapter) => textOf(chapter.querySelector('h4')))).to.deep.equal(
      story.chapters.map((chapter) => chapter.title),
    );
    const texts = story.chapters.flatMap((chapter) => chapter.insights.map((i) => i.text));
    expect(
      sentences(element).map((sentence) => textOf(sentence).replace(/ Estimated.*$/, '')),
    ).to.deep.equal(texts);
    // Each sentence is focusable; one stop of the story is in the tab order (roving tabindex).
    for (const sentence of sentences(element))
      expect(sentence.hasAttribute('tabindex')).to.equal(true);
    expect(element.shadowRoot?.querySelectorAll('[tabindex="0"]')).to.have.length(1);
  });

  it('emits vp-loaded with the piece and account', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const loaded = oneEvent(document, 'vp-loaded');
    await fixture(
      html`<vp-value-story api=${API} token=${fakeToken()} .cut=${cut}></vp-value-story>`,
    );
    expect((await loaded).detail).to.deep.equal({ piece: 'story', account: 'acme-corp' });
  });

  it('shows an error with a retry that loads the story', async () => {
    api = mockApi({
      '/v1/value/story': { status: 500, body: { error: { code: 'internal', message: 'boom' } } },
    });
    const failed = oneEvent(document, 'vp-error');
    const element = await fixture<VpValueStory>(
      html`<vp-value-story api=${API} token=${fakeToken()} locale="en" .cut=${cut}></vp-value-story>`,
    );
    expect((await failed).detail.code).to.equal('internal');
    await element.updateComplete;
    const error = part(element, 'error');
    expect(error?.getAttribute('role')).to.equal('alert');
    // In the customer's words, without the raw code.
    expect(textOf(error)).to.contain('Something went wrong on our side.');
    expect(textOf(error)).to.not.contain('internal');
    api.answer('/v1/value/story', { body: story });
    const loaded = oneEvent(element, 'vp-loaded');
    error?.querySelector('button')?.click();
    await loaded;
    await element.updateComplete;
    expect(part(element, 'error')).to.equal(null);
    expect(textOf(part(element, 'headline'))).to.contain(story.headline.text);
  });

  it('says plainly that the data is incomplete (story-initech.json)', async () => {
    api = mockApi({ '/v1/value/story': { body: initech } });
    const element = await mount();
    const notices = [...(element.shadowRoot?.querySelectorAll('[part="notice"]') ?? [])];
    expect(notices.map(noticeText)).to.deep.equal(initech.notices.map((notice) => notice.text));
    // Next to the headline: right after it, before the first chapter.
    expect(part(element, 'headline')?.nextElementSibling?.contains(notices[0] ?? null)).to.equal(
      true,
    );
    expect(textOf(part(element, 'headline'))).to.contain(initech.headline.text);
  });

  it('renders the designed not-enough-data story honestly, without chapters or badges', async () => {
    api = mockApi({ '/v1/value/story': { body: notEnoughData } });
    const element = await mount();
    const headline = part(element, 'headline');
    expect(textOf(headline)).to.equal(notEnoughData.headline.text);
    expect(headline?.classList.contains('status')).to.equal(true);
    expect(part(element, 'error')).to.equal(null);
    expect(element.shadowRoot?.querySelectorAll('[part="chapter"]').length).to.equal(0);
    expect(element.shadowRoot?.querySelectorAll('.badge').length).to.equal(0);
  });

  it('announces the new headline in a live region after the cut changes', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const element = await mount();
    const live = element.shadowRoot?.querySelector('[aria-live="polite"]');
    expect(textOf(live ?? null)).to.equal('');
    api.answer('/v1/value/story', { body: initech });
    const loaded = oneEvent(element, 'vp-loaded');
    element.cut = { ...cut, filter: { by: 'team', value: 'Support' } };
    await loaded;
    await element.updateComplete;
    expect(api.calls.at(-1)?.query.get('filter')).to.equal('team:Support');
    expect(textOf(live ?? null)).to.contain(initech.headline.text);
    expect(textOf(part(element, 'headline'))).to.contain(initech.headline.text);
  });

  it('emits the cited facts on hover and focus, and none on leave and blur', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const element = await mount();
    const insight = story.chapters[0]?.insights[0];
    const sentence = sentences(element)[0] as HTMLElement;

    // Focus events, not focus(): a test page in the background gets no focus events from focus().
    let event = oneEvent(element, 'vp-facts-focus');
    sentence.dispatchEvent(new FocusEvent('focus'));
    expect((await event).detail.facts).to.deep.equal(expectedFocus(insight?.facts ?? []));
    // period_change cites this quarter and the one before.
    expect((await event).detail.facts).to.have.length(2);
    event = oneEvent(element, 'vp-facts-focus');
    sentence.dispatchEvent(new FocusEvent('blur'));
    expect((await event).detail).to.deep.equal({ facts: [] });

    const headline = part(element, 'headline') as HTMLElement;
    event = oneEvent(element, 'vp-facts-focus');
    headline.dispatchEvent(new MouseEvent('mouseenter'));
    expect((await event).detail.facts).to.deep.equal(expectedFocus(story.headline.facts));
    event = oneEvent(element, 'vp-facts-focus');
    headline.dispatchEvent(new MouseEvent('mouseleave'));
    expect((await event).detail.facts).to.deep.equal([]);
  });

  it('is one tab stop: arrow keys, Home and End move between its sentences and questions', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const element = await mount();
    const root = element.shadowRoot as ShadowRoot;
    const stops = [
      ...root.querySelectorAll<HTMLElement>('.story .sentence[tabindex], .story button.question'),
    ];
    expect(stops.length).to.be.greaterThan(2);
    const inTabOrder = () => stops.filter((stop) => stop.tabIndex === 0);
    expect(inTabOrder()).to.deep.equal([stops[0]]);
    const press = (key: string) =>
      root.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, composed: true }),
      );
    stops[0]?.focus();
    press('ArrowDown');
    expect(root.activeElement).to.equal(stops[1]);
    expect(inTabOrder()).to.deep.equal([stops[1]]);
    press('End');
    expect(root.activeElement).to.equal(stops.at(-1));
    press('ArrowDown');
    expect(root.activeElement, 'stays on the last').to.equal(stops.at(-1));
    press('ArrowUp');
    expect(root.activeElement).to.equal(stops.at(-2));
    press('Home');
    expect(root.activeElement).to.equal(stops[0]);
    expect(inTabOrder()).to.have.length(1);
    // A question is reached by arrows too, and Enter on it still asks.
    expect(stops.some((stop) => stop.matches('button.question'))).to.equal(true);
  });

  it('marks the numbers a sentence cites, and highlights them while it is focused', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const element = await mount();
    const insight = story.chapters[0]?.insights[0];
    const sentence = sentences(element)[0] as HTMLElement;
    const marked = [...sentence.querySelectorAll('.fact')].map(textOf);
    const cited = (insight?.facts ?? [])
      .map((fact) => fact.formatted ?? '')
      .filter((text) => insight?.text?.includes(text));
    expect(marked).to.deep.equal(cited);
    const mark = sentence.querySelector('.fact') as HTMLElement;
    const before = getComputedStyle(mark).backgroundColor;
    sentence.dispatchEvent(new FocusEvent('focus'));
    await element.updateComplete;
    expect(sentence.classList.contains('active')).to.equal(true);
    expect(getComputedStyle(mark).backgroundColor).to.not.equal(before);
    sentence.dispatchEvent(new FocusEvent('blur'));
    await element.updateComplete;
    expect(getComputedStyle(mark).backgroundColor).to.equal(before);
  });

  it('puts an "Estimated" badge exactly on the sentences that cite an estimate', async () => {
    // One sentence that cites only measured facts, so both cases are present.
    const mixed = structuredClone(initech);
    const measured = mixed.chapters[0]?.insights[0];
    for (const fact of measured?.facts ?? []) fact.estimated = false;
    api = mockApi({ '/v1/value/story': { body: mixed } });
    const element = await mount();
    const expected = [
      mixed.headline.facts,
      ...mixed.notices.map((notice) => notice.facts),
      ...mixed.chapters.flatMap((chapter) => chapter.insights.map((insight) => insight.facts)),
    ].map((facts) => facts.some((fact) => fact.estimated));
    const shown = [
      part(element, 'headline'),
      ...(element.shadowRoot?.querySelectorAll('[part="notice"]') ?? []),
      ...sentences(element),
    ].map((node) => node?.querySelector('.badge.estimated') !== null);
    expect(shown).to.deep.equal(expected);
    expect(shown).to.include(true).and.to.include(false);
    const badge = part(element, 'headline')?.querySelector('.badge.estimated');
    expect(textOf(badge?.querySelector('[aria-hidden="true"]') ?? null)).to.equal('Estimated');
    expect(badge?.getAttribute('title')).to.match(/modelled from your usage and assumptions/);
    expect(textOf(badge?.querySelector('.visually-hidden') ?? null)).to.match(/not measured/);
  });

  it('asks the planner "What would it take?" under a promise it is behind on', async () => {
    // Initech's promise, told as if it were behind (the recorded one is ahead).
    const behind = structuredClone(initech);
    const promise = behind.chapters
      .flatMap((chapter) => chapter.insights)
      .find((insight) => insight.type === 'pace_to_promise');
    if (!promise) throw new Error('story-initech.json has no promise');
    promise.params.status = 'behind';
    promise.question = 'What would it take?';
    api = mockApi({ '/v1/value/story': { body: behind } });
    const element = await mount();
    const button = [
      ...(element.shadowRoot?.querySelectorAll<HTMLElement>('[part="question"]') ?? []),
    ].find((candidate) => textOf(candidate) === 'What would it take?');
    const asked = oneEvent(element, 'vp-plan-request');
    button?.click();
    const { goal, explain } = (await asked).detail;
    const fact = (id: string) => promise.facts.find((candidate) => candidate.id === id);
    const realized = fact('realized');
    const end = fact('endDate');
    if (!realized || !end) throw new Error('the promise cites no realized or end');
    const daysLeft =
      (end.value - Date.parse(`${realized.provenance.period.to}T00:00:00Z`)) / 86_400_000;
    expect(goal.driver).to.equal(promise.drivers[0]);
    expect(goal.target).to.be.closeTo(((1200 - realized.value) / daysLeft) * 365, 1e-9);
    expect(explain.driver).to.equal(promise.drivers[0]);
  });

  it('turns a question into a vp-explain-request with the periods its facts cite', async () => {
    api = mockApi({ '/v1/value/story': { body: story } });
    const element = await mount();
    const buttons = [
      ...(element.shadowRoot?.querySelectorAll<HTMLElement>('[part="question"]') ?? []),
    ];
    const insights = story.chapters.flatMap((chapter) => chapter.insights);
    expect(buttons.map(textOf)).to.deep.equal(insights.map((insight) => insight.question));

    const ask = async (index: number) => {
      const event = oneEvent(element, 'vp-explain-request');
      buttons[index]?.click();
      return (await event).detail as ExplainRequest;
    };
    // "Your value this quarter is about $900K, 153% more than last quarter."
    expect(await ask(0)).to.deep.equal({
      driver: 'total',
      from: '2026-08-30',
      to: '2026-11-27',
      compareFrom: '2026-06-01',
      compareTo: '2026-08-29',
    });
    // What was asked, by id and type (never the sentence), for the journey.
    const question = oneEvent(element, 'vp-story-question');
    buttons[0]?.click();
    expect((await question).detail).to.deep.equal({
      insightId: insights[0]?.id,
      type: insights[0]?.type,
    });
    const compliance = insights.findIndex((insight) => insight.drivers[0] === 'compliance_risk');
    expect((await ask(compliance)).driver).to.equal('compliance_risk');
    // top_contributors cites one period; the explain query it stands on names the comparison.
    const contributors = insights.findIndex((insight) => insight.type === 'top_contributors');
    expect(await ask(contributors)).to.deep.equal({
      driver: 'total',
      from: '2026-08-30',
      to: '2026-11-27',
      compareFrom: '2026-06-01',
      compareTo: '2026-08-29',
    });
  });

  it('passes its locale through: locale=de asks for de and shows the German story', async () => {
    const german = await loadFixture<ValueStory>('story-de.json');
    api = mockApi({
      '/v1/value/story': (call) => ({ body: call.query.get('locale') === 'de' ? german : story }),
    });
    const element = await mount({ locale: 'de' });
    expect(api.calls[0]?.query.get('locale')).to.equal('de');
    expect(textOf(part(element, 'headline'))).to.contain(squash(german.headline.text));
    expect(textOf(part(element, 'headline')?.querySelector('.badge') ?? null)).to.contain(
      'Geschätzt',
    );
    expect(element.shadowRoot?.querySelector('article')?.getAttribute('lang')).to.equal('de');
  });

  it('shows the language-fallback notice the server sends', async () => {
    const fallback: ValueStory = {
      ...story,
      localeFallback: true,
      notices: [
        { text: 'This story is in English because your language is not available yet.', facts: [] },
      ],
    };
    api = mockApi({ '/v1/value/story': { body: fallback } });
    const element = await mount({ locale: 'fr' });
    expect(api.calls[0]?.query.get('locale')).to.equal('fr');
    const notice = part(element, 'notice');
    expect(noticeText(notice)).to.equal(fallback.notices[0]?.text);
    expect(notice?.hasAttribute('tabindex')).to.equal(false);
    expect(element.shadowRoot?.querySelector('article')?.getAttribute('lang')).to.equal('en');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${theme}`, async () => {
      api = mockApi({ '/v1/value/story': { body: initech } });
      const wrapper = await fixture<HTMLDivElement>(html`<div class=${`page ${theme}`}></div>`);
      wrapper.style.background = theme === 'dark' ? '#0d1117' : '#ffffff';
      wrapper.style.padding = '16px';
      const loaded = oneEvent(document, 'vp-loaded');
      const element = document.createElement('vp-value-story');
      element.setAttribute('api', API);
      element.setAttribute('token', fakeToken());
      element.setAttribute('locale', 'en');
      element.setAttribute('theme', theme);
      element.cut = cut;
      wrapper.append(element);
      await loaded;
      await element.updateComplete;
      sentences(element)[0]?.focus();
      await expectNoAxeViolations(wrapper);
    });
  }
});
