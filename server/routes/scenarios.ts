import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  goalSeekBodySchema,
  goalSeekSchema,
  leversAnswerSchema,
  projectBodySchema,
  projectionSchema,
} from '../../blueprint/api/scenarios.ts';
import { localeParamsSchema } from '../../blueprint/api/value.ts';
import { embedAuth } from '../auth/embed.ts';
import type { AppEnv } from '../context.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/**
 * Scenario planning, customer-facing: the account's levers and their baseline, a projection of a
 * plan, and goal seek. The account always comes from the embed token, never from the request.
 */
export const scenarioRoutes = routes();
scenarioRoutes.use('*', embedAuth());

const tags = ['Scenarios (embed token)'];
const answers = errors(400, 401, 403, 409);

/** The token's account, in the reader's words (the query's locale, else the token's). */
function contextOf(c: Context<AppEnv>, locale?: string) {
  const { accountId, locale: tokenLocale } = c.get('embed');
  return c.get('services').value.context(accountId, undefined, locale ?? tokenLocale);
}

define(
  scenarioRoutes,
  createRoute({
    method: 'get',
    path: '/levers',
    tags,
    summary:
      'The levers a plan can move, where the account stands on each, and the basis to project from',
    description:
      'The baseline is the 12 complete weeks ending yesterday (UTC). `basis` is everything the projection starts from, so a browser can project with the same model (blueprint/projection.ts) as every input moves.',
    security: auth.embedToken,
    request: { query: localeParamsSchema },
    responses: { 200: json(leversAnswerSchema, 'The levers and the baseline.'), ...answers },
  }),
  async (c) => {
    const context = await contextOf(c, c.req.valid('query').locale);
    return c.json(await c.get('services').scenarios.levers(context), 200);
  },
);

define(
  scenarioRoutes,
  createRoute({
    method: 'post',
    path: '/project',
    tags,
    summary:
      'Project a plan: the run rate, each month over the horizon and each driver, with ranges',
    description:
      'Levers left out stay at their baseline; each lever moves linearly from its baseline over `rampMonths`. Values outside a lever’s bounds or off its step are moved onto them and listed under `clamped`.',
    security: auth.embedToken,
    request: { body: jsonRequest(projectBodySchema) },
    responses: { 200: json(projectionSchema, 'The projection, with the baseline.'), ...answers },
  }),
  async (c) => {
    const { levers, horizonMonths, rampMonths } = c.req.valid('json');
    const context = await contextOf(c);
    return c.json(
      await c.get('services').scenarios.project(context, levers, { horizonMonths, rampMonths }),
      200,
    );
  },
);

define(
  scenarioRoutes,
  createRoute({
    method: 'post',
    path: '/goal-seek',
    tags,
    summary: 'What one lever would have to be for the annual run rate to reach a target',
    description:
      'The other levers stay as given (else at their baseline). When no value within the lever’s bounds reaches the target, `found` is false and `best` is the most the lever gives; a lever the target does not depend on is refused (400 lever_not_relevant).',
    security: auth.embedToken,
    request: { body: jsonRequest(goalSeekBodySchema) },
    responses: { 200: json(goalSeekSchema, 'The lever value, or the best it can do.'), ...answers },
  }),
  async (c) => {
    const context = await contextOf(c);
    return c.json(await c.get('services').scenarios.goalSeek(context, c.req.valid('json')), 200);
  },
);
