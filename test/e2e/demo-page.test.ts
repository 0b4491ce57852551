import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../blueprint/format.ts';
import type { ServerProcess } from '../server-process.ts';
import { type DemoService, ROOT, SECRET, startDemoService } from './demo-service.ts';

/**
 * End to end: the real service on a fresh database seeded with the demo, the demo host page at `/`
 * in Debian's Chromium, and every number the page shows checked against the value API itself.
 */
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

let demo: DemoService;
let server: ServerProcess;
let browser: Browser;
let base: string;

interface StoryAnswer {
  headline: { text: string };
  account: string;
}

async function tokenFor(accountId: string, role = 'viewer', locale = 'en'): Promise<string> {
  const response = await fetch(`${base}/v1/embed/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify({ accountId, userId: `${accountId}-u1`, role, locale }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function valueApi<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The headline element (CSS locators pierce open shadow roots). */
function headline(page: Page) {
  return page.locator('vp-value-story [part~="headline"]').first();
}

/** The headline's sentence as a reader sees it, without the "Estimated" badge beside it. */
function sentenceOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    for (const aside of copy.querySelectorAll('.badge, .visually-hidden')) aside.remove();
    return (copy.textContent ?? '').replace(/[ \t\n]+/g, ' ').trim();
  });
}

async function openDemo(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1800 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(`${base}/`);
  await headline(page).waitFor({ timeout: 20_000 });
  return page;
}

/** The account an embed token (a request's Authorization header) names. */
function accountOf(authorization: string | undefined): string | undefined {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  if (!payload) return undefined;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { acc?: string }).acc;
}

function dayParams(page: Page) {
  return page.evaluate(() => {
    const dashboard = document.querySelector('vp-dashboard') as HTMLElement & {
      cut: { from: string; to: string; preset: string; filter?: { by: string; value: string } };
    };
    return dashboard.cut;
  });
}

describe('the demo host page in a browser', () => {
  beforeAll(async () => {
    demo = await startDemoService();
    ({ server, browser, base } = demo);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(() => demo?.stop());

  it('tells the first account its story, the same as the story endpoint', async () => {
    expect(server.output()).toContain(`demo page:  ${base}/`);
    const page = await openDemo();
    const account = await page.getByTestId('account-select').inputValue();
    const cut = await dayParams(page);
    const story = await valueApi<StoryAnswer>(
      await tokenFor(account),
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en`,
    );
    await expect.poll(() => sentenceOf(headline(page))).toBe(story.headline.text);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-light.png'), fullPage: true });

    // Keyboard through the chart: the tooltip is placed without breaking the page's strict CSP.
    await page.evaluate(() => {
      (window as Window & { violations?: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as Window & { violations?: string[] }).violations?.push(event.violatedDirective),
      );
    });
    await page.locator('vp-trend-chart [part~="chart"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const tooltip = page.locator('vp-trend-chart [part~="tooltip"]');
    await tooltip.waitFor();
    expect(await tooltip.evaluate((element) => (element as HTMLElement).style.left)).toMatch(/px$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-tooltip.png') });
    expect(
      await page.evaluate(() => (window as Window & { violations?: string[] }).violations),
    ).toEqual([]);
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('switches account and language', async () => {
    const page = await openDemo();
    await page.getByTestId('account-select').selectOption('umbrella');
    const cut = await dayParams(page);
    const english = await valueApi<StoryAnswer>(
      await tokenFor('umbrella'),
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en`,
    );
    await expect
      .poll(() => sentenceOf(headline(page)), { timeout: 15_000 })
      .toBe(english.headline.text);
    await page.getByTestId('locale-select').selectOption('de');
    const german = await valueApi<StoryAnswer>(
      await tokenFor('umbrella'),
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=de`,
    );
    await expect
      .poll(() => sentenceOf(headline(page)), { timeout: 15_000 })
      .toBe(german.headline.text);
    expect(german.headline.text).not.toBe(english.headline.text);
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-dark-de.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('applies a cut to the story, then explains a change', async () => {
    const page = await openDemo();
    const account = await page.getByTestId('account-select').inputValue();
    const token = await tokenFor(account);
    await page.locator('vp-cuts select#period').selectOption('30d');
    await expect.poll(async () => (await dayParams(page)).preset).toBe('30d');
    let cut = await dayParams(page);
    const month = await valueApi<StoryAnswer>(
      token,
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en`,
    );
    await expect
      .poll(() => sentenceOf(headline(page)), { timeout: 15_000 })
      .toBe(month.headline.text);

    await page.locator('vp-cuts select#filter-by').selectOption('team');
    await page.locator('vp-cuts select#filter-value').selectOption('Finance');
    await expect.poll(async () => (await dayParams(page)).filter?.value).toBe('Finance');
    cut = await dayParams(page);
    const finance = await valueApi<StoryAnswer>(
      token,
      `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en&filter=team%3AFinance`,
    );
    await expect
      .poll(() => sentenceOf(headline(page)), { timeout: 15_000 })
      .toBe(finance.headline.text);
    expect(finance.headline.text).not.toBe(month.headline.text);

    // "Why did this change?" from the story opens the troubleshooting with the endpoint's numbers.
    const question = page.locator('vp-value-story [part~="question"]').first();
    await question.click();
    const answer = page.locator('vp-explain [part~="answer"]');
    await answer.waitFor({ timeout: 15_000 });
    const explained = await page.evaluate(() => {
      const dashboard = document.querySelector('vp-dashboard');
      const explain = dashboard?.shadowRoot?.querySelector('vp-explain') as
        | (HTMLElement & { request?: Record<string, string> })
        | null;
      return explain?.request;
    });
    expect(explained?.from).toBeTruthy();
    const query = new URLSearchParams({
      from: explained?.from ?? '',
      to: explained?.to ?? '',
      ...(explained?.compareFrom
        ? { compareFrom: explained.compareFrom, compareTo: explained.compareTo ?? '' }
        : {}),
      ...(explained?.driver && explained.driver !== 'total' ? { driver: explained.driver } : {}),
      filter: 'team:Finance',
    });
    const explanation = await valueApi<{
      dimensions: Array<{ by: string; contributions: Array<{ segment: string; delta: number }> }>;
    }>(token, `/v1/value/explain?${query}`);
    // People are shown as "User 1", "User 2" (never their id): the largest part named as it
    // came is looked for among the other ways of cutting.
    const largest = explanation.dimensions
      .filter((dimension) => dimension.by !== 'user')
      .flatMap((dimension) => dimension.contributions)
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
    if (largest) {
      await expect
        .poll(() => page.locator('vp-explain [part~="dimension"]').allTextContents())
        .toEqual(expect.arrayContaining([expect.stringContaining(largest.segment)]));
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-cut-explain.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('lets an editor change an assumption and the money follows', async () => {
    const page = await openDemo();
    await page.getByTestId('role-select').selectOption('editor');
    await page.locator('#value-dashboard[data-role="editor"]').waitFor();
    await headline(page).waitFor({ timeout: 20_000 });
    const account = await page.getByTestId('account-select').inputValue();
    const cut = await dayParams(page);
    const token = await tokenFor(account, 'editor');
    type Summary = { drivers: Array<{ id: string; money: number }> };
    const moneyOf = async () =>
      (
        await valueApi<Summary>(token, `/v1/value/summary?from=${cut.from}&to=${cut.to}`)
      ).drivers.find((driver) => driver.id === 'automation_hours')?.money ?? 0;
    const before = await moneyOf();

    const row = page.locator('vp-drivers li[data-driver="automation_hours"]');
    const shownBefore = await row.textContent();
    await row.locator('button[aria-expanded]').first().click();
    const input = row.locator('input[type="number"]').first();
    await input.fill('110');
    await input.press('Enter');
    await page.locator('#host-status', { hasText: /Assumption updated/ }).waitFor();

    await expect.poll(moneyOf, { timeout: 15_000 }).toBeCloseTo(before * 2, 0);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).not.toBe(shownBefore);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-editor.png'), fullPage: true });
    // Put it back, so the other tests see the model's default.
    await fetch(`${base}/v1/value/assumptions/hourly_rate`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 55 }),
    });
    await page.close();
  }, 90_000);

  it("never shows another account's numbers, whatever the page asks for", async () => {
    const page = await openDemo();
    const globexToken = await tokenFor('globex');
    const acmeToken = await tokenFor('acme-corp');
    const globex = await valueApi<StoryAnswer>(globexToken, '/v1/value/story?locale=en');
    const acme = await valueApi<StoryAnswer>(acmeToken, '/v1/value/story?locale=en');
    const acmeSummary = await valueApi<{ total: { money: number } }>(
      acmeToken,
      '/v1/value/summary',
    );
    // The page claims acme-corp every way it can; the token says globex.
    await page.evaluate((token) => {
      const element = document.createElement('vp-dashboard') as HTMLElement & { token: string };
      element.setAttribute('account', 'acme-corp');
      element.setAttribute('account-id', 'acme-corp');
      element.dataset.account = 'acme-corp';
      element.id = 'boundary';
      element.token = token;
      document.getElementById('dashboard-slot')?.replaceChildren(element);
    }, globexToken);
    const shown = page.locator('#boundary vp-value-story [part~="headline"]');
    await expect.poll(() => sentenceOf(shown), { timeout: 15_000 }).toBe(globex.headline.text);
    expect(globex.headline.text).not.toBe(acme.headline.text);
    const text = (await page.locator('#boundary').evaluate((element) => {
      const texts: string[] = [];
      const walk = (root: Element | ShadowRoot) => {
        for (const child of Array.from(root.children)) {
          if (child.shadowRoot) walk(child.shadowRoot);
          texts.push(
            ...Array.from(child.childNodes, (node) =>
              node.nodeType === 3 ? (node.textContent ?? '') : '',
            ),
          );
          walk(child);
        }
      };
      walk(element);
      return texts.join(' ');
    })) as string;
    expect(text).not.toContain(acme.headline.text);
    expect(text).not.toContain('acme-corp');
    const acmeTotal = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: 'USD',
      notation: 'compact',
      maximumSignificantDigits: 2,
    }).format(acmeSummary.total.money);
    expect(acme.headline.text).toContain(acmeTotal);
    expect(text).not.toContain(acmeTotal);

    // A page that rewrites the requests to name another account is refused by the service.
    await page.route('**/v1/value/**', (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('account', 'acme-corp');
      return route.continue({ url: url.href });
    });
    const refused = await page.evaluate(async (token) => {
      const response = await fetch('/v1/value/summary', {
        headers: { authorization: `Bearer ${token}` },
      });
      return response.status;
    }, globexToken);
    expect(refused).toBe(403);
    await page.close();
  }, 90_000);
  /** The demo page for one account and language, loaded as a customer opens it. */
  async function openAt(account: string, locale = 'en'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1800 } });
    await page.goto(`${base}/?account=${account}&locale=${locale}`);
    await headline(page).waitFor({ timeout: 20_000 });
    return page;
  }

  interface PromiseStatuses {
    promises?: Array<{ status: string }>;
  }

  it('says behind in the chart exactly when the promise cards and the story say behind', async () => {
    let behindSeen = 0;
    for (const account of ['acme-corp', 'globex', 'umbrella', 'vandelay', 'hooli', 'initech']) {
      const page = await openAt(account);
      const cut = await dayParams(page);
      const token = await tokenFor(account);
      const summary = await valueApi<PromiseStatuses>(
        token,
        `/v1/value/summary?from=${cut.from}&to=${cut.to}`,
      );
      const story = await valueApi<{
        chapters: Array<{ insights: Array<{ type: string; params: Record<string, string> }> }>;
      }>(token, `/v1/value/story?from=${cut.from}&to=${cut.to}&locale=en`);
      const cardsBehind = (summary.promises ?? []).some((p) => p.status === 'behind');
      const storyBehind = story.chapters
        .flatMap((chapter) => chapter.insights)
        .some(
          (insight) => insight.type === 'pace_to_promise' && insight.params.status === 'behind',
        );
      await page.locator('vp-trend-chart svg.plot').waitFor({ timeout: 20_000 });
      const caption = page.locator('vp-trend-chart [part~="promise-status"]');
      const chartSays = (await caption.count()) > 0 ? ((await caption.textContent()) ?? '') : '';
      const chartBehind = /behind/i.test(chartSays);
      // The cards in the page say it too.
      const cards = await page.locator('vp-drivers [part="promise"] .status').allTextContents();
      expect(
        cards.some((text) => /behind/i.test(text)),
        account,
      ).toBe(cardsBehind);
      expect(chartBehind, `${account}: chart "${chartSays}"`).toBe(cardsBehind);
      if (storyBehind) expect(chartBehind, `${account}: the story says behind`).toBe(true);
      if (chartBehind) behindSeen += 1;
      await page.close();
    }
    // The demo has a promise at risk (Umbrella): the check above is not vacuous.
    expect(behindSeen).toBeGreaterThan(0);
  }, 120_000);

  it('changes the story comparison when the customer compares with the same period last year', async () => {
    const page = await openAt('acme-corp');
    const story = page.locator('vp-value-story');
    const before = await story.evaluate((element) => element.shadowRoot?.textContent ?? '');
    expect(before).not.toContain('same period last year');
    const asked = page.waitForRequest(
      (request) =>
        request.url().includes('/v1/value/story') && request.url().includes('compareFrom='),
    );
    await page.locator('vp-cuts #compare').selectOption('last_year');
    const url = new URL((await asked).url());
    const cut = await dayParams(page);
    // 52 weeks back, as the cut bar computes it.
    expect(url.searchParams.get('compareTo')).toBe(
      new Date(Date.parse(`${cut.to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10),
    );
    await expect
      .poll(() => story.evaluate((element) => element.shadowRoot?.textContent ?? ''), {
        timeout: 20_000,
      })
      .toContain('same period last year');
    await page.close();
  }, 60_000);

  it('shows a German page with no English unit words', async () => {
    for (const account of ['umbrella', 'acme-corp']) {
      const page = await openAt(account, 'de');
      await page.locator('vp-drivers [part="row"]').first().waitFor({ timeout: 20_000 });
      await page.locator('vp-trend-chart svg.plot').waitFor({ timeout: 20_000 });
      const text = await page.locator('vp-dashboard').evaluate((root) => {
        const walk = (node: Node): string => {
          let out = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
          const element = node as Element;
          if (element.shadowRoot) out += ` ${walk(element.shadowRoot)}`;
          for (const child of node.childNodes) out += ` ${walk(child)}`;
          return out;
        };
        return walk(root);
      });
      expect(text).toContain('Stunden');
      expect(
        text.match(/\b(hours?|incidents?|workspaces?|Estimated|Measured)\b/gi) ?? [],
        account,
      ).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('plans ahead: moves a lever, shows the server’s number, saves, reloads and compares', async () => {
    const page = await openDemo();
    await page.evaluate(() => {
      const spy = window as Window & { violations?: string[]; changes?: unknown[] };
      spy.violations = [];
      spy.changes = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        spy.violations?.push(event.violatedDirective),
      );
      document.addEventListener('vp-scenario-change', (event) =>
        spy.changes?.push((event as CustomEvent).detail),
      );
    });
    const account = await page.getByTestId('account-select').inputValue();
    const token = await tokenFor(account);
    const runRate = page.locator('vp-planner-panel #run-rate');
    await page.locator('vp-dashboard .plan-head button').click();
    await runRate.waitFor({ timeout: 20_000 });
    const before = await runRate.textContent();

    // Arrow keys on the first slider (people using the first way value is gained).
    const slider = page.locator('vp-planner-panel input[type="range"]').first();
    await slider.focus();
    for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageUp');
    const change = (await page.evaluate(() => {
      const spy = window as Window & { changes?: unknown[] };
      return spy.changes?.at(-1);
    })) as { levers: Record<string, number>; annualRunRate: { value: number } };
    expect(Object.keys(change.levers)).toHaveLength(1);
    // The same plan asked of the server: the number on screen is the server's, rounded alike.
    const response = await fetch(`${base}/v1/scenarios/project`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ levers: change.levers }),
    });
    const projected = (await response.json()) as {
      currency: string;
      annualRunRate: { value: number };
    };
    expect(change.annualRunRate.value).toBe(projected.annualRunRate.value);
    const shown = formatMoney(projected.annualRunRate.value, projected.currency, 'en', true);
    await expect.poll(() => runRate.textContent()).toBe(shown);
    expect(shown).not.toBe(before);

    await page.locator('vp-planner-panel #plan-name').fill('More people automating');
    await page.locator('vp-planner-panel [name="plan-shared"]').check();
    await page.locator('vp-planner-panel .save button[value="new"]').click();
    await page
      .locator('vp-planner-panel .plan-name', { hasText: 'More people automating' })
      .waitFor({ timeout: 10_000 });

    // The planner's chunk loaded and ran under the page's strict CSP.
    expect(
      await page.evaluate(() => (window as Window & { violations?: string[] }).violations),
    ).toEqual([]);
    // After a reload the plan is there, and two plans compare side by side with their inputs.
    await page.reload();
    await headline(page).waitFor({ timeout: 20_000 });
    await page.locator('vp-dashboard .plan-head button').click();
    const saved = page.locator('vp-planner-panel .plan', { hasText: 'More people automating' });
    await saved.waitFor({ timeout: 20_000 });
    expect(await saved.textContent()).toContain(
      formatMoney(projected.annualRunRate.value, projected.currency, 'en', true),
    );
    await saved.locator('input[type="checkbox"]').check();
    await page.locator('vp-planner-panel .plan input[type="checkbox"]').first().check();
    const compare = page.locator('vp-planner-panel [part~="compare"]');
    await compare.waitFor();
    const table = (await compare.textContent()) ?? '';
    expect(table).toContain('More people automating');
    expect(table).toContain('What changes');
    expect(table).toContain('What it brings');
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-plan.png'), fullPage: true });
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('answers "What would it take?" under the promise Umbrella is behind on', async () => {
    const page = await openDemo();
    await page.getByTestId('account-select').selectOption('umbrella');
    await page.locator('vp-value-story [part~="headline"]').first().waitFor({ timeout: 20_000 });
    await page
      .locator('vp-value-story [part~="question"]', { hasText: 'What would it take?' })
      .first()
      .click();
    const message = page.locator('vp-planner-panel .goal .message');
    await message.waitFor({ timeout: 20_000 });
    expect(await page.locator('vp-planner-panel .goal .note').textContent()).toMatch(
      /To keep your promise you need about [\d,]+ (hours|incidents) a year from now on\./,
    );
    expect(await message.textContent()).toMatch(/would get you there|Not with this alone/);
    await page.close();
  }, 60_000);

  it('suggests more value: "Plan it" opens the planner at the offer’s level; "Not now" stays hidden after a reload', async () => {
    const page = await openDemo();
    await page.evaluate(() => {
      const spy = window as Window & { violations?: string[] };
      spy.violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        spy.violations?.push(event.violatedDirective),
      );
    });
    // The page's own answer: the cards must be exactly it. (Asked again afterwards, the API may
    // already rest an offer this very visit showed a third time this week.)
    const asked = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/v1/recommendations' &&
        response.request().method() === 'GET' &&
        accountOf(response.request().headers().authorization) === 'umbrella',
      { timeout: 20_000 },
    );
    await page.getByTestId('account-select').selectOption('umbrella');
    const cards = page.locator('vp-next-best-panel [part~="offer"]');
    await cards.first().waitFor({ timeout: 20_000 });
    const token = await tokenFor('umbrella');
    interface Suggestions {
      currency: string;
      items: Array<{
        offer: { id: string; label: string };
        projected: { annual: number; low: number; high: number };
        plan: { levers: Record<string, number> };
      }>;
      hidden: Array<{ offer: { id: string }; reason: string }>;
    }
    const answer = (await (await asked).json()) as Suggestions;
    const [top] = answer.items;
    if (!top) throw new Error('the demo suggests nothing to Umbrella');
    // The cards are the API's, in its order, with its figures, rounded as everywhere.
    expect(await cards.count()).toBe(answer.items.length);
    const first = cards.first();
    const text = (await first.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain(top.offer.label);
    const money = (value: number) => formatMoney(value, answer.currency, 'en', true);
    // A range from nothing reads "up to" (the card's rule); which one the demo gives moves with
    // the date its history is drawn to.
    expect(text).toContain(
      top.projected.low < 0.5
        ? `up to ${money(top.projected.high)} more a year`
        : `${money(top.projected.low)} to ${money(top.projected.high)} more a year`,
    );
    expect(text).toContain(`likely about ${money(top.projected.annual)}`);

    // "Plan it": the planner opens set to the offer's levers, showing what the server projects.
    await first.getByRole('button', { name: `Plan it: ${top.offer.label} in the planner` }).click();
    const note = page.locator('vp-planner-panel #preset-note');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.textContent()).toContain(top.offer.label);
    const projected = (await (
      await fetch(`${base}/v1/scenarios/project`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ levers: top.plan.levers }),
      })
    ).json()) as {
      annualRunRate: { value: number };
      baseline: { annualRunRate: { value: number } };
    };
    await expect
      .poll(() => page.locator('vp-planner-panel #run-rate').textContent())
      .toBe(money(projected.annualRunRate.value));
    // What the plan adds is the offer's "likely about" figure, but for the levers' steps.
    const added = projected.annualRunRate.value - projected.baseline.annualRunRate.value;
    expect(Math.abs(added - top.projected.annual) / top.projected.annual).toBeLessThan(0.05);

    // "Not now": gone, listed as hidden, and still hidden after a reload (the server keeps it).
    await first.getByRole('button', { name: `Hide ${top.offer.label}` }).click();
    await page.locator('vp-next-best-panel .hide-menu button', { hasText: 'Not now' }).click();
    // Gone once the server's answer is back (earlier visits may have hidden others already).
    await page
      .locator(`vp-next-best-panel #offer-${top.offer.id}`)
      .waitFor({ state: 'detached', timeout: 20_000 });
    const hiddenToggle = page.locator('vp-next-best-panel #hidden-toggle');
    await hiddenToggle.waitFor({ timeout: 20_000 });
    // The suggestions' chunk loaded and ran under the page's strict CSP.
    expect(
      await page.evaluate(() => (window as Window & { violations?: string[] }).violations ?? []),
    ).toEqual([]);
    await page.reload();
    await page.locator('vp-next-best-panel [part~="next-best"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('account-select').inputValue()).toBe('umbrella');
    expect(await page.locator(`vp-next-best-panel #offer-${top.offer.id}`).count()).toBe(0);
    await hiddenToggle.click();
    expect(await page.locator('vp-next-best-panel #hidden-list').textContent()).toContain(
      `${top.offer.label} · Not now: back on`,
    );
    const after = await valueApi<Suggestions>(token, '/v1/recommendations');
    expect(after.hidden).toContainEqual(
      expect.objectContaining({
        offer: expect.objectContaining({ id: top.offer.id }),
        reason: 'not_now',
      }),
    );
    expect(after.items.map((item) => item.offer.id)).not.toContain(top.offer.id);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-next-best.png'), fullPage: true });
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    await page.close();
  }, 90_000);
});
