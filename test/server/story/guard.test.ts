import { describe, expect, it } from 'vitest';
import { numbersIn, onlyFactNumbers, rephraseChecked } from '../../../server/story/guard.ts';
import { renderInsight } from '../../../server/story/render.ts';
import { everyType } from './fixtures.ts';

function roiInsight() {
  const found = everyType.find((i) => i.type === 'roi');
  if (!found) throw new Error('the fixtures have no roi insight');
  return found;
}

describe('numbersIn', () => {
  it('reads numbers with locale separators, compact suffixes, percentages and ×', () => {
    expect(numbersIn('You saved 1,240 hours — about $68K, 2.4× what you pay.', 'en')).toEqual([
      { text: '1,240', value: 1240 },
      { text: '68K', value: 68_000 },
      { text: '2.4×', value: 2.4 },
    ]);
    expect(numbersIn('etwa 1,2 Mio. $ und 18 % mehr, 1.240 Stunden', 'de')).toEqual([
      { text: '1,2 Mio.', value: 1_200_000 },
      { text: '18 %', value: 0.18 },
      { text: '1.240', value: 1240 },
    ]);
    expect(numbersIn('unos 68 mil US$ y 2 Monate', 'es').map((t) => t.value)).toEqual([68_000, 2]);
    expect(numbersIn('1200 M €', 'es')[0]?.value).toBe(1.2e9);
  });
});

describe('onlyFactNumbers', () => {
  const roi = renderInsight(roiInsight(), 'en');

  it('accepts the rendered sentence and rejects an invented number', () => {
    expect(onlyFactNumbers(roi.text ?? '', roi.facts, 'en')).toBe(true);
    expect(onlyFactNumbers('So far you get about $70K in value.', roi.facts, 'en')).toBe(false);
    expect(onlyFactNumbers('You get about $68K, 3× what you pay.', roi.facts, 'en')).toBe(false);
  });

  it('ignores digits inside names the sentence is allowed to contain', () => {
    expect(onlyFactNumbers('Team Support 2 pays 2.4×.', roi.facts, 'en')).toBe(false);
    expect(onlyFactNumbers('Team Support 2 pays 2.4×.', roi.facts, 'en', ['Support 2'])).toBe(true);
  });
});

describe('rephraseChecked', () => {
  const roi = renderInsight(roiInsight(), 'en');

  it('keeps a rewording that uses only fact numbers', async () => {
    const result = await rephraseChecked(
      roi.text ?? '',
      roi.facts,
      'en',
      async () => 'You get 2.4× what you pay: about $68K.',
    );
    expect(result).toEqual({ text: 'You get 2.4× what you pay: about $68K.', rephrased: true });
  });

  it('rejects a rewording with a number that is not a fact, and survives a failing hook', async () => {
    const invented = await rephraseChecked(
      roi.text ?? '',
      roi.facts,
      'en',
      async () => 'You get 3× what you pay.',
    );
    expect(invented).toEqual({ text: roi.text, rephrased: false });
    const failing = await rephraseChecked(roi.text ?? '', roi.facts, 'en', async () => {
      throw new Error('model down');
    });
    expect(failing.rephrased).toBe(false);
  });

  it('hands the hook only the formatted facts', async () => {
    let seen: unknown;
    await rephraseChecked(roi.text ?? '', roi.facts, 'en', async (facts) => {
      seen = facts;
      return '';
    });
    expect(seen).toBe(roi.facts);
  });
});
