import type { StoryDriver, StoryInput } from '../../../server/insights/story-input.ts';

/** Two drivers: hours saved (modelled, $6,000 now, $5,000 before) and revenue (measured, flat). */
export const hours: StoryDriver = {
  id: 'hours',
  label: 'Hours saved',
  category: 'efficiency',
  basis: 'modelled',
  unit: { singular: 'hour', plural: 'hours' },
  feature: 'automation',
  quantity: 500,
  value: 100,
  money: 6000,
  previous: { quantity: 400, value: 80, money: 5000 },
};

export const revenue: StoryDriver = {
  id: 'revenue',
  label: 'Revenue won',
  category: 'revenue',
  basis: 'measured',
  unit: 'currency',
  quantity: 20,
  value: 4000,
  money: 4000,
  previous: { quantity: 20, value: 4000, money: 4000 },
};

/** Total $10,000 now and $9,000 before; no series, promises, spend, explain or breakdowns. */
export function storyInput(overrides: Partial<StoryInput> = {}): StoryInput {
  return {
    currency: 'USD',
    period: { from: '2026-09-07', to: '2026-11-29' },
    previousPeriod: { from: '2026-06-15', to: '2026-09-06' },
    drivers: [hours, revenue],
    total: { money: 10_000, previous: { money: 9000 } },
    weekly: { total: [], drivers: [] },
    ...overrides,
  };
}

/** Consecutive buckets `step` days apart, the last one on `last`. */
export function bucketsEndingOn(last: string, count: number, step = 7): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) =>
    new Date(end - (count - 1 - index) * step * 86_400_000).toISOString().slice(0, 10),
  );
}

/** A total money series with the last bucket on `last`. */
export function totalSeries(last: string, moneys: number[], step = 7) {
  return bucketsEndingOn(last, moneys.length, step).map((bucket, index) => ({
    bucket,
    money: moneys[index] as number,
  }));
}
