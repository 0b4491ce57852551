import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdWebhookSchema,
  createWebhookBodySchema,
  deliveriesQuerySchema,
  rotatedSecretSchema,
  webhookDeliveriesSchema,
  webhookDeliverySchema,
  webhookListSchema,
  webhookSchema,
} from '../../blueprint/api/webhooks.ts';
import type { StoredDelivery } from '../../telemetry/storage/interface.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';
import { publicWebhook } from '../webhooks/endpoints.ts';

/** The vendor's webhook endpoints (Standard Webhooks) and the log of deliveries to each. */
export const webhookRoutes = routes();

const tags = ['Webhooks (secret key)'];
const webhookId = z.object({ id: z.string().meta({ example: 'whk_4Jm1qZ8xkT0c' }) });
const deliveryId = webhookId.extend({
  deliveryId: z.string().meta({ example: 'msg_p5jXN8AQM9LWM0D4loKWxJek' }),
});

/** A delivery as the log shows it: its state, not its body. */
function deliveryView({ endpointId: _endpoint, payload: _payload, ...shown }: StoredDelivery) {
  return shown;
}

define(
  webhookRoutes,
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Register an endpoint for some events (its secret is shown once)',
    description:
      'The URL must be https and must not be, or resolve to, a loopback, private or link-local address (`webhook_target_refused`), unless the service runs with VALUEPRINT_ALLOW_LOCAL_WEBHOOKS=1. Deliveries are signed with the secret in the answer (Standard Webhooks); later reads never show it.',
    security: auth.secretKey,
    request: { body: jsonRequest(createWebhookBodySchema) },
    responses: {
      201: json(createdWebhookSchema, 'The endpoint and its secret.'),
      ...errors(400, 401),
    },
  }),
  async (c) => {
    const endpoint = await c.get('services').webhookEndpoints.register(c.req.valid('json'));
    return c.json({ ...publicWebhook(endpoint), secret: endpoint.secret }, 201);
  },
);

define(
  webhookRoutes,
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Every endpoint (never the secrets)',
    security: auth.secretKey,
    responses: { 200: json(webhookListSchema, 'The endpoints, oldest first.'), ...errors(401) },
  }),
  async (c) => {
    const endpoints = await c.get('services').webhookEndpoints.list();
    return c.json({ webhooks: endpoints.map(publicWebhook) }, 200);
  },
);

define(
  webhookRoutes,
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One endpoint, with whether it is disabled and why',
    security: auth.secretKey,
    request: { params: webhookId },
    responses: { 200: json(webhookSchema, 'The endpoint.'), ...errors(401, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json(publicWebhook(await c.get('services').webhookEndpoints.get(id)), 200);
  },
);

define(
  webhookRoutes,
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    summary: 'Remove an endpoint and its delivery log; nothing more is sent to it',
    security: auth.secretKey,
    request: { params: webhookId },
    responses: { 200: json(webhookSchema, 'The endpoint removed.'), ...errors(401, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { webhookEndpoints } = c.get('services');
    const endpoint = await webhookEndpoints.get(id);
    await webhookEndpoints.remove(id);
    return c.json(publicWebhook(endpoint), 200);
  },
);

define(
  webhookRoutes,
  createRoute({
    method: 'post',
    path: '/{id}/rotate',
    tags,
    summary: 'Replace the secret (shown once); every delivery from now on is signed with it',
    security: auth.secretKey,
    request: { params: webhookId },
    responses: { 200: json(rotatedSecretSchema, 'The new secret.'), ...errors(401, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ id, secret: await c.get('services').webhookEndpoints.rotate(id) }, 200);
  },
);

define(
  webhookRoutes,
  createRoute({
    method: 'get',
    path: '/{id}/deliveries',
    tags,
    summary: 'The delivery log: newest first, with status, attempts, last answer and next attempt',
    security: auth.secretKey,
    request: { params: webhookId, query: deliveriesQuerySchema },
    responses: {
      200: json(webhookDeliveriesSchema, 'The deliveries, newest first.'),
      ...errors(400, 401, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    const deliveries = await c.get('services').webhookEndpoints.deliveries(id, limit);
    return c.json({ deliveries: deliveries.map(deliveryView) }, 200);
  },
);

define(
  webhookRoutes,
  createRoute({
    method: 'post',
    path: '/{id}/deliveries/{deliveryId}/retry',
    tags,
    summary: 'Send a delivery again now, with the same webhook-id (one more attempt)',
    security: auth.secretKey,
    request: { params: deliveryId },
    responses: {
      202: json(webhookDeliverySchema, 'The delivery, scheduled for now.'),
      ...errors(401, 404, 409),
    },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    const { webhookEndpoints, webhooks } = c.get('services');
    const delivery = await webhookEndpoints.retry(id, deliveryId);
    webhooks.poke();
    return c.json(deliveryView(delivery), 202);
  },
);
