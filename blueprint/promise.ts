import { z } from 'zod';
import { daysIn, isDay, overlapDays } from './days.ts';

const isoDay = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isDay, {
    message: 'not a calendar date',
    when: (payload) => payload.issues.length === 0,
  });

/**
 * What was promised at the sale for one account: a target for one driver (in its unit, e.g. 1,200
 * hours) or, without a driver, for total money, over a period of UTC days (both inclusive).
 */
export const promiseSchema = z
  .object({
    driver: z.string().min(1).max(64).optional(),
    target: z
      .number({ error: 'expected the promised amount as a number' })
      .positive('the target must be above zero'),
    from: isoDay,
    to: isoDay,
    /** How the promise was worded at the sale, e.g. "1,200 hours saved in the first year". */
    label: z.string().max(200).optional(),
    /** The label in other languages, by language tag: {"de": "1.200 eingesparte Stunden …"}. */
    labels: z
      .record(
        z
          .string()
          .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "de"'),
        z.string().min(1).max(200),
      )
      .optional(),
  })
  .strict()
  .refine((promise) => promise.from <= promise.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type ValuePromise = z.infer<typeof promiseSchema>;

export const promisesSchema = z
  .object({ promises: z.array(promiseSchema).max(50, 'at most 50 promises per account') })
  .strict()
  .meta({
    id: 'Promises',
    example: {
      promises: [
        {
          driver: 'automation_hours',
          target: 1200,
          from: '2026-06-01',
          to: '2027-05-31',
          label: '1,200 hours saved in the first year',
        },
      ],
    },
  });

/** A promise priced in money: `target` units over its days, each unit worth `moneyPerUnit`. */
export interface PricedPromise {
  from: string;
  to: string;
  target: number;
  moneyPerUnit: number;
}

/**
 * What the promises ask for in a range of days, in money: for each promise,
 * target ÷ days(promise) × days(range ∩ promise) × money per unit — the same linear pace as
 * `expectedByNow`. Undefined when no promise covers any day of the range (a gap, not a zero).
 */
export function promisePace(
  promises: readonly PricedPromise[],
  range: { from: string; to: string },
): number | undefined {
  let pace: number | undefined;
  for (const promise of promises) {
    const days = overlapDays(range, promise);
    if (days > 0)
      pace = (pace ?? 0) + (promise.target / daysIn(promise)) * days * promise.moneyPerUnit;
  }
  return pace;
}
