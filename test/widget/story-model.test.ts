import { describe, expect, it } from 'vitest';
import type { Fact, StoryInsight } from '../../widget/api/types.ts';
import { explainRequestOf, factFocusOf, splitSentence } from '../../widget/story/story-model.ts';

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
