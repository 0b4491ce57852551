import { describe, expect, it } from 'vitest';
import { countUnit, moneyUnit } from '../../server/insights/facts.ts';
import type { Fact } from '../../server/insights/insight.ts';
import { formatFact } from '../../server/story/format.ts';
import { formatMoney, formatQuantity } from '../../widget/core/format.ts';

/**
 * One figure, one text: the story (server) and the widget's tables and cards (browser) format the
 * same number through the same rule, so the two never show 13 and 12.5 of the same thing.
 */
function storyText(value: number, unit: Fact['unit'], estimated: boolean, locale = 'en'): string {
  const fact = {
    id: 'x',
    label: 'x',
    value,
    unit,
    estimated,
    formatted: '',
    provenance: { driver: 'total', period: { from: '2026-01-01', to: '2026-01-31' }, query: '/' },
  } as Fact;
  return formatFact(fact, { locale });
}

const incidents = { singular: 'incident', plural: 'incidents', whole: true };
const hoursWords = { singular: 'hour', plural: 'hours' };

describe('the story and the widget write a figure the same way', () => {
  const cases: Array<[number, boolean, string]> = [
    [12.5, true, '13 incidents'],
    [2.3, true, '2 incidents'],
    [1, false, '1 incident'],
    [0.006, true, '< 1 incident'],
    [0.4, false, '< 1 incident'],
    [0, false, '0 incidents'],
    [1_234.4, true, '1,230 incidents'],
  ];
  for (const [value, estimated, text] of cases) {
    it(`${value} of a whole unit reads "${text}" on both`, () => {
      expect(storyText(value, countUnit('incident', 'incidents', true), estimated)).toBe(text);
      expect(formatQuantity(value, incidents, 'USD', 'en', estimated)).toBe(text);
    });
  }

  it('keeps one decimal for hours under a hundred, and whole hours above, on both', () => {
    expect(formatQuantity(72.46, hoursWords, 'USD', 'en', true)).toBe('72.5 hours');
    expect(storyText(72.46, countUnit('hour', 'hours'), true)).toBe('72.5 hours');
    expect(formatQuantity(368.4, hoursWords, 'USD', 'en', true)).toBe('368 hours');
    expect(storyText(368.4, countUnit('hour', 'hours'), true)).toBe('368 hours');
  });

  it('rounds spend like the money beside it', () => {
    expect(storyText(7_397.26, moneyUnit('USD'), true)).toBe('$7,400');
    expect(formatMoney(7_397.26, 'USD', 'en', true)).toBe('$7,400');
    expect(storyText(44_412, moneyUnit('USD'), true)).toBe(formatMoney(44_412, 'USD', 'en', true));
  });

  it('says "< 1" in German too, with the singular', () => {
    const vorfall = { singular: 'Vorfall', plural: 'Vorfälle', whole: true };
    expect(formatQuantity(0.2, vorfall, 'USD', 'de', true)).toBe('< 1 Vorfall');
    expect(storyText(0.2, countUnit('Vorfall', 'Vorfälle', true), true, 'de')).toBe('< 1 Vorfall');
    expect(formatQuantity(12.5, vorfall, 'USD', 'de', true)).toBe('13 Vorfälle');
  });
});
