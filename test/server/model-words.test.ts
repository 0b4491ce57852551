import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateValueModel } from '../../blueprint/validate-model.ts';
import { localizeModel, valueModelSchema } from '../../blueprint/value-model.ts';
import demoModelJson from '../../examples/demo/model.json' with { type: 'json' };
import { prepareDemo } from '../../server/demo.ts';
import { adminAuth, startTestApp, type TestApp } from '../helpers.ts';

/**
 * The model's own words in the reader's language: a German or Spanish page names drivers, units,
 * assumptions, segments and promises in that language, and no English unit word reaches it.
 */
const demoModel = valueModelSchema.parse(demoModelJson);

/** The demo model's English unit and segment words no German or Spanish reader should meet
 * ("Ticket" and "Team" are German too, "ticket" Spanish). */
const ENGLISH_WORDS: Record<string, RegExp> = {
  de: /\b(hours?|incidents?|workspaces?)\b/i,
  es: /\b(hours?|incidents?|workspaces?|teams?)\b/i,
};

/** Every string a reader sees in an answer: labels, unit words, sentences, notes. */
function wordsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    return ['label', 'singular', 'plural', 'text', 'question', 'sourceNote', 'headline'].includes(
      key,
    ) ||
      (key === 'unit' && !/^[A-Z]{3}\//.test(value) && value !== 'currency')
      ? [value]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => wordsIn(item, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([inner, item]) => wordsIn(item, inner));
  }
  return [];
}

describe('localizeModel', () => {
  it("puts the model's German words in place and keeps ids, numbers and whole", () => {
    const de = localizeModel(demoModel, 'de-AT');
    const hours = de.drivers.find((d) => d.id === 'automation_hours');
    expect(hours?.label).toBe('Zeitersparnis durch automatisierte Workflows');
    expect(hours?.unit).toEqual({ singular: 'Stunde', plural: 'Stunden' });
    expect(hours?.perUnit).toBe(0.25);
    expect(de.drivers.find((d) => d.id === 'compliance_risk')?.unit).toEqual({
      singular: 'Vorfall',
      plural: 'Vorfälle',
      whole: true,
    });
    expect(de.assumptions.map((a) => a.default)).toEqual(
      demoModel.assumptions.map((a) => a.default),
    );
    expect(de.segments.find((s) => s.id === 'workspace')?.label).toBe('Arbeitsbereich');
    // A tag written with an underscore is the same language.
    expect(
      localizeModel(demoModel, 'es_MX').drivers.find((d) => d.id === 'automation_hours')?.label,
    ).toBe(localizeModel(demoModel, 'es').drivers.find((d) => d.id === 'automation_hours')?.label);
    expect(localizeModel(demoModel, 'es_MX')).not.toBe(demoModel);
    // A language the model does not speak, or none: the model as written.
    expect(localizeModel(demoModel, 'fr')).toBe(demoModel);
    expect(localizeModel(demoModel, undefined)).toBe(demoModel);
  });

  it('refuses translations of what the model does not have', () => {
    const result = validateValueModel({
      ...demoModelJson,
      locales: {
        de: {
          drivers: {
            nope: { label: 'Nichts' },
            invoice_revenue: { unit: { singular: 'x', plural: 'y' } },
          },
          segments: { region: { label: 'Region' } },
        },
      },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'locales.de.drivers.nope',
        'locales.de.drivers.invoice_revenue.unit',
        'locales.de.segments.region',
      ]),
    );
  });
});

describe('the demo in German and Spanish, through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await prepareDemo(t.services.storage, () => {});
  }, 60_000);
  afterAll(() => t.close());

  async function tokenFor(locale: string): Promise<string> {
    const res = await t.app.request('/v1/embed/sessions', {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'umbrella', userId: 'u1', role: 'viewer', locale }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  }

  async function get(token: string, path: string): Promise<unknown> {
    const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return res.json();
  }

  const paths = [
    '/v1/value/summary',
    '/v1/value/series?grain=week',
    '/v1/value/breakdown?by=team',
    '/v1/value/explain',
    '/v1/value/cuts',
    '/v1/value/assumptions',
    '/v1/value/story',
  ];

  for (const locale of ['de', 'es']) {
    it(`names everything in ${locale}, with no English unit word (token's locale)`, async () => {
      const token = await tokenFor(locale);
      const seen: string[] = [];
      for (const path of paths) seen.push(...wordsIn(await get(token, path)));
      expect(seen.length).toBeGreaterThan(20);
      expect(seen.filter((word) => ENGLISH_WORDS[locale]?.test(word))).toEqual([]);
    });
  }

  it('takes the locale parameter over the token, and promise labels in it', async () => {
    const token = await tokenFor('en');
    const english = (await get(token, '/v1/value/summary')) as {
      drivers: Array<{ label: string }>;
      promises: Array<{ label: string }>;
    };
    expect(english.drivers[0]?.label).toBe('Time saved by automated workflows');
    const german = (await get(token, '/v1/value/summary?locale=de')) as typeof english;
    expect(german.drivers[0]?.label).toBe('Zeitersparnis durch automatisierte Workflows');
    expect(german.promises.map((p) => p.label)).toEqual([
      '12 vermiedene Compliance-Vorfälle im ersten Jahr',
      '2.500 eingesparte Stunden im ersten Jahr',
    ]);
    const res = await t.app.request('/v1/value/summary?locale=x', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
  });
});
