import { describe, expect, it } from 'vitest';
import type { valueStory } from '../../server/story/story-service.ts';
import type { listAssumptions } from '../../server/value/assumptions.ts';
import type { explainValue } from '../../server/value/breakdown.ts';
import type { valueCuts } from '../../server/value/cuts.ts';
import type { valueForecast } from '../../server/value/forecast.ts';
import type { valueSeries } from '../../server/value/series.ts';
import type { ValueEngine } from '../../server/value/value-engine.ts';
import type {
  Assumptions,
  CutOptions,
  ValueExplanation,
  ValueForecast,
  ValueSeries,
  ValueStory,
  ValueSummary,
} from '../../widget/api/types.ts';

/**
 * The widget declares the response shapes it reads (it cannot import the server). These checks
 * fail the type-check when a server response stops satisfying them, so the two cannot drift.
 */
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Fits<Server, Widget> = Server extends Widget ? true : false;

const checks = {
  summary: true satisfies Fits<Answer<ValueEngine['summary']>, ValueSummary>,
  series: true satisfies Fits<Answer<typeof valueSeries>, ValueSeries>,
  explain: true satisfies Fits<Answer<typeof explainValue>, ValueExplanation>,
  forecast: true satisfies Fits<Answer<typeof valueForecast>, ValueForecast>,
  story: true satisfies Fits<Answer<typeof valueStory>, ValueStory>,
  assumptions: true satisfies Fits<Answer<typeof listAssumptions>, Assumptions>,
  cuts: true satisfies Fits<Answer<typeof valueCuts>, CutOptions>,
};

describe('widget ↔ server response contract', () => {
  it('holds for every route the widget reads (checked by the type-check)', () => {
    expect(Object.values(checks).every(Boolean)).toBe(true);
  });
});
