import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { goalSeek, leversOf, type ProjectionBasis, project } from '../../blueprint/projection.ts';
import type {
  GoalSeekAnswer,
  LeversAnswer,
  ProjectionAnswer,
  SavedScenario,
  SavedScenarios,
} from '../../widget/api/types.ts';
import { formatMoney } from '../../widget/core/format.ts';
import '../../widget/planner/planner.ts';
import type { VpScenarioPlanner } from '../../widget/planner/planner.ts';
import type { VpPlannerPanel } from '../../widget/planner/planner-panel.ts';
import { expectNoAxeViolations } from './axe.ts';
import { GOAL, PLAN_INPUTS } from './fixtures/plan-inputs.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

const levers = await loadFixture<LeversAnswer>('scenario-levers');
const saved = await loadFixture<SavedScenarios>('scenarios');
const serverProjection = await loadFixture<ProjectionAnswer>('scenario-projection');
const serverGoal = await loadFixture<GoalSeekAnswer>('scenario-goal');
const basis = levers.basis as ProjectionBasis;
const usd = (value: number) => formatMoney(value, 'USD', 'en', true);

/** A plan saved by someone else in the account, shared. */
const theirs: SavedScenario = {
  ...(saved.scenarios[0] as SavedScenario),
  id: 'scn_theirs0000000001',
  name: 'Reports for everyone',
  author: 'acme-corp-u7',
  mine: false,
  levers: { 'adoption:report_hours': 300 },
};

let api: MockApi;
let plans: SavedScenario[];

function scenarioApi(): MockApi {
  plans = [...saved.scenarios, theirs];
  return mockApi({
    '/v1/scenarios/levers': { body: levers },
    '/v1/scenarios': (call) => {
      if (call.method === 'POST') {
        const body = call.body as Record<string, unknown>;
        const plan = {
          ...(saved.scenarios[0] as SavedScenario),
          ...body,
          id: 'scn_new0000000000001',
          mine: true,
        } as SavedScenario;
        plans = [...plans, plan];
        return { status: 201, body: plan };
      }
      return { body: { scenarios: plans, limit: saved.limit } };
    },
  });
}

/** Answers PUT and DELETE for one saved plan, as the server would. */
function planRoute(plan: SavedScenario): void {
  api.answer(`/v1/scenarios/${plan.id}`, (call) => {
    if (call.method === 'DELETE') {
      plans = plans.filter((candidate) => candidate.id !== plan.id);
      return { body: { id: plan.id, deleted: true } };
    }
    const current = plans.find((candidate) => candidate.id === plan.id) ?? plan;
    const changed = { ...current, ...(call.body as object) } as SavedScenario;
    plans = plans.map((candidate) => (candidate.id === plan.id ? changed : candidate));
    return { body: changed };
  });
}

async function settle(element: HTMLElement & { updateComplete: Promise<unknown> }) {
  for (let i = 0; i < 6; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}

async function mount(
  options: { role?: 'viewer' | 'editor'; locale?: string; theme?: string; width?: number } = {},
): Promise<{ planner: VpScenarioPlanner; panel: VpPlannerPanel }> {
  const planner = await fixture<VpScenarioPlanner>(html`<div class="box">
    <vp-scenario-planner
      api=${API}
      token=${fakeToken(900, 'acme-corp', options.role ?? 'viewer')}
      locale=${options.locale ?? 'en'}
      theme=${options.theme ?? 'light'}
    ></vp-scenario-planner>
  </div>`).then((box) => {
    if (options.width) (box as HTMLElement).style.width = `${options.width}px`;
    return box.querySelector('vp-scenario-planner') as VpScenarioPlanner;
  });
  await planner.bodyReady();
  const panel = planner.shadowRoot?.querySelector('vp-planner-panel') as VpPlannerPanel;
  await waitUntil(() => panel.shadowRoot?.querySelector('[part~="planner"]'), 'the planner');
  await waitUntil(() => panel.shadowRoot?.querySelector('.saved'), 'the saved plans');
  await settle(panel);
  return { planner, panel };
}

const $ = <T extends Element = HTMLElement>(panel: VpPlannerPanel, selector: string): T => {
  const found = panel.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the planner`);
  return found;
};
const $$ = (panel: VpPlannerPanel, selector: string): HTMLElement[] => [
  ...(panel.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? []),
];
const words = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
const slider = (panel: VpPlannerPanel, lever: string) =>
  $<HTMLInputElement>(panel, `#range-${lever.replace(':', '-')}`);
const field = (panel: VpPlannerPanel, lever: string) =>
  slider(panel, lever).parentElement?.querySelector('.amount') as HTMLInputElement;

function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

describe('<vp-scenario-planner>', () => {
  beforeEach(() => {
    api = scenarioApi();
  });
  afterEach(() => api.restore());

  it('projects in the browser exactly what the server answers for the same plan and goal', () => {
    const { currency, ...answer } = serverProjection;
    expect(currency).to.equal(basis.model.currency);
    expect(
      project(basis, PLAN_INPUTS.levers, {
        horizonMonths: PLAN_INPUTS.horizonMonths,
        rampMonths: PLAN_INPUTS.rampMonths,
      }),
    ).to.deep.equal(answer);
    expect(goalSeek(basis, GOAL.lever, GOAL.target, GOAL.levers)).to.deep.equal(serverGoal);
    expect(leversOf(basis)).to.deep.equal(levers.levers);
  });

  it('shows a skeleton, then today’s value with its range, and groups the levers by what they move', async () => {
    const held = api.hold('/v1/scenarios/levers');
    const planner = await fixture<VpScenarioPlanner>(html`<vp-scenario-planner
      api=${API}
      token=${fakeToken()}
      locale="en"
    ></vp-scenario-planner>`);
    await planner.bodyReady();
    const panel = planner.shadowRoot?.querySelector('vp-planner-panel') as VpPlannerPanel;
    await panel.updateComplete;
    expect($(panel, '[part="loading"]').getAttribute('aria-busy')).to.equal('true');
    held.release();
    await waitUntil(() => panel.shadowRoot?.querySelector('#run-rate'), 'the run rate');
    await settle(panel);
    const today = levers.baseline.annualRunRate;
    expect(words($(panel, '#run-rate'))).to.equal(usd(today.value));
    expect(words($(panel, '.card .range'))).to.equal(
      `likely ${usd(today.low)} to ${usd(today.high)}`,
    );
    expect(words($(panel, '.card .delta'))).to.equal('The same as today');
    expect(words($(panel, '.intro'))).to.contain('Estimated');
    const legends = $$(panel, 'legend').map(words);
    const drivers = basis.model.drivers
      .filter((driver) => levers.levers.some((lever) => lever.driver === driver.id))
      .map((driver) => driver.label);
    expect(legends).to.deep.equal([...drivers, 'What a unit is worth']);
    // Every slider is labelled, shows its bounds and today's value, and has a number field.
    for (const lever of levers.levers) {
      const range = slider(panel, lever.id);
      expect(range.labels?.[0] && words(range.labels[0]), lever.id).to.be.ok;
      expect(range.min).to.equal(String(lever.min));
      expect(range.max).to.equal(String(lever.max));
      expect(field(panel, lever.id).getAttribute('aria-label')).to.be.ok;
    }
  });

  it('moves a lever from the keyboard (arrows, Page Up/Down, Home, End) and says what it brings', async () => {
    const { planner, panel } = await mount();
    const lever = levers.levers.find((candidate) => candidate.id === 'adoption:automation_hours');
    if (!lever) throw new Error('no adoption lever in the fixture');
    const range = slider(panel, lever.id);
    range.focus();
    let change = oneEvent(planner, 'vp-scenario-change');
    await sendKeys({ press: 'ArrowRight' });
    let detail = (await change).detail;
    expect(detail.levers).to.deep.equal({ [lever.id]: lever.baseline + 1 });
    const expected = project(basis, detail.levers);
    expect(detail.annualRunRate).to.deep.equal(expected.annualRunRate);
    expect(detail.baseline).to.deep.equal(expected.baseline.annualRunRate);
    await settle(panel);
    expect(words($(panel, '#run-rate'))).to.equal(usd(expected.annualRunRate.value));
    expect(words($(panel, '.card .delta'))).to.match(
      /^\+\$[\d.,]+K? \(\+\d+(\.\d)?%\) against today$/,
    );

    change = oneEvent(planner, 'vp-scenario-change');
    await sendKeys({ press: 'PageUp' });
    detail = (await change).detail;
    const tenth = Math.round((lever.max - lever.min) / 10);
    expect(detail.levers[lever.id]).to.equal(lever.baseline + 1 + tenth);

    change = oneEvent(planner, 'vp-scenario-change');
    await sendKeys({ press: 'End' });
    expect((await change).detail.levers[lever.id]).to.equal(lever.max);
    change = oneEvent(planner, 'vp-scenario-change');
    await sendKeys({ press: 'Home' });
    expect((await change).detail.levers[lever.id]).to.equal(lever.min);
    await settle(panel);
    expect(range.getAttribute('aria-valuetext')).to.equal('0 people');
  });

  it('uses a typed value within the lever’s bounds, and puts back what is not a number', async () => {
    const { panel } = await mount();
    const lever = levers.levers.find((candidate) => candidate.id === 'assumption:hourly_rate');
    if (!lever) throw new Error('no hourly rate lever');
    const input = field(panel, lever.id);
    typeInto(input, String(lever.max * 10));
    await settle(panel);
    expect(input.value).to.equal(String(lever.max));
    expect(slider(panel, lever.id).value).to.equal(String(lever.max));
    typeInto(input, '');
    await settle(panel);
    expect(input.value).to.equal(String(lever.max));
  });

  it('shows the same plan the server projects, with the chart, its table and where it comes from', async () => {
    const { panel } = await mount();
    for (const [id, value] of Object.entries(PLAN_INPUTS.levers))
      typeInto(field(panel, id), String(value));
    const [horizon, ramp] = $$(panel, '.timing select') as HTMLSelectElement[];
    if (!horizon || !ramp) throw new Error('no horizon and ramp');
    horizon.value = String(PLAN_INPUTS.horizonMonths);
    horizon.dispatchEvent(new Event('change'));
    ramp.value = String(PLAN_INPUTS.rampMonths);
    ramp.dispatchEvent(new Event('change'));
    await settle(panel);
    expect(words($(panel, '#run-rate'))).to.equal(usd(serverProjection.annualRunRate.value));
    expect(words($(panel, '#first-year'))).to.equal(usd(serverProjection.firstYear.value));
    expect(words($$(panel, '.card .label')[1] as HTMLElement)).to.equal('Your first 12 months');
    const svg = $(panel, '[part="chart"]');
    expect(svg.getAttribute('aria-label')).to.contain('In month 24 this plan brings about');
    expect($$(panel, 'svg path')).to.have.length(3);
    expect(words($(panel, '.sources caption'))).to.equal('Where it would come from, a year');
    const rows = $$(panel, '.sources tbody tr');
    const moved = serverProjection.drivers.filter((row) => row.baseline > 0 || row.scenario > 0);
    expect(rows).to.have.length(moved.length);
    $(panel, '.chart-head button').click();
    await settle(panel);
    const months = $$(panel, '.months tbody tr');
    expect(months).to.have.length(24);
    const last = serverProjection.months[23];
    if (!last) throw new Error('no month 24');
    expect(words(months[23] as HTMLElement)).to.equal(
      `24 ${usd(last.baseline)} ${usd(last.value)} ${usd(last.low)} ${usd(last.high)}`,
    );
  });

  it('answers "What would it take?" with the lever value, or the most it can give without changing the plan', async () => {
    const { panel } = await mount();
    typeInto($<HTMLInputElement>(panel, '#goal-target'), String(GOAL.target));
    const picker = $<HTMLSelectElement>(panel, '#goal-lever');
    picker.value = GOAL.lever;
    picker.dispatchEvent(new Event('change'));
    for (const [id, value] of Object.entries(GOAL.levers))
      typeInto(field(panel, id), String(value));
    await settle(panel);
    $<HTMLButtonElement>(panel, '.goal button[type="submit"]').click();
    await settle(panel);
    expect(serverGoal.found).to.equal(true);
    expect(words($(panel, '.goal .message'))).to.contain(
      `${serverGoal.value} people would get you there`,
    );
    expect(slider(panel, GOAL.lever).value).to.equal(String(serverGoal.value));

    // Out of reach: the plan stays as it was, and the answer says how far the lever gets.
    const before = slider(panel, GOAL.lever).value;
    typeInto($<HTMLInputElement>(panel, '#goal-target'), '900000000');
    $<HTMLButtonElement>(panel, '.goal button[type="submit"]').click();
    await settle(panel);
    expect(words($(panel, '.goal .message'))).to.match(/^Not with this alone: even at/);
    expect(slider(panel, GOAL.lever).value).to.equal(before);

    typeInto($<HTMLInputElement>(panel, '#goal-target'), '0');
    $<HTMLButtonElement>(panel, '.goal button[type="submit"]').click();
    await settle(panel);
    expect(words($(panel, '.goal .message'))).to.equal('Enter an amount above zero.');
  });

  it('opens with a goal in a driver’s unit (a promise) and answers it at once', async () => {
    const { planner, panel } = await mount();
    planner.goal = { target: 20_000, driver: 'automation_hours' };
    await settle(planner);
    await settle(panel);
    expect($<HTMLInputElement>(panel, '#goal-target').value).to.equal('20000');
    expect(words($(panel, '.goal .note'))).to.contain('about 20,000 hours a year');
    const options = [...$<HTMLSelectElement>(panel, '#goal-lever').options].map((o) => o.value);
    expect(options).to.deep.equal(['adoption:automation_hours', 'intensity:automation_hours']);
    const answer = goalSeek(
      basis,
      'adoption:automation_hours',
      20_000,
      {},
      {
        driver: 'automation_hours',
      },
    );
    expect(words($(panel, '.goal .message'))).to.contain(
      answer.found ? `${answer.value} people would get you there` : 'Not with this alone',
    );
    await planner.focusGoal();
    expect(panel.shadowRoot?.activeElement?.id).to.equal('goal-target');
  });

  it('saves a named plan with only the levers it moves, and lists it', async () => {
    const { planner, panel } = await mount();
    typeInto(field(panel, 'adoption:automation_hours'), '250');
    await settle(panel);
    $<HTMLButtonElement>(panel, '.save button[value="new"]').click();
    await settle(panel);
    expect(words($(panel, '.save .message'))).to.equal('Name the plan first.');
    expect(api.calls.filter((call) => call.method === 'POST')).to.have.length(0);

    $<HTMLInputElement>(panel, '#plan-name').value = 'Everyone automates';
    $<HTMLInputElement>(panel, '[name="plan-shared"]').checked = true;
    const saved = oneEvent(planner, 'vp-scenario-save');
    $<HTMLButtonElement>(panel, '.save button[value="new"]').click();
    expect((await saved).detail).to.deep.equal({
      id: 'scn_new0000000000001',
      name: 'Everyone automates',
      shared: true,
    });
    const post = api.calls.find((call) => call.method === 'POST');
    expect(post?.body).to.deep.equal({
      name: 'Everyone automates',
      shared: true,
      levers: { 'adoption:automation_hours': 250 },
      horizonMonths: 12,
      rampMonths: 3,
    });
    await waitUntil(
      () => $$(panel, '.plan-name').some((name) => words(name) === 'Everyone automates'),
      'the new plan in the list',
    );
    expect(words($(panel, '.save .message'))).to.equal('Saved “Everyone automates”.');
    // The plan on screen is the saved one: its changes can be saved to it.
    expect($$(panel, '.save button[value="update"]')).to.have.length(1);
  });

  it('lets the author rename, share and delete a plan; a viewer cannot change someone else’s', async () => {
    const { panel } = await mount();
    const mine = saved.scenarios[0] as SavedScenario;
    planRoute(mine);
    const items = $$(panel, '.plan');
    const theirItem = items.find((item) => words(item).includes(theirs.name)) as HTMLElement;
    expect(words(theirItem)).to.not.contain('Rename');
    expect(words(theirItem)).to.not.contain('Delete');
    const myItem = items.find((item) => words(item).includes(mine.name)) as HTMLElement;
    const button = (item: HTMLElement, text: string) =>
      [...item.querySelectorAll('button')].find((b) => words(b).startsWith(text)) as HTMLElement;

    button(myItem, 'Rename').click();
    await settle(panel);
    const rename = $<HTMLInputElement>(panel, `#rename-${mine.id}`);
    rename.value = 'Automations everywhere';
    button($(panel, '.plan:has(form.rename)'), 'Done').click();
    await waitUntil(
      () => $$(panel, '.plan-name').some((name) => words(name) === 'Automations everywhere'),
      'the new name',
    );
    expect(api.calls.find((call) => call.method === 'PUT')?.body).to.deep.equal({
      name: 'Automations everywhere',
    });

    const renamed = () =>
      $$(panel, '.plan').find((item) =>
        words(item).includes('Automations everywhere'),
      ) as HTMLElement;
    button(renamed(), mine.shared ? 'Stop sharing' : 'Share').click();
    await waitUntil(
      () => api.calls.filter((call) => call.method === 'PUT').length === 2,
      'the share change',
    );
    expect(api.calls.filter((call) => call.method === 'PUT')[1]?.body).to.deep.equal({
      shared: !mine.shared,
    });
    await settle(panel);

    button(renamed(), 'Delete').click();
    await settle(panel);
    expect(words(renamed())).to.contain('Delete “Automations everywhere”?');
    expect(api.calls.filter((call) => call.method === 'DELETE')).to.have.length(0);
    const deleted = oneEvent(panel, 'vp-scenario-delete');
    ($(panel, '.confirm .danger') as HTMLButtonElement).click();
    await waitUntil(() => !renamed(), 'the plan gone from the list');
    expect((await deleted).detail).to.deep.equal({ id: mine.id });
    expect(api.calls.filter((call) => call.method === 'DELETE')).to.have.length(1);
  });

  it('lets an editor change anyone’s plan in the account', async () => {
    const { panel } = await mount({ role: 'editor' });
    const theirItem = $$(panel, '.plan').find((item) => words(item).includes(theirs.name));
    expect(words(theirItem as HTMLElement)).to.contain('Rename');
  });

  it('says what a saved plan is worth on today’s numbers, and "about the same" when it reads alike', async () => {
    const [first] = saved.scenarios as SavedScenario[];
    if (!first) throw new Error('expected a saved plan in the fixture');
    const band = (value: number) => ({ value, low: value * 0.9, high: value * 1.1 });
    const worth = (id: string, name: string, then: number, now: number, moved: boolean) => ({
      ...first,
      id,
      name,
      saved: { ...first.saved, planRunRate: then },
      current: { ...first.current, planRunRate: band(now), moved },
    });
    api.answer('/v1/scenarios', {
      body: {
        scenarios: [
          worth('scn_grown00000000001', 'Grown', 3_200_000, 3_712_000, true),
          worth('scn_alike00000000001', 'Alike', 3_712_000, 3_705_000, true),
          worth('scn_still00000000001', 'Still', 3_712_000, 3_712_000, false),
        ],
        limit: saved.limit,
      },
    });
    const { panel } = await mount();
    const note = (name: string) => {
      const plan = $$(panel, '.plan').find((item) => item.textContent?.includes(name));
      return plan ? words(plan.querySelector('.note') ?? document.createElement('p')) : 'no plan';
    };
    expect(note('Grown')).to.equal(
      `Saved at about ${usd(3_200_000)} a year; on today’s numbers about ${usd(3_712_000)}.`,
    );
    expect(note('Alike')).to.equal(
      `Saved at about ${usd(3_712_000)} a year; about the same on today’s numbers.`,
    );
    expect(note('Still')).to.equal('');
  });

  it('compares two plans side by side with their inputs and what each brings', async () => {
    const { panel } = await mount();
    const compared = oneEvent(panel, 'vp-scenario-compare');
    for (const box of $$(panel, '.plan input[type="checkbox"]').slice(0, 2)) {
      (box as HTMLInputElement).click();
    }
    await settle(panel);
    const table = $(panel, '[part="compare"] table');
    const [a, b] = plans;
    if (!a || !b) throw new Error('two plans expected');
    expect((await compared).detail).to.deep.equal({ ids: [a.id, b.id] });
    expect($$(panel, '[part="compare"] thead th').map(words)).to.deep.equal([a.name, b.name]);
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => words(row));
    const moved = new Set([...Object.keys(a.levers), ...Object.keys(b.levers)]);
    expect(rows[0]).to.equal('What changes');
    expect(rows.slice(1, 1 + moved.size).every((row) => row.includes(':'))).to.equal(true);
    expect(rows).to.include('What it brings');
    const planA = project(basis, a.levers, {
      horizonMonths: a.horizonMonths,
      rampMonths: a.rampMonths,
    });
    const runRateRow = rows.find((row) => row.startsWith('A year at this pace')) ?? '';
    expect(runRateRow).to.contain(usd(planA.annualRunRate.value));
    // The server said the same of this plan on today's numbers, in the list of saved plans.
    expect(planA.annualRunRate.value).to.equal(a.current.planRunRate.value);
    expect(rows.some((row) => row.includes('as today ('))).to.equal(true);
    $(panel, '[part="compare"] > .link').click();
    await settle(panel);
    expect(panel.shadowRoot?.querySelector('[part="compare"]')).to.equal(null);
  });

  it('opens a saved plan into the levers, and "Reset to today" puts every lever back', async () => {
    const { panel } = await mount();
    const mine = saved.scenarios[0] as SavedScenario;
    const [id, value] = Object.entries(mine.levers)[0] ?? [];
    if (!id) throw new Error('the demo plan moves no lever');
    const item = $$(panel, '.plan').find((candidate) => words(candidate).includes(mine.name));
    if (!item) throw new Error(`${mine.name} is not in the list`);
    (item.querySelector('.plan-actions button') as HTMLButtonElement).click();
    await settle(panel);
    expect(slider(panel, id).value).to.equal(String(value));
    expect($<HTMLInputElement>(panel, '#plan-name').value).to.equal(mine.name);
    $(panel, '.reset').click();
    await settle(panel);
    const lever = levers.levers.find((candidate) => candidate.id === id);
    expect(Number(slider(panel, id).value)).to.be.closeTo(lever?.baseline ?? -1, lever?.step ?? 1);
    expect(words($(panel, '.card .delta'))).to.equal('The same as today');
  });

  it('says when the team has saved all the plans it may keep', async () => {
    const { panel } = await mount();
    api.answer('/v1/scenarios', (call) =>
      call.method === 'POST'
        ? { status: 409, body: { error: { code: 'scenario_limit', message: 'at most 200' } } }
        : { body: { scenarios: plans, limit: 200 } },
    );
    $<HTMLInputElement>(panel, '#plan-name').value = 'One too many';
    $<HTMLButtonElement>(panel, '.save button[value="new"]').click();
    await waitUntil(() => panel.shadowRoot?.querySelector('.save .message'), 'a message');
    expect(words($(panel, '.save .message'))).to.contain('(200). Delete one');
  });

  it('shows the error with a retry when the levers cannot load, and "nothing to plan" without levers', async () => {
    api.answer('/v1/scenarios/levers', {
      status: 409,
      body: { error: { code: 'no_model', message: 'no value model is published' } },
    });
    const planner = await fixture<VpScenarioPlanner>(html`<vp-scenario-planner
      api=${API}
      token=${fakeToken()}
      locale="en"
    ></vp-scenario-planner>`);
    await planner.bodyReady();
    const panel = planner.shadowRoot?.querySelector('vp-planner-panel') as VpPlannerPanel;
    await waitUntil(() => panel.shadowRoot?.querySelector('[part="error"]'), 'the error');
    // Nobody used anything in the 12 weeks: only assumptions, which move nothing on their own.
    const nothingYet = { ...basis, model: { ...basis.model, drivers: [] } };
    api.answer('/v1/scenarios/levers', { body: { ...levers, levers: [], basis: nothingYet } });
    ($(panel, '[part="error"] button') as HTMLButtonElement).click();
    await waitUntil(() => panel.shadowRoot?.querySelector('[part="empty"]'), 'the empty state');
    expect(words($(panel, '[part="empty"]'))).to.contain('There is nothing to plan yet');
  });

  it('speaks German and Spanish', async () => {
    const { panel } = await mount({ locale: 'de' });
    expect(words($(panel, '.card .label'))).to.equal('Ein Jahr in diesem Tempo Geschätzt');
    expect(words($(panel, '.reset'))).to.equal('Auf heute zurücksetzen');
    const { panel: spanish } = await mount({ locale: 'es' });
    expect(words($(spanish, '.goal h4'))).to.equal('¿Qué haría falta?');
  });

  it('fits a 360 px side panel: one column, the slider on its own line', async () => {
    const { panel } = await mount({ width: 360 });
    const columns = getComputedStyle($(panel, '.layout')).gridTemplateColumns.split(' ');
    expect(columns).to.have.length(1);
    expect(panel.getBoundingClientRect().width).to.be.at.most(360);
    const wide = await mount({ width: 1000 });
    expect(
      getComputedStyle($(wide.panel, '.layout')).gridTemplateColumns.split(' '),
    ).to.have.length(2);
  });

  for (const theme of ['light', 'dark']) {
    it(`has no axe violations in ${theme}: levers, results, table, goal and comparison`, async () => {
      const { panel } = await mount({ theme });
      await expectNoAxeViolations(panel);
      for (const box of $$(panel, '.plan input[type="checkbox"]').slice(0, 2)) {
        (box as HTMLInputElement).click();
      }
      $(panel, '.chart-head button').click();
      await settle(panel);
      await expectNoAxeViolations(panel);
    });
  }
});
