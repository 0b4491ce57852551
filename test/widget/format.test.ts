import { describe, expect, it } from 'vitest';
import type { Fact } from '../../blueprint/api/story.ts';
import { formatFact as storyFormatFact } from '../../server/story/format.ts';
import {
  formatDays,
  formatFact,
  formatMoney,
  formatMoneyAxis,
  formatPercent,
  formatQuantity,
  formatRatio,
} from '../../widget/core/format.ts';

const hours = { singular: 'hour', plural: 'hours' };
const incidents = { singular: 'incident', plural: 'incidents' };

describe('widget number formatting', () => {
  it('says quantities in their unit: whole from 100, one decimal below, a fraction’s first digit', () => {
    expect(formatQuantity(4652.75, hours, 'USD', 'en')).toBe('4,653 hours');
    expect(formatQuantity(12.54, hours, 'USD', 'en')).toBe('12.5 hours');
    expect(formatQuantity(1, hours, 'USD', 'en')).toBe('1 hour');
    expect(formatQuantity(0, hours, 'USD', 'en')).toBe('0 hours');
    expect(formatQuantity(0.0061, incidents, 'USD', 'en')).toBe('0.006 incidents');
    expect(formatQuantity(1234.5, hours, 'EUR', 'de')).toBe('1.235 hours');
    expect(formatQuantity(5000, 'currency', 'USD', 'en')).toBe('$5,000');
    // The currency is the answer's, never assumed.
    expect(formatQuantity(5000, 'currency', 'EUR', 'de')).toBe('5.000\u00a0€');
  });

  it('rounds an estimated quantity to three significant digits', () => {
    expect(formatQuantity(4652.75, hours, 'USD', 'en', true)).toBe('4,650 hours');
    expect(formatQuantity(12.482, incidents, 'USD', 'en', true)).toBe('12.5 incidents');
    expect(formatQuantity(0.0061, incidents, 'USD', 'en', true)).toBe('0.006 incidents');
  });

  it('never gives an estimate more precision than it has', () => {
    expect(formatMoney(898871.71, 'USD', 'en', true)).toBe('$900K');
    expect(formatMoney(898871.71, 'USD', 'en')).toBe('$899K');
    expect(formatMoney(4883.2, 'USD', 'en', true)).toBe('$4,880');
    // Estimates are whole from $10, and keep three significant digits below.
    expect(formatMoney(42.5, 'USD', 'en', true)).toBe('$43');
    expect(formatMoney(4.567, 'USD', 'en', true)).toBe('$4.57');
    expect(formatMoney(12_345, 'EUR', 'de', true)).toBe('12.000\u00a0€');
  });

  it('keeps measured cents only below $100, and is compact from $10,000', () => {
    expect(formatMoney(42.5, 'USD', 'en')).toBe('$42.50');
    expect(formatMoney(4132.47, 'USD', 'en')).toBe('$4,132');
    expect(formatMoney(99.99, 'USD', 'en')).toBe('$99.99');
    expect(formatMoney(100.4, 'USD', 'en')).toBe('$100');
    expect(formatMoney(9_999.5, 'USD', 'en')).toBe('$10,000');
    expect(formatMoney(44_383.56, 'USD', 'en')).toBe('$44.4K');
    expect(formatMoney(5000, 'USD', 'en')).toBe('$5,000');
    expect(formatMoney(4132.47, 'EUR', 'de')).toBe('4.132\u00a0€');
  });

  it('labels a money axis compactly, whatever the size', () => {
    expect(formatMoneyAxis(12_000, 'USD', 'en')).toBe('$12K');
    expect(formatMoneyAxis(2_500, 'USD', 'en')).toBe('$2.5K');
    expect(formatMoneyAxis(0, 'EUR', 'en')).toBe('€0');
  });

  it('shows percent decimals only under 10%, multiples and days in words', () => {
    expect(formatPercent(0.32, 'en')).toBe('32%');
    expect(formatPercent(0.045, 'en')).toBe('4.5%');
    expect(formatPercent(-0.18, 'en', true)).toBe('-18%');
    expect(formatRatio(20.25, 'en')).toBe('20×');
    expect(formatRatio(2.44, 'en')).toBe('2.4×');
    expect(formatDays(19, 'en')).toBe('19 days');
    expect(formatDays(1, 'de')).toBe('1 Tag');
  });
});

describe('one figure, one rounding', () => {
  const provenance = {
    driver: 'total',
    period: { from: '2026-08-30', to: '2026-11-27' },
    query: '/v1/value/summary',
  };
  const facts: Fact[] = [
    [898_871.71, { kind: 'money', currency: 'USD' }, true],
    [898_871.71, { kind: 'money', currency: 'USD' }, false],
    [44_383.56, { kind: 'money', currency: 'USD' }, false],
    [4_132.47, { kind: 'money', currency: 'EUR' }, false],
    [4_883.2, { kind: 'money', currency: 'USD' }, true],
    [42.5, { kind: 'money', currency: 'USD' }, false],
    [12.482, { kind: 'count', singular: 'incident', plural: 'incidents' }, true],
    [8_123, { kind: 'count', singular: 'ticket', plural: 'tickets' }, false],
    [0.0061, { kind: 'count', singular: 'incident', plural: 'incidents' }, false],
    [20.25, { kind: 'ratio' }, true],
    [1.5299, { kind: 'percent' }, false],
    [0.045, { kind: 'percent' }, false],
    [19, { kind: 'days' }, true],
    [-0.18, { kind: 'percent' }, false],
    [Date.UTC(2026, 10, 3), { kind: 'date' }, false],
  ].map(([value, unit, estimated], index) => ({
    id: `f${index}`,
    label: 'fact',
    value: value as number,
    unit: unit as Fact['unit'],
    estimated: estimated as boolean,
    provenance,
  }));

  for (const locale of ['en', 'de', 'es']) {
    it(`writes a fact the way the story writes it (${locale})`, () => {
      for (const fact of facts) {
        expect(formatFact(fact.value, fact.unit, locale, fact.estimated), fact.id).toBe(
          storyFormatFact(fact, { locale }),
        );
      }
    });
  }
});
