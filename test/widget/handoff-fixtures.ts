import {
  type BriefPart,
  createdHandoffSchema,
  type HandoffBrief,
  handoffBriefSchema,
  handoffListSchema,
  handoffPreviewRequestSchema,
  newHandoffSchema,
} from '../../blueprint/api/handoffs.ts';
import { type SavedScenarios, savedScenariosSchema } from '../../blueprint/api/scenarios.ts';

/**
 * Hand-made answers of the hand-off routes (the server is built beside this; nothing to record
 * yet). Each is parsed with the contract's schema here, so a drift from it fails the suites that
 * use them; the requests the widget sends are parsed with the request schemas the same way.
 */

const period = { from: '2026-08-30', to: '2026-11-27' };
const money = (id: string, value: number, estimated = true) => ({
  id,
  label: id,
  value,
  unit: { kind: 'money' as const, currency: 'USD' },
  estimated,
  provenance: { driver: 'total', period, query: `/v1/value/summary?from=${period.from}` },
});

export const STORY_REF = 'period_change:total';
export const PLAN_ID = 'scn_11127deb6d97430a';
export const PUSHED_PLAN_ID = 'scn_0a1b2c3d4e5f6a7b';
export const HEADLINE = 'Your team saved 1,240 hours this quarter — about $68,000.';

const labels: Record<string, string> = {
  general: 'A general question',
  [`story:${STORY_REF}`]: 'Your value is up 12% on the previous 90 days.',
  [`scenario:${PLAN_ID}`]: 'Automations in every team',
  'offer:payment_reminders': 'Payment reminders',
};

const fullBrief = handoffBriefSchema.parse({
  version: 1,
  handoffId: 'preview',
  account: { id: 'acme-corp' },
  askedBy: { userId: 'acme-corp-u1' },
  askedAt: '2026-11-28T09:00:00.000Z',
  locale: 'en',
  modelVersion: 3,
  topic: { kind: 'general', label: 'A general question' },
  message: '',
  channel: 'email',
  omitted: [],
  value: {
    period,
    currency: 'USD',
    total: money('money', 68_213.47),
    byCategory: [
      { category: 'efficiency', money: money('money', 52_400.2) },
      { category: 'revenue', money: money('money', 15_813.27, false) },
    ],
    roi: {
      ...money('multiple', 2.4),
      unit: { kind: 'ratio' },
    },
    promises: [
      {
        driver: 'automation_hours',
        label: 'Hours saved by automations',
        status: 'behind',
        progress: { ...money('progress', 0.83, false), unit: { kind: 'percent' } },
      },
    ],
  },
  story: {
    headline: HEADLINE,
    facts: [money('money', 68_213.47)],
    points: [
      {
        insightId: STORY_REF,
        type: 'period_change',
        text: 'Your value is up 12% on the previous 90 days.',
        topic: false,
      },
    ],
  },
  journey: {
    window: { from: '2026-10-29T09:00:00.000Z', to: '2026-11-28T09:00:00.000Z' },
    explored: {
      sections: [
        { section: 'story', views: 4, lastAt: '2026-11-27T16:02:11.000Z' },
        { section: 'plan', views: 2, lastAt: '2026-11-27T16:04:00.000Z' },
      ],
      cuts: [
        {
          from: '2026-09-01',
          to: '2026-11-27',
          compare: 'previous',
          filter: { by: 'team', value: 'Finance' },
          times: 2,
          lastAt: '2026-11-27T16:03:40.000Z',
        },
      ],
      drivers: [{ driver: 'automation_hours', explains: 1, lastAt: '2026-11-27T16:05:00.000Z' }],
    },
    prioritized: {
      plans: [
        {
          scenarioId: PLAN_ID,
          name: 'Automations in every team',
          shared: true,
          updatedAt: '2026-11-27T16:10:00.000Z',
        },
      ],
      comparedPlans: [
        { scenarioIds: [PLAN_ID, 'scn_7d0277a464a74089'], at: '2026-11-27T16:11:00.000Z' },
      ],
      acceptedOffers: [{ offerId: 'payment_reminders', since: '2026-11-20T10:00:00.000Z' }],
    },
    learned: {
      storyQuestions: [
        {
          insightId: STORY_REF,
          type: 'period_change',
          times: 2,
          lastAt: '2026-11-27T16:01:00.000Z',
        },
      ],
      explains: [
        {
          driver: 'automation_hours',
          from: '2026-11-01',
          to: '2026-11-27',
          at: '2026-11-27T16:05:00.000Z',
        },
      ],
    },
    discarded: {
      offers: [
        { offerId: 'enterprise_compliance', reason: 'not_now', until: '2026-12-27T16:06:00.000Z' },
      ],
      plans: [{ scenarioId: 'scn_deadbeef00000000', at: '2026-11-26T12:00:00.000Z' }],
    },
    openQuestions: [],
  },
  scenarios: [
    {
      id: PLAN_ID,
      name: 'Automations in every team',
      shared: true,
      author: 'acme-corp-u1',
      levers: { 'adoption:automation_hours': 210 },
      horizonMonths: 12,
      rampMonths: 3,
      updatedAt: '2026-11-27T16:10:00.000Z',
      baselineRunRate: money('baseline', 3_652_355.11),
      planRunRate: money('plan', 4_097_289.4),
      topic: false,
    },
  ],
  offers: [
    {
      offerId: 'payment_reminders',
      label: 'Payment reminders',
      kind: 'feature',
      state: 'in_progress',
      projected: money('annual', 18_400),
      topic: false,
    },
    {
      offerId: 'enterprise_compliance',
      label: 'Enterprise compliance pack',
      kind: 'addon',
      state: 'dismissed',
      reason: 'not_now',
      topic: false,
    },
  ],
});

/**
 * The preview `POST /v1/handoffs/preview` would answer for a request: the parts left out are not
 * in it (and named in `omitted`), the topic is labelled and marked. The request must parse.
 */
export function briefFor(request: unknown): HandoffBrief {
  const asked = handoffPreviewRequestSchema.parse(request);
  const omitted = (['value', 'story', 'journey', 'scenarios', 'offers'] as BriefPart[]).filter(
    (part) => asked.include?.[part] === false,
  );
  const key = asked.topic.kind === 'general' ? 'general' : `${asked.topic.kind}:${asked.topic.ref}`;
  const brief: Record<string, unknown> = {
    ...fullBrief,
    topic: { ...asked.topic, label: labels[key] ?? key },
    message: asked.message ?? '',
    channel: asked.channel,
    ...(asked.when ? { when: asked.when } : {}),
    omitted,
  };
  for (const part of omitted) delete brief[part];
  return handoffBriefSchema.parse(brief);
}

/** `POST /v1/handoffs` → 201 for a request that parses. */
export function createdFor(request: unknown) {
  newHandoffSchema.parse(request);
  return createdHandoffSchema.parse({ id: 'hnd_3', status: 'new', brief: briefFor(request) });
}

/** `GET /v1/handoffs`: one answered with a plan pushed back, one seen and asked by a colleague. */
export const handoffList = handoffListSchema.parse({
  handoffs: [
    {
      id: 'hnd_2',
      accountId: 'acme-corp',
      askedBy: 'acme-corp-u1',
      mine: true,
      status: 'answered',
      topic: { kind: 'scenario', ref: PLAN_ID, label: 'Automations in every team' },
      message: 'Could we get Finance onto automations by March?',
      channel: 'meeting',
      when: 'this_week',
      createdAt: '2026-11-25T09:00:00.000Z',
      updatedAt: '2026-11-26T10:00:00.000Z',
      replies: [
        {
          id: 'rpl_1',
          at: '2026-11-26T10:00:00.000Z',
          rep: { id: 'rep-7', name: 'Sam Rivera' },
          message: 'Yes, March works. <b>Here</b> is a plan with Finance and Ops on automations.',
          scenario: { id: PUSHED_PLAN_ID, name: 'Finance and Ops on automations' },
        },
      ],
    },
    {
      id: 'hnd_1',
      accountId: 'acme-corp',
      askedBy: 'acme-corp-u2',
      mine: false,
      status: 'accepted',
      topic: { kind: 'general', label: 'A general question' },
      message: 'Who should we talk to about pricing?',
      channel: 'email',
      createdAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-21T09:00:00.000Z',
      replies: [],
    },
  ],
});

/** The recorded saved plans with the one the success manager pushed, as the server lists it. */
export function withPushedPlan(recorded: SavedScenarios): SavedScenarios {
  const first = recorded.scenarios[0];
  if (!first) throw new Error('the scenarios fixture has no plan');
  return savedScenariosSchema.parse({
    ...recorded,
    scenarios: [
      {
        ...first,
        id: PUSHED_PLAN_ID,
        name: 'Finance and Ops on automations',
        author: 'rep:rep-7',
        mine: false,
        shared: true,
        levers: { 'adoption:automation_hours': 230 },
        successManager: { name: 'Sam Rivera', handoffId: 'hnd_2' },
      },
      ...recorded.scenarios,
    ],
  });
}
