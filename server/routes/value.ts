import { Hono } from 'hono';
import { z } from 'zod';
import { isDay } from '../../blueprint/days.ts';
import { embedAuth, requireEditor } from '../auth/embed.ts';
import { readJson } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { parseFilter } from '../value/cut.ts';
import { comparedPeriodOf, periodOf } from '../value/period.ts';

const id = z.string().min(1).max(64);
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a UTC day as YYYY-MM-DD')
  .refine(isDay, {
    message: 'is not a calendar day',
    when: (payload) => payload.issues.length === 0,
  });
/** `filter=<by>:<value>`: the cut every customer-facing value query applies (checked in cut.ts). */
const period = {
  from: daySchema.optional(),
  to: daySchema.optional(),
  filter: z.string().optional().transform(parseFilter),
};
const summaryQuery = z.object(period);
const seriesQuery = z.object({
  ...period,
  grain: z
    .enum(['day', 'week', 'month'], { error: 'grain must be day, week or month' })
    .default('week'),
  driver: id.optional(),
  segment: id.optional(),
});
const breakdownQuery = z.object({
  ...period,
  by: z.string({ error: 'by is required: a segment id, "user" or "feature"' }).min(1).max(64),
  driver: id.optional(),
});
const explainQuery = z.object({
  ...period,
  driver: id.optional(),
  compareFrom: daySchema.optional(),
  compareTo: daySchema.optional(),
});
const forecastQuery = z.object({
  filter: period.filter,
  driver: id.optional(),
  horizon: z.coerce
    .number({ error: 'horizon is a number of days' })
    .int()
    .min(7)
    .max(730)
    .optional(),
});
const storyQuery = z.object({ ...period, locale: z.string().min(2).max(35).optional() });
const assumptionBody = z
  .object({ value: z.number({ error: 'value must be a number' }).finite() })
  .strict();

/**
 * The customer-facing value API. The account always comes from the embed token (`c.var.embed`),
 * never from the request.
 */
export const valueRoutes = new Hono<AppEnv>();
valueRoutes.use('*', embedAuth());

valueRoutes.get('/summary', async (c) => {
  const query = summaryQuery.parse(c.req.query());
  const { value } = c.get('services');
  const context = await value.context(c.get('embed').accountId, query.filter);
  return c.json(await value.summary(context, periodOf(query)));
});

valueRoutes.get('/series', async (c) => {
  const query = seriesQuery.parse(c.req.query());
  const { value } = c.get('services');
  const context = await value.context(c.get('embed').accountId, query.filter);
  return c.json(await value.series(context, { ...query, range: periodOf(query) }));
});

valueRoutes.get('/breakdown', async (c) => {
  const query = breakdownQuery.parse(c.req.query());
  const { value } = c.get('services');
  const context = await value.context(c.get('embed').accountId, query.filter);
  return c.json(await value.breakdown(context, { ...query, range: periodOf(query) }));
});

valueRoutes.get('/explain', async (c) => {
  const query = explainQuery.parse(c.req.query());
  const range = periodOf(query);
  const compare = comparedPeriodOf(query);
  const { value } = c.get('services');
  const context = await value.context(c.get('embed').accountId, query.filter);
  return c.json(await value.explain(context, { range, compare, driver: query.driver }));
});

valueRoutes.get('/forecast', async (c) => {
  const query = forecastQuery.parse(c.req.query());
  const { value } = c.get('services');
  const context = await value.context(c.get('embed').accountId, query.filter);
  return c.json(
    await value.forecast(context, { driver: query.driver, horizonDays: query.horizon }),
  );
});

valueRoutes.get('/story', async (c) => {
  const query = storyQuery.parse(c.req.query());
  const { accountId, locale } = c.get('embed');
  return c.json(
    await c.get('services').story.tell(accountId, {
      range: periodOf(query),
      locale: query.locale ?? locale ?? 'en',
      ...(query.filter ? { filter: query.filter } : {}),
    }),
  );
});

valueRoutes.get('/cuts', async (c) => {
  const { value } = c.get('services');
  return c.json(await value.cuts(await value.context(c.get('embed').accountId)));
});

valueRoutes.get('/assumptions', async (c) => {
  const { value } = c.get('services');
  return c.json(await value.assumptions(await value.context(c.get('embed').accountId)));
});

valueRoutes.put('/assumptions/:id', requireEditor(), async (c) => {
  const { value: amount } = assumptionBody.parse(await readJson(c));
  const { accountId, userId } = c.get('embed');
  const { value } = c.get('services');
  return c.json(
    await value.changeAssumption(await value.context(accountId), userId, c.req.param('id'), amount),
  );
});
