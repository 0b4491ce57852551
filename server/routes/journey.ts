import { createRoute } from '@hono/zod-openapi';
import {
  journeyAcceptedSchema,
  journeyBatchSchema,
  journeyDigestSchema,
  journeyEventTypes,
  journeyLimits,
} from '../../blueprint/api/journey.ts';
import { embedAuth } from '../auth/embed.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';

/**
 * The customer's journey, customer-facing: the widget records what the customer did, and the
 * digest tells it back. The account and the user always come from the embed token.
 */
export const journeyRoutes = routes();
journeyRoutes.use('*', embedAuth());

const tags = ['Journey (embed token)'];

define(
  journeyRoutes,
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Record what the customer did in the value view',
    description: `At most ${journeyLimits.maxEvents} events and ${journeyLimits.maxRequestBytes / 1024} KB a request (413 beyond the bytes). Types: ${journeyEventTypes.join(', ')}; an unknown type, an extra key or a malformed detail is 400 and nothing is kept. \`at\` may be at most 5 minutes ahead of the server's clock and no older than the retention (180 days by default): else 400 \`invalid_event_time\`. Details hold ids, enums, numbers and days, never free text. Sent as \`text/plain\` too, as \`navigator.sendBeacon\` does.`,
    security: auth.embedToken,
    request: { body: jsonRequest(journeyBatchSchema) },
    responses: {
      202: json(journeyAcceptedSchema, 'Kept, for the token’s account and user.'),
      ...errors(400, 401, 413),
    },
  }),
  async (c) => {
    const { accountId, userId } = c.get('embed');
    const { events } = c.req.valid('json');
    const accepted = await c.get('services').journey.record(accountId, userId, events);
    return c.json({ accepted }, 202);
  },
);

define(
  journeyRoutes,
  createRoute({
    method: 'get',
    path: '/digest',
    tags,
    summary: 'What the token’s user explored, prioritized, learned and discarded in 30 days',
    description:
      'Deterministic, from the user’s journey of the last 30 days, the plans they may see and the account’s offers as they stand. An open question is an explain or story question after which the same person built, saved or compared no plan, accepted or dismissed no offer and changed no assumption.',
    security: auth.embedToken,
    responses: {
      200: json(journeyDigestSchema, 'The digest.'),
      ...errors(401),
    },
  }),
  async (c) => {
    const { accountId, userId } = c.get('embed');
    return c.json(await c.get('services').journey.digest({ accountId }, userId), 200);
  },
);
