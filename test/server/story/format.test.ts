import { describe, expect, it } from 'vitest';
import { roundSignificant } from '../../../blueprint/format.ts';
import { formatFact } from '../../../server/story/format.ts';
import { count, date, days, money, percent, ratio } from './fixtures.ts';

const nbsp = /[\u00a0\u202f]/g;
const f = (fact: Parameters<typeof formatFact>[0], locale: string) =>
  formatFact(fact, { locale }).replace(nbsp, ' ');

describe('formatFact', () => {
  it('shows large money compact, as Intl does for each locale', () => {
    expect(f(money('m', 68_213), 'en')).toBe('$68K');
    expect(f(money('m', 68_213), 'de')).toBe('68.000 $');
    expect(f(money('m', 68_213), 'es')).toBe('68 mil US$');
    expect(f(money('m', 1_240_000), 'de')).toBe('1,2 Mio. $');
  });

  it('rounds modelled money to a few significant digits; measured money keeps cents under $100', () => {
    expect(f(money('m', 4_132.47, true), 'en')).toBe('$4,130');
    // The drivers table writes the same measured $4,132.47 the same way (blueprint/format.ts).
    expect(f(money('m', 4_132.47, false), 'en')).toBe('$4,132');
    expect(f(money('m', 4_132, false), 'en')).toBe('$4,132');
    expect(f(money('m', 42.5, false), 'en')).toBe('$42.50');
    expect(f(money('m', 42.5, false), 'de')).toBe('42,50 $');
    expect(f(money('m', 42.47, true), 'en')).toBe('$42');
    expect(f(money('m', 68_213, false), 'en')).toBe('$68.2K');
    expect(roundSignificant(68_213, 3)).toBe(68_200);
  });

  it('writes percentages without decimals unless under 10%', () => {
    expect(f(percent('p', 0.184), 'en')).toBe('18%');
    expect(f(percent('p', 0.043), 'en')).toBe('4.3%');
    expect(f(percent('p', 0.043), 'de')).toBe('4,3 %');
    expect(f(percent('p', -0.12), 'es')).toBe('12 %');
  });

  it('writes ratios, days, dates and counts with the unit plural', () => {
    expect(f(ratio('r', 2.437), 'en')).toBe('2.4×');
    expect(f(ratio('r', 2.437), 'de')).toBe('2,4-Fache');
    expect(f(days('d', 14), 'de')).toBe('14 Tage');
    expect(f(days('d', 1), 'es')).toBe('1 día');
    expect(f(date('d', '2026-03-03'), 'en')).toBe('March 3, 2026');
    expect(f(date('d', '2026-03-03'), 'de')).toBe('3. März 2026');
    expect(f(date('d', '2026-03-03'), 'es')).toBe('3 de marzo de 2026');
    expect(f(count('c', 1, 'hour', 'hours'), 'en')).toBe('1 hour');
    expect(f(count('c', 1_240, 'hour', 'hours'), 'en')).toBe('1,240 hours');
    expect(f(count('c', 1, 'widget', 'widgets'), 'en')).toBe('1 widget');
    expect(f(count('c', 3, 'widget', 'widgets'), 'en')).toBe('3 widgets');
  });
});
