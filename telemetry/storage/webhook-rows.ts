import { z } from 'zod';
import { deliveryStatuses, webhookEventTypes } from '../../blueprint/api/webhooks.ts';
import type { StoredDelivery, StoredWebhookEndpoint } from './interface.ts';

/**
 * What the SQL webhook stores (DuckDB, PostgreSQL) share: an endpoint's and a delivery's values
 * in their tables' column order, and reading rows back, checked. Rows come with their timestamps
 * as ISO-8601 text.
 */

type Row = Record<string, unknown>;

export const ENDPOINT_COLUMNS =
  'id, url, events, description, secret, created_at, disabled_at, disabled_reason, failing_since';
export const DELIVERY_COLUMNS = `endpoint_id, id, event_type, payload, attempts, next_attempt_at,
  status, last_status_code, last_error, created_at, delivered_at`;

const eventsSchema = z.array(z.enum(webhookEventTypes));
const eventTypeSchema = z.enum(webhookEventTypes);
const statusSchema = z.enum(deliveryStatuses);

export function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

const textOrNull = (value: unknown) => (value === null ? null : String(value));

/** In ENDPOINT_COLUMNS order; the events as JSON text. */
export function endpointValues(endpoint: StoredWebhookEndpoint) {
  return [
    endpoint.id,
    endpoint.url,
    JSON.stringify(endpoint.events),
    endpoint.description,
    endpoint.secret,
    new Date(endpoint.createdAt),
    dateOrNull(endpoint.disabledAt),
    endpoint.disabledReason,
    dateOrNull(endpoint.failingSince),
  ];
}

/** In DELIVERY_COLUMNS order. */
export function deliveryValues(delivery: StoredDelivery) {
  return [
    delivery.endpointId,
    delivery.id,
    delivery.eventType,
    delivery.payload,
    delivery.attempts,
    dateOrNull(delivery.nextAttemptAt),
    delivery.status,
    delivery.lastStatusCode,
    delivery.lastError,
    new Date(delivery.createdAt),
    dateOrNull(delivery.deliveredAt),
  ];
}

export function endpointOf(row: Row): StoredWebhookEndpoint {
  return {
    id: String(row.id),
    url: String(row.url),
    events: eventsSchema.parse(JSON.parse(String(row.events))),
    description: textOrNull(row.description),
    secret: String(row.secret),
    createdAt: String(row.created_at),
    disabledAt: textOrNull(row.disabled_at),
    disabledReason: textOrNull(row.disabled_reason),
    failingSince: textOrNull(row.failing_since),
  };
}

export function deliveryOf(row: Row): StoredDelivery {
  return {
    endpointId: String(row.endpoint_id),
    id: String(row.id),
    eventType: eventTypeSchema.parse(row.event_type),
    payload: String(row.payload),
    attempts: Number(row.attempts),
    nextAttemptAt: textOrNull(row.next_attempt_at),
    status: statusSchema.parse(row.status),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: textOrNull(row.last_error),
    createdAt: String(row.created_at),
    deliveredAt: textOrNull(row.delivered_at),
  };
}

/** The most overdue first: when due, then when made, then the id. */
export function mostOverdueFirst(a: StoredDelivery, b: StoredDelivery): number {
  return (
    (a.nextAttemptAt ?? '').localeCompare(b.nextAttemptAt ?? '') ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}
