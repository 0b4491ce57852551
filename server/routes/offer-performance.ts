import { createRoute } from '@hono/zod-openapi';
import {
  offerPerformanceParamsSchema,
  offerPerformanceSchema,
} from '../../blueprint/api/offer-performance.ts';
import { auth, define, errors, json, routes } from '../openapi/define.ts';

/** Next-best value, vendor-facing: which offers work, across every account. */
export const offerPerformanceRoutes = routes();

const tags = ['Recommendations (secret key)'];

define(
  offerPerformanceRoutes,
  createRoute({
    method: 'get',
    path: '/offers/performance',
    tags,
    summary:
      'Per offer: times offered, what customers did with it, and realized value against the projection',
    description:
      'Every offer of the current model, and any it no longer has that was offered (`inModel: false`), over every account: decisions and the accounts given them, reactions by action (dismissals by reason), clicked and accepted per shown, the accounts that said they already have it (by id: this view is the vendor’s own), and the accounts that accepted it and have not answered since (in progress), with the money realized on its drivers since that day, at each account’s rates, against the projected year prorated to the same days. `from`/`to` keep the decisions and reactions of those UTC days, and the acceptances made in them.',
    security: auth.secretKey,
    request: { query: offerPerformanceParamsSchema },
    responses: {
      200: json(offerPerformanceSchema, 'The model’s offers in its order, then retired ones.'),
      ...errors(400, 401, 409),
    },
  }),
  async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await c.get('services').offerPerformance.performance({ from, to }), 200);
  },
);
