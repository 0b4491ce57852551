import { describe, expect, it } from 'vitest';
import { partialBuckets } from '../../server/value/series.ts';

/** Which buckets count fewer days than a whole one, and why (days counted by hand). */
describe('partialBuckets', () => {
  // 2026-11-30 is a Monday; the week of 2026-12-07 holds "today" (Thursday 2026-12-10).
  const now = '2026-12-10';

  it('lists none when the period is whole weeks, before today', () => {
    const weeks = { range: { from: '2026-11-02', to: '2026-11-29' }, grain: 'week' as const };
    expect(partialBuckets(weeks, '2026-01-01', now)).toEqual([]);
  });

  it('names the first week begun before the account started, and skips whole weeks', () => {
    const weeks = { range: { from: '2026-11-02', to: '2026-11-29' }, grain: 'week' as const };
    // Started on Thursday 2026-11-12: the week before is no week of value (0 days), the week of the
    // start counts Thursday to Sunday.
    expect(partialBuckets(weeks, '2026-11-12', now)).toEqual([
      { bucket: '2026-11-02', days: 0, of: 7, why: 'account_start' },
      { bucket: '2026-11-09', days: 4, of: 7, why: 'account_start' },
    ]);
  });

  it('marks the week that holds today, even with the days so far', () => {
    const weeks = { range: { from: '2026-11-30', to: now }, grain: 'week' as const };
    expect(partialBuckets(weeks, '2026-01-01', now)).toEqual([
      { bucket: '2026-12-07', days: 4, of: 7, why: 'today' },
    ]);
  });

  it('cuts months by the period: a month of 31 days from the 10th counts 22', () => {
    const months = { range: { from: '2026-10-10', to: '2026-11-30' }, grain: 'month' as const };
    expect(partialBuckets(months, '2025-01-01', now)).toEqual([
      { bucket: '2026-10-01', days: 22, of: 31, why: 'period_start' },
    ]);
  });
});
