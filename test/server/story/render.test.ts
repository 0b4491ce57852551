import { describe, expect, it } from 'vitest';
import type { Fact, Insight } from '../../../server/insights/insight.ts';
import { insightTypes } from '../../../server/insights/insight.ts';
import { namesIn, onlyFactNumbers } from '../../../server/story/guard.ts';
import { catalogs, resolveLocale, storyLocales } from '../../../server/story/locale.ts';
import { chapterIds } from '../../../server/story/messages/catalog.ts';
import {
  type RenderedStory,
  renderHeadline,
  renderInsight,
  renderStory,
} from '../../../server/story/render.ts';
import { rephraseStory } from '../../../server/story/rephrase.ts';
import {
  count,
  date,
  days,
  everyType,
  fact,
  headline,
  insight,
  money,
  percent,
} from './fixtures.ts';

/** Strict: with every formatted fact and name cut out, no digit may be left in the sentence. */
function digitsOutsideFacts(
  text: string,
  facts: readonly Fact[],
  names: readonly string[] = [],
): string {
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

/** A range's high end ("about $120K to $180K") is marked once, before its low end. */
const rangeJoiners: Record<string, string> = { en: ' to ', de: ' bis ', es: ' y ' };

/** The words before a money figure, or before its range's low end when it is the high end. */
function leadOf(lead: string, insight: Insight, locale: string): string {
  const low = insight.facts.find((fact) =>
    lead.endsWith(`${fact.formatted}${rangeJoiners[locale]}`),
  );
  return low ? lead.slice(0, lead.length - `${low.formatted}${rangeJoiners[locale]}`.length) : lead;
}

function storyTexts(story: RenderedStory): { text: string; facts: Fact[]; names: string[] }[] {
  return [
    { ...story.headline, names: story.headline.periodWords ?? [] },
    ...story.notices.map((n) => ({ ...n, names: [] })),
    ...story.chapters.flatMap((c) =>
      c.insights.flatMap((i) => [
        { text: i.text ?? '', facts: i.facts, names: namesIn(i) },
        { text: i.question ?? '', facts: i.facts, names: namesIn(i) },
      ]),
    ),
  ];
}

function messagesOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  return Object.values(node as Record<string, unknown>).flatMap(messagesOf);
}

describe('catalogs', () => {
  it('are complete in every locale and never print a number themselves', () => {
    for (const locale of storyLocales) {
      const catalog = catalogs[locale];
      for (const type of insightTypes) {
        expect(catalog.insights[type], `${locale} ${type}`).toBeTruthy();
        expect(catalog.questions[type], `${locale} ${type}`).toBeTruthy();
      }
      expect(Object.keys(catalog.chapters).sort()).toEqual([...chapterIds].sort());
      expect(Object.keys(catalog.units).sort()).toEqual(Object.keys(catalogs.en.units).sort());
      // `=0` selects a plural case and `{delta1}` names an argument; neither prints a digit.
      const all = messagesOf(catalog)
        .join('\n')
        .replace(/=\d+ \{/g, '{')
        .replace(/\{\w+/g, '{');
      expect(all).not.toMatch(/#|, number|\d/);
      // Argument names may say `by`; the words a customer reads may not be jargon.
      const words = all.replace(/\{[\w]+(, (select|plural))?/g, '');
      expect(words).not.toMatch(/\b(driver|rollup|segment)s?\b/i);
    }
  });
});

describe('renderInsight', () => {
  for (const locale of storyLocales) {
    it(`renders every insight type in ${locale} with only fact numbers`, () => {
      for (const fixture of everyType) {
        const rendered = renderInsight(fixture, locale);
        const names = namesIn(rendered);
        for (const text of [rendered.text ?? '', rendered.question ?? '']) {
          expect(text.length, fixture.type).toBeGreaterThan(0);
          expect(onlyFactNumbers(text, rendered.facts, locale, names), text).toBe(true);
          expect(digitsOutsideFacts(text, rendered.facts, names), text).toBe('');
        }
      }
    });

    it(`words modelled money as an estimate in ${locale}, and measured money not`, () => {
      for (const fixture of everyType) {
        for (const estimated of [true, false]) {
          const facts = fixture.facts.map((f) =>
            f.unit.kind === 'money' ? { ...f, estimated } : f,
          );
          const rendered = renderInsight({ ...fixture, facts }, locale);
          for (const fact of rendered.facts.filter((f) => f.unit.kind === 'money')) {
            const text = rendered.text ?? '';
            const at = text.indexOf(fact.formatted ?? '');
            expect(at, `${fact.formatted} in ${text}`).toBeGreaterThanOrEqual(0);
            expect(
              estimateWords[locale]?.test(leadOf(text.slice(0, at), rendered, locale)),
              text,
            ).toBe(estimated);
          }
        }
      }
    });
  }

  it('chooses plurals for counts and verbs', () => {
    const top = (teams: number) =>
      insight(
        'concentration',
        [
          count('topCount', teams, 'team', 'teams'),
          percent('keyShare', 0.2),
          percent('valueShare', 0.85),
          money('topMoney', 12_000),
        ],
        { by: 'team' },
      );
    expect(renderInsight(top(1), 'en').text).toMatch(/^Just 1 team \(20% of all\) brings 85%/);
    expect(renderInsight(top(2), 'en').text).toMatch(/^Just 2 teams \(20% of all\) bring 85%/);
    expect(plain(renderInsight(top(1), 'de').text ?? '')).toMatch(
      /^Nur 1 Team \(20 % aller\) bringt/,
    );
    expect(plain(renderInsight(top(2), 'de').text ?? '')).toMatch(
      /^Nur 2 Teams \(20 % aller\) bringen/,
    );
    expect(plain(renderInsight(top(1), 'es').text ?? '')).toMatch(/^Solo 1 equipo .* aporta el/);
    expect(plain(renderInsight(top(2), 'es').text ?? '')).toMatch(/^Solo 2 equipos .* aportan el/);
    const gap = (value: number) =>
      insight(
        'adoption_gap',
        [money('money', value), percent('share', 0), money('peerMoney', 12_000)],
        { driver: 'Macros used', feature: 'Macros' },
      );
    expect(renderInsight(gap(0), 'en').text).toMatch(/^You do not use Macros yet\./);
    expect(renderInsight(gap(40), 'en').text).toMatch(
      /^You barely use Macros: it brings about \$40/,
    );
    expect(renderInsight(gap(0), 'de').text).toMatch(/^Macros nutzen Sie noch nicht\./);
    expect(renderInsight(gap(0), 'es').text).toMatch(/^Todavía no usas Macros\./);
  });

  it('refuses an insight without the facts its sentence needs', () => {
    expect(() => renderInsight(insight('roi', [money('money', 1_000)]), 'en')).toThrow(
      /missing facts/,
    );
  });
});

describe('renderHeadline', () => {
  const hours = (value: number) => ({
    ...headline,
    facts: [count('amount', value, 'hour', 'hours'), money('money', 68_213)],
  });

  it('leads with the outcome in the unit and in money', () => {
    expect(plain(renderHeadline(hours(1), 'en').text)).toBe(
      'In Q1 2026 you saved 1 hour, and gained about $68K in value in all.',
    );
    expect(plain(renderHeadline(hours(2), 'en').text)).toBe(
      'In Q1 2026 you saved 2 hours, and gained about $68K in value in all.',
    );
    expect(plain(renderHeadline(hours(1), 'de').text)).toBe(
      'Im 1. Quartal 2026 haben Sie 1 Stunde gespart und insgesamt etwa 68.000 $ an Wert gewonnen.',
    );
    expect(plain(renderHeadline(hours(2), 'de').text)).toBe(
      'Im 1. Quartal 2026 haben Sie 2 Stunden gespart und insgesamt etwa 68.000 $ an Wert gewonnen.',
    );
    expect(plain(renderHeadline(hours(1), 'es').text)).toBe(
      'En el 1.º trimestre de 2026 ahorraste 1 hora, y obtuviste unos 68 mil US$ de valor en total.',
    );
    expect(plain(renderHeadline(hours(2), 'es').text)).toBe(
      'En el 1.º trimestre de 2026 ahorraste 2 horas, y obtuviste unos 68 mil US$ de valor en total.',
    );
  });

  it('says money alone when there is no better unit, and measured money without "about"', () => {
    const input = { facts: [money('money', 5_200, false)], params: {} };
    expect(renderHeadline(input, 'en').text).toBe('In Q1 2026 you gained $5,200 in value.');
  });
});

describe('golden sentences', () => {
  const byType = (type: Insight['type']) => everyType.find((i) => i.type === type) as Insight;
  const golden: [Insight['type'], Record<string, string>][] = [
    [
      'roi',
      {
        en: 'So far you get about $68K in value, 2.4× the $28K you pay. At this rate, 41 days of value cover a year of what you pay.',
        de: 'Bisher gewinnen Sie etwa 68.000 $ an Wert, das 2,4-Fache dessen, was Sie zahlen (28.000 $). Beim aktuellen Tempo decken schon 41 Tage Wertschöpfung die Kosten eines ganzen Jahres.',
        es: 'Hasta ahora obtienes unos 68 mil US$ en valor, 2,4 veces lo que pagas (28 mil US$). A este ritmo, 41 días de valor cubren un año entero de lo que pagas.',
      },
    ],
    [
      'period_change',
      {
        en: 'Your value in Q1 2026 is about $68K, 18% more than in the 90 days before.',
        de: 'Im 1. Quartal 2026 liegt Ihr Wert bei etwa 68.000 $, 18 % mehr als in den 90 Tagen davor.',
        es: 'En el 1.º trimestre de 2026, tu valor es de unos 68 mil US$, un 18 % más que en los 90 días anteriores.',
      },
    ],
    [
      'top_contributors',
      {
        en: 'The biggest part of your rise comes from the Support team: about $9,440, 62% of the rise. Next comes Sales, with about $2,150.',
        de: 'Der größte Teil Ihres Anstiegs kommt aus dem Team Support: etwa 9.440 $, 62 % des Anstiegs. Danach folgt Sales mit etwa 2.150 $.',
        es: 'La parte más grande de tu subida viene del equipo Support: unos 9440 US$, el 62 % de la subida. Le sigue Sales, con unos 2150 US$.',
      },
    ],
    [
      'trend_change',
      {
        en: 'Your value turned down in the week of March 2, 2026: after rising by about $1,250 a week, it is now falling by about $840 a week.',
        de: 'In der Woche vom 2. März 2026 hat sich Ihr Wert gedreht: Nachdem er um etwa 1.250 $ pro Woche gestiegen war, sinkt er jetzt um etwa 840 $ pro Woche.',
        es: 'Tu valor cambió de rumbo en la semana del 2 de marzo de 2026: tras subir unos 1250 US$ por semana, ahora baja unos 840 US$ por semana.',
      },
    ],
  ];
  for (const [type, expected] of golden) {
    for (const locale of storyLocales) {
      it(`${type} in ${locale}`, () => {
        const text = (renderInsight(byType(type), locale).text ?? '').replace(
          /[\u00a0\u202f]/g,
          ' ',
        );
        expect(text).toBe(expected[locale]);
      });
    }
  }

  it('next_best_offer in every locale: peers, and the vendor’s estimate with nothing at the low end', () => {
    const offer = byType('next_best_offer');
    const estimate: Insight = {
      ...offer,
      params: { ...offer.params, basis: 'vendor_estimate', like: 'no', range: 'up_to' },
      facts: [
        money('annual', 4_000),
        money('high', 16_000),
        fact('users', 1, { kind: 'count', singular: 'person', plural: 'people', whole: true }),
      ],
    };
    const said = (insight: Insight) =>
      storyLocales.map((l) => plain(renderInsight(insight, l).text ?? ''));
    // Peers get value from what the offer grows; the offer is what would bring it to this account.
    expect(said(offer)).toEqual([
      '8 accounts like yours already get value from “Time saved by automated workflows”. With 31 people active in your account, “Automation workshop” would bring you about $120K to $180K more a year.',
      '8 Konten wie Ihres erzielen bereits Wert aus „Time saved by automated workflows“. Bei 31 Personen, die Ihr Konto aktiv nutzen, brächte Ihnen „Automation workshop“ etwa 120.000 $ bis 180.000 $ mehr pro Jahr.',
      '8 cuentas como la tuya ya obtienen valor de «Time saved by automated workflows». Con 31 personas activas en tu cuenta, «Automation workshop» te aportaría entre unos 120 mil US$ y 180 mil US$ más al año.',
    ]);
    expect(said(estimate)).toEqual([
      'Acme Flow estimates that “Automation workshop” would bring you about $4,000 more a year, up to about $16K, with 1 person active in your account.',
      'Nach Schätzung von Acme Flow brächte Ihnen „Automation workshop“ bei 1 Person, die Ihr Konto aktiv nutzt, etwa 4.000 $ mehr pro Jahr, bis zu etwa 16.000 $.',
      'Según Acme Flow, «Automation workshop» te aportaría unos 4000 US$ más al año, hasta unos 16 mil US$, con 1 persona activa en tu cuenta.',
    ]);
    expect(storyLocales.map((l) => renderInsight(offer, l).question)).toEqual([
      'Where do you get this value today?',
      'Wo erzielen Sie diesen Wert heute schon?',
      '¿Dónde obtienes este valor hoy?',
    ]);
    // An offer's name is a name, not a number the guard would refuse.
    const numbered = {
      ...offer,
      params: { ...offer.params, offer: 'Pro 2 workshop', value: 'Time saved in 2 steps' },
    };
    for (const l of storyLocales) {
      const rendered = renderInsight(numbered, l);
      expect(onlyFactNumbers(rendered.text ?? '', rendered.facts, l, namesIn(rendered))).toBe(true);
    }
  });

  it('headline in every locale', () => {
    const texts = storyLocales.map((l) =>
      renderHeadline(headline, l).text.replace(/[\u00a0\u202f]/g, ' '),
    );
    expect(texts).toEqual([
      'In Q1 2026 you saved 1,240 hours, and gained about $68K in value in all, 2.4× what you pay.',
      'Im 1. Quartal 2026 haben Sie 1.240 Stunden gespart und insgesamt etwa 68.000 $ an Wert gewonnen – das 2,4-Fache dessen, was Sie zahlen.',
      'En el 1.º trimestre de 2026 ahorraste 1240 horas, y obtuviste unos 68 mil US$ de valor en total: 2,4 veces lo que pagas.',
    ]);
  });
});

describe('resolveLocale', () => {
  it('matches regional tags to a shipped language and falls back to English otherwise', () => {
    expect(resolveLocale('de-DE')).toEqual({
      locale: 'de',
      formatLocale: 'de-DE',
      fallback: false,
    });
    expect(resolveLocale('es-MX')).toMatchObject({
      locale: 'es',
      formatLocale: 'es-MX',
      fallback: false,
    });
    expect(resolveLocale('es_ES').locale).toBe('es');
    expect(resolveLocale(undefined)).toMatchObject({ locale: 'en', fallback: false });
    expect(resolveLocale('fr-FR')).toEqual({ locale: 'en', formatLocale: 'en', fallback: true });
    expect(resolveLocale('not a tag!')).toMatchObject({ locale: 'en', fallback: true });
  });
});

describe('renderStory', () => {
  const ok = { state: 'ok' } as const;

  it('tells a ranked story in chapter order, with every number a fact, in every locale', () => {
    for (const locale of storyLocales) {
      const story = renderStory({ insights: everyType, dataStatus: ok, headline }, locale);
      expect(story.locale).toBe(locale);
      expect(story.localeFallback).toBeUndefined();
      const order = story.chapters.map((c) => chapterIds.indexOf(c.id));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(story.chapters.flatMap((c) => c.insights)).toHaveLength(5);
      expect(story.chapters[0]?.title).toBe(catalogs[locale].chapters.outcome);
      for (const { text, facts, names } of storyTexts(story)) {
        expect(onlyFactNumbers(text, facts, locale, names), text).toBe(true);
        expect(digitsOutsideFacts(text, facts, names), text).toBe('');
      }
    }
  });

  it('formats numbers for the regional tag and still states only facts', () => {
    for (const tag of ['es-MX', 'de-AT', 'en-GB']) {
      const story = renderStory({ insights: everyType, dataStatus: ok, headline }, tag);
      for (const { text, facts, names } of storyTexts(story)) {
        expect(onlyFactNumbers(text, facts, tag, names), text).toBe(true);
        expect(digitsOutsideFacts(text, facts, names), text).toBe('');
      }
    }
    expect(
      plain(renderStory({ insights: [], dataStatus: ok, headline }, 'es-MX').headline.text),
    ).toBe(
      'En el 1.º trimestre de 2026 ahorraste 1,240 horas, y obtuviste unos USD 68 k de valor en total: 2.4 veces lo que pagas.',
    );
  });

  it('puts risks and what is next in their own chapters', () => {
    const pick = everyType.filter((i) => ['concentration', 'adoption_gap', 'roi'].includes(i.type));
    const story = renderStory({ insights: pick, dataStatus: ok }, 'en');
    expect(story.chapters.map((c) => c.title)).toEqual([
      'Your results',
      'Risks to watch',
      "What's next",
    ]);
    expect(story.headline.text).toBe(story.chapters[0]?.insights[0]?.text);
  });

  it('falls back to English for an unknown locale and says so', () => {
    const story = renderStory({ insights: everyType, dataStatus: ok, headline }, 'fr-FR');
    expect(story.locale).toBe('en');
    expect(story.localeFallback).toBe(true);
    expect(story.notices[0]?.text).toBe(
      'This story is in English because your language is not available yet.',
    );
    expect(story.headline.text).toMatch(/^In Q1 2026 you saved/);
  });

  it('leaves out an insight it cannot tell instead of telling it wrong', () => {
    const broken = insight('roi', [money('money', 1_000)]);
    const story = renderStory(
      { insights: [broken, ...everyType.slice(0, 1)], dataStatus: ok },
      'en',
    );
    expect(story.chapters.flatMap((c) => c.insights).map((i) => i.type)).toEqual(['period_change']);
  });

  it('says plainly when nothing notable happened', () => {
    const story = renderStory({ insights: [], dataStatus: ok }, 'de');
    expect(story.headline.text).toBe('In diesem Zeitraum hat sich nichts Wesentliches verändert.');
    expect(story.chapters).toEqual([]);
  });

  it('tells the not-enough-data story with its reason in every locale', () => {
    const dataStatus = {
      state: 'not_enough_data' as const,
      facts: [days('needed', 14), days('have', 5), date('readyDate', '2026-04-10')],
    };
    const texts = storyLocales.map((l) => {
      const story = renderStory({ insights: everyType, dataStatus }, l);
      expect(story.chapters).toEqual([]);
      expect(onlyFactNumbers(story.headline.text, story.headline.facts, l)).toBe(true);
      return story.headline.text.replace(/[\u00a0\u202f]/g, ' ');
    });
    expect(texts).toEqual([
      'Not enough data yet: we need 14 days of activity to show trends. So far there are 5 days. Your story fills in around April 10, 2026.',
      'Noch nicht genug Daten: Für Trends brauchen wir 14 Tage Aktivität. Bisher sind es 5 Tage. Ihre Übersicht füllt sich etwa ab dem 10. April 2026.',
      'Aún no hay suficientes datos: necesitamos 14 días de actividad para mostrar tendencias. Por ahora hay 5 días. Tu resumen estará completo hacia el 10 de abril de 2026.',
    ]);
    const none = renderStory(
      {
        insights: [],
        dataStatus: { state: 'not_enough_data', facts: [days('needed', 14), days('have', 0)] },
      },
      'en',
    );
    expect(none.headline.text).toBe(
      'Not enough data yet: we need 14 days of activity to show trends. There is no activity so far.',
    );
  });

  it('says when there is no data, and notes a period that is not complete', () => {
    const empty = renderStory(
      { insights: [], dataStatus: { state: 'no_data', reason: 'no_activity', facts: [] } },
      'es',
    );
    expect(empty.headline.text).toBe(
      'Aún no hay valor que mostrar: no se ha registrado ninguna actividad que genere valor.',
    );
    const partial = renderStory(
      {
        insights: everyType,
        dataStatus: { state: 'partial', facts: [date('firstDay', '2026-02-10')] },
      },
      'en',
    );
    expect(partial.notices.map((n) => n.text)).toEqual([
      'Your activity starts on February 10, 2026, after this period begins. This period is not complete.',
    ]);
  });
});

describe('rephraseStory', () => {
  it('is off unless a hook is passed, and drops a rewording that invents a number', async () => {
    const story = renderStory({ insights: everyType, dataStatus: { state: 'ok' }, headline }, 'en');
    const reworded = await rephraseStory(
      story,
      async (facts) => `Reworded: ${facts.map((f) => f.formatted).join(', ')}.`,
    );
    const invented = await rephraseStory(story, async () => 'You got 99 more hours.');
    const first = (s: RenderedStory) => s.chapters[0]?.insights[0]?.text;
    expect(first(reworded)).toMatch(/^Reworded: /);
    expect(first(invented)).toBe(first(story));
  });
});
