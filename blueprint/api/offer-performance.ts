import { z } from 'zod';
import { offerKinds } from '../value-model.ts';
import { daySchema } from './common.ts';

/**
 * The vendor's view of next-best value (secret key): per offer, how often it was offered, what the
 * customers did with it, and how the value realized since acceptance compares with what was
 * projected. Vendor-only, so account ids may appear (the accounts that already have an offer).
 */

const count = z.number().int().min(0);
const money = z.number().meta({ description: "In the model's currency, rounded to the cent." });
const rate = z.number().nullable();

export const offerPerformanceParamsSchema = z.object({
  from: daySchema.optional().meta({
    description: 'First day (UTC) whose decisions and reactions count. Default: the first.',
  }),
  to: daySchema.optional().meta({
    description: 'Last day (UTC), inclusive. Default: today.',
  }),
});
export type OfferPerformanceParams = z.infer<typeof offerPerformanceParamsSchema>;

const offerPerformanceItemSchema = z.object({
  offerId: z.string(),
  label: z.string().nullable().meta({ description: 'null: no longer in the model.' }),
  kind: z.enum(offerKinds).nullable(),
  inModel: z.boolean().meta({
    description: 'false: decisions were stored for it, but the current model no longer has it.',
  }),
  decisions: count.meta({ description: 'Times it was offered (each a decision).' }),
  accountsOffered: count,
  reactions: z.object({
    shown: count,
    clicked: count,
    accepted: count,
    dismissed: z.object({ not_now: count, not_relevant: count, already_have: count }),
    snoozed: count,
    restored: count,
  }),
  conversion: z
    .object({
      clickedPerShown: rate,
      acceptedPerShown: rate,
    })
    .meta({ description: 'Reactions per `shown` (0.25 is 25%); null when it was never shown.' }),
  alreadyHave: z
    .object({ accounts: count, accountIds: z.array(z.string()) })
    .meta({ description: 'Accounts that dismissed it as one they already have.' }),
  inProgress: z
    .object({
      accounts: count.meta({
        description:
          'Accounts whose last answer is `accepted` (accepted within the days asked for, when asked).',
      }),
      projectedAnnual: money.meta({
        description: 'The sum of the year projected by each accepted decision.',
      }),
      projectedToDate: money.meta({
        description:
          'Each projected year × days from acceptance to the last complete day ÷ 365, summed.',
      }),
      realized: money.nullable().meta({
        description:
          "Money on the offer's drivers over those days, at each account's own rates; null when the model no longer has the offer.",
      }),
      realizedPerProjected: rate.meta({
        description: 'realized ÷ projectedToDate; null when either is unknown or zero days passed.',
      }),
    })
    .meta({ description: 'Accounts that accepted it, and their value since against the promise.' }),
});

export const offerPerformanceSchema = z
  .object({
    currency: z.string(),
    days: z
      .object({ from: daySchema.nullable(), to: daySchema.nullable() })
      .meta({ description: 'The days counted, as asked; null: that end is open.' }),
    realizedTo: daySchema.meta({
      description: 'Realized value is counted to this day: yesterday, the last complete one.',
    }),
    offers: z.array(offerPerformanceItemSchema).meta({
      description: 'The model’s offers in its order, then the ones it no longer has, by id.',
    }),
  })
  .meta({
    id: 'OfferPerformance',
    example: {
      currency: 'USD',
      days: { from: null, to: null },
      realizedTo: '2026-12-02',
      offers: [
        {
          offerId: 'payment_reminders',
          label: 'Automated payment reminders',
          kind: 'feature',
          inModel: true,
          decisions: 48,
          accountsOffered: 12,
          reactions: {
            shown: 40,
            clicked: 10,
            accepted: 4,
            dismissed: { not_now: 6, not_relevant: 2, already_have: 1 },
            snoozed: 3,
            restored: 1,
          },
          conversion: { clickedPerShown: 0.25, acceptedPerShown: 0.1 },
          alreadyHave: { accounts: 1, accountIds: ['northwind'] },
          inProgress: {
            accounts: 3,
            projectedAnnual: 124_800,
            projectedToDate: 10_257.53,
            realized: 8_112.4,
            realizedPerProjected: 0.790872656477729,
          },
        },
      ],
    },
  });
export type OfferPerformance = z.infer<typeof offerPerformanceSchema>;
export type OfferPerformanceItem = OfferPerformance['offers'][number];
