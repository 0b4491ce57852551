import { z } from 'zod';

/**
 * Webhooks (secret key): the vendor's endpoints that receive signed events (Standard Webhooks), and
 * the log of deliveries to each. The secret is shown when an endpoint is made or rotated, never after.
 */

export const webhookEventTypes = [
  'handoff.created',
  'handoff.updated',
  'handoff.replied',
  'offer.accepted',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const deliveryStatuses = ['pending', 'delivered', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

const timestamp = z
  .string()
  .meta({ description: 'ISO-8601 UTC.', example: '2026-12-03T10:15:00.000Z' });

const eventType = z.enum(webhookEventTypes, {
  error: `expected one of ${webhookEventTypes.join(', ')}`,
});

export const createWebhookBodySchema = z
  .object({
    url: z
      .string({ error: 'url is required: where the events are sent (https)' })
      .max(2_000, 'url must be at most 2,000 characters')
      .refine(
        (text) => URL.canParse(text),
        'url must be an absolute URL like https://hooks.example.com/valueprint',
      ),
    events: z
      .array(eventType, { error: 'events is required: the event types to send' })
      .min(1, 'events must name at least one event type')
      .transform((events) => [...new Set(events)]),
    description: z
      .string()
      .trim()
      .max(200, 'description must be at most 200 characters')
      .optional(),
  })
  .meta({
    id: 'NewWebhook',
    example: {
      url: 'https://hooks.example.com/valueprint',
      events: ['offer.accepted', 'handoff.created'],
      description: 'CRM tasks for success managers',
    },
  });
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

const endpointExample = {
  id: 'whk_4Jm1qZ8xkT0c',
  url: 'https://hooks.example.com/valueprint',
  events: ['offer.accepted', 'handoff.created'],
  description: 'CRM tasks for success managers',
  createdAt: '2026-12-03T10:15:00.000Z',
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
};

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(webhookEventTypes)),
    description: z.string().nullable(),
    createdAt: timestamp,
    disabledAt: timestamp.nullable().meta({
      description: 'When deliveries stopped (410 Gone, or 5 days of failures); null: enabled.',
    }),
    disabledReason: z.string().nullable(),
    failingSince: timestamp.nullable().meta({
      description: 'The first failed attempt since the last success; null: healthy.',
    }),
  })
  .meta({ id: 'Webhook', example: endpointExample });
export type Webhook = z.infer<typeof webhookSchema>;

const secret = z.string().meta({
  description: 'whsec_ and base64 of the key bytes; shown once. Verify each delivery with it.',
  example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
});

export const createdWebhookSchema = webhookSchema.extend({ secret }).meta({
  id: 'CreatedWebhook',
  example: { ...endpointExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
});

export const webhookListSchema = z
  .object({ webhooks: z.array(webhookSchema) })
  .meta({ id: 'Webhooks', example: { webhooks: [endpointExample] } });

export const rotatedSecretSchema = z.object({ id: z.string(), secret }).meta({
  id: 'RotatedWebhookSecret',
  example: { id: 'whk_4Jm1qZ8xkT0c', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
});

const deliveryExample = {
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  eventType: 'offer.accepted' as const,
  status: 'failed' as const,
  attempts: 2,
  lastStatusCode: 503,
  lastError: 'answered 503',
  nextAttemptAt: '2026-12-03T10:20:05.000Z',
  createdAt: '2026-12-03T10:15:00.000Z',
  deliveredAt: null,
};

export const webhookDeliverySchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'The webhook-id header: one per event, kept across retries.' }),
    eventType: z.enum(webhookEventTypes),
    status: z.enum(deliveryStatuses).meta({
      description:
        'pending: not tried yet (or retried by hand); failed: will be tried again at nextAttemptAt; delivered; dead: no more tries.',
    }),
    attempts: z.number().int().min(0),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: timestamp.nullable(),
    createdAt: timestamp,
    deliveredAt: timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery', example: deliveryExample });

export const webhookDeliveriesSchema = z
  .object({ deliveries: z.array(webhookDeliverySchema) })
  .meta({ id: 'WebhookDeliveries', example: { deliveries: [deliveryExample] } });

export const deliveriesQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .meta({ description: 'Newest first, at most this many (1–500, default 100).' }),
});

/** `offer.accepted`'s data: the customer accepted an offer shown to them, with its projection. */
export const offerAcceptedDataSchema = z
  .object({
    accountId: z.string(),
    offerId: z.string(),
    decisionId: z.string(),
    projected: z.object({
      annual: z.number(),
      low: z.number(),
      high: z.number(),
      basis: z.enum(['peers', 'vendor_estimate']),
    }),
    at: timestamp,
  })
  .meta({
    id: 'OfferAcceptedData',
    example: {
      accountId: 'acme-corp',
      offerId: 'payment_reminders',
      decisionId: 'dec_7fQ2mX9a',
      projected: { annual: 31_200, low: 22_000, high: 40_500, basis: 'peers' },
      at: '2026-12-03T10:15:00.000Z',
    },
  });
export type OfferAcceptedData = z.infer<typeof offerAcceptedDataSchema>;

/** What every delivery's body holds: the event type, when it happened, and its data. */
export const webhookBodySchema = z
  .object({
    type: z.enum(webhookEventTypes),
    timestamp,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({
    id: 'WebhookBody',
    example: {
      type: 'offer.accepted',
      timestamp: '2026-12-03T10:15:00.000Z',
      data: {
        accountId: 'acme-corp',
        offerId: 'payment_reminders',
        decisionId: 'dec_7fQ2mX9a',
        projected: { annual: 31_200, low: 22_000, high: 40_500, basis: 'peers' },
        at: '2026-12-03T10:15:00.000Z',
      },
    },
  });
export type WebhookBody = z.infer<typeof webhookBodySchema>;
