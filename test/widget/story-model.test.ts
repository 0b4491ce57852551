import { describe, expect, it } from 'vitest';
import type { Fact, StoryInsight } from '../../widget/api/types.ts';
import {
  explainRequestOf,
  factFocusOf,
  planGoalOf,
  splitSentence,
} from '../../widget/story/story-model.ts';

function fact(
  id: string,
  formatted: string,
  period = { from: '2026-08-30', to: '2026-11-27' },
  query = '/v1/value/summary',
): Fact {
  return {
    id,
    label: id,
    value: 1,
    unit: { kind: 'ratio' },
    estimated: false,
    formatted,
    provenance: { driver: 'total', period, query },
  };
}

describe('story model', () => {
  it('marks every cited number, the longest first, and keeps the rest as text', () => {
    const parts = splitSentence(
      'You saved 5,390 hours — about $900K; 5,390 again.',
      [
        fact('a', '5,390'),
        fact('b', '5,390 hours'),
        fact('c', '$900K'),
        fact('d', 'not in the text'),
      ],
      'en',
    );
    expect(parts.map((part) => [part.text, part.fact?.id])).toEqual([
      ['You saved ', undefined],
      ['5,390 hours', 'b'],
      [' — about ', undefined],
      ['$900K', 'c'],
      ['; ', undefined],
      ['5,390', 'a'],
      [' again.', undefined],
    ]);
    expect(splitSentence('', [], 'en')).toEqual([{ text: '' }]);
  });

  it('names each cited driver and period once', () => {
    const previous = { from: '2026-06-01', to: '2026-08-29' };
    expect(factFocusOf([fact('a', 'x'), fact('b', 'y'), fact('c', 'z', previous)])).toEqual([
      { driver: 'total', from: '2026-08-30', to: '2026-11-27' },
      { driver: 'total', from: '2026-06-01', to: '2026-08-29' },
    ]);
  });

  it('asks to explain the latest period against the one before, from facts or provenance', () => {
    const insight = (facts: Fact[]): StoryInsight => ({
      id: 'i',
      type: 'trend',
      score: 0.5,
      drivers: ['x'],
      facts,
      params: {},
    });
    const fallback = { from: '2026-01-01', to: '2026-01-31' };
    expect(
      explainRequestOf(
        insight([fact('p', 'a', { from: '2026-06-01', to: '2026-08-29' }), fact('c', 'b')]),
        fallback,
      ),
    ).toEqual({
      driver: 'x',
      from: '2026-08-30',
      to: '2026-11-27',
      compareFrom: '2026-06-01',
      compareTo: '2026-08-29',
    });
    expect(
      explainRequestOf(
        insight([
          fact(
            'c',
            'b',
            undefined,
            '/v1/value/explain?from=2026-08-30&to=2026-11-27&compareFrom=2026-06-01&compareTo=2026-08-29',
          ),
        ]),
        fallback,
      ),
    ).toEqual({
      driver: 'x',
      from: '2026-08-30',
      to: '2026-11-27',
      compareFrom: '2026-06-01',
      compareTo: '2026-08-29',
    });
    expect(explainRequestOf({ ...insight([]), drivers: [] }, fallback)).toEqual({
      driver: 'total',
      ...fallback,
    });
  });
});

describe('"What would it take?" under a promise', () => {
  const DAY = 86_400_000;
  const asOf = { from: '2026-01-01', to: '2026-06-30' };
  const promise = (status: string, realized: number, end = '2026-12-31'): StoryInsight => ({
    id: 'pace_to_promise:automation_hours:0',
    type: 'pace_to_promise',
    score: 1,
    drivers: ['automation_hours'],
    params: { status },
    facts: [
      { ...fact('realized', '1,000 hours', asOf), value: realized },
      { ...fact('target', '2,500 hours', asOf), value: 2500 },
      { ...fact('endDate', 'Dec 31, 2026', asOf), value: Date.parse(`${end}T00:00:00Z`) },
    ],
  });

  it('is the pace a year that delivers what is missing by the end: (2,500 − 1,000) / 184 days × 365', () => {
    // July 1 to December 31: 184 days left after June 30.
    const goal = planGoalOf(promise('behind', 1000));
    expect(goal?.driver).toBe('automation_hours');
    expect(goal?.target).toBeCloseTo((1500 / 184) * 365, 9);
    expect(Date.parse('2026-12-31') - Date.parse('2026-06-30')).toBe(184 * DAY);
  });

  it('is money (no driver) for a promise on all value, and none unless behind with days left', () => {
    const total = { ...promise('behind', 1000), drivers: ['total'] };
    expect(planGoalOf(total)).toEqual({ target: (1500 / 184) * 365 });
    expect(planGoalOf(promise('on_pace', 1000))).toBeUndefined();
    expect(planGoalOf(promise('ahead', 1000))).toBeUndefined();
    expect(planGoalOf(promise('behind', 1000, '2026-06-30'))).toBeUndefined();
    expect(planGoalOf(promise('behind', 2600))).toBeUndefined();
    expect(planGoalOf({ ...promise('behind', 1000), type: 'roi' })).toBeUndefined();
  });
});
