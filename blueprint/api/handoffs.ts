import { z } from 'zod';
import { dismissReasons } from '../offer-feedback.ts';
import { offerKinds } from '../value-model.ts';
import { dayRangeSchema } from './common.ts';
import {
  briefExample,
  createdHandoffExample,
  handoffListExample,
  handoffWithBriefExample,
} from './handoff-examples.ts';
import { journeyDigestSchema } from './journey.ts';
import { factSchema, insightTypes } from './story.ts';

/**
 * The hand-off: a customer asks their success manager about something they saw in the value view,
 * and what they explored travels with the question as a brief (versioned JSON, numbers as facts
 * with provenance, like the story). The rep answers with a note and may push a plan back.
 */

export const handoffLimits = {
  /** Hand-offs one user may send in an hour; beyond, 429 with Retry-After. */
  perUserPerHour: 5,
  /** The customer's message. */
  maxMessageChars: 2_000,
  /** A rep's reply. */
  maxReplyChars: 4_000,
  /** Saved plans a brief carries at most (the topic's first, then the newest). */
  maxBriefScenarios: 5,
  /** A webhook body holds the brief up to this size (UTF-8 bytes); beyond, a signed link. */
  maxInlineBriefBytes: 20 * 1024,
  /** How long a brief's signed link works. */
  briefLinkDays: 7,
} as const;

export const handoffTopicKinds = ['general', 'story', 'scenario', 'offer', 'figure'] as const;
export type HandoffTopicKind = (typeof handoffTopicKinds)[number];
export const handoffChannels = ['meeting', 'call', 'chat', 'email'] as const;
export type HandoffChannel = (typeof handoffChannels)[number];
/** When the customer would like to talk. */
export const handoffTimings = ['today', 'this_week', 'next_week', 'any_time'] as const;
export type HandoffTiming = (typeof handoffTimings)[number];
export const handoffStatuses = ['new', 'accepted', 'answered', 'closed'] as const;
export type HandoffStatus = (typeof handoffStatuses)[number];
/** Parts of the brief the customer may leave out; the topic and the message always go. */
export const briefParts = ['value', 'story', 'journey', 'scenarios', 'offers'] as const;
export type BriefPart = (typeof briefParts)[number];

const ref = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected an id: letters, digits and _ . : - (at most 128)');

export const handoffTopicSchema = z
  .object({
    kind: z.enum(handoffTopicKinds, {
      error: `topic.kind must be one of ${handoffTopicKinds.join(', ')}`,
    }),
    ref: ref.optional().meta({
      description:
        'What it is about: story → an insight id of the current story; scenario → a saved plan id; offer → an offer id; figure → a driver id or "total". Not for general.',
    }),
  })
  .strict()
  .superRefine((topic, ctx) => {
    if (topic.kind === 'general' && topic.ref !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['ref'], message: 'a general topic has no ref' });
    }
    if (topic.kind !== 'general' && topic.ref === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ref'],
        message: `a ${topic.kind} topic needs ref: what it is about`,
      });
    }
  })
  .meta({ id: 'HandoffTopic', example: { kind: 'scenario', ref: 'scn_4f1c2a9e0b7d4c21' } });
export type HandoffTopic = z.infer<typeof handoffTopicSchema>;

const includeSchema = z
  .object(
    Object.fromEntries(briefParts.map((part) => [part, z.boolean().optional()])) as {
      [K in BriefPart]: z.ZodOptional<z.ZodBoolean>;
    },
  )
  .strict()
  .meta({
    description:
      'Parts of the brief to share (each defaults to true): value, story, journey, scenarios, offers. The topic and the message are always shared.',
  });

export const newHandoffSchema = z
  .object({
    topic: handoffTopicSchema,
    message: z
      .string({ error: 'message is required: what you would like to talk about' })
      .trim()
      .min(1, 'say in a few words what you would like to talk about')
      .max(
        handoffLimits.maxMessageChars,
        `the message may be at most ${handoffLimits.maxMessageChars} characters`,
      ),
    channel: z.enum(handoffChannels, {
      error: `channel must be one of ${handoffChannels.join(', ')}`,
    }),
    when: z
      .enum(handoffTimings, { error: `when must be one of ${handoffTimings.join(', ')}` })
      .optional(),
    include: includeSchema.optional(),
  })
  .strict()
  .meta({
    id: 'NewHandoff',
    example: {
      topic: { kind: 'scenario', ref: 'scn_4f1c2a9e0b7d4c21' },
      message: 'Could we get Finance onto automations by March? What would it take?',
      channel: 'meeting',
      when: 'this_week',
      include: { journey: true, offers: false },
    },
  });
export type NewHandoff = z.infer<typeof newHandoffSchema>;

/** `POST /v1/handoffs/preview`: the brief as it would be sent now, nothing stored or sent. */
export const handoffPreviewRequestSchema = newHandoffSchema
  .extend({ message: newHandoffSchema.shape.message.optional() })
  .meta({ id: 'HandoffPreviewRequest' });

// ---------------------------------------------------------------------------------------------
// The brief.

export const BRIEF_VERSION = 1;

const briefScenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  shared: z.boolean(),
  author: z.string().meta({ description: 'The user id of who saved it (rep:<id> for a rep).' }),
  levers: z.record(z.string(), z.number()).meta({ description: 'The inputs, by lever id.' }),
  horizonMonths: z.number().int(),
  rampMonths: z.number().int(),
  updatedAt: z.string(),
  baselineRunRate: factSchema.meta({ description: 'Money a year at today’s levers, now.' }),
  planRunRate: factSchema.meta({ description: 'Money a year with the plan’s levers, now.' }),
  topic: z.boolean().meta({ description: 'The plan the hand-off is about.' }),
});

const briefOfferSchema = z.object({
  offerId: z.string(),
  label: z.string(),
  kind: z.enum(offerKinds),
  state: z.enum(['suggested', 'in_progress', 'dismissed']),
  reason: z.enum(dismissReasons).optional().meta({ description: 'Why it was dismissed.' }),
  projected: factSchema.optional().meta({ description: 'Money a year it would likely add.' }),
  topic: z.boolean(),
});

export const handoffBriefSchema = z
  .object({
    version: z.literal(BRIEF_VERSION),
    handoffId: z.string(),
    account: z.object({ id: z.string() }),
    askedBy: z.object({ userId: z.string() }),
    askedAt: z.string(),
    locale: z.enum(['en', 'de', 'es']).meta({ description: 'The words of texts in the brief.' }),
    modelVersion: z.number().int(),
    topic: handoffTopicSchema.and(
      z.object({
        label: z.string().meta({ description: 'What the topic is, in the customer’s words.' }),
      }),
    ),
    message: z.string(),
    channel: z.enum(handoffChannels),
    when: z.enum(handoffTimings).optional(),
    omitted: z.array(z.enum(briefParts)).meta({ description: 'Parts the customer left out.' }),
    value: z
      .object({
        period: dayRangeSchema,
        currency: z.string(),
        total: factSchema,
        byCategory: z.array(z.object({ category: z.string(), money: factSchema })),
        roi: factSchema.optional(),
        promises: z.array(
          z.object({
            driver: z.string(),
            label: z.string(),
            status: z.string(),
            progress: factSchema.meta({ description: 'Share of the promised pace reached.' }),
          }),
        ),
      })
      .optional()
      .meta({ description: 'The value summary of the last 90 complete days, as it stood.' }),
    story: z
      .object({
        headline: z.string(),
        facts: z.array(factSchema),
        points: z.array(
          z.object({
            insightId: z.string(),
            type: z.enum(insightTypes),
            text: z.string(),
            topic: z.boolean(),
          }),
        ),
      })
      .optional(),
    journey: journeyDigestSchema.optional(),
    scenarios: z.array(briefScenarioSchema).optional(),
    offers: z.array(briefOfferSchema).optional(),
  })
  .meta({ id: 'HandoffBrief', example: briefExample });
export type HandoffBrief = z.infer<typeof handoffBriefSchema>;

// ---------------------------------------------------------------------------------------------
// Hand-offs as the customer and the rep read them.

export const handoffReplySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    rep: z.object({ id: z.string(), name: z.string() }),
    message: z.string(),
    scenario: z
      .object({ id: z.string(), name: z.string() })
      .optional()
      .meta({ description: 'A plan the rep pushed: saved to the account as shared, by the rep.' }),
  })
  .meta({ id: 'HandoffReply' });
export type HandoffReply = z.infer<typeof handoffReplySchema>;

export const handoffSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    askedBy: z.string().meta({ description: 'The user id who asked.' }),
    mine: z.boolean().optional().meta({ description: 'Customer routes: the token’s user asked.' }),
    status: z.enum(handoffStatuses),
    topic: handoffTopicSchema.and(z.object({ label: z.string() })),
    message: z.string(),
    channel: z.enum(handoffChannels),
    when: z.enum(handoffTimings).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    replies: z.array(handoffReplySchema),
    brief: handoffBriefSchema.optional().meta({ description: 'On single hand-offs only.' }),
  })
  .meta({ id: 'Handoff', example: handoffWithBriefExample });
export type Handoff = z.infer<typeof handoffSchema>;

export const createdHandoffSchema = z
  .object({ id: z.string(), status: z.literal('new'), brief: handoffBriefSchema })
  .meta({ id: 'CreatedHandoff', example: createdHandoffExample });

export const handoffListSchema = z.object({ handoffs: z.array(handoffSchema) }).meta({
  id: 'HandoffList',
  description: 'Newest first, without briefs.',
  example: handoffListExample,
});
export type HandoffList = z.infer<typeof handoffListSchema>;

// ---------------------------------------------------------------------------------------------
// Webhook data.

/** `handoff.created`: the brief inline, or a signed link when it would pass 20 KB. */
export const handoffCreatedDataSchema = z
  .object({
    handoff: handoffSchema.omit({ brief: true, mine: true }),
    brief: handoffBriefSchema.optional(),
    briefUrl: z.string().optional().meta({
      description:
        'When the brief is larger than 20 KB: GET it (no credentials; the link is signed and works 7 days).',
    }),
    briefBytes: z.number().int(),
  })
  .meta({ id: 'HandoffCreatedData' });

/** `handoff.updated` (status) and `handoff.replied` (with the reply). */
export const handoffChangedDataSchema = z
  .object({
    handoff: handoffSchema.omit({ brief: true, mine: true }),
    reply: handoffReplySchema.optional(),
  })
  .meta({ id: 'HandoffChangedData' });
