import { randomBytes } from 'node:crypto';
import type { CreateWebhookBody, Webhook } from '../../blueprint/api/webhooks.ts';
import type {
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../../telemetry/storage/interface.ts';
import {
  DeliveryNotFound,
  WebhookDisabled,
  WebhookNotFound,
  WebhookTargetRefused,
} from './errors.ts';
import { generateWebhookSecret } from './signature.ts';
import { checkTarget, type ResolveHost, resolveWithDns } from './target.ts';

/** What the vendor sees of an endpoint: everything but its secret. */
export function publicWebhook(endpoint: StoredWebhookEndpoint): Webhook {
  const { secret: _secret, ...shown } = endpoint;
  return shown;
}

/** The vendor's webhook endpoints: registration (with the address check), secrets, the delivery log. */
export class WebhookEndpoints {
  private readonly now: () => number;
  private readonly resolve: ResolveHost;

  constructor(
    private readonly store: WebhookStore,
    private readonly options: { allowLocal: boolean; now?: () => number; resolve?: ResolveHost },
  ) {
    this.now = options.now ?? Date.now;
    this.resolve = options.resolve ?? resolveWithDns;
  }

  /** Registers an endpoint; the answer holds its secret, the one time it is shown. */
  async register(body: CreateWebhookBody): Promise<StoredWebhookEndpoint> {
    const target = await checkTarget(body.url, {
      allowLocal: this.options.allowLocal,
      resolve: this.resolve,
    });
    if (!target.ok) throw new WebhookTargetRefused(`url refused: ${target.reason}`);
    const endpoint: StoredWebhookEndpoint = {
      id: `whk_${randomBytes(9).toString('base64url')}`,
      url: target.url.href,
      events: body.events,
      description: body.description || null,
      secret: generateWebhookSecret(),
      createdAt: new Date(this.now()).toISOString(),
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
    };
    await this.store.addEndpoint(endpoint);
    return endpoint;
  }

  list(): Promise<StoredWebhookEndpoint[]> {
    return this.store.endpoints();
  }

  async get(id: string): Promise<StoredWebhookEndpoint> {
    const endpoint = await this.store.endpoint(id);
    if (!endpoint) throw new WebhookNotFound(id);
    return endpoint;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.removeEndpoint(id))) throw new WebhookNotFound(id);
  }

  /** A new secret, at once: deliveries from now on are signed with it, retries included. */
  async rotate(id: string): Promise<string> {
    const secret = generateWebhookSecret();
    if (!(await this.store.setSecret(id, secret))) throw new WebhookNotFound(id);
    return secret;
  }

  async deliveries(id: string, limit: number): Promise<StoredDelivery[]> {
    await this.get(id);
    return this.store.deliveries(id, limit);
  }

  /** Sends the delivery again at the next pass, with its own id; one more attempt is allowed. */
  async retry(id: string, deliveryId: string): Promise<StoredDelivery> {
    const endpoint = await this.get(id);
    if (endpoint.disabledAt !== null) throw new WebhookDisabled(id, endpoint.disabledReason);
    const delivery = await this.store.delivery(id, deliveryId);
    if (!delivery) throw new DeliveryNotFound(id, deliveryId);
    const scheduled: StoredDelivery = {
      ...delivery,
      status: 'pending',
      nextAttemptAt: new Date(this.now()).toISOString(),
    };
    await this.store.recordAttempt(id, deliveryId, scheduled);
    return scheduled;
  }
}
