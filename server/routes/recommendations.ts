import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { offerFeedbackSchema, recommendationsSchema } from '../../blueprint/api/recommendations.ts';
import { localeParamsSchema } from '../../blueprint/api/value.ts';
import { embedAuth } from '../auth/embed.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';
import { contextOf } from './account-context.ts';

/**
 * Next-best value, customer-facing: the offers this account would likely gain most from, and
 * what the customer did with one. The account always comes from the embed token.
 */
export const recommendationRoutes = routes();
recommendationRoutes.use('*', embedAuth());

const tags = ['Recommendations (embed token)'];

define(
  recommendationRoutes,
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'At most three offers, ranked by the money this account would likely realize',
    description:
      'Each offer is valued among accounts like this one (the model’s cohort traits, the last dropped while fewer than `minAccounts` use it) over the 12 complete weeks ending yesterday, or from the vendor’s estimate; figures about other accounts are aggregates of at least 5, never an account’s id or own figure. Every item is a decision: send its id back with the feedback. Offers the customer accepted are `inProgress` with the value realized since; dismissed, snoozed or resting ones are `hidden`.',
    security: auth.embedToken,
    request: { query: localeParamsSchema },
    responses: {
      200: json(recommendationsSchema, 'The offers, the ones in progress and the hidden ones.'),
      ...errors(400, 401, 403, 409),
    },
  }),
  async (c) => {
    const context = await contextOf(c, c.req.valid('query'));
    const { userId } = c.get('embed');
    return c.json(await c.get('services').recommendations.recommendations(context, userId), 200);
  },
);

define(
  recommendationRoutes,
  createRoute({
    method: 'post',
    path: '/{offerId}/feedback',
    tags,
    summary:
      'What the customer did with an offer: shown, clicked, accepted, dismissed, snoozed, restored',
    description:
      'Dismissed needs a reason: `not_now` hides the offer 30 days, `not_relevant` until restored, `already_have` for good. Snoozed hides it 14 days; restored shows it again; accepted moves it to “in progress”. An unknown offer is 400 `unknown_offer`; a decision of another account is 404.',
    security: auth.embedToken,
    request: {
      params: z.object({ offerId: z.string().min(1).max(64) }),
      body: jsonRequest(offerFeedbackSchema),
    },
    responses: {
      204: { description: 'Recorded.' },
      ...errors(400, 401, 403, 404, 409),
    },
  }),
  async (c) => {
    const context = await contextOf(c);
    const { userId } = c.get('embed');
    await c
      .get('services')
      .recommendations.feedback(context, userId, c.req.valid('param').offerId, c.req.valid('json'));
    return c.body(null, 204);
  },
);
