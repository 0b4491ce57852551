import { z } from 'zod';

const isoDay = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    'not a calendar date',
  );

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
  })
  .strict()
  .refine((promise) => promise.from <= promise.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type ValuePromise = z.infer<typeof promiseSchema>;

export const promisesSchema = z
  .object({ promises: z.array(promiseSchema).max(50, 'at most 50 promises per account') })
  .strict();
