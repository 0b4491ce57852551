import { describe, expect, it } from 'vitest';
import type { StoryService } from '../../server/story/story-service.ts';
import type { ValueService } from '../../server/value/value-service.ts';
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
  summary: true satisfies Fits<Answer<ValueService['summary']>, ValueSummary>,
  series: true satisfies Fits<Answer<ValueService['series']>, ValueSeries>,
  explain: true satisfies Fits<Answer<ValueService['explain']>, ValueExplanation>,
  forecast: true satisfies Fits<Answer<ValueService['forecast']>, ValueForecast>,
  story: true satisfies Fits<Answer<StoryService['tell']>, ValueStory>,
  assumptions: true satisfies Fits<Answer<ValueService['assumptions']>, Assumptions>,
  cuts: true satisfies Fits<Answer<ValueService['cuts']>, CutOptions>,
};

describe('widget ↔ server response contract', () => {
  it('holds for every route the widget reads (checked by the type-check)', () => {
    expect(Object.values(checks).every(Boolean)).toBe(true);
  });
});
