import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { valueStorySchema } from '../../blueprint/api/story.ts';
import {
  assumptionBodySchema,
  assumptionChangedSchema,
  assumptionsSchema,
  breakdownParamsSchema,
  cutOptionsSchema,
  explainParamsSchema,
  forecastParamsSchema,
  localeParamsSchema,
  seriesParamsSchema,
  storyParamsSchema,
  summaryParamsSchema,
  valueBreakdownSchema,
  valueExplanationSchema,
  valueForecastSchema,
  valueSeriesSchema,
  valueSummarySchema,
} from '../../blueprint/api/value.ts';
import { embedAuth, requireEditor } from '../auth/embed.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';
import { cachedAnswers } from '../value/answer-cache.ts';
import { parseFilter } from '../value/cut.ts';
import { comparedPeriodOf, periodOf } from '../value/period.ts';
import { contextOf, localeOf } from './account-context.ts';

/**
 * The customer-facing value API. The account always comes from the embed token (`c.var.embed`),
 * never from the request.
 */
export const valueRoutes = routes();
valueRoutes.use('*', embedAuth());
valueRoutes.use('*', cachedAnswers());

const tags = ['Value (embed token)'];

const reads = errors(400, 401, 403, 409);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/summary',
    tags,
    summary: "The period's value per driver, against the compared period and the promises",
    security: auth.embedToken,
    request: { query: summaryParamsSchema },
    responses: { 200: json(valueSummarySchema, 'The summary.'), ...reads },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { value } = c.get('services');
    const context = await contextOf(c, query);
    const range = periodOf(query);
    const compare = comparedPeriodOf(query);
    return c.json(await value.summary(context, range, compare), 200);
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/series',
    tags,
    summary: 'Value per day, week or month, per driver (or segment value), with the promised pace',
    security: auth.embedToken,
    request: { query: seriesParamsSchema },
    responses: {
      200: json(valueSeriesSchema, 'Every bucket of the period, zeros included.'),
      ...reads,
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { value } = c.get('services');
    const context = await contextOf(c, query);
    return c.json(await value.series(context, { ...query, range: periodOf(query) }), 200);
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/breakdown',
    tags,
    summary: 'Value by segment value, user or feature, largest first',
    security: auth.embedToken,
    request: { query: breakdownParamsSchema },
    responses: { 200: json(valueBreakdownSchema, 'The contributions.'), ...reads },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { value } = c.get('services');
    const context = await contextOf(c, query);
    return c.json(await value.breakdown(context, { ...query, range: periodOf(query) }), 200);
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/explain',
    tags,
    summary: 'What moved the value between two periods, along every way of cutting it',
    security: auth.embedToken,
    request: { query: explainParamsSchema },
    responses: { 200: json(valueExplanationSchema, 'The change, decomposed.'), ...reads },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const range = periodOf(query);
    const compare = comparedPeriodOf(query);
    const { value } = c.get('services');
    const context = await contextOf(c, query);
    return c.json(await value.explain(context, { range, compare, driver: query.driver }), 200);
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/forecast',
    tags,
    summary: 'Where value is heading: a trend on complete weeks with a 90% prediction interval',
    security: auth.embedToken,
    request: { query: forecastParamsSchema },
    responses: { 200: json(valueForecastSchema, 'The forecast, or why there is none.'), ...reads },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { value } = c.get('services');
    const context = await contextOf(c, query);
    return c.json(
      await value.forecast(context, { driver: query.driver, horizonDays: query.horizon }),
      200,
    );
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/story',
    tags,
    summary: 'The value story: a headline and a few sentences, each citing its facts',
    security: auth.embedToken,
    request: { query: storyParamsSchema },
    responses: { 200: json(valueStorySchema, 'The story in the locale asked for.'), ...reads },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { accountId, locale } = c.get('embed');
    const filter = parseFilter(query.filter);
    const compare = comparedPeriodOf(query);
    const story = await c.get('services').story.tell(accountId, {
      range: periodOf(query),
      ...(compare ? { compare } : {}),
      locale: query.locale ?? locale ?? 'en',
      ...(filter ? { filter } : {}),
    });
    return c.json(story, 200);
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/cuts',
    tags,
    summary: 'What the value can be cut by: segments with their values, features, drivers',
    security: auth.embedToken,
    request: { query: localeParamsSchema },
    responses: {
      200: json(cutOptionsSchema, 'The ways to filter.'),
      ...errors(400, 401, 403, 409),
    },
  }),
  async (c) => {
    const { value } = c.get('services');
    const locale = localeOf(c, c.req.valid('query'));
    return c.json(
      await value.cuts(await value.context(c.get('embed').accountId, undefined, locale)),
      200,
    );
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'get',
    path: '/assumptions',
    tags,
    summary: "The account's assumptions as they apply now, and every change a customer made",
    security: auth.embedToken,
    request: { query: localeParamsSchema },
    responses: { 200: json(assumptionsSchema, 'The assumptions.'), ...errors(400, 401, 403, 409) },
  }),
  async (c) => {
    const { value } = c.get('services');
    const locale = localeOf(c, c.req.valid('query'));
    const context = await value.context(c.get('embed').accountId, undefined, locale);
    return c.json(await value.assumptions(context), 200);
  },
);

define(
  valueRoutes,
  createRoute({
    method: 'put',
    path: '/assumptions/{id}',
    tags,
    summary: 'Change one assumption for the account, within its bounds (role editor)',
    security: auth.embedToken,
    middleware: requireEditor(),
    request: {
      params: z.object({
        id: z.string().meta({ description: 'The assumption.', example: 'hourly_rate' }),
      }),
      body: jsonRequest(assumptionBodySchema),
    },
    responses: {
      200: json(assumptionChangedSchema, 'The change and the assumptions after it.'),
      ...errors(400, 401, 403, 409),
    },
  }),
  async (c) => {
    const { value: amount } = c.req.valid('json');
    const { accountId, userId } = c.get('embed');
    const { value } = c.get('services');
    const context = await value.context(accountId);
    return c.json(
      await value.changeAssumption(context, userId, c.req.valid('param').id, amount),
      200,
    );
  },
);
