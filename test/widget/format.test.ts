import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, formatQuantity } from '../../widget/core/format.ts';

const hours = { singular: 'hour', plural: 'hours' };

describe('widget number formatting', () => {
  it('says quantities in their unit: whole from 100, one decimal below, a fraction’s first digit', () => {
    expect(formatQuantity(4652.75, hours, 'USD', 'en')).toBe('4,653 hours');
    expect(formatQuantity(12.54, hours, 'USD', 'en')).toBe('12.5 hours');
    expect(formatQuantity(1, hours, 'USD', 'en')).toBe('1 hour');
    expect(formatQuantity(0, hours, 'USD', 'en')).toBe('0 hours');
    expect(formatQuantity(0.0061, { singular: 'incident', plural: 'incidents' }, 'USD', 'en')).toBe(
      '0.006 incidents',
    );
    expect(formatQuantity(1234.5, hours, 'EUR', 'de')).toBe('1.235 hours');
    expect(formatQuantity(5000, 'currency', 'USD', 'en')).toBe('$5,000');
  });

  it('never gives an estimate more precision than it has', () => {
    expect(formatMoney(898871.71, 'USD', 'en', { estimated: true })).toBe('$900K');
    expect(formatMoney(898871.71, 'USD', 'en')).toBe('$899K');
    expect(formatMoney(4883.2, 'USD', 'en', { estimated: true })).toBe('$4,880');
    expect(formatMoney(42.5, 'USD', 'en')).toBe('$42.50');
  });

  it('shows percent decimals only under 10%', () => {
    expect(formatPercent(0.32, 'en')).toBe('32%');
    expect(formatPercent(0.045, 'en')).toBe('4.5%');
    expect(formatPercent(-0.18, 'en', true)).toBe('-18%');
  });
});
