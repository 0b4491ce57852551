import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import type { SavedScenarios, ValueStory } from '../../widget/api/types.ts';
import type { HandoffRequest } from '../../widget/core/events.ts';
import { formatFact } from '../../widget/core/format.ts';
import type { VpDashboard } from '../../widget/dashboard/dashboard.ts';
import { expectNoAxeViolations } from './axe.ts';
import {
  briefFor,
  createdFor,
  HEADLINE,
  handoffList,
  PLAN_ID,
  PUSHED_PLAN_ID,
  STORY_REF,
  withPushedPlan,
} from './handoff-fixtures.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

let story: ValueStory;
let levers: unknown;
let scenarios: SavedScenarios;
let recommendations: unknown;

before(async () => {
  [story, levers, scenarios, recommendations] = await Promise.all([
    loadFixture<ValueStory>('story'),
    loadFixture('scenario-levers'),
    loadFixture<SavedScenarios>('scenarios'),
    loadFixture('recommendations'),
  ]);
});

/** The routes the story, the suggestions, the planner and the hand-off read. */
function handoffApi(list = handoffList): MockApi {
  return mockApi({
    '/v1/value/story': { body: story },
    '/v1/recommendations': { body: recommendations },
    '/v1/scenarios/levers': { body: levers },
    '/v1/scenarios': { body: withPushedPlan(scenarios) },
    '/v1/handoffs/preview': (call) => ({ body: briefFor(call.body) }),
    '/v1/handoffs': (call) =>
      call.method === 'POST'
        ? { status: 201, body: createdFor(call.body) }
        : { body: { handoffs: list.handoffs } },
  });
}

type Root = ShadowRoot;
const root = (element: Element | null | undefined): Root => {
  if (!element?.shadowRoot)
    throw new Error(`${element?.localName ?? 'nothing'} has no shadow root`);
  return element.shadowRoot;
};

async function dashboardOf(token = fakeToken(), sections = 'story next plan') {
  const element = await fixture<VpDashboard>(
    html`<vp-dashboard api=${API} token=${token} locale="en" sections=${sections}></vp-dashboard>`,
  );
  await waitUntil(
    () => root(element.shadowRoot?.querySelector('vp-value-story')).querySelector('.headline'),
    'the story',
  );
  await element.updateComplete;
  return element;
}

/** The panel's shadow root (inside <vp-handoff>'s), once its body is there. */
/** The days the dashboard shows: what a hand-off's brief is told for. */
const periodOf = (dashboard: VpDashboard) => ({ from: dashboard.cut.from, to: dashboard.cut.to });

async function panelOf(dashboard: VpDashboard): Promise<Root> {
  await waitUntil(
    () =>
      dashboard.shadowRoot
        ?.querySelector('vp-handoff')
        ?.shadowRoot?.querySelector('vp-handoff-panel'),
    'the hand-off panel',
  );
  const panel = root(dashboard.shadowRoot?.querySelector('vp-handoff')).querySelector(
    'vp-handoff-panel',
  );
  return root(panel);
}

const previews = (api: MockApi) => api.calls.filter((call) => call.path === '/v1/handoffs/preview');
const posts = (api: MockApi) =>
  api.calls.filter((call) => call.path === '/v1/handoffs' && call.method === 'POST');

function type(panel: Root, text: string): void {
  const field = panel.querySelector('textarea') as HTMLTextAreaElement;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

async function previewShown(panel: Root): Promise<void> {
  await waitUntil(
    () => panel.querySelector('.brief:not(.stale) [data-part="value"]'),
    'the preview',
  );
}

function storyAsk(dashboard: VpDashboard): HTMLButtonElement {
  const ask = root(
    dashboard.shadowRoot?.querySelector('vp-value-story'),
  ).querySelector<HTMLButtonElement>('[part~="ask"]');
  if (!ask) throw new Error('no "Ask about this" in the story');
  return ask;
}

describe('<vp-handoff> in the dashboard', () => {
  let api: MockApi;
  afterEach(() => api.restore());

  it('opens inline from the header with a general topic, focus on the message, and previews the brief for a person', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    const talk = dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk');
    expect(talk?.textContent?.trim()).to.equal('Talk to your success manager');
    talk?.focus();
    talk?.click();
    const panel = await panelOf(dashboard);
    await waitUntil(
      () => panel.activeElement === panel.querySelector('textarea'),
      'focus on the message',
    );
    // Inline in the dashboard, nothing fixed over the host page.
    const handoff = dashboard.shadowRoot?.querySelector('vp-handoff') as HTMLElement;
    expect(getComputedStyle(handoff).position).to.equal('static');
    expect(panel.querySelector('[part~="topic"]')?.textContent).to.contain('A general question');
    expect(panel.querySelector('[part~="topic"] button')).to.equal(null);
    await previewShown(panel);
    // The brief is told for the days the customer is looking at: the dashboard's cut.
    const period = periodOf(dashboard);
    expect(previews(api)[0]?.body).to.deep.equal({
      topic: { kind: 'general', period },
      channel: 'email',
      when: 'any_time',
    });
    const text = panel.querySelector('[part~="preview"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    // Figures formatted the way the rest of the widget formats them.
    const money = (value: number, estimated = true) =>
      formatFact(value, { kind: 'money', currency: 'USD' }, 'en', estimated);
    expect(text).to.contain(money(68_213.47));
    expect(text).to.contain('Time saved');
    expect(text).to.contain(HEADLINE);
    // The journey in plain words, no ids.
    expect(text).to.contain('Looked at');
    expect(text).to.contain('the story, plans');
    expect(text).to.contain('(Finance)');
    expect(text).to.contain('You opened 2 questions from the story.');
    expect(text).to.contain('You compared plans side by side once.');
    expect(text).to.contain('Started: Payment reminders');
    expect(text).to.contain('Enterprise compliance pack (not now)');
    expect(text).to.contain('One plan deleted.');
    expect(text).not.to.contain('payment_reminders');
    expect(text).to.contain(
      `${money(4_097_289.4)} a year with this plan, ${money(3_652_355.11)} today`,
    );
    expect(text).to.contain('Payment reminders');
  });

  it('opens from a story sentence with the topic prefilled, and can turn it into a general question', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    const ask = storyAsk(dashboard);
    const opened = oneEvent(dashboard, 'vp-handoff-open');
    ask.focus();
    ask.click();
    const event = await opened;
    const sentence = story.chapters[0]?.insights[0]?.text;
    expect(event.detail).to.deep.equal({
      topic: { kind: 'story', ref: STORY_REF },
      label: sentence,
    });
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    expect(panel.querySelector('[part~="topic"] strong')?.textContent).to.equal(sentence);
    const period = periodOf(dashboard);
    expect(previews(api)[0]?.body).to.deep.include({
      topic: { kind: 'story', ref: STORY_REF, period },
    });
    panel.querySelector<HTMLButtonElement>('[part~="topic"] button')?.click();
    await waitUntil(() => previews(api).length === 2, 'the preview asked again');
    expect(previews(api)[1]?.body).to.deep.include({ topic: { kind: 'general', period } });
  });

  it('refetches the preview without a part the customer leaves out, and says it is not shared', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    const journey = () => panel.querySelector('[data-part="journey"]');
    expect(journey()?.textContent).to.contain('Looked at');
    const box = journey()?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(box?.checked).to.equal(true);
    box?.click();
    await waitUntil(() => previews(api).length === 2, 'the preview asked again');
    expect(previews(api)[1]?.body).to.deep.include({ include: { journey: false } });
    await waitUntil(() => panel.querySelector('.brief:not(.stale)'), 'the new preview');
    expect(journey()?.textContent).to.contain('Not shared.');
    expect(journey()?.textContent).not.to.contain('Looked at');
    expect(journey()?.querySelector<HTMLInputElement>('input')?.checked).to.equal(false);
  });

  it('sends the right body, confirms, and lists the new hand-off', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    storyAsk(dashboard).click();
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    type(panel, '  Why is it up?  ');
    panel.querySelector<HTMLInputElement>('input[name="channel"][value="meeting"]')?.click();
    panel.querySelector<HTMLInputElement>('input[name="when"][value="this_week"]')?.click();
    panel.querySelector<HTMLInputElement>('input[name="share-offers"]')?.click();
    await waitUntil(() => previews(api).length === 2, 'the preview without offers');
    const request = oneEvent(dashboard, 'vp-handoff-request');
    const sent = oneEvent(dashboard, 'vp-handoff-sent');
    const listsBefore = api.calls.filter(
      (c) => c.path === '/v1/handoffs' && c.method === 'GET',
    ).length;
    panel.querySelector<HTMLButtonElement>('button[type="submit"].primary')?.click();
    const event = (await request) as CustomEvent<HandoffRequest>;
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    expect(event.detail.include).to.deep.equal({
      value: true,
      story: true,
      journey: true,
      scenarios: true,
      offers: false,
    });
    expect(event.detail.brief.message).to.equal('Why is it up?');
    expect(event.detail.brief.offers).to.equal(undefined);
    expect((await sent).detail).to.deep.equal({ id: 'hnd_3' });
    expect(posts(api).map((call) => call.body)).to.deep.equal([
      {
        topic: { kind: 'story', ref: STORY_REF, period: periodOf(dashboard) },
        message: 'Why is it up?',
        channel: 'meeting',
        when: 'this_week',
        include: { offers: false },
      },
    ]);
    await waitUntil(() => panel.querySelector('[part~="confirmation"]'), 'the confirmation');
    expect(panel.querySelector('[part~="confirmation"]')?.textContent).to.contain(
      'Sent. Your success manager will get back to you to set up a meeting.',
    );
    await waitUntil(
      () =>
        api.calls.filter((c) => c.path === '/v1/handoffs' && c.method === 'GET').length >
        listsBefore,
      'the hand-offs listed again',
    );
  });

  it('sends nothing when the host cancels the request, and says the chat on the page has it', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    const routed: HandoffRequest[] = [];
    dashboard.addEventListener('vp-handoff-request', (event) => {
      event.preventDefault();
      routed.push(event.detail);
    });
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    type(panel, 'Can we talk about renewal?');
    panel.querySelector<HTMLButtonElement>('button[type="submit"].primary')?.click();
    await waitUntil(() => panel.querySelector('[part~="confirmation"]'), 'the confirmation');
    expect(panel.querySelector('[part~="confirmation"]')?.textContent).to.contain(
      'Your question went to the chat on this page.',
    );
    expect(posts(api)).to.deep.equal([]);
    expect(routed).to.have.length(1);
    expect(routed[0]?.message).to.equal('Can we talk about renewal?');
    expect(routed[0]?.channel).to.equal('email');
    expect(routed[0]?.brief.story?.headline).to.equal(HEADLINE);
  });

  it('asks for a message before sending anything', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    type(panel, '   ');
    panel.querySelector<HTMLButtonElement>('button[type="submit"].primary')?.click();
    await waitUntil(() => panel.querySelector('#message-missing'), 'the problem said');
    const field = panel.querySelector('textarea');
    expect(field?.getAttribute('aria-invalid')).to.equal('true');
    expect(field?.getAttribute('aria-describedby')).to.contain('message-missing');
    expect(panel.activeElement).to.equal(field);
    expect(posts(api)).to.deep.equal([]);
  });

  it('counts the characters up to 2,000', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    type(panel, 'x'.repeat(1234));
    await waitUntil(
      () => panel.querySelector('#message-count')?.textContent?.includes('1,234'),
      'the count',
    );
    expect(panel.querySelector('#message-count')?.textContent?.trim()).to.equal(
      '1,234 of 2,000 characters',
    );
    expect(panel.querySelector('textarea')?.maxLength).to.equal(2000);
  });

  it('after too many, says in minutes when it can go (Retry-After) and keeps the message', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    const original = window.fetch;
    // The mock answers bodies only; this one adds the header a 429 carries.
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      if (String(input).endsWith('/v1/handoffs') && init?.method === 'POST') {
        return new Response(
          JSON.stringify({ error: { code: 'rate_limited', message: 'too many' } }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '541' } },
        );
      }
      return response;
    };
    try {
      type(panel, 'One more question');
      panel.querySelector<HTMLButtonElement>('button[type="submit"].primary')?.click();
      await waitUntil(() => panel.querySelector('[part~="problem"]'), 'the problem');
    } finally {
      window.fetch = original;
    }
    expect(panel.querySelector('[part~="problem"]')?.textContent).to.contain(
      'You can send this one in 10 minutes.',
    );
    expect(panel.querySelector('[part~="problem"] button')).to.equal(null);
    expect(panel.querySelector('textarea')?.value).to.equal('One more question');
  });

  it('keeps the form filled after another failure, and "Try again" sends it', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    api.answer('/v1/handoffs', (call) =>
      call.method === 'POST'
        ? { status: 503, body: { error: { code: 'unavailable', message: 'down' } } }
        : { body: handoffList },
    );
    type(panel, 'Please call me');
    panel.querySelector<HTMLInputElement>('input[name="channel"][value="call"]')?.click();
    panel.querySelector<HTMLButtonElement>('button[type="submit"].primary')?.click();
    await waitUntil(() => panel.querySelector('[part~="problem"]'), 'the problem');
    expect(panel.querySelector('[part~="problem"]')?.textContent).to.contain(
      'Your question was not sent.',
    );
    expect(panel.querySelector('textarea')?.value).to.equal('Please call me');
    expect(panel.querySelector<HTMLInputElement>('input[value="call"]')?.checked).to.equal(true);
    api.answer('/v1/handoffs', (call) =>
      call.method === 'POST' ? { status: 201, body: createdFor(call.body) } : { body: handoffList },
    );
    panel.querySelector<HTMLButtonElement>('[part~="problem"] button')?.click();
    await waitUntil(() => panel.querySelector('[part~="confirmation"]'), 'sent on retry');
    expect(posts(api)).to.have.length(2);
    expect(posts(api)[1]?.body).to.deep.include({ message: 'Please call me', channel: 'call' });
  });

  it('Escape and Cancel close the panel and return focus to what opened it', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    const ask = storyAsk(dashboard);
    ask.focus();
    ask.click();
    let panel = await panelOf(dashboard);
    await waitUntil(() => panel.activeElement === panel.querySelector('textarea'), 'focus moved');
    panel
      .querySelector('textarea')
      ?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
      );
    await dashboard.updateComplete;
    expect(dashboard.shadowRoot?.querySelector('vp-handoff')).to.equal(null);
    await waitUntil(
      () => root(dashboard.shadowRoot?.querySelector('vp-value-story')).activeElement === ask,
      'focus back on "Ask about this"',
    );
    const talk = dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk');
    talk?.focus();
    talk?.click();
    panel = await panelOf(dashboard);
    panel.querySelector<HTMLButtonElement>('.actions .link')?.click();
    await dashboard.updateComplete;
    expect(dashboard.shadowRoot?.querySelector('vp-handoff')).to.equal(null);
    await waitUntil(
      () => dashboard.shadowRoot?.activeElement === talk,
      'focus back on the header button',
    );
  });

  it('fits a 360 px box: one column, nothing wider than the box', async () => {
    api = handoffApi();
    const box = await fixture<HTMLDivElement>(html`<div class="narrow"></div>`);
    box.style.width = '360px';
    const dashboard = document.createElement('vp-dashboard');
    dashboard.api = API;
    dashboard.token = fakeToken();
    dashboard.locale = 'de';
    dashboard.sections = 'story';
    box.append(dashboard);
    await waitUntil(
      () => dashboard.shadowRoot?.querySelector('.talk'),
      'the header button once the dashboard is ready',
    );
    dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    const form = panel.querySelector('form') as HTMLElement;
    expect(form.scrollWidth).to.be.at.most(form.clientWidth + 1);
    const [how, when] = [...panel.querySelectorAll('fieldset')];
    expect(how?.getBoundingClientRect().top).to.be.below(when?.getBoundingClientRect().top ?? 0);
    expect(panel.querySelector('h3')?.textContent).to.equal('Mit Ihrem Success Manager sprechen');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations with the panel open and the answers listed (${theme})`, async () => {
      api = handoffApi();
      const dashboard = await fixture<VpDashboard>(
        html`<vp-dashboard api=${API} token=${fakeToken()} locale="en" theme=${theme} sections="story plan"></vp-dashboard>`,
      );
      await waitUntil(() => dashboard.shadowRoot?.querySelector('.talk'), 'ready');
      dashboard.shadowRoot?.querySelector<HTMLButtonElement>('.talk')?.click();
      const panel = await panelOf(dashboard);
      await previewShown(panel);
      await waitUntil(
        () =>
          dashboard.shadowRoot
            ?.querySelector('vp-handoff-replies')
            ?.shadowRoot?.querySelector('vp-handoff-replies-panel')
            ?.shadowRoot?.querySelector('.request'),
        'the answers',
      );
      await expectNoAxeViolations(dashboard);
    });
  }
});

describe('"From your success manager"', () => {
  let api: MockApi;
  afterEach(() => api.restore());

  async function repliesOf(dashboard: VpDashboard): Promise<Root> {
    await waitUntil(
      () =>
        dashboard.shadowRoot
          ?.querySelector('vp-handoff-replies')
          ?.shadowRoot?.querySelector('vp-handoff-replies-panel')
          ?.shadowRoot?.querySelector('.request'),
      'the answers',
    );
    return root(
      root(dashboard.shadowRoot?.querySelector('vp-handoff-replies')).querySelector(
        'vp-handoff-replies-panel',
      ),
    );
  }

  it('lists the requests with their status in words and the replies as plain text', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    const replies = await repliesOf(dashboard);
    expect(replies.querySelector('h3')?.textContent).to.equal('From your success manager');
    const requests = [...replies.querySelectorAll('[part~="request"]')];
    expect(requests.map((request) => request.querySelector('.tag')?.textContent)).to.deep.equal([
      'Answered',
      'Seen by your success manager',
    ]);
    expect(requests[0]?.textContent).to.contain('You asked on Nov 25, 2026');
    expect(requests[1]?.textContent).to.contain('Someone on your team asked on Nov 20, 2026');
    expect(requests[1]?.textContent).to.contain('No answer yet.');
    const reply = replies.querySelector('[part~="reply"]');
    expect(reply?.textContent).to.contain('Sam Rivera on Nov 26, 2026');
    // Plain text: the markup in a reply is shown, never made into elements.
    expect(reply?.querySelector('b')).to.equal(null);
    expect(reply?.textContent).to.contain('<b>Here</b> is a plan');
  });

  it('shows nothing when the account has no hand-offs', async () => {
    api = handoffApi({ handoffs: [] });
    const dashboard = await dashboardOf();
    await waitUntil(
      () => api.calls.some((call) => call.path === '/v1/handoffs'),
      'the hand-offs asked for',
    );
    await dashboard.updateComplete;
    expect(dashboard.shadowRoot?.querySelector('vp-handoff-replies')).to.equal(null);
  });

  it('"Open this plan" opens the planner on that saved plan, which says who shared it', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf();
    const replies = await repliesOf(dashboard);
    const open = replies.querySelector<HTMLButtonElement>('[part~="reply"] button');
    expect(open?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Open this plan: Finance and Ops on automations',
    );
    const request = oneEvent(dashboard, 'vp-plan-request');
    open?.click();
    expect((await request).detail).to.deep.equal({ scenarioId: PUSHED_PLAN_ID });
    const planner = dashboard.shadowRoot?.querySelector('vp-scenario-planner');
    await waitUntil(() => planner?.shadowRoot?.querySelector('vp-planner-panel'), 'the planner');
    const body = root(planner?.shadowRoot?.querySelector('vp-planner-panel'));
    await waitUntil(
      () =>
        body.querySelector<HTMLInputElement>('#plan-name')?.value ===
        'Finance and Ops on automations',
      'the plan opened',
    );
    expect(body.activeElement).to.equal(body.querySelector('.results'));
    const pushed = [...body.querySelectorAll('[part~="saved-plan"]')].find((plan) =>
      plan.textContent?.includes('Finance and Ops on automations'),
    );
    expect(pushed?.textContent).to.contain('Shared by Sam Rivera, your success manager');
    // "Ask about this" on a saved plan opens the hand-off about it.
    const opened = oneEvent(dashboard, 'vp-handoff-open');
    const mine = [...body.querySelectorAll('[part~="saved-plan"]')].find((plan) =>
      plan.textContent?.includes('Automations in every team'),
    );
    mine?.querySelector<HTMLButtonElement>('[part~="ask"]')?.click();
    expect((await opened).detail).to.deep.equal({
      topic: { kind: 'scenario', ref: PLAN_ID },
      label: 'Automations in every team',
    });
  });
});

describe('a success manager’s read-only view (rep claim)', () => {
  let api: MockApi;
  afterEach(() => api.restore());

  it('shows neither the hand-off button nor "Ask about this", and lists no hand-offs', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf(
      fakeToken(900, 'acme-corp', 'viewer', { rep: 'rep-7' }),
      'story next',
    );
    await waitUntil(
      () =>
        dashboard.shadowRoot
          ?.querySelector('vp-next-best')
          ?.shadowRoot?.querySelector('vp-next-best-panel')
          ?.shadowRoot?.querySelector('[part~="offer"]'),
      'the suggestions',
    );
    expect(dashboard.shadowRoot?.querySelector('.talk')).to.equal(null);
    expect(
      root(dashboard.shadowRoot?.querySelector('vp-value-story')).querySelector('[part~="ask"]'),
    ).to.equal(null);
    const offers = root(
      root(dashboard.shadowRoot?.querySelector('vp-next-best')).querySelector('vp-next-best-panel'),
    );
    expect(offers.querySelector('[part~="ask"]')).to.equal(null);
    expect(api.calls.some((call) => call.path.startsWith('/v1/handoffs'))).to.equal(false);
    expect(dashboard.shadowRoot?.querySelector('vp-handoff-replies')).to.equal(null);
  });

  it('a customer sees "Ask about this" on the suggestions, with the offer as the topic', async () => {
    api = handoffApi();
    const dashboard = await dashboardOf(fakeToken(), 'story next');
    await waitUntil(
      () =>
        dashboard.shadowRoot
          ?.querySelector('vp-next-best')
          ?.shadowRoot?.querySelector('vp-next-best-panel')
          ?.shadowRoot?.querySelector('[part~="ask"]'),
      'Ask about this on a suggestion',
    );
    const offers = root(
      root(dashboard.shadowRoot?.querySelector('vp-next-best')).querySelector('vp-next-best-panel'),
    );
    const opened = oneEvent(dashboard, 'vp-handoff-open');
    offers.querySelector<HTMLButtonElement>('[part~="ask"]')?.click();
    const { detail } = await opened;
    expect(detail.topic.kind).to.equal('offer');
    expect(detail.label).to.be.a('string').and.not.equal('');
    const panel = await panelOf(dashboard);
    await previewShown(panel);
    expect(previews(api)[0]?.body).to.deep.include({
      topic: { ...detail.topic, period: periodOf(dashboard) },
    });
  });
});
