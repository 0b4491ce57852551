import { z } from 'zod';
import { dismissReasons, feedbackActions } from '../offer-feedback.ts';
import { offerKinds } from '../value-model.ts';
import { factSchema } from './story.ts';

/**
 * Next-best value's contract: at most three offers for the account, each with the money it would
 * likely realize (a range), who the figure comes from (aggregates only), and why in facts; the
 * offers in progress and the ones the customer hid.
 */

const offerSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    kind: z.enum(offerKinds),
    description: z.string(),
    cta: z.object({ label: z.string(), url: z.string().optional() }),
  })
  .meta({ id: 'Offer' });

const projectedSchema = z.object({
  annual: z
    .number()
    .meta({ description: 'Money a year on top of today’s, in the model currency.' }),
  low: z.number(),
  high: z.number(),
  basis: z.enum(['peers', 'vendor_estimate']).meta({
    description:
      'peers: from accounts like this one (at least 5 that use it); vendor_estimate: too few peers, the vendor’s own figure.',
  }),
});

export const recommendationsSchema = z
  .object({
    currency: z.string(),
    items: z
      .array(
        z.object({
          decisionId: z.string().meta({ description: 'Send it back with the feedback.' }),
          offer: offerSchema,
          projected: projectedSchema,
          propensity: z.number().nullable().meta({
            description: 'Share of the cohort that uses it; null for a vendor estimate.',
          }),
          cohort: z
            .object({
              accounts: z.number().int(),
              adopters: z.number().int(),
              traits: z.array(z.string()),
            })
            .nullable()
            .meta({ description: 'Who the figure comes from: counts only, at least 5 adopters.' }),
          why: z.object({ text: z.string(), facts: z.array(factSchema) }),
          plan: z
            .object({
              levers: z.record(z.string(), z.number()).meta({
                description:
                  'Lever values (as /v1/scenarios/levers names them) that put this account at the peer level: every active person using it, as much as the middle peer does. Levers the account does not have are left out by the planner.',
              }),
            })
            .meta({ description: '"Plan it": the offer as a scenario.' }),
        }),
      )
      .max(3),
    inProgress: z.array(
      z.object({
        decisionId: z.string(),
        offer: offerSchema,
        since: z.string().meta({ description: 'The day it was accepted.' }),
        projected: projectedSchema,
        realized: z.number().meta({ description: 'Money on its drivers since then.' }),
      }),
    ),
    hidden: z.array(
      z.object({
        decisionId: z.string(),
        offer: offerSchema,
        reason: z.enum([...dismissReasons, 'snoozed', 'resting']),
        until: z
          .string()
          .nullable()
          .meta({ description: 'When it shows again; null: until restored.' }),
      }),
    ),
  })
  .meta({
    id: 'Recommendations',
    example: {
      currency: 'USD',
      items: [
        {
          decisionId: 'dec_4f1c2a9e0b7d4c21',
          offer: {
            id: 'payment_reminders',
            label: 'Automated payment reminders',
            kind: 'feature',
            description: 'Reminds customers of overdue invoices on a schedule you set.',
            cta: {
              label: 'Turn on reminders',
              url: 'https://acme-flow.example/app/collections/reminders',
            },
          },
          projected: { annual: 41_600, low: 20_800, high: 62_400, basis: 'vendor_estimate' },
          propensity: null,
          cohort: null,
          why: {
            text: 'Acme Flow estimates about $7,800 a year per person from Automated payment reminders; for your 12 active people that would be about $93,600 a year, $41,600 more than today.',
            facts: [],
          },
          plan: { levers: { 'adoption:invoice_revenue': 12, 'intensity:invoice_revenue': 150 } },
        },
      ],
      inProgress: [],
      hidden: [],
    },
  });
export type Recommendations = z.infer<typeof recommendationsSchema>;

export const offerFeedbackSchema = z
  .object({
    decisionId: z.string().min(1).max(64),
    action: z.enum(feedbackActions, { error: `expected one of ${feedbackActions.join(', ')}` }),
    reason: z.enum(dismissReasons).optional(),
  })
  .strict()
  .refine((body) => (body.action === 'dismissed') === (body.reason !== undefined), {
    message: `a dismissal says why (${dismissReasons.join(', ')}); other actions take no reason`,
    path: ['reason'],
  })
  .meta({
    id: 'OfferFeedback',
    example: { decisionId: 'dec_4f1c2a9e0b7d4c21', action: 'dismissed', reason: 'not_now' },
  });
export type OfferFeedback = z.infer<typeof offerFeedbackSchema>;
