import { describe, expect, it } from 'vitest';
import { moneyOnDrivers, projectedOver, realizingDays } from '../../../server/offers/realized.ts';
import type { AccountContext } from '../../../server/value/figures.ts';

/** An accepted offer's days, money and share of the projected year, with plain numbers. */

const at = (iso: string) => Date.parse(iso);

describe('realizingDays', () => {
  it('runs from the day of acceptance to yesterday, both counted', () => {
    expect(realizingDays('2025-04-10', at('2025-04-28T10:00:00Z'))).toEqual({
      from: '2025-04-10',
      to: '2025-04-27',
    });
    expect(realizingDays('2025-04-27', at('2025-04-28T00:00:00Z'))).toEqual({
      from: '2025-04-27',
      to: '2025-04-27',
    });
  });

  it('has none while the day of acceptance is today', () => {
    expect(realizingDays('2025-04-28', at('2025-04-28T23:59:59Z'))).toBeUndefined();
  });
});

describe('projectedOver', () => {
  it('is the projected year × days ÷ 365, and nothing before a whole day passed', () => {
    expect(projectedOver(36_500, { from: '2025-04-10', to: '2025-04-27' })).toBe(1_800);
    expect(projectedOver(36_500, { from: '2025-01-01', to: '2025-12-31' })).toBe(36_500);
    expect(projectedOver(36_500, undefined)).toBe(0);
  });
});

describe('moneyOnDrivers', () => {
  const context = {
    model: {
      drivers: [
        {
          id: 'hours',
          quantity: { count: true },
          perUnit: 0.5,
          unit: { singular: 'hour', plural: 'hours' },
          rates: ['hourly_rate'],
        },
        {
          id: 'seats',
          quantity: { distinctUsers: true },
          perUnit: 1,
          unit: { singular: 'seat', plural: 'seats' },
          rates: ['seat_value'],
        },
        { id: 'revenue', quantity: { sum: 'amount' }, perUnit: 1, unit: 'currency', rates: [] },
      ],
    },
    rates: new Map([
      ['hourly_rate', 80],
      ['seat_value', 40],
    ]),
  } as unknown as AccountContext;
  const activity = [
    { driverId: 'hours', quantity: 10, users: 3, events: 10 },
    { driverId: 'seats', quantity: 7, users: 3, events: 7 },
    { driverId: 'revenue', quantity: 1_250.5, users: 2, events: 4 },
  ];

  it('prices each of the drivers at the account’s rates; people count as people', () => {
    expect(moneyOnDrivers(context, ['hours'], activity)).toBe(10 * 0.5 * 80);
    expect(moneyOnDrivers(context, ['seats'], activity)).toBe(3 * 40);
    expect(moneyOnDrivers(context, ['hours', 'revenue'], activity)).toBe(400 + 1_250.5);
  });

  it('counts nothing for a driver without activity or unknown to the model', () => {
    expect(moneyOnDrivers(context, ['hours', 'gone'], activity.slice(1))).toBe(0);
  });
});
