import { describe, expect, it } from 'vitest';
import type { ValueExplanation } from '../../widget/api/types.ts';
import { leadOf } from '../../widget/explain/explain-model.ts';

const period = { from: '2026-10-01', to: '2026-10-31' };

function explanation(
  dimensions: ValueExplanation['dimensions'],
  filter?: ValueExplanation['filter'],
): ValueExplanation {
  return {
    account: 'acme-corp',
    currency: 'USD',
    period,
    comparePeriod: { from: '2026-09-01', to: '2026-09-30' },
    total: { current: 70, previous: 100, delta: -30, deltaShare: -0.3 },
    dimensions,
    ...(filter ? { filter } : {}),
  };
}

const row = (segment: string, delta: number, shareOfChange: number) => ({
  segment,
  current: 0,
  previous: 0,
  delta,
  shareOfChange,
});

describe('leadOf: who the answer names', () => {
  it('names the largest share of the change in the total’s direction, across dimensions', () => {
    const lead = leadOf(
      explanation([
        { by: 'team', contributions: [row('Finance', -12, 0.4), row('IT', -18, 0.6)] },
        { by: 'workspace', contributions: [row('EMEA', -27, 0.9), row('APAC', -3, 0.1)] },
      ]),
    );
    expect(lead).toEqual({ by: 'workspace', contribution: row('EMEA', -27, 0.9) });
  });

  it('skips the dimension filtered on and any dimension with a single value', () => {
    const lead = leadOf(
      explanation(
        [
          { by: 'team', contributions: [row('Finance', -30, 1)] },
          { by: 'feature', contributions: [row('Reporting', -30, 1)] },
          { by: 'workspace', contributions: [row('EMEA', -21, 0.7), row('APAC', -9, 0.3)] },
        ],
        { by: 'team', value: 'Finance' },
      ),
    );
    expect(lead?.contribution.segment).toBe('EMEA');
  });

  it('names nobody when nothing changed', () => {
    const flat = explanation([{ by: 'team', contributions: [row('IT', 0, 0), row('HR', 0, 0)] }]);
    flat.total = { current: 5, previous: 5, delta: 0, deltaShare: 0 };
    expect(leadOf(flat)).toBeUndefined();
  });
});
