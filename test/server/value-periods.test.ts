import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from './value-fixture.ts';
import {
  dayAt,
  expectMoney,
  expectNumber,
  type FixtureEvent,
  startFixture,
} from './value-fixture.ts';

/**
 * Periods, comparisons and spend on a small hand-made world, every expected number worked out by
 * hand from the events below (one driver: each "Task Done" is one hour at $50).
 *
 * - hooli: first activity 2025-03-25, inside the month before April: no baseline for April.
 * - initech: contract start (trait) 2025-04-11, trial activity from 2025-04-08: April charges 20 days.
 * - acme: an invalid contract start trait, first activity 2025-06-01: year to date charges 92 days.
 * - yearco: 2 tasks a day in spring 2024, 3 a day in spring 2025: the same period last year differs.
 * - nowco: one task a day for the last 70 days up to yesterday, to ask for periods with today.
 */

const HOOLI = 'hooli';
const INITECH = 'initech';
const ACME = 'acme';
const YEARCO = 'yearco';
const NOWCO = 'nowco';
const PER_TASK = 50;

const today = new Date().toISOString().slice(0, 10);
const yesterday = dayAt(today, -1);

const model = {
  product: 'Periods',
  currency: 'USD',
  price: { trait: 'arr' },
  account: { startTrait: 'contract_start' },
  assumptions: [
    {
      id: 'hourly_rate',
      label: 'Loaded cost of one hour',
      unit: 'USD/hour',
      default: PER_TASK,
      min: 1,
      max: 500,
      customerEditable: false,
      source: 'Fixture',
    },
  ],
  drivers: [
    {
      id: 'task_hours',
      label: 'Time saved on tasks',
      category: 'efficiency',
      event: 'Task Done',
      quantity: { count: true },
      perUnit: 1,
      unit: { singular: 'hour', plural: 'hours' },
      rates: ['hourly_rate'],
    },
  ],
  segments: [{ id: 'team', label: 'Team', property: 'team' }],
};

function worldEvents(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  let n = 0;
  const group = (account: string, traits: Record<string, unknown>, day: string) =>
    events.push({
      type: 'group',
      messageId: `p-${++n}`,
      userId: `${account}-u`,
      groupId: account,
      traits,
      timestamp: `${day}T00:00:00.000Z`,
    });
  const tasks = (account: string, from: string, to: string, perDay: number, teams = ['ops']) => {
    for (let day = from; day <= to; day = dayAt(day, 1)) {
      for (let i = 0; i < perDay; i++) {
        events.push({
          type: 'track',
          messageId: `p-${++n}`,
          userId: `${account}-u`,
          groupId: account,
          event: 'Task Done',
          properties: { team: teams[i % teams.length] },
          timestamp: `${day}T12:00:00.000Z`,
        });
      }
    }
  };
  group(HOOLI, { arr: 36_500 }, '2025-03-25');
  tasks(HOOLI, '2025-03-25', '2025-04-30', 2, ['ops', 'sales']);
  group(INITECH, { arr: 36_500, contract_start: '2025-04-11T09:30:00Z' }, '2025-04-08');
  tasks(INITECH, '2025-04-08', '2025-04-30', 2);
  group(ACME, { arr: 73_000, contract_start: 'soon' }, '2025-06-01');
  tasks(ACME, '2025-06-01', '2025-08-31', 1);
  group(YEARCO, { arr: 36_500, contract_start: '2024-01-01' }, '2024-01-01');
  tasks(YEARCO, '2024-03-01', '2024-05-31', 2);
  tasks(YEARCO, '2025-03-01', '2025-04-30', 3);
  group(NOWCO, { arr: 36_500 }, dayAt(today, -70));
  tasks(NOWCO, dayAt(today, -70), yesterday, 1);
  return events;
}

let f: Fixture;

beforeAll(async () => {
  f = await startFixture({ events: worldEvents(), model });
  await f.refresh();
});

afterAll(async () => {
  await f.close();
});

const get = <T>(path: string, account: string, params: Record<string, string>) =>
  f.getJson<T>(`/v1/value/${path}?${new URLSearchParams(params)}`, account);

const APRIL = { from: '2025-04-01', to: '2025-04-30' };
const MARCH = { from: '2025-03-02', to: '2025-03-31' };
/** The same days a year earlier, as the widget's "same period last year" asks (52 weeks back). */
const APRIL_LAST_YEAR = { from: '2024-04-02', to: '2024-05-01' };

interface Comparison {
  period: { from: string; to: string };
  coverage: { current: number; compared: number };
  comparable: boolean;
  reason?: string;
}
interface Summary {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  comparison: Comparison;
  partialDay?: string;
  total: { money: number; previous: { money: number } };
  drivers: Array<{ id: string; money: number; previous: { quantity: number; money: number } }>;
  price?: { annual: number; period: number; from: string; days: number; basis: string };
  roi?: { multiple: number | null };
  payback?: { days: number | null };
}
interface Explanation {
  comparePeriod: { from: string; to: string };
  comparison: Comparison;
  total: { current: number; previous: number; delta: number; deltaShare: number | null };
}
interface Fact {
  id: string;
  value: number;
  unit: { kind: string };
  provenance: { period: { from: string; to: string }; query: string };
}
interface Story {
  comparison: Comparison;
  partialDay?: string;
  notices: Array<{ text: string; facts: Fact[] }>;
  chapters: Array<{
    insights: Array<{ type: string; text?: string; params: Record<string, string>; facts: Fact[] }>;
  }>;
}
const insightsOf = (story: Story) => story.chapters.flatMap((chapter) => chapter.insights);

describe('spend counts from the account’s start', () => {
  it('charges only the days from the contract start trait (a time is read as its day)', async () => {
    const body = await get<Summary>('summary', INITECH, APRIL);
    // 2 tasks a day from 2025-04-08 to 04-30 (23 days, the trial included) × $50.
    const money = 23 * 2 * PER_TASK;
    expectMoney(body.total.money, money);
    // Charged: 2025-04-11 to 04-30 = 20 days of 36,500 a year = 2,000.
    expect(body.price).toMatchObject({
      annual: 36_500,
      from: '2025-04-11',
      days: 20,
      basis: 'contract_start',
    });
    expectMoney(body.price?.period, 2_000);
    expectNumber(body.roi?.multiple, money / 2_000);
    // Payback: a year's spend ÷ money per charged day = 36,500 ÷ (2,300 ÷ 20) = 317.4 → 318 days.
    expect(body.payback?.days).toBe(318);
  });

  it('falls back to the first activity when the trait is not a day (year to date from June)', async () => {
    const body = await get<Summary>('summary', ACME, { from: '2025-01-01', to: '2025-08-31' });
    const money = 92 * PER_TASK;
    expectMoney(body.total.money, money);
    // June 1 to August 31: 30 + 31 + 31 = 92 days of 73,000 a year = 18,400.
    expect(body.price).toMatchObject({ from: '2025-06-01', days: 92, basis: 'first_activity' });
    expectMoney(body.price?.period, 18_400);
    expectNumber(body.roi?.multiple, 0.25);
    expect(body.payback?.days).toBe(73_000 / PER_TASK);
  });

  it('has no ROI for a period before the account started', async () => {
    const body = await get<Summary>('summary', ACME, { from: '2025-01-01', to: '2025-03-31' });
    expect(body.price).toMatchObject({ days: 0, period: 0 });
    expect(body.roi?.multiple).toBeNull();
    expect(body.payback?.days).toBeNull();
  });

  it('tells the same numbers in the story’s ROI sentence', async () => {
    const story = await get<Story>('story', INITECH, APRIL);
    const roi = insightsOf(story).find((insight) => insight.type === 'roi');
    const facts = new Map(roi?.facts.map((item) => [item.id, item.value]));
    expectMoney(facts.get('spend'), 2_000);
    expectNumber(facts.get('multiple'), (23 * 2 * PER_TASK) / 2_000);
    expect(facts.get('payback')).toBe(318);
  });
});

describe('a compared period without data is no baseline', () => {
  it('says the previous period covers 7 of 30 days and is not comparable', async () => {
    const body = await get<Summary>('summary', HOOLI, APRIL);
    expect(body.previousPeriod).toEqual(MARCH);
    expect(body.comparison).toEqual({
      period: MARCH,
      coverage: { current: 30, compared: 7 },
      comparable: false,
      reason: 'compared_before_start',
    });
    // The figures stay: 60 and 14 tasks.
    expectMoney(body.total.money, 30 * 2 * PER_TASK);
    expectMoney(body.total.previous.money, 7 * 2 * PER_TASK);
  });

  it('gives explain no growth rate', async () => {
    const body = await get<Explanation>('explain', HOOLI, APRIL);
    expect(body.comparison.comparable).toBe(false);
    expectMoney(body.total.delta, (30 - 7) * 2 * PER_TASK);
    expect(body.total.deltaShare).toBeNull();
  });

  it('tells no growth rate or share in the story, and says why', async () => {
    const story = await get<Story>('story', HOOLI, { ...APRIL, locale: 'en' });
    expect(story.comparison.comparable).toBe(false);
    const insights = insightsOf(story);
    expect(insights.some((insight) => insight.type === 'period_change')).toBe(false);
    for (const insight of insights.filter((i) => i.type.startsWith('top_'))) {
      expect(insight.facts.some((item) => item.unit.kind === 'percent')).toBe(false);
    }
    const notice = story.notices.find((item) => item.text.includes('no fair comparison'));
    expect(notice?.text).toBe(
      'Your account started on March 25, 2025, so the previous 30 days are no fair comparison: no change in percent is given.',
    );
  });

  it('says it in German and Spanish too', async () => {
    const de = await get<Story>('story', HOOLI, { ...APRIL, locale: 'de' });
    expect(de.notices.map((n) => n.text).join(' ')).toContain(
      'Die 30 Tage davor sind daher kein fairer Vergleich',
    );
    const es = await get<Story>('story', HOOLI, { ...APRIL, locale: 'es' });
    expect(es.notices.map((n) => n.text).join(' ')).toContain(
      'los 30 días anteriores no son una comparación justa',
    );
  });

  it('is comparable once the compared period is covered', async () => {
    const body = await get<Summary>('summary', YEARCO, APRIL);
    expect(body.comparison).toMatchObject({
      coverage: { current: 30, compared: 30 },
      comparable: true,
    });
    expect(body.comparison.reason).toBeUndefined();
  });
});

describe('the compare choice applies to every piece', () => {
  const lastYear = { ...APRIL, compareFrom: APRIL_LAST_YEAR.from, compareTo: APRIL_LAST_YEAR.to };

  it('gives the summary’s previous figures for the compared period', async () => {
    const body = await get<Summary>('summary', YEARCO, lastYear);
    expect(body.previousPeriod).toEqual(APRIL_LAST_YEAR);
    // 2024-04-02 to 2024-05-01: 30 days × 2 tasks.
    expect(body.drivers[0]?.previous.quantity).toBe(60);
    expectMoney(body.total.previous.money, 60 * PER_TASK);
    expectMoney(body.total.money, 90 * PER_TASK);
    expect(body.comparison).toMatchObject({ period: APRIL_LAST_YEAR, comparable: true });
  });

  it('explains against the compared period', async () => {
    const body = await get<Explanation>('explain', YEARCO, lastYear);
    expect(body.comparePeriod).toEqual(APRIL_LAST_YEAR);
    expectNumber(body.total.deltaShare, 0.5);
  });

  it('says “than the same period last year” and cites that period', async () => {
    // Against March (3 a day both) nothing changed: no period change to tell.
    const plain = await get<Story>('story', YEARCO, { ...APRIL, locale: 'en' });
    expect(insightsOf(plain).some((i) => i.type === 'period_change')).toBe(false);

    const story = await get<Story>('story', YEARCO, { ...lastYear, locale: 'en' });
    const change = insightsOf(story).find((i) => i.type === 'period_change');
    expect(change?.params.compared).toBe('last_year');
    expect(change?.text).toContain('50% more than in the same period last year');
    const previous = change?.facts.find((item) => item.id === 'previous');
    expect(previous?.provenance.period).toEqual(APRIL_LAST_YEAR);
    expect(change?.facts.find((item) => item.id === 'change')?.provenance.query).toContain(
      'compareFrom=2024-04-02',
    );
    const de = await get<Story>('story', YEARCO, { ...lastYear, locale: 'de' });
    expect(insightsOf(de).find((i) => i.type === 'period_change')?.text).toContain(
      'im selben Zeitraum des Vorjahres',
    );
    const es = await get<Story>('story', YEARCO, { ...lastYear, locale: 'es' });
    expect(insightsOf(es).find((i) => i.type === 'period_change')?.text).toContain(
      'en el mismo periodo del año pasado',
    );
  });

  it('refuses half a compared period', async () => {
    const res = await f.get(`/v1/value/summary?compareFrom=2024-04-02`, YEARCO);
    expect(res.status).toBe(400);
  });
});

describe('periods end on the last complete day', () => {
  it('ends yesterday by default, with no partial day', async () => {
    const body = await get<Summary>('summary', NOWCO, {});
    expect(body.period).toEqual({ from: dayAt(yesterday, -89), to: yesterday });
    expect(body.partialDay).toBeUndefined();
    const story = await get<Story>('story', NOWCO, {});
    expect(story.partialDay).toBeUndefined();
  });

  it('includes today only when asked, and then says the comparison is not like for like', async () => {
    const period = { from: dayAt(today, -29), to: today };
    const body = await get<Summary>('summary', NOWCO, period);
    expect(body.partialDay).toBe(today);
    // Covered: up to yesterday only (29 days); the 30 days before are all covered.
    expect(body.comparison).toMatchObject({
      coverage: { current: 29, compared: 30 },
      comparable: false,
      reason: 'current_includes_today',
    });
    const story = await get<Story>('story', NOWCO, { ...period, locale: 'en' });
    expect(story.partialDay).toBe(today);
    expect(insightsOf(story).some((i) => i.type === 'period_change')).toBe(false);
    expect(story.notices.map((n) => n.text)).toContain(
      'This period includes today, which is still under way, so it is not like for like with the period before: no change in percent is given.',
    );
    const explain = await get<Explanation>('explain', NOWCO, period);
    expect(explain.total.deltaShare).toBeNull();
  });
});
