/**
 * Examples for the hand-off contract (OpenAPI), cut down from a demo hand-off of acme-corp: one
 * category, one promise, one story point, one plan, one offer. Checked against their schemas by
 * test/server/openapi.test.ts.
 */

const period = { from: '2026-09-06', to: '2026-12-04' };
const summaryQuery = '/v1/value/summary?from=2026-09-06&to=2026-12-04';
const money = { kind: 'money' as const, currency: 'USD' };

const handoffExample = {
  id: 'hof_4f1c2a9e0b7d4c21',
  accountId: 'acme-corp',
  askedBy: 'dana@acme.example',
  status: 'answered' as const,
  topic: {
    kind: 'scenario' as const,
    ref: 'scn_8d1e4c2b7a9f0e13',
    label: 'Finance on automations',
  },
  message: 'Could we get Finance onto automations by March? What would it take?',
  channel: 'meeting' as const,
  when: 'this_week' as const,
  createdAt: '2026-12-05T09:12:00.000Z',
  updatedAt: '2026-12-05T11:40:00.000Z',
  replies: [
    {
      id: 'rpl_0b7d4c214f1c2a9e',
      at: '2026-12-05T11:40:00.000Z',
      rep: { id: 'rep-7', name: 'Sam Rivera' },
      message: 'Yes, March works. Here is a plan with Finance and Ops on automations.',
      scenario: { id: 'scn_1c2a9e0b7d4c214f', name: 'Finance and Ops on automations' },
    },
  ],
};

export const briefExample = {
  version: 1 as const,
  handoffId: 'hof_4f1c2a9e0b7d4c21',
  account: { id: 'acme-corp' },
  askedBy: { userId: 'dana@acme.example' },
  askedAt: '2026-12-05T09:12:00.000Z',
  locale: 'en' as const,
  modelVersion: 3,
  topic: handoffExample.topic,
  message: handoffExample.message,
  channel: 'meeting' as const,
  when: 'this_week' as const,
  omitted: ['offers' as const],
  value: {
    period,
    currency: 'USD',
    total: {
      id: 'total',
      label: 'Value realized',
      value: 254_180,
      unit: money,
      estimated: true,
      formatted: '$254K',
      provenance: { driver: 'total', period, query: summaryQuery },
    },
    byCategory: [
      {
        category: 'efficiency',
        money: {
          id: 'money:efficiency',
          label: 'Value from efficiency',
          value: 254_180,
          unit: money,
          estimated: true,
          formatted: '$254K',
          provenance: { driver: 'total', period, query: summaryQuery },
        },
      },
    ],
    roi: {
      id: 'roi',
      label: 'Times what you pay',
      value: 5.7,
      unit: { kind: 'ratio' as const },
      estimated: true,
      formatted: '5.7×',
      provenance: { driver: 'total', period, query: summaryQuery },
    },
    promises: [
      {
        driver: 'automation_hours',
        label: 'Hours saved by automations',
        status: 'behind',
        progress: {
          id: 'progress:0',
          label: 'Share of the promised pace reached',
          value: 0.82,
          unit: { kind: 'percent' as const },
          estimated: true,
          formatted: '82%',
          provenance: {
            driver: 'automation_hours',
            period: { from: '2026-07-01', to: '2026-12-04' },
            query: summaryQuery,
          },
        },
      },
    ],
  },
  story: {
    headline: 'In the last 90 days you saved 4,620 hours — about $254K, 5.7× what you pay.',
    facts: [],
    points: [
      {
        insightId: 'roi:total',
        type: 'roi' as const,
        text: 'So far you gain about $254K in value, 5.7× what you pay (about $44.4K).',
        topic: false,
      },
    ],
  },
  journey: {
    window: { from: '2026-11-05T09:12:00.000Z', to: '2026-12-05T09:12:00.000Z' },
    explored: {
      sections: [{ section: 'plan' as const, views: 3, lastAt: '2026-12-05T09:05:00.000Z' }],
      cuts: [],
      drivers: [],
    },
    prioritized: {
      plans: [
        {
          scenarioId: 'scn_8d1e4c2b7a9f0e13',
          name: 'Finance on automations',
          shared: true,
          updatedAt: '2026-12-05T09:04:00.000Z',
        },
      ],
      comparedPlans: [],
      acceptedOffers: [],
    },
    learned: { storyQuestions: [], explains: [] },
    discarded: { offers: [], plans: [] },
    openQuestions: [],
  },
  scenarios: [
    {
      id: 'scn_8d1e4c2b7a9f0e13',
      name: 'Finance on automations',
      shared: true,
      author: 'dana@acme.example',
      levers: { 'adoption:automation_hours': 180 },
      horizonMonths: 12,
      rampMonths: 3,
      updatedAt: '2026-12-05T09:04:00.000Z',
      baselineRunRate: {
        id: 'baselineRunRate',
        label: 'Money a year at today’s levers',
        value: 1_038_180,
        unit: money,
        estimated: true,
        formatted: '$1.04M',
        provenance: {
          driver: 'total',
          period: { from: '2026-09-13', to: '2026-12-04' },
          query: '/v1/scenarios/scn_8d1e4c2b7a9f0e13',
        },
      },
      planRunRate: {
        id: 'planRunRate',
        label: 'Money a year with the plan’s levers',
        value: 1_334_800,
        unit: money,
        estimated: true,
        formatted: '$1.33M',
        provenance: {
          driver: 'total',
          period: { from: '2026-09-13', to: '2026-12-04' },
          query: '/v1/scenarios/scn_8d1e4c2b7a9f0e13',
        },
      },
      topic: true,
    },
  ],
};

export const createdHandoffExample = {
  id: handoffExample.id,
  status: 'new' as const,
  brief: briefExample,
};

export const handoffListExample = { handoffs: [{ ...handoffExample, mine: true }] };

export const handoffWithBriefExample = { ...handoffExample, mine: true, brief: briefExample };
