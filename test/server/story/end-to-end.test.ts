/**
 * The detectors and the narrative together: hand-built accounts go through detectInsights and
 * renderStory in every shipped locale. Nothing detected may be dropped for missing facts, and no
 * sentence may state a number that is not one of its facts.
 */
import { describe, expect, it } from 'vitest';
import { promiseProgress } from '../../../blueprint/value-math.ts';
import { detectInsights } from '../../../server/insights/detect.ts';
import type { Fact, Insight } from '../../../server/insights/insight.ts';
import type { StoryDriver, StoryInput } from '../../../server/insights/story-input.ts';
import { namesIn, onlyFactNumbers } from '../../../server/story/guard.ts';
import { storyLocales } from '../../../server/story/locale.ts';
import {
  type RenderedStory,
  renderInsight,
  renderStory,
  type StoryDataStatus,
} from '../../../server/story/render.ts';
import { days } from './fixtures.ts';

// A four-week period (no calendar month: said by its dates), Monday to Sunday, and the four weeks
// before it.
const period = { from: '2026-11-02', to: '2026-11-29' };
const previousPeriod = { from: '2026-10-05', to: '2026-11-01' };

/** Weekly buckets (Mondays), the last one the period's last complete week. */
function weeks(moneys: number[]) {
  const last = Date.parse('2026-11-23T00:00:00Z');
  return moneys.map((money, index) => ({
    bucket: new Date(last - (moneys.length - 1 - index) * 7 * 86_400_000)
      .toISOString()
      .slice(0, 10),
    money,
  }));
}

function driver(
  id: string,
  label: string,
  basis: 'measured' | 'modelled',
  money: number,
  previous: number,
  extra: Partial<StoryDriver> = {},
): StoryDriver {
  const unit = basis === 'modelled' ? { singular: 'hour', plural: 'hours' } : ('currency' as const);
  const value = basis === 'modelled' ? money / 50 : money;
  return {
    id,
    label,
    category: basis === 'modelled' ? 'efficiency' : 'revenue',
    basis,
    unit,
    quantity: value,
    value,
    money,
    previous: {
      quantity: basis === 'modelled' ? previous / 50 : previous,
      value: basis === 'modelled' ? previous / 50 : previous,
      money: previous,
    },
    ...extra,
  };
}

function explain(rows: Array<[string, number, number]>) {
  const current = rows.reduce((sum, [, now]) => sum + now, 0);
  const previous = rows.reduce((sum, [, , before]) => sum + before, 0);
  const delta = current - previous;
  return {
    total: { current, previous, delta, deltaShare: previous > 0 ? delta / previous : null },
    dimensions: [
      {
        by: 'team',
        contributions: rows.map(([segment, now, before]) => ({
          segment,
          current: now,
          previous: before,
          delta: now - before,
          shareOfChange: delta !== 0 ? (now - before) / delta : null,
        })),
      },
    ],
  };
}

/** Rising for a quarter, a record last week, most value from two teams, one feature unused. */
const growing: StoryInput = {
  currency: 'USD',
  period,
  previousPeriod,
  drivers: [
    driver('hours', 'Hours saved', 'modelled', 6_000, 4_500, { feature: 'automation' }),
    driver('revenue', 'Revenue won', 'measured', 3_000, 2_500),
    driver('macros', 'Macro time saved', 'modelled', 50, 40, { feature: 'Macros' }),
  ],
  total: { money: 9_050, previous: { money: 7_040 } },
  roi: { multiple: 9_050 / 3_000, paybackDays: 121, spend: 3_000 },
  weekly: {
    total: weeks([
      1_000, 1_050, 1_100, 1_180, 1_250, 1_300, 1_380, 1_450, 1_500, 1_580, 1_650, 1_720, 2_400,
    ]),
    drivers: [],
  },
  explain: explain([
    ['Support', 5_500, 4_000],
    ['Sales', 2_400, 2_000],
    ['Ops', 1_150, 1_040],
  ]),
  breakdowns: [
    {
      by: 'team',
      contributions: [
        ['Support', 6_000],
        ['Sales', 1_500],
        ['Ops', 600],
        ['Legal', 400],
        ['HR', 300],
        ['Finance', 250],
      ].map(([key, money]) => ({
        key: key as string,
        money: money as number,
        share: (money as number) / 9_050,
      })),
    },
  ],
};

/**
 * Rose for two months, turned down at its peak six weeks ago (a regime needs six weeks), and fell
 * 16% against the month before.
 */
const stalling: StoryInput = {
  currency: 'EUR',
  period,
  previousPeriod,
  drivers: [
    driver('hours', 'Hours saved', 'modelled', 3_200, 4_000),
    driver('revenue', 'Revenue won', 'measured', 2_000, 2_200),
  ],
  total: { money: 5_200, previous: { money: 6_200 } },
  weekly: {
    total: weeks([
      1_000, 1_100, 1_200, 1_300, 1_400, 1_500, 1_600, 1_700, 1_600, 1_450, 1_300, 1_200, 1_100,
    ]),
    drivers: [],
  },
  explain: explain([
    ['Support', 2_600, 3_300],
    ['Sales', 1_600, 1_800],
    ['Ops', 1_000, 1_100],
  ]),
};

/** Ten days of activity: nothing to compare with, no trend to read. */
const fresh: StoryInput = {
  currency: 'USD',
  period,
  previousPeriod,
  drivers: [driver('hours', 'Hours saved', 'modelled', 300, 0)],
  total: { money: 300, previous: { money: 0 } },
  weekly: { total: weeks([120, 180]), drivers: [] },
};

/** Promised $20,000 for the quarter; two thirds in, a bit over a third is there. */
const promised = { target: 20_000, from: '2026-10-01', to: '2026-12-31' };
const behind: StoryInput = {
  currency: 'USD',
  period,
  previousPeriod,
  drivers: [driver('revenue', 'Revenue won', 'measured', 4_100, 3_900)],
  total: { money: 4_100, previous: { money: 3_900 } },
  promises: [
    {
      ...promised,
      ...promiseProgress(promised, 7_000, '2026-11-29'),
      label: 'Quarterly value',
      unit: 'currency',
    },
  ],
  weekly: { total: weeks([950, 1_000, 1_020, 980, 1_010, 1_000, 990, 1_030, 1_000]), drivers: [] },
};

const accounts: Record<string, StoryInput> = { growing, stalling, fresh, behind };
const ok: StoryDataStatus = { state: 'ok' };

/** Strict, as in render.test.ts: with every formatted fact and name cut out, no digit is left. */
function digitsOutsideFacts(text: string, facts: readonly Fact[], names: readonly string[]) {
  const spans = [...facts.map((f) => f.formatted ?? ''), ...names].filter(Boolean);
  spans.sort((a, b) => b.length - a.length);
  let rest = text;
  for (const span of spans) rest = rest.split(span).join('');
  return rest.replace(/[^\d]/g, '');
}

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const estimateWords: Record<string, RegExp> = {
  en: /(about|an estimated|estimated) $/,
  de: /(etwa|rund) $/,
  es: /(unos|aproximadamente) $/,
};

const told = (story: RenderedStory) => story.chapters.flatMap((c) => c.insights);

describe('detectInsights → renderStory', () => {
  for (const [name, input] of Object.entries(accounts)) {
    const insights = detectInsights(input);

    for (const locale of storyLocales) {
      it(`tells every insight of the ${name} account in ${locale}, with only fact numbers`, () => {
        for (const insight of insights) {
          // Alone in a story, each insight must survive: none is dropped for missing facts.
          const story = renderStory({ insights: [insight], dataStatus: ok }, locale);
          const [rendered, ...rest] = told(story);
          expect(rest, insight.id).toEqual([]);
          expect(rendered?.id, insight.id).toBe(insight.id);
          const names = namesIn(rendered as Insight);
          for (const text of [rendered?.text ?? '', rendered?.question ?? '']) {
            expect(text.length, insight.id).toBeGreaterThan(0);
            const facts = rendered?.facts ?? [];
            expect(onlyFactNumbers(text, facts, locale, names), text).toBe(true);
            expect(digitsOutsideFacts(text, facts, names), text).toBe('');
          }
        }
        // Together, the story tells the strongest ones, up to its cap, in chapter order.
        const story = renderStory({ insights, dataStatus: ok }, locale);
        expect(told(story).length).toBe(Math.min(insights.length, 5));
      });

      it(`words modelled money as an estimate in the ${name} account in ${locale}`, () => {
        for (const insight of insights) {
          const rendered = renderInsight(insight, locale);
          const text = rendered.text ?? '';
          for (const fact of rendered.facts.filter((f) => f.unit.kind === 'money')) {
            const at = text.indexOf(fact.formatted ?? '');
            if (at < 0) continue; // a fact kept for provenance, not said
            expect(estimateWords[locale]?.test(text.slice(0, at)), `${fact.id}: ${text}`).toBe(
              fact.estimated,
            );
          }
        }
      });
    }
  }

  it('finds what each account is about', () => {
    const types = (input: StoryInput) => detectInsights(input).map((i) => i.type);
    expect(types(growing)).toEqual(
      expect.arrayContaining(['roi', 'period_change', 'top_contributors', 'concentration']),
    );
    expect(types(growing)).toEqual(expect.arrayContaining(['adoption_gap']));
    expect(types(stalling)).toEqual(
      expect.arrayContaining(['period_change', 'trend_change', 'top_detractors']),
    );
    expect(types(fresh)).toEqual([]);
    expect(types(behind)).toContain('pace_to_promise');
  });
});

describe('golden stories', () => {
  const sentence = (input: StoryInput, id: string, locale: string) => {
    const insight = detectInsights(input).find((i) => i.id === id);
    expect(insight, id).toBeDefined();
    return plain(renderInsight(insight as Insight, locale).text ?? '');
  };

  it('growing: the headline leads with the strongest insight', () => {
    const headlines = storyLocales.map((locale) =>
      plain(
        renderStory({ insights: detectInsights(growing), dataStatus: ok }, locale).headline.text,
      ),
    );
    expect(headlines).toEqual(GOLDEN.growingHeadline);
  });

  it('growing: value up against last month, and where it came from', () => {
    for (const [index, locale] of storyLocales.entries()) {
      expect(sentence(growing, 'period_change:total', locale)).toBe(GOLDEN.growingChange[index]);
      expect(sentence(growing, 'top_contributors:team', locale)).toBe(
        GOLDEN.growingContributors[index],
      );
    }
    expect(sentence(growing, 'concentration:team', 'en')).toBe(GOLDEN.growingConcentration);
    expect(sentence(growing, 'adoption_gap:macros', 'en')).toBe(GOLDEN.growingGap);
    expect(sentence(growing, 'unusual_change:total:week:2026-11-23', 'en')).toBe(
      'In the week of November 23, 2026, you got about $2,400 in value, 79% more than usual. A typical week brings about $1,340.',
    );
  });

  it('stalling: the turn and the drop', () => {
    for (const [index, locale] of storyLocales.entries()) {
      expect(sentence(stalling, 'trend_change:total', locale)).toBe(GOLDEN.stallingTurn[index]);
    }
    expect(sentence(stalling, 'period_change:total', 'en')).toBe(GOLDEN.stallingChange);
  });

  it('behind: the promise and where it is heading', () => {
    for (const [index, locale] of storyLocales.entries()) {
      expect(sentence(behind, 'pace_to_promise:total:0', locale)).toBe(GOLDEN.behind[index]);
    }
  });

  it('fresh: says there is not enough data yet instead of a story', () => {
    const story = renderStory(
      {
        insights: detectInsights(fresh),
        dataStatus: { state: 'not_enough_data', facts: [days('needed', 14), days('have', 10)] },
      },
      'en',
    );
    expect(story.chapters).toEqual([]);
    expect(story.headline.text).toBe(
      'Not enough data yet: we need 14 days of activity to show trends. So far there are 10 days.',
    );
  });
});

const GOLDEN = {
  growingHeadline: [
    'So far you get about $9,050 in value, 3× the $3,000 you pay. At this rate, 121 days of value cover a year of what you pay.',
    'Bisher gewinnen Sie etwa 9.050 $ an Wert, das 3-Fache dessen, was Sie zahlen (3.000 $). Beim aktuellen Tempo decken schon 121 Tage Wertschöpfung die Kosten eines ganzen Jahres.',
    'Hasta ahora obtienes unos 9050 US$ en valor, 3 veces lo que pagas (3000 US$). A este ritmo, 121 días de valor cubren un año entero de lo que pagas.',
  ],
  growingChange: [
    'Your value from November 2, 2026 to November 29, 2026 is about $9,050, 29% more than in the 28 days before.',
    'Vom 2. November 2026 bis zum 29. November 2026 liegt Ihr Wert bei etwa 9.050 $, 29 % mehr als in den 28 Tagen davor.',
    'Del 2 de noviembre de 2026 al 29 de noviembre de 2026, tu valor es de unos 9050 US$, un 29 % más que en los 28 días anteriores.',
  ],
  growingContributors: [
    'The biggest part of your rise comes from the Support team: about $1,500, 75% of the rise.',
    'Der größte Teil Ihres Anstiegs kommt aus dem Team Support: etwa 1.500 $, 75 % des Anstiegs.',
    'La parte más grande de tu subida viene del equipo Support: unos 1500 US$, el 75 % de la subida.',
  ],
  growingConcentration:
    'Just 2 teams (33% of all) bring 83% of your value: about $7,500. If use drops there, so does your value.',
  growingGap: 'You barely use Macros: it brings about $50, 0.6% of your value.',
  stallingTurn: [
    'Your value turned down in the week of October 19, 2026: after rising by about €100 a week, it is now falling by about €124 a week.',
    'In der Woche vom 19. Oktober 2026 hat sich Ihr Wert gedreht: Nachdem er um etwa 100 € pro Woche gestiegen war, sinkt er jetzt um etwa 124 € pro Woche.',
    'Tu valor cambió de rumbo en la semana del 19 de octubre de 2026: tras subir unos 100 € por semana, ahora baja unos 124 € por semana.',
  ],
  stallingChange:
    'Your value from November 2, 2026 to November 29, 2026 is about €5,200, 16% less than in the 28 days before.',
  behind: [
    'So far you have $7,000, 35% of the $20K you were promised by December 31, 2026. At this pace you reach $10.7K, short of the promise.',
    'Bisher haben Sie 7.000 $ erreicht, 35 % der bis zum 31. Dezember 2026 zugesagten 20.000 $. In diesem Tempo kommen Sie auf 10.700 $ und liegen damit unter der Zusage.',
    'Hasta ahora llevas 7000 US$, el 35 % de lo prometido para el 31 de diciembre de 2026 (20 mil US$). A este ritmo llegas a 10,7 mil US$, menos de lo prometido.',
  ],
};
