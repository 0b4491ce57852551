import { describe, expect, it } from 'vitest';
import type { OfferValue } from '../../../blueprint/offers.ts';
import { localizeModel, valueModelSchema } from '../../../blueprint/value-model.ts';
import demoModel from '../../../examples/demo/model.json' with { type: 'json' };
import { whyOf } from '../../../server/offers/why.ts';
import type { AccountContext } from '../../../server/value/figures.ts';

/** The reason under an offer, in each language: every number in it is one of its facts. */

const window = { from: '2026-09-12', to: '2026-12-04' };
const stored = valueModelSchema.parse(demoModel);
const offer = stored.offers.find((candidate) => candidate.id === 'automation_workshop');
if (!offer) throw new Error('the demo model lost its automation workshop');

const value = (traits: string[]): OfferValue => ({
  offerId: offer.id,
  basis: 'peers',
  annual: 170_000,
  low: 120_000,
  high: 180_000,
  propensity: 0.8,
  cohort: { traits, accounts: 10, adopters: 8 },
  perUser: { median: 160, low: 142.5, high: 163.3 },
  current: 90_000,
  levels: { automation_hours: 3.1 },
  priority: 136_000,
});

function contextIn(locale: string): AccountContext {
  return { model: localizeModel(stored, locale), locale } as unknown as AccountContext;
}

describe('why an offer', () => {
  it('says who the figure comes from and what it would bring, in en, de and es', () => {
    const en = whyOf(contextIn('en'), offer, value(['plan']), 31, window);
    expect(en.text).toBe(
      '8 accounts like yours get value from “Time saved by automated workflows”: the middle half of them $7,410 to $8,490 a year per person. For your 31 active people that would be about $260K a year, $170K more than today.',
    );
    const de = whyOf(contextIn('de'), offer, value([]), 31, window);
    expect(de.text).toBe(
      '8 andere Konten erzielen Wert aus „Zeitersparnis durch automatisierte Workflows“: die mittlere Hälfte davon 7.410\u00a0$ bis 8.490\u00a0$ pro Person und Jahr. Für Ihre 31 aktiven Personen wären das etwa 260.000\u00a0$ pro Jahr, 170.000\u00a0$ mehr als heute.',
    );
    const es = whyOf(contextIn('es'), offer, value([]), 31, window);
    expect(es.text).toMatch(/^Otras 8 cuentas obtienen valor de «Tiempo ahorrado/);
    for (const why of [en, de, es]) {
      for (const fact of why.facts) expect(why.text).toContain(String(fact.formatted));
      expect(why.facts.map((fact) => fact.id).sort()).toEqual(
        ['adopters', 'annual', 'high', 'low', 'potential', 'users'].sort(),
      );
    }
  });

  it('names the vendor when its estimate is the basis', () => {
    const estimate: OfferValue = {
      ...value([]),
      basis: 'vendor_estimate',
      cohort: undefined,
      propensity: null,
      perUser: { median: 25, low: 12.5, high: 37.5 },
      annual: 10_000,
      current: 30_000,
    };
    const en = whyOf(contextIn('en'), offer, estimate, 31, window);
    expect(en.text).toBe(
      'Acme Flow estimates about $1,300 a year per person from Automation workshop; for your 31 active people that would be about $40K a year, $10K more than today.',
    );
  });
});
