import { z } from 'zod';
import { assumptionSchema, driverSchema, unitSchema } from '../value-model.ts';

/**
 * Scenario planning's contract: the levers an account can move and the basis they start from (so
 * the widget can project locally with blueprint/projection.ts), a projection, and goal seek.
 */

// Examples, cut down from the demo's acme-corp account (one driver of five).
const driverExample = {
  id: 'automation_hours',
  label: 'Time saved by automated workflows',
  category: 'efficiency' as const,
  event: 'Workflow Run Completed',
  where: [{ property: 'status', op: 'eq' as const, value: 'success' }],
  quantity: { count: true as const },
  perUnit: 0.25,
  unit: { singular: 'hour', plural: 'hours' },
  rates: ['hourly_rate'],
  feature: 'Automations',
  goodDirection: 'up' as const,
};
const hourlyRate = {
  id: 'hourly_rate',
  label: 'Loaded cost of one hour of staff time',
  unit: 'USD/hour',
  min: 10,
  max: 500,
  customerEditable: true,
};
const leversExample = {
  currency: 'USD',
  baseline: {
    from: '2026-09-12',
    to: '2026-12-04',
    weeks: 12,
    annualRunRate: { value: 1038180, low: 1022209.33, high: 1070480.13 },
  },
  levers: [
    {
      id: 'adoption:automation_hours',
      kind: 'adoption' as const,
      driver: 'automation_hours',
      label: 'Time saved by automated workflows',
      unit: 'people',
      baseline: 140,
      min: 0,
      max: 420,
      step: 1,
    },
    {
      id: 'intensity:automation_hours',
      kind: 'intensity' as const,
      driver: 'automation_hours',
      label: 'Time saved by automated workflows',
      unit: { singular: 'hour', plural: 'hours' },
      baseline: 2.592857142857143,
      min: 0,
      max: 10.371428571428572,
      step: 0.1,
    },
    {
      id: 'assumption:hourly_rate',
      kind: 'assumption' as const,
      assumption: 'hourly_rate',
      label: 'Loaded cost of one hour of staff time',
      unit: 'USD/hour',
      baseline: 55,
      min: 10,
      max: 500,
      step: 5,
    },
  ],
  unusedDrivers: [],
  basis: {
    model: {
      currency: 'USD',
      drivers: [driverExample],
      assumptions: [{ ...hourlyRate, default: 55, source: 'A demo default, not a study.' }],
    },
    assumptions: [{ ...hourlyRate, value: 55, source: 'default' as const }],
    drivers: [{ driverId: 'automation_hours', adopters: 140, quantity: 17424 }],
    weeklyMoney: [
      20224, 19846, 20594, 20663, 19660, 19798, 19708, 19658, 19677, 20519, 19381, 19856,
    ],
    annualSpend: 180000,
  },
};

const money = z.number().meta({ description: 'In the model currency.' });
const bandSchema = z
  .object({
    value: money,
    low: money.meta({ description: 'Low end of the range: the account’s slow weeks, scaled.' }),
    high: money.meta({ description: 'High end of the range: its busy weeks, scaled.' }),
  })
  .meta({ id: 'ValueBand' });

export const leverSchema = z
  .object({
    id: z.string().meta({ example: 'adoption:workflow_runs' }),
    kind: z.enum(['adoption', 'intensity', 'assumption']),
    driver: z.string().optional(),
    assumption: z.string().optional(),
    label: z.string(),
    unit: z.union([unitSchema, z.string()]).meta({
      description:
        'adoption: "people"; intensity: the driver’s unit (per person per week); assumption: its unit.',
    }),
    baseline: z.number().meta({ description: 'Where the account is today.' }),
    min: z.number(),
    max: z.number(),
    step: z.number().positive(),
    peerAccounts: z.number().int().optional().meta({
      description:
        'A driver the account has not used: the intensity starts at the median of adopters in this many other accounts (at least 5), its maximum their 90th percentile.',
    }),
  })
  .meta({ id: 'Lever' });

const resolvedAssumptionSchema = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  value: z.number(),
  source: z.enum(['default', 'vendor', 'customer']),
  min: z.number(),
  max: z.number(),
  customerEditable: z.boolean(),
});

/** What the browser needs to project without asking: the same inputs the server projects from. */
export const projectionBasisSchema = z
  .object({
    model: z.object({
      currency: z.string(),
      drivers: z.array(driverSchema),
      assumptions: z.array(assumptionSchema),
    }),
    assumptions: z.array(resolvedAssumptionSchema),
    drivers: z.array(
      z.object({ driverId: z.string(), adopters: z.number(), quantity: z.number() }),
    ),
    weeklyMoney: z.array(z.number()),
    weeks: z.number().positive().max(12).optional().meta({
      description:
        'Weeks in the window when fewer than 12 (fractions included): the time since an account younger than that started; weeklyMoney then holds its complete weeks, counted back from the end.',
    }),
    seats: z.number().optional(),
    annualSpend: z.number().optional(),
    activeUsers: z.number().int().optional().meta({
      description:
        'People with any event in the window; without seats, the most a driver’s adoption can reach.',
    }),
    peers: z
      .record(
        z.string(),
        z.object({ accounts: z.number().int(), median: z.number(), p90: z.number() }),
      )
      .optional()
      .meta({
        description:
          'Per driver the account has not used: its adopters elsewhere (aggregates only).',
      }),
    reach: z.record(z.string(), z.number()).optional().meta({
      description:
        'Per driver the account uses: how much per person a plan may reach beyond four times today’s, what the top tenth of other accounts do or the vendor’s own figure for an offer that grows it (aggregates only).',
    }),
  })
  .meta({ id: 'ProjectionBasis' });

export const leversAnswerSchema = z
  .object({
    currency: z.string(),
    baseline: z.object({
      from: z.string(),
      to: z.string(),
      weeks: z.number().meta({
        description:
          '12, or for an account younger than that the weeks since it started (fractions included): its pace, not weeks before it began.',
      }),
      annualRunRate: bandSchema,
    }),
    levers: z.array(leverSchema),
    unusedDrivers: z.array(z.string()).meta({
      description:
        'Drivers nobody in the account used in the window: their use cannot be projected from the account’s own data, so they have no levers.',
    }),
    basis: projectionBasisSchema,
  })
  .meta({ id: 'ScenarioLevers', example: leversExample });
export type LeversAnswer = z.infer<typeof leversAnswerSchema>;

const MAX_LEVERS = 200;
const leverValues = z
  .record(
    z.string().min(1).max(200),
    z.number({ error: 'a lever’s value must be a number' }).finite(),
  )
  .refine((levers) => Object.keys(levers).length <= MAX_LEVERS, {
    message: `at most ${MAX_LEVERS} levers`,
  })
  .meta({
    description: 'Lever values by lever id; levers left out stay at their baseline.',
    example: { 'adoption:workflow_runs': 40 },
  });

export const projectBodySchema = z
  .object({
    levers: leverValues.default({}),
    horizonMonths: z.number().int().min(1).max(36).default(12),
    rampMonths: z.number().int().min(0).max(36).default(3),
  })
  .strict()
  .meta({
    id: 'ProjectionRequest',
    example: { levers: { 'adoption:automation_hours': 200 }, horizonMonths: 12, rampMonths: 3 },
  });

export const projectionSchema = z
  .object({
    currency: z.string(),
    baseline: z.object({ annualRunRate: bandSchema }),
    annualRunRate: bandSchema,
    firstYear: bandSchema.meta({
      description: 'The sum of the first 12 months (or of the horizon).',
    }),
    months: z.array(
      bandSchema.extend({
        month: z.number().int(),
        baseline: money.meta({ description: 'The month at today’s levers.' }),
      }),
    ),
    drivers: z.array(z.object({ id: z.string(), baseline: money, scenario: money, delta: money })),
    roi: z.number().nullable().meta({ description: 'Run rate over the annual spend.' }),
    payback: z
      .number()
      .nullable()
      .meta({ description: 'Days of the plan’s value that pay a year’s spend.' }),
    clamped: z
      .array(z.object({ lever: z.string(), requested: z.number(), used: z.number() }))
      .meta({ description: 'Values moved into the lever’s bounds or onto its step.' }),
  })
  .meta({
    id: 'Projection',
    example: {
      currency: 'USD',
      baseline: { annualRunRate: { value: 3652355.11, low: 3596107.16, high: 3765987.68 } },
      annualRunRate: { value: 4097289.4, low: 4034189.26, high: 4224764.82 },
      firstYear: { value: 987244.49, low: 972040.47, high: 1017959.79 },
      months: [
        { month: 1, baseline: 304362.93, value: 316722.21, low: 311844.54, high: 326576.12 },
        { month: 2, baseline: 304362.93, value: 329081.5, low: 324013.49, high: 339319.93 },
        { month: 3, baseline: 304362.93, value: 341440.78, low: 336182.44, high: 352063.74 },
      ],
      drivers: [
        { id: 'automation_hours', baseline: 1038180, scenario: 1483114.29, delta: 444934.29 },
        { id: 'compliance_risk', baseline: 1276383.33, scenario: 1276383.33, delta: 0 },
      ],
      roi: 22.762718883597888,
      payback: 17,
      clamped: [],
    },
  });
export type Projection = z.infer<typeof projectionSchema>;

export const goalSeekBodySchema = z
  .object({
    target: z.number({ error: 'target must be a number' }).finite().positive().meta({
      description:
        'The annual run rate to reach, in the model currency (or, with `driver`, that driver’s value a year).',
    }),
    lever: z.string().min(1).max(200),
    levers: leverValues.optional(),
    driver: z.string().min(1).max(64).optional().meta({
      description:
        'Aim at one driver’s value a year in its own unit (hours, tickets; money for a currency driver) instead of the run rate: a promise’s pace, for one.',
    }),
  })
  .strict()
  .meta({ id: 'GoalSeekRequest', example: { target: 1_200_000, lever: 'adoption:workflow_runs' } });

export const goalSeekSchema = z
  .object({
    found: z.boolean(),
    value: z.number().optional().meta({ description: 'The lever value that reaches the target.' }),
    best: z
      .object({ value: z.number(), annualRunRate: money, driverValue: z.number().optional() })
      .optional()
      .meta({ description: 'When it cannot: the most the lever gives within its bounds.' }),
    annualRunRate: money.meta({
      description: 'found: the run rate at `value`; otherwise the run rate as the levers stand.',
    }),
    driverValue: z.number().optional().meta({
      description: 'With `driver`: that driver’s value a year, likewise.',
    }),
  })
  .meta({ id: 'GoalSeek', example: { found: true, value: 187, annualRunRate: 4000886.97 } });
export type GoalSeek = z.infer<typeof goalSeekSchema>;

// ---------------------------------------------------------------------------------------------
// Saved plans.

/** Saved plans an account keeps at most. */
export const MAX_SAVED_SCENARIOS = 200;

const planFields = {
  name: z.string().trim().min(1, 'name the plan').max(120),
  description: z.string().trim().max(1_000).optional(),
  levers: leverValues,
  horizonMonths: z.number().int().min(1).max(36),
  rampMonths: z.number().int().min(0).max(36),
  shared: z
    .boolean()
    .meta({ description: 'Everyone in the account sees it (else only its author).' }),
};

export const newScenarioSchema = z
  .object({
    ...planFields,
    levers: leverValues.default({}),
    horizonMonths: planFields.horizonMonths.default(12),
    rampMonths: planFields.rampMonths.default(3),
    shared: planFields.shared.default(false),
  })
  .strict()
  .meta({
    id: 'NewScenario',
    example: {
      name: 'Finance’s habits everywhere',
      levers: { 'adoption:automation_hours': 200 },
      shared: true,
    },
  });

export const scenarioChangeSchema = z
  .object({
    name: planFields.name.optional(),
    description: planFields.description.nullable(),
    levers: leverValues.optional(),
    horizonMonths: planFields.horizonMonths.optional(),
    rampMonths: planFields.rampMonths.optional(),
    shared: planFields.shared.optional(),
  })
  .strict()
  .meta({ id: 'ScenarioChange', example: { name: 'Automations in every team', shared: true } });
export type NewScenario = z.infer<typeof newScenarioSchema>;
export type ScenarioChange = z.infer<typeof scenarioChangeSchema>;

/** What a plan showed when it was saved (or last changed). */
const madeSchema = z.object({
  modelVersion: z.number().int(),
  from: z.string(),
  to: z.string(),
  baselineRunRate: money,
  planRunRate: money,
});

const savedExample = {
  id: 'scn_4f1c2a9e0b7d4c21',
  name: 'Finance’s habits everywhere',
  description: null,
  author: 'maria@acme.example',
  mine: true,
  shared: true,
  levers: { 'adoption:automation_hours': 200 },
  horizonMonths: 12,
  rampMonths: 3,
  createdAt: '2026-12-01T09:30:00.000Z',
  updatedAt: '2026-12-01T09:30:00.000Z',
  saved: {
    modelVersion: 1,
    from: '2026-09-08',
    to: '2026-11-30',
    baselineRunRate: 3598120.4,
    planRunRate: 4043054.69,
  },
  current: {
    modelVersion: 1,
    from: '2026-09-12',
    to: '2026-12-04',
    baselineRunRate: { value: 3652355.11, low: 3596107.16, high: 3765987.68 },
    planRunRate: { value: 4097289.4, low: 4034189.26, high: 4224764.82 },
    moved: true,
    droppedLevers: [],
  },
};

export const savedScenarioSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    author: z.string().meta({ description: 'The user id of who saved it.' }),
    mine: z.boolean(),
    shared: z.boolean(),
    levers: z.record(z.string(), z.number()),
    horizonMonths: z.number().int(),
    rampMonths: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    saved: madeSchema.meta({
      description: 'The baseline and the plan’s run rate when it was saved.',
    }),
    current: z
      .object({
        modelVersion: z.number().int(),
        from: z.string(),
        to: z.string(),
        baselineRunRate: bandSchema,
        planRunRate: bandSchema,
        moved: z.boolean().meta({
          description:
            'The baseline, the model or the plan’s value has changed since it was saved.',
        }),
        droppedLevers: z.array(z.string()).meta({
          description:
            'Levers of the plan the account no longer has (the model changed); left out.',
        }),
      })
      .meta({ description: 'The same plan on today’s baseline.' }),
    successManager: z.object({ name: z.string(), handoffId: z.string() }).optional().meta({
      description:
        'A plan your success manager pushed in answer to a hand-off: who, and which hand-off. Shared with everyone in the account.',
    }),
  })
  .meta({
    id: 'SavedScenario',
    example: savedExample,
  });
export type SavedScenario = z.infer<typeof savedScenarioSchema>;

export const savedScenariosSchema = z
  .object({
    scenarios: z.array(savedScenarioSchema),
    limit: z.number().int().meta({ description: 'Saved plans the account may keep.' }),
  })
  .meta({
    id: 'SavedScenarios',
    example: { scenarios: [savedExample], limit: MAX_SAVED_SCENARIOS },
  });
export type SavedScenarios = z.infer<typeof savedScenariosSchema>;

export const deletedScenarioSchema = z
  .object({ id: z.string(), deleted: z.literal(true) })
  .meta({ id: 'DeletedScenario', example: { id: 'scn_4f1c2a9e0b7d4c21', deleted: true } });
