import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { valueStorySchema } from '../../blueprint/api/story.ts';
import type {
  assumptionsSchema,
  cutOptionsSchema,
  valueExplanationSchema,
  valueForecastSchema,
  valueSeriesSchema,
  valueSummarySchema,
} from '../../blueprint/api/value.ts';
import type { StoryService } from '../../server/story/story-service.ts';
import type { ValueService } from '../../server/value/value-service.ts';
import type * as Widget from '../../widget/api/types.ts';

/**
 * One contract: the widget's types are the schemas' inferred types, and the server's answers are
 * typed by the same schemas. `Equal` is exact and does not distribute over unions (a check of the
 * form `S extends W ? true : false` would answer `boolean` for a union and let a wrong type pass),
 * so these fail the type-check the moment either side drifts.
 */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Contract<S extends z.ZodType> = z.infer<S>;

const widgetReadsTheContract = {
  summary: true satisfies Equal<Widget.ValueSummary, Contract<typeof valueSummarySchema>>,
  series: true satisfies Equal<Widget.ValueSeries, Contract<typeof valueSeriesSchema>>,
  explain: true satisfies Equal<Widget.ValueExplanation, Contract<typeof valueExplanationSchema>>,
  forecast: true satisfies Equal<Widget.ValueForecast, Contract<typeof valueForecastSchema>>,
  story: true satisfies Equal<Widget.ValueStory, Contract<typeof valueStorySchema>>,
  assumptions: true satisfies Equal<Widget.Assumptions, Contract<typeof assumptionsSchema>>,
  cuts: true satisfies Equal<Widget.CutOptions, Contract<typeof cutOptionsSchema>>,
};

const serverAnswersTheContract = {
  summary: true satisfies Equal<Answer<ValueService['summary']>, Widget.ValueSummary>,
  series: true satisfies Equal<Answer<ValueService['series']>, Widget.ValueSeries>,
  explain: true satisfies Equal<Answer<ValueService['explain']>, Widget.ValueExplanation>,
  forecast: true satisfies Equal<Answer<ValueService['forecast']>, Widget.ValueForecast>,
  assumptions: true satisfies Equal<Answer<ValueService['assumptions']>, Widget.Assumptions>,
  cuts: true satisfies Equal<Answer<ValueService['cuts']>, Widget.CutOptions>,
  story: true satisfies Equal<Answer<StoryService['tell']>, Widget.ValueStory>,
};

/** A deliberately wrong widget type: ROI as text. The check must refuse it. */
type WrongSummary = Omit<Widget.ValueSummary, 'roi'> & { roi?: { multiple: string } };
/** A union that the old, distributive check (`S extends W ? true : false`) let through. */
type WrongForecast = Widget.ValueForecast | { dataStatus: { state: 'invented' } };
type Distributive<S, W> = S extends W ? true : false;

const refused = {
  // @ts-expect-error: a summary whose ROI is text is not the contract's summary.
  wrongField: true satisfies Equal<WrongSummary, Widget.ValueSummary>,
  // @ts-expect-error: a forecast that may have an invented state is not the contract's forecast.
  wrongUnion: true satisfies Equal<WrongForecast, Widget.ValueForecast>,
  // The old check answered `boolean` for the same union, which `true` satisfies: it let it pass.
  oldCheckWasBlind: true satisfies Distributive<WrongForecast, Widget.ValueForecast>,
};

describe('one contract between the server and the widget', () => {
  it('holds for every answer the widget reads, and refuses a wrong type (checked by tsc)', () => {
    expect(Object.values(widgetReadsTheContract).every(Boolean)).toBe(true);
    expect(Object.values(serverAnswersTheContract).every(Boolean)).toBe(true);
    expect(Object.values(refused).every(Boolean)).toBe(true);
  });
});
