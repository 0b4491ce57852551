import { z } from 'zod';
import { isDay } from '../days.ts';
import { categorySchema, unitSchema } from '../value-model.ts';

/**
 * The pieces every answer of the API shares. Each schema is the contract: the server validates
 * requests and types its answers with it, the OpenAPI document is generated from it, and the
 * widget's types are inferred from it (`import type` only, so the bundle carries no zod).
 */

export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a UTC day as YYYY-MM-DD')
  // Refinements run even after the regex failed, and "2025-13-01" parses to NaN: guard both.
  .refine(isDay, {
    message: 'is not a calendar day',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ description: 'A UTC calendar day, YYYY-MM-DD.', example: '2026-11-30' });

export const dayRangeSchema = z.object({ from: daySchema, to: daySchema }).meta({
  id: 'DayRange',
  description: 'UTC days, both inclusive.',
  example: { from: '2026-09-01', to: '2026-11-29' },
});
export type DayRange = z.infer<typeof dayRangeSchema>;

/** The cut an answer is for, echoed back: one segment value, or one feature. */
export const segmentFilterSchema = z
  .object({
    by: z.string().meta({ description: 'A segment id of the model, or "feature".' }),
    value: z.string(),
  })
  .meta({
    id: 'SegmentFilter',
    description: 'The filter the answer applies: only value with this segment value counts.',
    example: { by: 'team', value: 'Finance' },
  });
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

export const unitOutSchema = unitSchema.meta({
  id: 'Unit',
  description:
    'A driver\'s unit: words for counted things ({"singular","plural"}) or "currency" for money measured directly.',
});
export type DriverUnit = z.infer<typeof unitOutSchema>;
export type UnitWords = Exclude<DriverUnit, 'currency'>;

export { categorySchema };
export type Category = z.infer<typeof categorySchema>;

export const basisSchema = z.enum(['measured', 'modelled']).meta({
  description:
    'measured: money the events carry (a deal amount); modelled: a count priced by assumptions, an estimate.',
});
export type Basis = z.infer<typeof basisSchema>;

export const issueSchema = z.object({ path: z.string(), message: z.string() });

/** The one error body every route answers with. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable and machine-readable, e.g. invalid_period.' }),
      message: z.string().meta({ description: 'What went wrong, in words a developer acts on.' }),
      issues: z.array(issueSchema).optional(),
      requestId: z.string().meta({ description: 'The same as the X-Request-Id header.' }),
    }),
  })
  .meta({
    id: 'Error',
    example: {
      error: {
        code: 'invalid_period',
        message: 'from (2026-12-01) is after to (2026-11-01)',
        requestId: 'b3f2c9e4-6a1d-4f1e-9d0e-6c2a1f3b8e51',
      },
    },
  });
export type ApiErrorBody = z.infer<typeof errorBodySchema>;

/** Why a period's numbers are what they are; zeros are never shown without one. */
export const dataStatusReasons = [
  'no_activity',
  'processing',
  'no_activity_in_period',
  'starts_in_period',
] as const;
export const dataStatusSchema = z
  .object({
    state: z.enum(['ok', 'no_data', 'partial']),
    reason: z.enum(dataStatusReasons).optional().meta({
      description:
        'no_activity: nothing that creates value was recorded for the account yet; processing: none yet, but events just accepted for the account are still being rolled into its value (ask again in a second); no_activity_in_period: none falls in the period; starts_in_period: activity starts after the period starts (firstDay).',
    }),
    firstDay: daySchema.optional(),
    lastDay: daySchema.optional(),
  })
  .meta({
    id: 'DataStatus',
    example: {
      state: 'partial',
      reason: 'starts_in_period',
      firstDay: '2026-11-10',
      lastDay: '2026-12-03',
    },
  });
export type DataStatus = z.infer<typeof dataStatusSchema>;

/** Why the compared period is no fair baseline for the current one. */
export const comparisonReasons = ['compared_before_start', 'current_includes_today'] as const;
export const comparisonSchema = z
  .object({
    period: dayRangeSchema.meta({ description: 'The compared period.' }),
    coverage: z
      .object({
        current: z.number().int(),
        compared: z.number().int(),
      })
      .meta({
        description:
          "Days of each period from the account's start up to the last complete day (yesterday, UTC): the days the account existed in it.",
      }),
    comparable: z.boolean().meta({
      description:
        'The compared period covers at least 90% of the days the current one covers, and the current one does not include today. When false, no growth rate or share of change is quoted.',
    }),
    reason: z.enum(comparisonReasons).optional().meta({
      description:
        'Why not comparable: compared_before_start: the account did not exist for much of the compared period; current_includes_today: today is still under way.',
    }),
  })
  .meta({
    id: 'Comparison',
    example: {
      period: { from: '2026-06-03', to: '2026-08-31' },
      coverage: { current: 90, compared: 15 },
      comparable: false,
      reason: 'compared_before_start',
    },
  });
export type Comparison = z.infer<typeof comparisonSchema>;

export const partialDaySchema = daySchema.optional().meta({
  description: 'The period includes today (UTC), which is still under way: its figures grow.',
});
