import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Handoff } from '../../blueprint/api/handoffs.ts';
import type { LeversAnswer, SavedScenarios } from '../../widget/api/types.ts';
import '../../widget/planner/planner.ts';
import type { VpScenarioPlanner } from '../../widget/planner/planner.ts';
import type { VpPlannerPanel } from '../../widget/planner/planner-panel.ts';
import '../../widget/rep/rep-console.ts';
import type { VpRepBrief } from '../../widget/rep/rep-brief.ts';
import type { VpRepConsole } from '../../widget/rep/rep-console.ts';
import type { VpRepQueue } from '../../widget/rep/rep-queue.ts';
import type { VpRepReply } from '../../widget/rep/rep-reply.ts';
import { expectNoAxeViolations } from './axe.ts';
import * as data from './fixtures/rep.ts';
import {
  API,
  fakeToken,
  loadFixture,
  type MockApi,
  mockApi,
  type RecordedCall,
} from './mock-api.ts';

const levers = await loadFixture<LeversAnswer>('scenario-levers');
const saved = await loadFixture<SavedScenarios>('scenarios');
const REP_TOKEN = fakeToken(3600, 'acme-corp', 'viewer', { name: 'Sam Rivera', typ: 'rep' });
const VIEW_TOKEN = fakeToken(900, 'acme-corp', 'viewer', { rep: 'rep-7', rep_name: 'Sam Rivera' });

let api: MockApi;
let handoffs: Record<string, Handoff>;

/** The rep routes as the server answers them (bodies parse with the contract: rep-fixtures.test.ts). */
function repApi(): MockApi {
  handoffs = {
    [data.handoff.id]: structuredClone(data.handoff),
    [data.bareHandoff.id]: structuredClone(data.bareHandoff),
  };
  const mock = mockApi({
    '/v1/rep/handoffs': (call) => {
      const status = call.query.get('status');
      return {
        body: {
          handoffs: data.queueItems.filter((item) => !status || item.status === status),
        },
      };
    },
    '/v1/rep/accounts/acme-corp/view': { status: 201, body: { ...data.view, token: VIEW_TOKEN } },
    '/v1/rep/accounts/initech/view': { status: 201, body: { ...data.view, token: VIEW_TOKEN } },
    '/v1/scenarios/levers': { body: levers },
    // The customer's saved plans: the planner in rep mode does not show them.
    '/v1/scenarios': { body: saved },
  });
  for (const id of Object.keys(handoffs)) {
    mock.answer(`/v1/rep/handoffs/${id}`, () => ({ body: handoffs[id] }));
    mock.answer(`/v1/rep/handoffs/${id}/replies`, repliesRoute(id));
    mock.answer(`/v1/rep/handoffs/${id}/status`, (call) => {
      const current = handoffs[id] as Handoff;
      handoffs[id] = { ...current, status: (call.body as { status: Handoff['status'] }).status };
      return { body: handoffs[id] };
    });
  }
  return mock;
}

/** POST …/replies as the server answers it: the reply is kept on the hand-off. */
function repliesRoute(id: string) {
  return (call: RecordedCall) => {
    const reply = { ...data.reply, message: (call.body as { message: string }).message };
    const current = handoffs[id] as Handoff;
    handoffs[id] = { ...current, replies: [...current.replies, reply] };
    return { status: 201, body: reply };
  };
}

async function settle(element: HTMLElement & { updateComplete: Promise<unknown> }) {
  for (let i = 0; i < 8; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}

async function mount(theme = 'light'): Promise<VpRepConsole> {
  const element = await fixture<VpRepConsole>(
    html`<vp-rep-console api=${API} .token=${REP_TOKEN} rep-name="Sam Rivera" locale="en" theme=${theme}></vp-rep-console>`,
  );
  await settle(element);
  await waitUntil(() => queueOf(element).items !== undefined, 'the queue loads');
  await settle(queueOf(element));
  return element;
}

const queueOf = (element: VpRepConsole) => element.queue as VpRepQueue;
const briefOf = (element: VpRepConsole) =>
  element.shadowRoot?.querySelector('vp-rep-brief') as VpRepBrief;
const replyOf = (element: VpRepConsole) =>
  element.shadowRoot?.querySelector('vp-rep-reply') as VpRepReply;

function items(element: VpRepConsole): HTMLButtonElement[] {
  return [
    ...(queueOf(element).shadowRoot?.querySelectorAll<HTMLButtonElement>('button.item') ?? []),
  ];
}

async function open(element: VpRepConsole, id: string): Promise<void> {
  const button = items(element).find((item) => item.dataset.id === id);
  if (!button) throw new Error(`no queue item ${id}`);
  button.click();
  await waitUntil(() => briefOf(element)?.handoff?.id === id, 'the brief loads');
  await settle(element);
  await settle(briefOf(element));
  await settle(replyOf(element));
}

function typeNote(reply: VpRepReply, text: string): HTMLTextAreaElement {
  const note = reply.shadowRoot?.querySelector<HTMLTextAreaElement>('#reply-note');
  if (!note) throw new Error('no note field');
  note.value = text;
  note.dispatchEvent(new Event('input'));
  return note;
}

function button(root: Element, selector: string): HTMLButtonElement {
  const found = root.shadowRoot?.querySelector<HTMLButtonElement>(selector);
  if (!found) throw new Error(`no button ${selector}`);
  return found;
}

describe('vp-rep-console', () => {
  beforeEach(() => {
    api = repApi();
  });
  afterEach(() => api.restore());

  it('says how to sign in when it has no token', async () => {
    const element = await fixture<VpRepConsole>(
      html`<vp-rep-console locale="en"></vp-rep-console>`,
    );
    const alert = element.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('/rep#token=');
    expect(alert?.textContent).to.contain('never sent to the server');
    expect(api.calls).to.have.length(0);
  });

  it('lists the queue oldest open first, with status, age, account, channel and value at a glance', async () => {
    const element = await mount();
    expect(api.calls[0]?.path).to.equal('/v1/rep/handoffs');
    expect(api.calls[0]?.authorization).to.equal(`Bearer ${REP_TOKEN}`);
    expect(items(element).map((item) => item.dataset.id)).to.deep.equal([
      'ho_accepted000000001',
      'ho_new00000000000001',
      'ho_answered000000001',
      'ho_closed00000000001',
    ]);
    const newest = items(element)[1] as HTMLButtonElement;
    const text = newest.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).to.contain('New');
    expect(text).to.contain('Finance on automations');
    expect(text).to.contain('acme-corp');
    expect(text).to.contain('asked 3 hours ago');
    expect(text).to.contain('Meeting, this week');
    expect(text).to.contain('$910K in the last 90 days');
    expect(text).to.contain('20× what they pay');
    expect(text).to.contain('1 promise behind pace');
    expect(items(element)[0]?.textContent).to.contain('No value yet');
    expect(element.shadowRoot?.querySelector('#signed-in')?.textContent).to.contain('Sam Rivera');
  });

  it('filters the queue by status', async () => {
    const element = await mount();
    const select = queueOf(element).shadowRoot?.querySelector<HTMLSelectElement>('#status-filter');
    if (!select) throw new Error('no filter');
    select.value = 'answered';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => items(element).length === 1, 'the filtered queue');
    expect(api.calls.at(-1)?.query.get('status')).to.equal('answered');
    expect(items(element)[0]?.dataset.id).to.equal('ho_answered000000001');
    select.value = 'closed';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => items(element)[0]?.dataset.id === 'ho_closed00000000001');
  });

  it('lays the brief out for a person: message, what they did, numbers, plans with inputs', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const brief = briefOf(element);
    await waitUntil(
      () =>
        brief.shadowRoot
          ?.querySelector('[data-lever="adoption:automation_hours"] th')
          ?.textContent?.includes('People'),
      'lever labels from the levers',
    );
    const root = brief.shadowRoot as ShadowRoot;
    const headings = [...root.querySelectorAll('h2, h3')].map((h) => h.textContent?.trim());
    expect(headings).to.deep.equal([
      'Finance on automations',
      'Their message',
      'What they did',
      'Their numbers',
      'Their plans',
    ]);
    expect(root.querySelector('blockquote')?.textContent).to.equal(data.handoff.message);
    expect(root.textContent).to.contain('They chose not to share: suggestions.');
    const digest = root.querySelector('.digest')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(digest).to.contain('Viewed the planner 4 times, last 5 hours ago.');
    expect(digest).to.contain('Asked once why Time saved by automated workflows changed.');
    expect(digest).to.contain('Set aside “payment_reminders”: not now.');
    expect(digest).not.to.contain('{');
    expect(root.textContent).to.contain('$910K');
    expect(root.textContent).to.contain('82% of the promised pace (behind)');
    const row = root.querySelector('[data-lever="adoption:automation_hours"]');
    expect(row?.querySelector('th')?.textContent).to.equal(
      'Time saved by automated workflows: People using it',
    );
    expect([...(row?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent)).to.deep.equal([
      '140 people',
      '220 people',
    ]);
    expect(root.textContent).to.contain('$1.46M a year with the plan, against $1.04M today.');
    // The levers were read with the account's view token, minted with the rep token.
    const mint = api.calls.find((call) => call.path === '/v1/rep/accounts/acme-corp/view');
    expect(mint?.method).to.equal('POST');
    expect(mint?.authorization).to.equal(`Bearer ${REP_TOKEN}`);
    const leversCall = api.calls.find((call) => call.path === '/v1/scenarios/levers');
    expect(leversCall?.authorization).to.equal(`Bearer ${VIEW_TOKEN}`);
  });

  it('gives the live dashboard a token source that mints the view token', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const dashboard = element.shadowRoot?.querySelector('vp-dashboard') as HTMLElement & {
      fetchToken: () => Promise<string>;
    };
    expect(dashboard.getAttribute('sections')).to.equal('story,trend,drivers,cuts,explain');
    expect(await dashboard.fetchToken()).to.equal(VIEW_TOKEN);
  });

  it('says plainly what the customer chose not to share', async () => {
    const element = await mount();
    await open(element, data.bareHandoff.id);
    const root = briefOf(element).shadowRoot as ShadowRoot;
    expect(root.textContent).to.contain('They chose not to share this.');
    expect(root.querySelector('.plan')).to.equal(null);
  });

  it('sends a note without a plan and shows the reply', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const reply = replyOf(element);
    typeNote(reply, '  Yes, March works.  ');
    button(reply, '#reply-send').click();
    await waitUntil(() => api.calls.some((call) => call.path.endsWith('/replies')));
    const sent = api.calls.find((call) => call.path.endsWith('/replies'));
    expect(sent?.method).to.equal('POST');
    expect(sent?.path).to.equal(`/v1/rep/handoffs/${data.handoff.id}/replies`);
    expect(sent?.authorization).to.equal(`Bearer ${REP_TOKEN}`);
    expect(sent?.body).to.deep.equal({ message: 'Yes, March works.' });
    await waitUntil(() => reply.shadowRoot?.querySelector('[data-reply]'), 'the reply shows');
    expect(reply.shadowRoot?.querySelector('[data-reply]')?.textContent).to.contain(
      'Yes, March works.',
    );
    expect(reply.shadowRoot?.querySelector('[role="status"]')?.textContent).to.contain('Sent.');
    // The queue and the hand-off are read again.
    await waitUntil(
      () => api.calls.filter((call) => call.path === '/v1/rep/handoffs').length >= 2,
      'the queue is read again',
    );
  });

  it('refuses an empty note without sending', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const reply = replyOf(element);
    button(reply, '#reply-send').click();
    await settle(reply);
    expect(reply.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain(
      'Write a few words to the customer.',
    );
    expect(api.calls.some((call) => call.path.endsWith('/replies'))).to.equal(false);
  });

  it('sends a plan variant built in the planner in rep mode, starting from their plan', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const reply = replyOf(element);
    typeNote(reply, 'Here is a plan with Finance on automations.');
    const check = reply.shadowRoot?.querySelector<HTMLInputElement>('#reply-with-plan');
    check?.click();
    await settle(reply);
    const name = reply.shadowRoot?.querySelector<HTMLInputElement>('#plan-name');
    expect(name?.value).to.equal('Finance on automations – revised');
    const planner = reply.shadowRoot?.querySelector('vp-scenario-planner') as VpScenarioPlanner;
    await planner.bodyReady();
    const panel = planner.shadowRoot?.querySelector('vp-planner-panel') as VpPlannerPanel;
    await waitUntil(() => panel.shadowRoot?.querySelector('#range-adoption-automation_hours'));
    await settle(panel);
    // Rep mode: levers, projection and goal seek; no saving, no saved plans.
    expect(panel.shadowRoot?.querySelector('form.save')).to.equal(null);
    expect(panel.shadowRoot?.querySelector('form.goal')).not.to.equal(null);
    expect(panel.shadowRoot?.querySelector('section.saved')).to.equal(null);
    const range = panel.shadowRoot?.querySelector<HTMLInputElement>(
      '#range-adoption-automation_hours',
    );
    expect(range?.value).to.equal('220');
    // The plan's own horizon and ramp (24 and 6 months), not the planner's 12 and 3.
    const [horizon, ramp] =
      panel.shadowRoot?.querySelectorAll<HTMLSelectElement>('.timing select') ?? [];
    expect([horizon?.value, ramp?.value]).to.deep.equal(['24', '6']);
    if (!range) throw new Error('no range');
    range.value = '250';
    range.dispatchEvent(new Event('input'));
    await settle(panel);
    button(reply, '#reply-send').click();
    await waitUntil(() => api.calls.some((call) => call.path.endsWith('/replies')));
    expect(api.calls.find((call) => call.path.endsWith('/replies'))?.body).to.deep.equal({
      message: 'Here is a plan with Finance on automations.',
      scenario: {
        name: 'Finance on automations – revised',
        levers: { 'adoption:automation_hours': 250 },
        // Their plan's horizon and ramp, not the planner's defaults.
        horizonMonths: 24,
        rampMonths: 6,
      },
    });
    await waitUntil(() => reply.shadowRoot?.querySelector('[data-reply]'));
    expect(reply.shadowRoot?.querySelector('[data-reply]')?.textContent).to.contain(
      'Plan sent: “Finance on automations – revised”',
    );
  });

  it('keeps the typed answer when sending fails, and sends it on the next try', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const reply = replyOf(element);
    api.answer(`/v1/rep/handoffs/${data.handoff.id}/replies`, {
      status: 503,
      body: { error: { code: 'unavailable', message: 'try later' } },
    });
    typeNote(reply, 'Yes, March works.');
    button(reply, '#reply-send').click();
    await waitUntil(() => reply.shadowRoot?.querySelector('[role="alert"]'), 'the problem shows');
    expect(reply.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain(
      'Your answer was not sent',
    );
    const note = reply.shadowRoot?.querySelector<HTMLTextAreaElement>('#reply-note');
    expect(note?.value).to.equal('Yes, March works.');
    api.answer(`/v1/rep/handoffs/${data.handoff.id}/replies`, repliesRoute(data.handoff.id));
    button(reply, '#reply-send').click();
    await waitUntil(() => reply.shadowRoot?.querySelector('[data-reply]'), 'sent on retry');
    expect(note?.value).to.equal('');
  });

  it('changes the status with the buttons', async () => {
    const element = await mount();
    await open(element, data.handoff.id);
    const reply = replyOf(element);
    const accept = button(reply, 'button[data-status="accepted"]');
    expect(accept.textContent?.trim()).to.equal('Accept');
    accept.click();
    await waitUntil(() => api.calls.some((call) => call.path.endsWith('/status')));
    const call = api.calls.find((candidate) => candidate.path.endsWith('/status'));
    expect(call?.body).to.deep.equal({ status: 'accepted' });
    expect(call?.authorization).to.equal(`Bearer ${REP_TOKEN}`);
    await waitUntil(() => button(replyOf(element), 'button[data-status="accepted"]').disabled);
    expect(button(replyOf(element), 'button[data-status="answered"]').textContent?.trim()).to.equal(
      'Mark answered',
    );
    expect(button(replyOf(element), 'button[data-status="closed"]').textContent?.trim()).to.equal(
      'Close',
    );
  });

  it('can be driven by keyboard: the queue item opens with Enter', async () => {
    const element = await mount();
    const first = items(element)[1] as HTMLButtonElement;
    first.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => briefOf(element)?.handoff?.id === data.handoff.id, 'opened by Enter');
    await settle(replyOf(element));
    await sendKeys({ press: 'Tab' });
    // Every control of the answer is a focusable, named control.
    const controls = [
      ...(replyOf(element).shadowRoot?.querySelectorAll<HTMLElement>('textarea, input, button') ??
        []),
    ];
    for (const control of controls) {
      expect(control.tabIndex, control.outerHTML).to.be.at.least(0);
    }
  });

  for (const theme of ['light', 'dark']) {
    it(`passes axe in the ${theme} theme with a brief open`, async () => {
      const element = await mount(theme);
      await open(element, data.handoff.id);
      await waitUntil(() =>
        briefOf(element).shadowRoot?.querySelector('[data-lever] th')?.textContent?.includes(':'),
      );
      await expectNoAxeViolations(element);
    });
  }
});
