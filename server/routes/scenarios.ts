import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  deletedScenarioSchema,
  goalSeekBodySchema,
  goalSeekSchema,
  leversAnswerSchema,
  MAX_SAVED_SCENARIOS,
  newScenarioSchema,
  projectBodySchema,
  projectionSchema,
  savedScenarioSchema,
  savedScenariosSchema,
  scenarioChangeSchema,
} from '../../blueprint/api/scenarios.ts';
import { localeParamsSchema } from '../../blueprint/api/value.ts';
import { embedAuth } from '../auth/embed.ts';
import type { AppEnv } from '../context.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';
import { contextOf } from './account-context.ts';

/**
 * Scenario planning, customer-facing: the account's levers and their baseline, a projection of a
 * plan, and goal seek. The account always comes from the embed token, never from the request.
 */
export const scenarioRoutes = routes();
scenarioRoutes.use('*', embedAuth());

const tags = ['Scenarios (embed token)'];
const answers = errors(400, 401, 403, 409);

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
    const context = await contextOf(c, c.req.valid('query'));
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

// ---------------------------------------------------------------------------------------------
// Saved plans. Everyone in the account sees the shared ones, their author all of theirs; only the
// author or an editor changes or deletes one. An id from another account is 404.

const planId = z.object({
  id: z.string().min(1).max(64).meta({ description: 'The plan.', example: 'scn_4f1c2a9e0b7d4c21' }),
});

/** The token's user and role: who a saved plan is shown to, and who may change it. */
function readerOf(c: Context<AppEnv>) {
  const { userId, role } = c.get('embed');
  return { userId, role };
}

define(
  scenarioRoutes,
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'The saved plans this reader sees: their own and the shared ones, oldest first',
    security: auth.embedToken,
    request: { query: localeParamsSchema },
    responses: { 200: json(savedScenariosSchema, 'The plans, each then and now.'), ...answers },
  }),
  async (c) => {
    const context = await contextOf(c, c.req.valid('query'));
    return c.json(await c.get('services').scenarios.savedPlans(context, readerOf(c)), 200);
  },
);

define(
  scenarioRoutes,
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: `Save a plan (at most ${MAX_SAVED_SCENARIOS} an account)`,
    description:
      'Keeps the plan’s inputs (lever values on their bounds and steps), the model version and the baseline it was made on, and what it showed then. Any reader may save; `shared` shows it to everyone in the account.',
    security: auth.embedToken,
    request: { body: jsonRequest(newScenarioSchema) },
    responses: { 201: json(savedScenarioSchema, 'The saved plan.'), ...answers },
  }),
  async (c) => {
    const context = await contextOf(c);
    const saved = await c
      .get('services')
      .scenarios.savePlan(context, readerOf(c), c.req.valid('json'));
    return c.json(saved, 201);
  },
);

define(
  scenarioRoutes,
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One saved plan: what it showed when saved, and the same plan on today’s baseline',
    security: auth.embedToken,
    request: { params: planId, query: localeParamsSchema },
    responses: { 200: json(savedScenarioSchema, 'The plan.'), ...errors(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const context = await contextOf(c, c.req.valid('query'));
    const plan = await c
      .get('services')
      .scenarios.savedPlan(context, readerOf(c), c.req.valid('param').id);
    return c.json(plan, 200);
  },
);

define(
  scenarioRoutes,
  createRoute({
    method: 'put',
    path: '/{id}',
    tags,
    summary: 'Rename, describe, share, or change the inputs of a plan (its author or an editor)',
    security: auth.embedToken,
    request: { params: planId, body: jsonRequest(scenarioChangeSchema) },
    responses: {
      200: json(savedScenarioSchema, 'The plan after the change.'),
      ...errors(400, 401, 403, 404, 409),
    },
  }),
  async (c) => {
    const context = await contextOf(c);
    const plan = await c
      .get('services')
      .scenarios.changePlan(context, readerOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(plan, 200);
  },
);

define(
  scenarioRoutes,
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    summary: 'Delete a plan (its author or an editor)',
    security: auth.embedToken,
    request: { params: planId },
    responses: {
      200: json(deletedScenarioSchema, 'The plan is gone.'),
      ...errors(400, 401, 403, 404, 409),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const context = await contextOf(c);
    await c.get('services').scenarios.deletePlan(context, readerOf(c), id);
    return c.json({ id, deleted: true as const }, 200);
  },
);
