import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LeversAnswer, SavedScenarios } from '../../widget/api/types.ts';
import '../../widget/planner/planner.ts';
import type { VpScenarioPlanner } from '../../widget/planner/planner.ts';
import type { VpPlannerPanel } from '../../widget/planner/planner-panel.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

const levers = await loadFixture<LeversAnswer>('scenario-levers');
const saved = await loadFixture<SavedScenarios>('scenarios');

/** The planner with a token: a customer's, or a success manager's view (the `rep` claim). */
async function planner(token: string): Promise<ShadowRoot> {
  const element = await fixture<VpScenarioPlanner>(
    html`<vp-scenario-planner api=${API} token=${token} locale="en"></vp-scenario-planner>`,
  );
  await element.bodyReady();
  const panel = element.shadowRoot?.querySelector('vp-planner-panel') as VpPlannerPanel;
  await waitUntil(() => panel.shadowRoot?.querySelector('form.goal'), 'the levers load');
  await waitUntil(
    () => api.calls.some((call) => call.path === '/v1/scenarios'),
    'the saved plans are asked',
  );
  for (let i = 0; i < 4; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await panel.updateComplete;
  }
  return panel.shadowRoot as ShadowRoot;
}

let api: MockApi;

describe('vp-scenario-planner in a success manager’s view', () => {
  beforeEach(() => {
    api = mockApi({ '/v1/scenarios/levers': { body: levers }, '/v1/scenarios': { body: saved } });
  });
  afterEach(() => api.restore());

  it('keeps levers, projection and goal seek, and hides saving and the saved plans', async () => {
    const root = await planner(fakeToken(900, 'acme-corp', 'viewer', { rep: 'rep-7' }));
    expect(root.querySelector('input[type="range"]')).not.to.equal(null);
    expect(root.querySelector('#run-rate')).not.to.equal(null);
    expect(root.querySelector('form.goal')).not.to.equal(null);
    expect(root.querySelector('form.save')).to.equal(null);
    expect(root.querySelector('section.saved')).to.equal(null);
  });

  it('shows saving and the saved plans to the customer', async () => {
    const root = await planner(fakeToken(900, 'acme-corp', 'editor'));
    expect(root.querySelector('form.save')).not.to.equal(null);
    expect(root.querySelector('section.saved')).not.to.equal(null);
  });
});
