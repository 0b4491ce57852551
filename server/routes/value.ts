import { Hono } from 'hono';
import { z } from 'zod';
import type { DayRange } from '../../blueprint/days.ts';
import { embedAuth, requireEditor } from '../auth/embed.ts';
import { readJson } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { valueStory } from '../story/story-service.ts';
import { changeAssumption, listAssumptions } from '../value/assumptions.ts';
import { explainValue, valueBreakdown } from '../value/breakdown.ts';
import { parseFilter } from '../value/cut.ts';
import { valueCuts } from '../value/cuts.ts';
import {
  addDays,
  DEFAULT_RANGE_DAYS,
  daySchema,
  daysIn,
  MAX_RANGE_DAYS,
  today,
} from '../value/days.ts';
import { valueForecast } from '../value/forecast.ts';
import { valueSeries } from '../value/series.ts';

const id = z.string().min(1).max(64);
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

/** Days asked for, or the last 90 days; both ends inclusive, checked for order and length. */
function rangeOf(query: { from?: string; to?: string }, names = ['from', 'to']): DayRange {
  const to = query.to ?? today();
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to)
    throw new ApiError(400, 'invalid_period', `${names[0]} (${from}) is after ${names[1]} (${to})`);
  if (daysIn({ from, to }) > MAX_RANGE_DAYS) {
    throw new ApiError(400, 'invalid_period', `a period spans at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to };
}

/**
 * The customer-facing value API. The account always comes from the embed token (`c.var.embed`),
 * never from the request.
 */
export const valueRoutes = new Hono<AppEnv>();
valueRoutes.use('*', embedAuth());

valueRoutes.get('/summary', async (c) => {
  const query = summaryQuery.parse(c.req.query());
  const { value } = c.get('services');
  return c.json(await value.summary(c.get('embed').accountId, rangeOf(query), query.filter));
});

valueRoutes.get('/series', async (c) => {
  const query = seriesQuery.parse(c.req.query());
  return c.json(
    await valueSeries(c.get('services').value, c.get('embed').accountId, {
      ...query,
      range: rangeOf(query),
    }),
  );
});

valueRoutes.get('/breakdown', async (c) => {
  const query = breakdownQuery.parse(c.req.query());
  return c.json(
    await valueBreakdown(c.get('services').value, c.get('embed').accountId, {
      ...query,
      range: rangeOf(query),
    }),
  );
});

valueRoutes.get('/explain', async (c) => {
  const query = explainQuery.parse(c.req.query());
  const range = rangeOf(query);
  const hasCompare = query.compareFrom !== undefined || query.compareTo !== undefined;
  if (hasCompare && (query.compareFrom === undefined || query.compareTo === undefined)) {
    throw new ApiError(
      400,
      'invalid_period',
      'give both compareFrom and compareTo, or neither (the previous period)',
    );
  }
  const compare = hasCompare
    ? rangeOf({ from: query.compareFrom, to: query.compareTo }, ['compareFrom', 'compareTo'])
    : undefined;
  return c.json(
    await explainValue(c.get('services').value, c.get('embed').accountId, {
      range,
      ...(query.driver ? { driver: query.driver } : {}),
      ...(compare ? { compare } : {}),
      ...(query.filter ? { filter: query.filter } : {}),
    }),
  );
});

valueRoutes.get('/forecast', async (c) => {
  const query = forecastQuery.parse(c.req.query());
  return c.json(
    await valueForecast(c.get('services').value, c.get('embed').accountId, {
      ...(query.driver ? { driver: query.driver } : {}),
      ...(query.horizon ? { horizonDays: query.horizon } : {}),
      ...(query.filter ? { filter: query.filter } : {}),
    }),
  );
});

valueRoutes.get('/story', async (c) => {
  const query = storyQuery.parse(c.req.query());
  const { accountId, locale } = c.get('embed');
  return c.json(
    await valueStory(
      c.get('services').value,
      accountId,
      {
        range: rangeOf(query),
        locale: query.locale ?? locale ?? 'en',
        ...(query.filter ? { filter: query.filter } : {}),
      },
      c.get('services').rephrase,
    ),
  );
});

valueRoutes.get('/cuts', async (c) => {
  return c.json(await valueCuts(c.get('services').value, c.get('embed').accountId));
});

valueRoutes.get('/assumptions', async (c) => {
  return c.json(await listAssumptions(c.get('services').value, c.get('embed').accountId));
});

valueRoutes.put('/assumptions/:id', requireEditor(), async (c) => {
  const { value } = assumptionBody.parse(await readJson(c));
  const { accountId, userId } = c.get('embed');
  return c.json(
    await changeAssumption(c.get('services').value, accountId, userId, c.req.param('id'), value),
  );
});
