import { z } from 'zod';
import { whereOps } from '../value-model.ts';
import {
  basisSchema,
  categorySchema,
  comparisonSchema,
  dataStatusSchema,
  dayRangeSchema,
  daySchema,
  partialDaySchema,
  segmentFilterSchema,
  unitOutSchema,
} from './common.ts';
import {
  assumptionChangedExample,
  assumptionsExample,
  breakdownExample,
  cutsExample,
  explainExample,
  forecastExample,
  seriesExample,
  summaryExample,
} from './examples.ts';

/** The customer-facing value API's answers (embed token): `/v1/value/*`. */

const money = z.number().meta({ description: "In the model's currency." });
const share = z.number().meta({ description: 'A fraction: 0.32 is 32%.' });

/** Quantity (events counted or amounts summed), value in the driver's unit, and money. */
const figures = {
  quantity: z.number().meta({ description: 'Events counted, amounts summed or users counted.' }),
  value: z.number().meta({ description: "The quantity in the driver's unit (e.g. hours)." }),
  money,
};

/** Whose value an answer is, in which currency, and the filter it applies (when it has one). */
const forAccount = {
  account: z.string(),
  currency: z.string(),
  filter: segmentFilterSchema.optional(),
};
/** What an answer measures: one driver (in its unit) or money across drivers. */
const measured = {
  measure: z.literal('money').optional(),
  driver: z.string().optional(),
  unit: unitOutSchema.optional(),
};

// ---------------------------------------------------------------------------------------------
// How a driver's money is computed, as structure: the reader's language words it.

export const formulaSchema = z
  .object({
    quantity: z.object({
      kind: z.enum(['count', 'sum', 'distinct_users']),
      event: z.string().meta({ description: 'The track event counted.' }),
      property: z.string().optional().meta({ description: 'The property summed (kind "sum").' }),
    }),
    where: z.array(
      z.object({
        property: z.string(),
        op: z.enum(whereOps),
        value: z
          .union([
            z.string(),
            z.number(),
            z.boolean(),
            z.array(z.union([z.string(), z.number(), z.boolean()])),
          ])
          .optional(),
      }),
    ),
    factors: z.array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('per_unit'),
          value: z.number().meta({ description: 'Units of value per unit of quantity.' }),
          unit: unitOutSchema,
        }),
        z.object({
          kind: z.literal('rate'),
          id: z.string().meta({ description: 'The assumption, as in the assumptions list.' }),
          label: z.string(),
          unit: z.string(),
          value: z.number(),
        }),
      ]),
    ),
  })
  .meta({
    id: 'Formula',
    description:
      'quantity (of events, where the conditions hold) × each factor in turn; a currency driver has none.',
    example: summaryExample.drivers[0]?.formula,
  });
export type Formula = z.infer<typeof formulaSchema>;

export const assumptionSourceSchema = z.enum(['default', 'vendor', 'customer']).meta({
  description:
    "Where the value comes from: the model's default, the vendor, or the customer's edit.",
});

export const driverFigureSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    category: categorySchema,
    basis: basisSchema,
    unit: unitOutSchema,
    feature: z.string().nullable(),
    ...figures,
    events: z
      .number()
      .int()
      .meta({ description: 'Events counted: the figure traced to telemetry.' }),
    previous: z.object(figures).meta({
      description: 'The same figures for the compared period (by default the previous one).',
    }),
    formula: formulaSchema,
    moneyPerUnit: z.number().meta({
      description: "Money for one unit of value at the account's assumptions (1 for currency).",
    }),
    event: z.string(),
    assumptions: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        unit: z.string(),
        value: z.number(),
        source: assumptionSourceSchema,
      }),
    ),
  })
  .meta({ id: 'DriverFigure' });
export type DriverFigure = z.infer<typeof driverFigureSchema>;

export const promiseStatusSchema = z.enum([
  'ahead',
  'on_pace',
  'behind',
  'not_started',
  'ended_met',
  'ended_missed',
]);

export const promiseProgressSchema = z
  .object({
    driver: z.string().optional(),
    target: z.number(),
    from: daySchema,
    to: daySchema,
    label: z.string().optional(),
    unit: unitOutSchema,
    realized: z.number().meta({ description: "So far, in the promise's unit." }),
    share,
    expectedByNow: z
      .number()
      .meta({ description: 'What a straight line to the target reaches today.' }),
    status: promiseStatusSchema,
    projected: z.number().nullable(),
  })
  .meta({ id: 'PromiseProgress' });
export type PromiseProgress = z.infer<typeof promiseProgressSchema>;

export const omittedSchema = z.object({
  fields: z.array(z.enum(['price', 'roi', 'payback', 'promises'])),
  reason: z.enum(['whole_account_only']).meta({
    description:
      'Price and promises are for the whole account: a filtered slice is not held to them.',
  }),
});

export const valueSummarySchema = z
  .object({
    ...forAccount,
    modelVersion: z.number().int(),
    period: dayRangeSchema,
    previousPeriod: dayRangeSchema.meta({
      description: 'The compared period: compareFrom–compareTo, or the previous one.',
    }),
    comparison: comparisonSchema.optional(),
    partialDay: partialDaySchema,
    total: z.object({
      money,
      previous: z.object({ money }),
      modelled: z
        .number()
        .meta({ description: 'The part of money that is modelled (an estimate).' }),
    }),
    drivers: z.array(driverFigureSchema),
    price: z
      .object({
        annual: money,
        period: z.number().nullable().meta({
          description:
            "The period's share of the annual spend: annual × days / 365, counted from the account's start.",
        }),
        from: daySchema.optional().meta({ description: 'Spend is counted from this day.' }),
        days: z
          .number()
          .int()
          .optional()
          .meta({ description: "Days of the period charged: from the account's start on." }),
        basis: z.enum(['contract_start', 'first_activity']).optional().meta({
          description:
            "Where the start comes from: the model's account.startTrait, else the first activity.",
        }),
        trait: z.string().optional(),
      })
      .optional(),
    roi: z.object({ multiple: z.number().nullable() }).optional(),
    payback: z.object({ days: z.number().nullable() }).optional(),
    promises: z.array(promiseProgressSchema).optional(),
    omitted: omittedSchema.optional(),
    dataStatus: dataStatusSchema,
  })
  .meta({ id: 'ValueSummary', example: summaryExample });
export type ValueSummary = z.infer<typeof valueSummarySchema>;

// ---------------------------------------------------------------------------------------------

export const grainSchema = z.enum(['day', 'week', 'month']);

/** The promised pace in money per bucket, where a promise covers any of its days. */
export const paceSchema = z.array(z.object({ bucket: daySchema, money })).meta({
  id: 'PromisedPace',
  description:
    "What the promises ask for in each bucket (its days within the period), priced at the account's assumptions: target ÷ days of the promise × days shared × money per unit.",
});

export const valueSeriesSchema = z
  .object({
    ...forAccount,
    grain: grainSchema,
    period: dayRangeSchema,
    segment: z.string().optional(),
    series: z.array(
      z.object({
        driver: z.string(),
        segment: z.string().optional(),
        unit: unitOutSchema,
        points: z.array(z.object({ bucket: daySchema, ...figures, events: z.number().int() })),
      }),
    ),
    total: z.array(z.object({ bucket: daySchema, money })).optional(),
    pace: paceSchema.optional(),
    promised: z
      .object({
        drivers: z.array(z.string()),
        points: z.array(z.object({ bucket: daySchema, money })),
      })
      .optional()
      .meta({
        description:
          'With the pace on all value: the money realized on the drivers the promises are about (all of them for a money promise), per bucket. The pace is measured against this, not against all value.',
      }),
    partial: z
      .array(
        z.object({
          bucket: daySchema,
          days: z.number().int().meta({ description: 'Days the bucket counts.' }),
          of: z.number().int().meta({ description: 'Days in a whole bucket.' }),
          why: z.enum(['period_start', 'period_end', 'account_start', 'today']),
        }),
      )
      .optional()
      .meta({
        description:
          'Buckets that count fewer days than a whole one: cut by the period, begun before the account started (0 days: not yet a customer), or holding today, which is still under way. Not to be compared with whole buckets.',
      }),
  })
  .meta({ id: 'ValueSeries', example: seriesExample });
export type ValueSeries = z.infer<typeof valueSeriesSchema>;

export const valueBreakdownSchema = z
  .object({
    ...forAccount,
    period: dayRangeSchema,
    by: z.string(),
    driver: measured.driver,
    unit: measured.unit,
    contributions: z.array(
      z.object({
        key: z.string(),
        quantity: z.number().optional(),
        value: z.number().optional(),
        money,
        share,
      }),
    ),
  })
  .meta({ id: 'ValueBreakdown', example: breakdownExample });
export type ValueBreakdown = z.infer<typeof valueBreakdownSchema>;

const change = {
  current: z.number(),
  previous: z.number(),
  delta: z.number(),
};

export const valueExplanationSchema = z
  .object({
    ...forAccount,
    ...measured,
    period: dayRangeSchema,
    comparePeriod: dayRangeSchema,
    comparison: comparisonSchema.optional(),
    partialDay: partialDaySchema,
    total: z.object({
      ...change,
      deltaShare: z.number().nullable().meta({
        description: 'The change as a fraction of the compared value; null when not comparable.',
      }),
    }),
    dimensions: z.array(
      z.object({
        by: z.string(),
        contributions: z.array(
          z.object({ segment: z.string(), ...change, shareOfChange: z.number().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'ValueExplanation', example: explainExample });
export type ValueExplanation = z.infer<typeof valueExplanationSchema>;

export const valueForecastSchema = z
  .object({
    ...forAccount,
    ...measured,
    asOf: daySchema.meta({ description: 'The last day of the last complete week fitted.' }),
    horizon: z.object({ to: daySchema }),
    history: z.array(z.object({ bucket: daySchema, value: z.number() })),
    fit: z
      .object({
        from: daySchema.meta({ description: 'First week fitted (its Monday).' }),
        to: daySchema.meta({ description: 'Last week fitted (its Monday).' }),
        weeks: z.number().int().meta({
          description: 'Weeks fitted: the current regime, without short lulls left out.',
        }),
        changeAt: daySchema.optional().meta({
          description: 'The week the current regime began, when the history changed course.',
        }),
        method: z.enum(['linear', 'level']).meta({
          description:
            "'linear': a trend clear of the noise; 'level': no clear trend, the regime's mean.",
        }),
      })
      .optional()
      .meta({ description: 'The weeks the forecast was fitted on (absent without enough data).' }),
    forecast: z.array(
      z.object({ bucket: daySchema, value: z.number(), low: z.number(), high: z.number() }),
    ),
    pace: paceSchema.optional(),
    projected: z
      .object({
        value: z.number(),
        low: z.number(),
        high: z.number(),
        from: daySchema,
        to: daySchema,
      })
      .nullable(),
    promise: z
      .object({ target: z.number(), from: daySchema, to: daySchema, projectedShare: share })
      .optional(),
    dataStatus: z.discriminatedUnion('state', [
      z.object({ state: z.literal('ok') }),
      z.object({
        state: z.literal('not_enough_data'),
        reason: z.literal('too_few_weeks'),
        needed: z.number().int().meta({ description: 'Complete weeks of activity a trend needs.' }),
        have: z.number().int(),
      }),
    ]),
  })
  .meta({ id: 'ValueForecast', example: forecastExample });
export type ValueForecast = z.infer<typeof valueForecastSchema>;

export const cutOptionsSchema = z
  .object({
    account: z.string(),
    period: dayRangeSchema.nullable().meta({
      description: 'The active days the values are ranked over (money, largest first).',
    }),
    segments: z.array(
      z.object({
        id: z.string(),
        label: z.string().optional().meta({
          description:
            'The model\'s label; none for "feature", which the reader\'s language names.',
        }),
        values: z.array(z.string()),
      }),
    ),
    drivers: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        category: categorySchema,
        basis: basisSchema,
        unit: unitOutSchema,
      }),
    ),
  })
  .meta({ id: 'CutOptions', example: cutsExample });
export type CutOptions = z.infer<typeof cutOptionsSchema>;

export const assumptionSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    unit: z.string(),
    value: z.number(),
    source: assumptionSourceSchema,
    min: z.number(),
    max: z.number(),
    customerEditable: z.boolean(),
    default: z.number().optional(),
    sourceNote: z.string().optional().meta({ description: 'Where the default comes from.' }),
  })
  .meta({ id: 'Assumption' });
export type Assumption = z.infer<typeof assumptionSchema>;

export const assumptionChangeSchema = z.object({
  id: z.string(),
  value: z.number(),
  userId: z.string(),
  changedAt: z.string().meta({ description: 'ISO-8601 UTC.' }),
});

export const assumptionsSchema = z
  .object({
    account: z.string(),
    assumptions: z.array(assumptionSchema),
    history: z.array(assumptionChangeSchema).meta({ description: 'Oldest first.' }),
  })
  .meta({ id: 'Assumptions', example: assumptionsExample });
export type Assumptions = z.infer<typeof assumptionsSchema>;

export const assumptionChangedSchema = assumptionsSchema
  .extend({ change: assumptionChangeSchema })
  .meta({ id: 'AssumptionChanged', example: assumptionChangedExample });

export const assumptionBodySchema = z
  .object({ value: z.number({ error: 'value must be a number' }).finite() })
  .strict()
  .meta({ id: 'AssumptionValue', example: { value: 62 } });

// ---------------------------------------------------------------------------------------------
// Queries.

const id = z.string().min(1).max(64);
export const filterParamSchema = z.string().optional().meta({
  description:
    'Only value in this slice: `segment:value` (e.g. `team:Finance`) or `feature:name` (e.g. `feature:Automations`).',
  example: 'team:Finance',
});
export const localeParamSchema = z.string().min(2).max(35).optional().meta({
  description:
    "A language tag for the model's words (driver, unit, assumption and segment names, promise labels); default: the token's.",
  example: 'de',
});
export const localeParamsSchema = z.object({ locale: localeParamSchema });
const periodParams = {
  from: daySchema.optional().meta({ description: 'First day (UTC). Default: 89 days before to.' }),
  to: daySchema.optional().meta({
    description:
      'Last day (UTC), inclusive. Default: yesterday, the last complete day. Today is included only when asked for (then the answer has partialDay).',
  }),
};
/** The period to compare with: both or neither (then the previous period of equal length). */
const compareParams = {
  compareFrom: daySchema.optional().meta({
    description: 'With compareTo: the period to compare with. Default: the previous period.',
  }),
  compareTo: daySchema.optional(),
};

export const summaryParamsSchema = z.object({
  ...periodParams,
  ...compareParams,
  filter: filterParamSchema,
  locale: localeParamSchema,
});
export const seriesParamsSchema = z.object({
  ...periodParams,
  filter: filterParamSchema,
  locale: localeParamSchema,
  grain: z
    .enum(grainSchema.options, { error: 'grain must be day, week or month' })
    .default('week')
    .meta({ description: 'Bucket size; weeks start on Monday.' }),
  driver: id.optional().meta({ description: 'One driver only.' }),
  segment: id.optional().meta({ description: 'One line per value of this segment.' }),
});
export const breakdownParamsSchema = z.object({
  ...periodParams,
  filter: filterParamSchema,
  locale: localeParamSchema,
  by: z
    .string({ error: 'by is required: a segment id, "user" or "feature"' })
    .min(1)
    .max(64)
    .meta({ description: 'A segment id, "user" or "feature".', example: 'team' }),
  driver: id.optional(),
});
export const explainParamsSchema = z.object({
  ...periodParams,
  filter: filterParamSchema,
  locale: localeParamSchema,
  driver: id.optional().meta({ description: 'Explain one driver (in its unit) instead of money.' }),
  ...compareParams,
});
export const forecastParamsSchema = z.object({
  filter: filterParamSchema,
  locale: localeParamSchema,
  driver: id.optional(),
  horizon: z.coerce
    .number({ error: 'horizon is a number of days' })
    .int()
    .min(7)
    .max(730)
    .optional()
    .meta({ description: 'Days ahead; default: to the end of the promise, or 90.' }),
});
export const storyParamsSchema = z.object({
  ...periodParams,
  ...compareParams,
  filter: filterParamSchema,
  locale: z.string().min(2).max(35).optional().meta({
    description: "A language tag; default: the token's. en, de, es (others: en).",
    example: 'de',
  }),
});
