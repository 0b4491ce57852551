import { z } from 'zod';
import {
  comparisonSchema,
  dataStatusSchema,
  dayRangeSchema,
  partialDaySchema,
  segmentFilterSchema,
} from './common.ts';
import { storyExample } from './examples.ts';

/**
 * The value story (`GET /v1/value/story`): typed facts, insights told from them, and the rendered
 * sentences. Nothing in a sentence is not one of its facts.
 */

export const insightTypes = [
  'period_change',
  'pace_to_promise',
  'roi',
  'trend',
  'trend_change',
  'unusual_change',
  'top_contributors',
  'top_detractors',
  'concentration',
  'record',
  'adoption_gap',
  'next_best_offer',
] as const;
export type InsightType = (typeof insightTypes)[number];

export const chapterIds = ['outcome', 'drivers', 'momentum', 'risks', 'next'] as const;
export type ChapterId = (typeof chapterIds)[number];

/** What a fact measures; the narrative formats it with Intl for the locale. */
export const factUnitSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('money'), currency: z.string() }),
    z.object({
      kind: z.literal('count'),
      singular: z.string(),
      plural: z.string(),
      whole: z.boolean().optional().meta({ description: 'Comes in whole units: shown whole.' }),
    }),
    z.object({ kind: z.literal('ratio') }),
    z.object({ kind: z.literal('percent') }),
    z.object({ kind: z.literal('days') }),
    z.object({ kind: z.literal('date') }),
  ])
  .meta({
    id: 'FactUnit',
    description:
      'percent holds a fraction (0.12 is 12%); date holds UTC milliseconds of the day; ratio a multiple (2.4 is 2.4×).',
  });
export type FactUnit = z.infer<typeof factUnitSchema>;

export const factSchema = z
  .object({
    id: z.string().meta({ description: 'Its role in the sentence, e.g. "money" or "change".' }),
    label: z.string().meta({ description: 'What the number is, for developers (not shown).' }),
    value: z.number(),
    unit: factUnitSchema,
    estimated: z.boolean().meta({ description: 'Rests on assumptions: worded as an estimate.' }),
    formatted: z.string().optional().meta({ description: 'As the sentence writes it.' }),
    provenance: z.object({
      driver: z.string().meta({ description: 'The driver, or "total".' }),
      period: dayRangeSchema,
      segment: segmentFilterSchema.optional(),
      query: z.string().meta({ description: 'The value API call that reproduces the number.' }),
    }),
  })
  .meta({ id: 'Fact' });
export type Fact = z.infer<typeof factSchema>;

export const insightSchema = z
  .object({
    id: z.string(),
    type: z.enum(insightTypes),
    score: z.number().meta({ description: 'Significance × impact, 0..1.' }),
    drivers: z.array(z.string()),
    segment: segmentFilterSchema.optional(),
    facts: z.array(factSchema),
    params: z.record(z.string(), z.string()).meta({
      description: 'Template parameters that are not numbers (direction, names).',
    }),
    text: z.string().optional(),
    question: z.string().optional().meta({ description: 'A follow-up the customer might ask.' }),
  })
  .meta({ id: 'Insight' });
export type Insight = z.infer<typeof insightSchema>;

const renderedText = z.object({ text: z.string(), facts: z.array(factSchema) });

export const valueStorySchema = z
  .object({
    account: z.string(),
    filter: segmentFilterSchema.optional(),
    period: dayRangeSchema,
    comparison: comparisonSchema.optional(),
    partialDay: partialDaySchema,
    headline: renderedText,
    chapters: z.array(
      z.object({ id: z.enum(chapterIds), title: z.string(), insights: z.array(insightSchema) }),
    ),
    notices: z.array(renderedText).meta({
      description:
        'Said next to the headline: incomplete data, a filtered slice, a fallback language.',
    }),
    locale: z.enum(['en', 'de', 'es']),
    localeFallback: z.literal(true).optional(),
    dataStatus: dataStatusSchema,
    generatedAt: z.string(),
    modelVersion: z.number().int(),
  })
  .meta({ id: 'ValueStory', example: storyExample });
export type ValueStory = z.infer<typeof valueStorySchema>;
