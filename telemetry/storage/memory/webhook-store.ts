import type {
  DeliveryAttempt,
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../interface.ts';
import { mostOverdueFirst } from '../webhook-rows.ts';
import { keyOf } from './state.ts';

/** Webhook endpoints and their outbox in memory; copies go in and out, as a database's rows would. */
export class MemoryWebhookStore implements WebhookStore {
  private readonly endpointsById = new Map<string, StoredWebhookEndpoint>();
  /** By endpoint and id, in the order they were enqueued. */
  private readonly outbox = new Map<string, StoredDelivery>();

  async addEndpoint(endpoint: StoredWebhookEndpoint): Promise<void> {
    if (this.endpointsById.has(endpoint.id)) throw new Error(`endpoint ${endpoint.id} exists`);
    this.endpointsById.set(endpoint.id, structuredClone(endpoint));
  }

  async endpoints(): Promise<StoredWebhookEndpoint[]> {
    return [...this.endpointsById.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((endpoint) => structuredClone(endpoint));
  }

  async endpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    const found = this.endpointsById.get(id);
    return found ? structuredClone(found) : null;
  }

  async removeEndpoint(id: string): Promise<boolean> {
    for (const [key, delivery] of this.outbox) {
      if (delivery.endpointId === id) this.outbox.delete(key);
    }
    return this.endpointsById.delete(id);
  }

  async setSecret(id: string, secret: string): Promise<boolean> {
    const endpoint = this.endpointsById.get(id);
    if (!endpoint) return false;
    endpoint.secret = secret;
    return true;
  }

  async setFailingSince(id: string, since: string | null): Promise<void> {
    const endpoint = this.endpointsById.get(id);
    if (endpoint) endpoint.failingSince = since;
  }

  async disableEndpoint(id: string, at: string, reason: string): Promise<void> {
    const endpoint = this.endpointsById.get(id);
    if (!endpoint) return;
    endpoint.disabledAt = at;
    endpoint.disabledReason = reason;
    for (const delivery of this.outbox.values()) {
      if (delivery.endpointId !== id) continue;
      if (delivery.status !== 'pending' && delivery.status !== 'failed') continue;
      delivery.status = 'dead';
      delivery.nextAttemptAt = null;
      const note = `endpoint disabled: ${reason}`;
      delivery.lastError = delivery.lastError === null ? note : `${delivery.lastError}; ${note}`;
    }
  }

  async enqueue(deliveries: readonly StoredDelivery[]): Promise<void> {
    for (const delivery of deliveries) {
      const key = keyOf(delivery.endpointId, delivery.id);
      if (!this.outbox.has(key)) this.outbox.set(key, structuredClone(delivery));
    }
  }

  async claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]> {
    const at = Date.parse(now);
    const due = [...this.outbox.values()]
      .filter(
        (delivery) =>
          (delivery.status === 'pending' || delivery.status === 'failed') &&
          delivery.nextAttemptAt !== null &&
          Date.parse(delivery.nextAttemptAt) <= at &&
          this.endpointsById.get(delivery.endpointId)?.disabledAt === null,
      )
      .sort(mostOverdueFirst)
      .slice(0, limit);
    for (const delivery of due) delivery.nextAttemptAt = until;
    return due.map((delivery) => structuredClone(delivery));
  }

  async recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt): Promise<void> {
    const delivery = this.outbox.get(keyOf(endpointId, id));
    if (delivery) Object.assign(delivery, attempt);
  }

  async deliveries(endpointId: string, limit: number): Promise<StoredDelivery[]> {
    return [...this.outbox.values()]
      .filter((delivery) => delivery.endpointId === endpointId)
      .reverse()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit)
      .map((delivery) => structuredClone(delivery));
  }

  async delivery(endpointId: string, id: string): Promise<StoredDelivery | null> {
    const found = this.outbox.get(keyOf(endpointId, id));
    return found ? structuredClone(found) : null;
  }
}
