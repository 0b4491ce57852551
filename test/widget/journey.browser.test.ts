import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import type { VpEventDetails } from '../../widget/core/events.ts';
import type { VpDashboard } from '../../widget/dashboard/dashboard.ts';
import type { JourneyEvent } from '../../widget/journey/journey-model.ts';
import {
  API,
  FIXTURE_CUT,
  fakeToken,
  loadFixture,
  type MockAnswer,
  type MockApi,
  mockApi,
  type RecordedCall,
} from './mock-api.ts';

let story: unknown;
let cuts: unknown;

before(async () => {
  [story, cuts] = await Promise.all([loadFixture('story'), loadFixture('cuts')]);
});

const accepted: MockAnswer = (call) => ({
  status: 202,
  body: { accepted: (call.body as { events: unknown[] }).events.length },
});

function storyApi(journey: MockAnswer = accepted): MockApi {
  return mockApi({
    '/v1/value/story': { body: story },
    '/v1/value/cuts': { body: cuts },
    '/v1/journey': journey,
  });
}

const posts = (api: MockApi): RecordedCall[] =>
  api.calls.filter((call) => call.path === '/v1/journey');
const sent = (calls: RecordedCall[]): JourneyEvent[] =>
  calls.flatMap((call) => (call.body as { events: JourneyEvent[] }).events);

/** Fires a widget event from inside the dashboard, as its pieces do. */
function fire<K extends keyof VpEventDetails>(
  dashboard: VpDashboard,
  name: K,
  detail: VpEventDetails[K],
): void {
  const from = dashboard.shadowRoot?.querySelector('vp-value-story') ?? dashboard;
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

const leave = () => window.dispatchEvent(new Event('pagehide'));
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function readyDashboard(token: string, journey = ''): Promise<VpDashboard> {
  const element = document.createElement('vp-dashboard');
  element.api = API;
  element.token = token;
  element.sections = 'cuts story';
  if (journey) element.setAttribute('journey', journey);
  const ready = oneEvent(element, 'vp-ready');
  await fixture<VpDashboard>(html`<div>${element}</div>`);
  await ready;
  return element;
}

/** The recorder is a chunk fetched once the dashboard is ready: the sections in view say it runs. */
async function recording(api: MockApi): Promise<void> {
  await waitUntil(
    () => {
      leave();
      return sent(posts(api)).some((event) => event.type === 'section_viewed');
    },
    'the journey recorder started',
    { interval: 100, timeout: 5000 },
  );
}

describe('the journey recorder', () => {
  let api: MockApi;
  afterEach(() => api.restore());

  it('records a cut, an explain, a built and saved plan and a dismissed offer, sent with keepalive when the page hides', async () => {
    api = storyApi();
    const token = fakeToken();
    const dashboard = await readyDashboard(token);
    await recording(api);
    const before = posts(api).length;

    fire(dashboard, 'vp-cut-change', {
      ...FIXTURE_CUT,
      preset: 'custom',
      from: '2026-09-01',
      filter: { by: 'team', value: 'Finance' },
    });
    // The same cut again is no new cut.
    fire(dashboard, 'vp-cut-change', {
      ...FIXTURE_CUT,
      preset: 'custom',
      from: '2026-09-01',
      filter: { by: 'team', value: 'Finance' },
    });
    fire(dashboard, 'vp-explain-request', {
      driver: 'automation_hours',
      from: '2026-11-01',
      to: '2026-11-27',
    });
    const band = { value: 1, low: 1, high: 1 };
    const change = {
      horizonMonths: 12,
      rampMonths: 3,
      annualRunRate: band,
      firstYear: band,
      baseline: band,
    };
    // Slider ticks: only where the levers rest counts, once the plan is saved.
    fire(dashboard, 'vp-scenario-change', { levers: { seats: 30 }, ...change });
    fire(dashboard, 'vp-scenario-change', { levers: { seats: 35 }, ...change });
    fire(dashboard, 'vp-scenario-change', { levers: { seats: 40 }, ...change });
    fire(dashboard, 'vp-scenario-save', { id: 'scn_1', name: 'Our secret plan', shared: false });
    fire(dashboard, 'vp-offer-feedback', {
      offerId: 'payment_reminders',
      decisionId: 'dec_1',
      action: 'dismissed',
      reason: 'not_relevant',
    });
    await pause(50);
    // Batched: nothing leaves before the page hides (or 10 s, or 20 events).
    expect(posts(api).length).to.equal(before);

    leave();
    await waitUntil(() => posts(api).length > before, 'a batch sent on pagehide');
    const [call] = posts(api).slice(before);
    expect(call?.method).to.equal('POST');
    expect(call?.keepalive).to.equal(true);
    expect(call?.authorization).to.equal(`Bearer ${token}`);
    const events = sent(posts(api).slice(before));
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type !== 'section_viewed')).to.deep.equal([
      'cut_applied',
      'explain_asked',
      'scenario_built',
      'scenario_saved',
      'offer_dismissed',
    ]);
    expect(events.find((event) => event.type === 'cut_applied')?.detail).to.deep.equal({
      from: '2026-09-01',
      to: FIXTURE_CUT.to,
      compare: 'previous',
      filter: { by: 'team', value: 'Finance' },
    });
    expect(events.find((event) => event.type === 'scenario_built')?.detail).to.deep.equal({
      levers: { seats: 40 },
    });
    expect(events.find((event) => event.type === 'offer_dismissed')?.detail).to.deep.equal({
      offerId: 'payment_reminders',
      decisionId: 'dec_1',
      reason: 'not_relevant',
    });
    for (const event of events) expect(Date.parse(event.at)).to.be.closeTo(Date.now(), 60_000);
    expect(JSON.stringify(events)).not.to.contain('Our secret plan');
    // Each section once per cut: the cut made the sections in view count again.
    expect(types.filter((type) => type === 'section_viewed').length).to.be.greaterThan(0);
  });

  it('sends what the customer just did as they ask their success manager, ahead of the brief', async () => {
    api = storyApi(accepted);
    const dashboard = await readyDashboard(fakeToken());
    await recording(api);
    fire(dashboard, 'vp-explain-request', {
      driver: 'total',
      from: '2026-11-01',
      to: '2026-11-27',
    });
    const before = posts(api).length;
    fire(dashboard, 'vp-handoff-open', { topic: { kind: 'general' }, label: 'A question' });
    // No pagehide and well before the 10-second timer: the ask itself sent it.
    await waitUntil(() => posts(api).length > before, 'sent on asking', { timeout: 2000 });
    expect(sent(posts(api).slice(before)).map((event) => event.type)).to.include('explain_asked');
  });

  it('keeps what a failed send carried for the next one', async () => {
    let fail = true;
    api = storyApi((call) =>
      fail
        ? { status: 503, body: { error: { code: 'unavailable', message: 'down' } } }
        : accepted(call),
    );
    const dashboard = await readyDashboard(fakeToken());
    await waitUntil(
      () => {
        leave();
        return posts(api).length > 0;
      },
      'a first send',
      { interval: 100, timeout: 5000 },
    );
    fire(dashboard, 'vp-explain-request', {
      driver: 'total',
      from: '2026-11-01',
      to: '2026-11-27',
    });
    leave();
    await waitUntil(() => sent(posts(api)).some((event) => event.type === 'explain_asked'));
    await pause(50);
    fail = false;
    fire(dashboard, 'vp-assumption-change', { id: 'hourly_cost', value: 55, previous: 48 });
    const failed = posts(api).length;
    leave();
    await waitUntil(() => posts(api).length > failed, 'sent again');
    const again = sent(posts(api).slice(failed)).map((event) => event.type);
    expect(again).to.include('explain_asked');
    expect(again).to.include('assumption_changed');
    expect(again).to.include('section_viewed');
  });

  it('records nothing for a success manager’s read-only view', async () => {
    api = storyApi();
    const dashboard = await readyDashboard(fakeToken(900, 'acme-corp', 'viewer', { rep: 'rep_1' }));
    // The recorder chunk has had time to load and decide.
    await pause(500);
    fire(dashboard, 'vp-explain-request', {
      driver: 'total',
      from: '2026-11-01',
      to: '2026-11-27',
    });
    leave();
    await pause(200);
    expect(posts(api)).to.deep.equal([]);
  });

  it('records nothing with journey="off", and stops when it is set later', async () => {
    api = storyApi();
    const off = await readyDashboard(fakeToken(), 'off');
    await pause(500);
    fire(off, 'vp-explain-request', { driver: 'total', from: '2026-11-01', to: '2026-11-27' });
    leave();
    await pause(200);
    expect(posts(api)).to.deep.equal([]);
    // Out of the way, so the next dashboard is in view.
    off.parentElement?.remove();

    const on = await readyDashboard(fakeToken());
    await recording(api);
    const before = posts(api).length;
    on.journey = 'off';
    fire(on, 'vp-explain-request', { driver: 'total', from: '2026-11-01', to: '2026-11-27' });
    leave();
    await pause(200);
    expect(posts(api).length).to.equal(before);
  });
});
