import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffBrief } from '../../blueprint/api/handoffs.ts';
import type { SavedScenarios } from '../../blueprint/api/scenarios.ts';
// @ts-expect-error: a plain .mjs example without type declarations, run as vendors would run it.
import { startReceiver } from '../../examples/webhook-receiver/receiver.mjs';
import { freePort } from '../ports.ts';
import { type DemoService, ROOT, SECRET, startDemoService } from './demo-service.ts';

/**
 * The whole hand-off, end to end on the demo: a customer builds and saves a plan in the demo host
 * page and asks their success manager about it; the vendor's receiver (the example in
 * examples/webhook-receiver) gets the signed webhook; the rep opens the brief in the console at
 * /rep, answers and pushes a variant of the plan; the customer's dashboard shows the answer and
 * opens the pushed plan in the planner. Real service, real Chromium, real HTTP all the way.
 */
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const PLAN = 'Finance on automations';
const VARIANT = 'Finance and Ops on automations';
const MESSAGE = 'Could we get Finance onto automations by March?';
const ANSWER = 'Yes, March works. Here is a plan with Finance and Ops on automations.';

interface Task {
  subject: string;
  account: string;
  body: string;
  reference?: string;
}

let demo: DemoService;
let browser: Browser;
let base: string;
let receiver: Server;
const tasks: Array<{ task: Task; id: string }> = [];

/** Errors the page logs and requests that fail, so a test can say there were none. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

async function admin(path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('from the customer’s question to the rep’s answer and back', () => {
  beforeAll(async () => {
    demo = await startDemoService();
    ({ browser, base } = demo);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The vendor registers its receiver (the demo allows a loopback URL) and starts it with the
    // secret it was given.
    const port = await freePort();
    const created = await admin('/v1/admin/webhooks', {
      url: `http://127.0.0.1:${port}/`,
      events: ['handoff.created', 'handoff.replied', 'handoff.updated'],
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    receiver = await startReceiver({
      secret,
      port,
      onTask: (task: Task, id: string) => tasks.push({ task, id }),
    });
  }, 120_000);

  afterAll(async () => {
    await new Promise((done) => receiver?.close(done));
    await demo?.stop();
  });

  it('carries a saved plan from the customer to the rep and a variant back into the planner', async () => {
    // The customer: builds and saves a plan, then asks about it.
    const page = await browser.newPage({ viewport: { width: 1360, height: 1800 } });
    const customerProblems = watch(page);
    await page.goto(`${base}/`);
    await page.locator('vp-value-story [part~="headline"]').first().waitFor({ timeout: 30_000 });
    const account = await page.getByTestId('account-select').inputValue();
    await page.locator('vp-dashboard .plan-head button').click();
    const slider = page.locator('vp-planner-panel input[type="range"]').first();
    await slider.waitFor({ timeout: 20_000 });
    await slider.focus();
    for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowRight');
    await page.locator('vp-planner-panel #plan-name').fill(PLAN);
    await page.locator('vp-planner-panel [name="plan-shared"]').check();
    await page.locator('vp-planner-panel .save button[value="new"]').click();
    const saved = page.locator('vp-planner-panel .plan', { hasText: PLAN });
    await saved.waitFor({ timeout: 10_000 });
    await saved.locator('[part~="ask"]').click();

    const panel = page.locator('vp-handoff-panel');
    await panel.locator('textarea').waitFor({ timeout: 10_000 });
    expect(await panel.locator('[part~="topic"]').textContent()).toContain(PLAN);
    await panel.locator('textarea').fill(MESSAGE);
    await panel.locator('input[value="meeting"]').check();
    // The preview shows what will be shared: the plan asked about is in it.
    await expect
      .poll(async () => (await panel.locator('[part~="preview"]').textContent()) ?? '', {
        timeout: 10_000,
      })
      .toContain(PLAN);
    await panel.locator('button[type="submit"].primary').click();
    await panel.locator('[part~="confirmation"]').waitFor({ timeout: 10_000 });

    // The vendor's receiver got the signed webhook (it verifies every signature on the raw body).
    await expect.poll(() => tasks.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const created = tasks[0]?.task as Task;
    expect(created.account).toBe(account);
    expect(created.subject).toContain(`asks about "${PLAN}"`);
    expect(created.body).toContain(MESSAGE);
    expect(created.body).toContain(`Plan "${PLAN}"`);

    // The rep: the console at /rep (the demo signs Sam Rivera in) shows the brief with that plan.
    const rep = await browser.newPage({ viewport: { width: 1500, height: 1400 } });
    const repProblems = watch(rep);
    await rep.goto(`${base}/rep`);
    const item = rep.locator(`button.item[data-id="${created.reference}"]`);
    await item.waitFor({ timeout: 20_000 });
    expect(await item.textContent()).toContain(PLAN);
    await item.click();
    await rep.locator('#reply-note').waitFor({ timeout: 20_000 });
    // Text inside the elements' shadow roots: getByText looks there.
    const brief = rep.locator('vp-rep-brief');
    await brief.getByText(MESSAGE).first().waitFor({ timeout: 20_000 });
    await brief.getByText(PLAN).first().waitFor();
    // The customer's live dashboard, read-only, beside the brief.
    await rep.locator('vp-dashboard vp-value-story [part~="headline"]').first().waitFor({
      timeout: 20_000,
    });
    await expect(rep.locator('vp-dashboard .talk').count()).resolves.toBe(0);

    // The rep answers with a variant built in the planner.
    await rep.locator('#reply-note').fill(ANSWER);
    await rep.locator('#reply-with-plan').check();
    const repSlider = rep.locator('vp-rep-reply vp-planner-panel input[type="range"]').first();
    await repSlider.waitFor({ timeout: 20_000 });
    await repSlider.focus();
    for (let step = 0; step < 10; step += 1) await rep.keyboard.press('ArrowRight');
    await rep.locator('#plan-name').fill(VARIANT);
    await rep.locator('#reply-send').click();
    await rep.locator('vp-rep-console').getByText(ANSWER).first().waitFor({ timeout: 10_000 });
    await rep.screenshot({ path: join(SCREENSHOTS, 'rep-console.png'), fullPage: true });
    await expect.poll(() => tasks.some(({ task }) => task.body.includes(ANSWER))).toBe(true);

    // The pushed plan is the account's, shared, by the rep.
    const token = await fetch(`${base}/v1/embed/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: account, userId: `${account}-u9`, role: 'viewer' }),
    }).then(async (response) => ((await response.json()) as { token: string }).token);
    const plans = (await fetch(`${base}/v1/scenarios`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.json())) as SavedScenarios;
    const pushed = plans.scenarios.find((plan) => plan.name === VARIANT);
    expect(pushed?.shared).toBe(true);
    expect(pushed?.successManager?.name).toBe('Sam Rivera');
    const original = plans.scenarios.find((plan) => plan.name === PLAN);
    expect(pushed?.levers).not.toEqual(original?.levers);

    // The customer: "From your success manager" shows the answer; "Open this plan" opens it.
    await page.reload();
    await page.locator('vp-value-story [part~="headline"]').first().waitFor({ timeout: 30_000 });
    const reply = page.locator('vp-handoff-replies-panel [part~="reply"]').first();
    await reply.waitFor({ timeout: 20_000 });
    expect(await reply.textContent()).toContain(ANSWER);
    expect(await reply.textContent()).toContain('Sam Rivera');
    await reply.getByRole('button', { name: /Open this plan/ }).click();
    const name = page.locator('vp-planner-panel #plan-name');
    await expect.poll(() => name.inputValue(), { timeout: 20_000 }).toBe(VARIANT);
    const sharedBy = page.locator('vp-planner-panel .plan', { hasText: VARIANT });
    expect(await sharedBy.textContent()).toContain('Sam Rivera, your success manager');
    await page.screenshot({ path: join(SCREENSHOTS, 'handoff-answered.png'), fullPage: true });

    // The hand-off as the customer's API reads it: answered, with the reply and the plan.
    const list = (await fetch(`${base}/v1/handoffs`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.json())) as {
      handoffs: Array<{ status: string; replies: Array<{ scenario?: { id: string } }> }>;
    };
    expect(list.handoffs[0]?.status).toBe('answered');
    expect(list.handoffs[0]?.replies[0]?.scenario?.id).toBe(pushed?.id);
    // The brief the rep read is the one the customer previewed: the plan with its inputs.
    const one = (await fetch(`${base}/v1/handoffs/${created.reference}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.json())) as { brief: HandoffBrief };
    expect(one.brief.scenarios?.find((plan) => plan.topic)?.name).toBe(PLAN);
    // …and what the customer did on the page, recorded by the widget, travelled with it.
    const journey = one.brief.journey;
    expect(journey?.explored.sections.map((entry) => entry.section)).toContain('plan');
    expect(journey?.prioritized.plans.map((plan) => plan.name)).toContain(PLAN);

    expect(customerProblems).toEqual([]);
    expect(repProblems).toEqual([]);
    await rep.close();
    await page.close();
  }, 180_000);
});
