import { z } from 'zod';
import { dismissReasons } from '../offer-feedback.ts';
import { daySchema } from './common.ts';
import { insightTypes } from './story.ts';

/**
 * The customer's journey (`POST /v1/journey`): what they did in the value view, recorded per
 * account and user so a success manager can start where the customer is. Closed types with strict
 * details: ids, enums, numbers and days only, never free text (a segment value is the one string
 * the customer did not choose from a list of ids, and it is bounded).
 */

export const journeyLimits = {
  /** Events in one request. */
  maxEvents: 100,
  /** Size of one request body. */
  maxRequestBytes: 16 * 1024,
  /** An event this far past the server's clock is refused (browsers' clocks drift a little). */
  maxFutureSkewMs: 5 * 60 * 1000,
  /** Levers in one built scenario, ids in one comparison. */
  maxLevers: 50,
  maxComparedScenarios: 10,
} as const;

/** The dashboard's sections (widget/dashboard `dashboardSections`; blueprint cannot import it). */
export const journeySections = [
  'cuts',
  'story',
  'trend',
  'drivers',
  'explain',
  'next',
  'plan',
] as const;

export const comparePresets = ['previous', 'last_year', 'custom'] as const;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected an id: letters, digits and _ . : - (at most 128)')
  .meta({ example: 'automation_hours' });
/** A segment value such as a team's name: the customer picked it from the cuts, never typed it. */
const segmentValue = z
  .string()
  .regex(/^[^\p{Cc}]{1,128}$/u, 'expected a segment value of 1 to 128 characters, no controls');
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const offerDetail = { offerId: id, decisionId: id };

/** Each event type and its detail; every object is strict (an extra key is refused). */
const details = {
  section_viewed: z.strictObject({ section: z.enum(journeySections) }),
  cut_applied: z.strictObject({
    from: daySchema,
    to: daySchema,
    compare: z.enum(comparePresets).optional(),
    filter: z.strictObject({ by: id, value: segmentValue }).optional(),
  }),
  explain_asked: z.strictObject({
    driver: id,
    from: daySchema,
    to: daySchema,
    compareFrom: daySchema.optional(),
    compareTo: daySchema.optional(),
  }),
  story_question_opened: z.strictObject({ insightId: id, type: z.enum(insightTypes) }),
  scenario_built: z.strictObject({
    levers: z
      .record(id, finite)
      .refine((levers) => Object.keys(levers).length <= journeyLimits.maxLevers, {
        message: `at most ${journeyLimits.maxLevers} levers`,
      }),
  }),
  scenario_saved: z.strictObject({ scenarioId: id }),
  scenario_compared: z.strictObject({
    scenarioIds: z.array(id).min(1).max(journeyLimits.maxComparedScenarios),
  }),
  scenario_deleted: z.strictObject({ scenarioId: id }),
  offer_shown: z.strictObject(offerDetail),
  offer_clicked: z.strictObject(offerDetail),
  offer_accepted: z.strictObject(offerDetail),
  offer_dismissed: z.strictObject({ ...offerDetail, reason: z.enum(dismissReasons) }),
  assumption_changed: z.strictObject({ assumptionId: id, value: finite, previous: finite }),
} as const;

export type JourneyEventType = keyof typeof details;
export const journeyEventTypes = Object.keys(details) as JourneyEventType[];

const at = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 timestamp, e.g. 2026-11-30T09:15:00Z' })
  .meta({ description: 'When it happened (the browser’s clock; within 5 minutes of ours).' });

function eventOf<T extends JourneyEventType>(type: T) {
  return z.strictObject({ type: z.literal(type), at, detail: details[type] });
}

export const journeyEventSchema = z
  .discriminatedUnion(
    'type',
    [
      eventOf('section_viewed'),
      eventOf('cut_applied'),
      eventOf('explain_asked'),
      eventOf('story_question_opened'),
      eventOf('scenario_built'),
      eventOf('scenario_saved'),
      eventOf('scenario_compared'),
      eventOf('scenario_deleted'),
      eventOf('offer_shown'),
      eventOf('offer_clicked'),
      eventOf('offer_accepted'),
      eventOf('offer_dismissed'),
      eventOf('assumption_changed'),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `unknown event type; expected one of ${journeyEventTypes.join(', ')}`
          : undefined,
    },
  )
  .meta({ id: 'JourneyEvent' });
export type JourneyEvent = z.infer<typeof journeyEventSchema>;

export const journeyBatchSchema = z
  .object({
    events: z
      .array(journeyEventSchema)
      .min(1)
      .max(journeyLimits.maxEvents, `at most ${journeyLimits.maxEvents} events a request`),
  })
  .strict()
  .meta({
    id: 'JourneyBatch',
    example: {
      events: [
        { type: 'section_viewed', at: '2026-11-30T09:15:00Z', detail: { section: 'story' } },
        {
          type: 'cut_applied',
          at: '2026-11-30T09:15:20Z',
          detail: {
            from: '2026-09-01',
            to: '2026-11-29',
            compare: 'previous',
            filter: { by: 'team', value: 'Finance' },
          },
        },
        {
          type: 'offer_dismissed',
          at: '2026-11-30T09:16:02Z',
          detail: {
            offerId: 'payment_reminders',
            decisionId: 'dec_4f1c2a9e0b7d4c21',
            reason: 'not_now',
          },
        },
      ],
    },
  });
export type JourneyBatch = z.infer<typeof journeyBatchSchema>;

export const journeyAcceptedSchema = z
  .object({ accepted: z.number().int() })
  .meta({ id: 'JourneyAccepted', example: { accepted: 3 } });

// ---------------------------------------------------------------------------------------------
// The digest: the journey of the last 30 days in the seed's terms.

const lastAt = z.string().meta({ description: 'The last time, ISO 8601 UTC.' });

export const journeyDigestSchema = z
  .object({
    window: z.object({ from: z.string(), to: z.string() }).meta({
      description: 'The 30 days the digest reads (ISO 8601 UTC timestamps, both inclusive).',
    }),
    explored: z.object({
      sections: z
        .array(z.object({ section: z.enum(journeySections), views: z.number().int(), lastAt }))
        .meta({ description: 'Most viewed first.' }),
      cuts: z
        .array(
          z.object({
            from: daySchema,
            to: daySchema,
            compare: z.enum(comparePresets).optional(),
            filter: z.object({ by: z.string(), value: z.string() }).optional(),
            times: z.number().int(),
            lastAt,
          }),
        )
        .meta({ description: 'Each distinct cut, most recent first.' }),
      drivers: z
        .array(z.object({ driver: z.string(), explains: z.number().int(), lastAt }))
        .meta({ description: 'Drivers whose changes were explained, most explained first.' }),
    }),
    prioritized: z.object({
      plans: z
        .array(
          z.object({
            scenarioId: z.string(),
            name: z.string(),
            shared: z.boolean(),
            updatedAt: z.string(),
          }),
        )
        .meta({
          description: 'Saved plans kept now (shared ones and the reader’s), newest first.',
        }),
      comparedPlans: z
        .array(z.object({ scenarioIds: z.array(z.string()), at: z.string() }))
        .meta({ description: 'Plans compared side by side, newest first.' }),
      acceptedOffers: z
        .array(z.object({ offerId: z.string(), since: z.string() }))
        .meta({ description: 'Offers in progress (accepted and not answered otherwise since).' }),
    }),
    learned: z.object({
      storyQuestions: z
        .array(
          z.object({
            insightId: z.string(),
            type: z.enum(insightTypes),
            times: z.number().int(),
            lastAt,
          }),
        )
        .meta({ description: 'Story points opened, most recent first.' }),
      explains: z
        .array(
          z.object({
            driver: z.string(),
            from: daySchema,
            to: daySchema,
            compareFrom: daySchema.optional(),
            compareTo: daySchema.optional(),
            at: z.string(),
          }),
        )
        .meta({
          description: 'Explain answers opened, most recent first (each distinct ask once).',
        }),
    }),
    discarded: z.object({
      offers: z
        .array(
          z.object({
            offerId: z.string(),
            reason: z.enum(dismissReasons),
            until: z
              .string()
              .nullable()
              .meta({ description: 'Back then; null: until restored or for good.' }),
          }),
        )
        .meta({ description: 'Offers dismissed and hidden now, with the reason.' }),
      plans: z
        .array(z.object({ scenarioId: z.string(), at: z.string() }))
        .meta({ description: 'Plans deleted in the window, newest first.' }),
    }),
    openQuestions: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('explain'),
            driver: z.string(),
            from: daySchema,
            to: daySchema,
            at: z.string(),
          }),
          z.object({
            kind: z.literal('story_question'),
            insightId: z.string(),
            type: z.enum(insightTypes),
            at: z.string(),
          }),
        ]),
      )
      .meta({
        description:
          'Explains and story questions the same person did nothing after: no plan built, saved or compared, no offer accepted or dismissed, no assumption changed later in the window. Most recent first.',
      }),
  })
  .meta({
    id: 'JourneyDigest',
    example: {
      window: { from: '2026-10-31T09:00:00.000Z', to: '2026-11-30T09:00:00.000Z' },
      explored: {
        sections: [{ section: 'story', views: 4, lastAt: '2026-11-29T16:02:11.000Z' }],
        cuts: [
          {
            from: '2026-09-01',
            to: '2026-11-29',
            compare: 'previous',
            filter: { by: 'team', value: 'Finance' },
            times: 2,
            lastAt: '2026-11-29T16:03:40.000Z',
          },
        ],
        drivers: [{ driver: 'automation_hours', explains: 1, lastAt: '2026-11-29T16:05:00.000Z' }],
      },
      prioritized: {
        plans: [
          {
            scenarioId: 'scn_8d1e4c2b7a9f0e13',
            name: 'Finance on automations',
            shared: true,
            updatedAt: '2026-11-29T16:10:00.000Z',
          },
        ],
        comparedPlans: [],
        acceptedOffers: [],
      },
      learned: {
        storyQuestions: [],
        explains: [
          {
            driver: 'automation_hours',
            from: '2026-11-01',
            to: '2026-11-29',
            at: '2026-11-29T16:05:00.000Z',
          },
        ],
      },
      discarded: {
        offers: [
          { offerId: 'payment_reminders', reason: 'not_now', until: '2026-12-29T16:06:00.000Z' },
        ],
        plans: [],
      },
      openQuestions: [],
    },
  });
export type JourneyDigest = z.infer<typeof journeyDigestSchema>;
