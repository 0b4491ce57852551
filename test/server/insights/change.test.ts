import { describe, expect, it } from 'vitest';
import { promiseProgress } from '../../../blueprint/value-math.ts';
import { detectPeriodChange } from '../../../server/insights/change.ts';
import { comparedNameOf, periodNameOf } from '../../../server/insights/facts.ts';
import { detectPaceToPromise } from '../../../server/insights/promise.ts';
import { detectRoi } from '../../../server/insights/roi.ts';
import { hours, revenue, storyInput } from './story-fixture.ts';

const factValue = (insight: { facts: Array<{ id: string; value: number }> }, id: string) =>
  insight.facts.find((f) => f.id === id)?.value;

describe('period_change', () => {
  it('reports the total and each driver that moved 10% or more', () => {
    const insights = detectPeriodChange(storyInput());
    expect(insights.map((i) => i.id)).toEqual(['period_change:total', 'period_change:hours']);
    const [total, driver] = insights as [(typeof insights)[0], (typeof insights)[0]];
    // 10,000 vs 9,000: +11.11%; significance 0.1111/0.5 = 0.2222, impact 1,000/(0.25×10,000) = 0.4.
    expect(factValue(total, 'change')).toBeCloseTo(1 / 9, 10);
    expect(total.score).toBe(0.0889);
    // The story period runs 12 weeks (2026-09-07 to 2026-11-29), no calendar period and not the
    // last days: said by its dates, against the 84 days before.
    expect(total.params).toMatchObject({
      direction: 'up',
      period: 'range',
      periodDays: '84',
      periodFrom: '2026-09-07',
      periodTo: '2026-11-29',
      compared: 'previous',
      comparedDays: '84',
    });
    // Hours: 6,000 vs 5,000 = +20%: significance 0.4, impact 0.4 → 0.16.
    expect(factValue(driver, 'change')).toBeCloseTo(0.2, 10);
    expect(driver.score).toBe(0.16);
    expect(driver.params).toMatchObject({
      direction: 'up',
      period: 'range',
      compared: 'previous',
      driver: 'Hours saved',
    });
    expect(factValue(driver, 'value')).toBe(100);
    const current = driver.facts.find((f) => f.id === 'current');
    expect(current?.estimated).toBe(true);
    expect(current?.provenance).toEqual({
      driver: 'hours',
      period: { from: '2026-09-07', to: '2026-11-29' },
      query: '/v1/value/summary?from=2026-09-07&to=2026-11-29',
    });
    expect(driver.facts.find((f) => f.id === 'previous')?.provenance.query).toBe(
      '/v1/value/summary?from=2026-06-15&to=2026-09-06',
    );
  });

  it('says nothing when nothing moved 10%, or there is no previous period to compare', () => {
    const flat = storyInput({
      drivers: [{ ...hours, previous: { ...hours.previous, money: 5800 } }, revenue],
      total: { money: 10_000, previous: { money: 9800 } },
    });
    expect(detectPeriodChange(flat)).toEqual([]);
    const fresh = storyInput({
      drivers: [{ ...hours, previous: { quantity: 0, value: 0, money: 0 } }],
      total: { money: 6000, previous: { money: 0 } },
    });
    expect(detectPeriodChange(fresh)).toEqual([]);
  });

  it('reports a drop as direction down, measured money not estimated', () => {
    const dropped = storyInput({
      drivers: [hours, { ...revenue, money: 3000, value: 3000 }],
      total: { money: 9000, previous: { money: 9000 } },
    });
    const [insight] = detectPeriodChange(dropped).filter((i) => i.id === 'period_change:revenue');
    expect(insight?.params.direction).toBe('down');
    expect(factValue(insight as never, 'change')).toBe(-0.25);
    expect(insight?.facts.find((f) => f.id === 'current')?.estimated).toBe(false);
  });

  it('tells no rate against a compared period that is no baseline', () => {
    expect(detectPeriodChange(storyInput({ comparison: { comparable: false } }))).toEqual([]);
  });

  it('names the same period last year and cites it', () => {
    const previousPeriod = { from: '2025-09-08', to: '2025-11-30' };
    const [total] = detectPeriodChange(
      storyInput({ previousPeriod, comparison: { comparable: true, kind: 'last_year' } }),
    );
    expect(total?.params.compared).toBe('last_year');
    const previous = total?.facts.find((f) => f.id === 'previous');
    expect(previous?.provenance.period).toEqual(previousPeriod);
    expect(total?.facts.find((f) => f.id === 'change')?.provenance.query).toContain(
      'compareFrom=2025-09-08&compareTo=2025-11-30',
    );
  });
});

describe('pace_to_promise', () => {
  const promise = { driver: 'hours', target: 1200, from: '2026-01-01', to: '2026-01-10' };

  it('flags a promise behind pace with its projection', () => {
    // Day 5 of 10: expected 600; 450 delivered is 75% of pace → behind, projected 450 × 10/5 = 900.
    const progress = promiseProgress(promise, 450, '2026-01-05');
    const [insight, ...rest] = detectPaceToPromise(
      storyInput({ promises: [{ ...promise, unit: hours.unit, ...progress }] }),
    );
    expect(rest).toEqual([]);
    expect(insight?.params).toEqual({ status: 'behind', driver: 'Hours saved' });
    expect(insight?.facts.map((f) => [f.id, f.value])).toEqual([
      ['realized', 450],
      ['target', 1200],
      ['endDate', Date.parse('2026-01-10T00:00:00Z')],
      ['share', 0.375],
      ['expected', 600],
      ['projected', 900],
    ]);
    // 25% off pace is full significance; promises have full impact.
    expect(insight?.score).toBe(1);
    expect(insight?.facts[0]?.unit).toEqual({ kind: 'count', singular: 'hour', plural: 'hours' });
  });

  it('scores on pace at half significance', () => {
    const progress = promiseProgress(promise, 600, '2026-01-05');
    const [insight] = detectPaceToPromise(
      storyInput({ promises: [{ ...promise, unit: hours.unit, ...progress }] }),
    );
    expect(insight?.params.status).toBe('on_pace');
    expect(insight?.score).toBe(0.5);
  });

  it('says nothing without promises or before a promise starts', () => {
    expect(detectPaceToPromise(storyInput())).toEqual([]);
    const progress = promiseProgress(promise, 0, '2025-12-31');
    expect(
      detectPaceToPromise(
        storyInput({ promises: [{ ...promise, unit: hours.unit, ...progress }] }),
      ),
    ).toEqual([]);
  });
});

describe('roi', () => {
  it('states the multiple, spend and payback', () => {
    const [insight] = detectRoi(
      storyInput({ roi: { multiple: 2.5, paybackDays: 146, spend: 4000 } }),
    );
    expect(insight?.facts.map((f) => [f.id, f.value, f.estimated])).toEqual([
      ['money', 10_000, true],
      ['spend', 4000, false],
      ['multiple', 2.5, true],
      ['payback', 146, true],
    ]);
    expect(insight?.params).toEqual({ verdict: 'pays_back' });
    expect(insight?.score).toBe(0.8);
  });

  it('says nothing without spend', () => {
    expect(detectRoi(storyInput())).toEqual([]);
    expect(detectRoi(storyInput({ roi: { multiple: null, paybackDays: null, spend: 0 } }))).toEqual(
      [],
    );
  });
});

describe('periodNameOf', () => {
  // Seen on 2026-12-05: yesterday, the last complete day, is 2026-12-04.
  const now = '2026-12-05';
  const name = (from: string, to: string) => periodNameOf({ from, to }, now).period;

  it('calls a rolling period the last N days, never a quarter or a month', () => {
    expect(name('2026-09-06', '2026-12-04')).toBe('last_days');
    expect(periodNameOf({ from: '2026-09-06', to: '2026-12-04' }, now).periodDays).toBe('90');
    expect(name('2026-11-05', '2026-12-04')).toBe('last_days');
    expect(name('2026-11-06', '2026-12-05')).toBe('last_days'); // today included
  });

  it('names calendar periods, whole or so far', () => {
    expect(name('2026-11-01', '2026-11-30')).toBe('month');
    expect(name('2026-07-01', '2026-09-30')).toBe('quarter');
    expect(periodNameOf({ from: '2026-07-01', to: '2026-09-30' }, now).periodQuarter).toBe('3');
    expect(name('2025-01-01', '2025-12-31')).toBe('year');
    expect(name('2026-10-01', '2026-12-04')).toBe('quarter_to_date');
    expect(name('2026-01-01', '2026-12-04')).toBe('year_to_date');
    expect(name('2026-12-01', '2026-12-04')).toBe('month_to_date');
  });

  it('says the dates of any other period', () => {
    expect(name('2026-03-03', '2026-04-27')).toBe('range');
    expect(name('2026-02-01', '2026-02-27')).toBe('range');
    expect(comparedNameOf({ from: '2026-06-08', to: '2026-09-05' })).toEqual({
      comparedDays: '90',
      comparedFrom: '2026-06-08',
      comparedTo: '2026-09-05',
    });
  });
});
