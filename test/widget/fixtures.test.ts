import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { recommendationsSchema } from '../../blueprint/api/recommendations.ts';
import {
  goalSeekSchema,
  leversAnswerSchema,
  projectionSchema,
  savedScenariosSchema,
} from '../../blueprint/api/scenarios.ts';
import { valueStorySchema } from '../../blueprint/api/story.ts';
import {
  assumptionsSchema,
  cutOptionsSchema,
  valueBreakdownSchema,
  valueExplanationSchema,
  valueForecastSchema,
  valueSeriesSchema,
  valueSummarySchema,
} from '../../blueprint/api/value.ts';

/**
 * The browser suites answer from recorded fixtures (test/widget/fixtures/record.ts records them
 * from the real server). A fixture that drifts from the contract fails here: each parses with its
 * answer's schema and loses nothing in the parse (no field the contract does not name).
 */
const SCHEMAS: Record<string, z.ZodType> = {
  'summary.json': valueSummarySchema,
  'summary-initech.json': valueSummarySchema,
  'series.json': valueSeriesSchema,
  'forecast.json': valueForecastSchema,
  'explain.json': valueExplanationSchema,
  'breakdown-team.json': valueBreakdownSchema,
  'cuts.json': cutOptionsSchema,
  'assumptions.json': assumptionsSchema,
  'story.json': valueStorySchema,
  'story-de.json': valueStorySchema,
  'story-es.json': valueStorySchema,
  'story-initech.json': valueStorySchema,
  'scenario-levers.json': leversAnswerSchema,
  'scenarios.json': savedScenariosSchema,
  'scenario-projection.json': projectionSchema,
  'scenario-goal.json': goalSeekSchema,
  'recommendations.json': recommendationsSchema,
  'recommendations-de.json': recommendationsSchema,
};

const folder = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(folder).filter((file) => file.endsWith('.json'));

describe('the browser suites’ fixtures', () => {
  it('are every answer the recorder writes, and nothing else', () => {
    expect(fixtures.sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  it.each(Object.entries(SCHEMAS))(
    '%s is an answer of its schema, field for field',
    (file, schema) => {
      const recorded: unknown = JSON.parse(readFileSync(new URL(file, folder), 'utf8'));
      const parsed = schema.safeParse(recorded);
      expect(parsed.success, String(parsed.error)).toBe(true);
      expect(parsed.data).toEqual(recorded);
    },
  );
});
