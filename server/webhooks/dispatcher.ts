import type { WebhookEventType } from '../../blueprint/api/webhooks.ts';
import type {
  DeliveryAttempt,
  StoredDelivery,
  StoredWebhookEndpoint,
  WebhookStore,
} from '../../telemetry/storage/interface.ts';
import { WebhookBodyTooLarge } from './errors.ts';
import { retryAfterMs, retryDelayMs } from './retry.ts';
import { newWebhookId, signedHeaders } from './signature.ts';
import { checkTarget, type ResolveHost, resolveWithDns } from './target.ts';

/** A delivery's body is at most this many bytes (UTF-8). */
export const MAX_BODY_BYTES = 20 * 1024;
/** A receiver gets this long to answer. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** An endpoint failing for this long without a success is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 60 * 60 * 1000;
/** Deliveries sent at once in one pass; the rest wait for the next. */
const BATCH = 16;
/**
 * A claimed batch is held for BATCH attempts that each run into the timeout, and this much more:
 * another service process claims it only after that, if this one stopped before recording the
 * attempts (the receiver may then get one twice, with the same webhook-id).
 */
const CLAIM_MARGIN_MS = 60_000;
/** How often the worker looks for due deliveries when nothing wakes it. */
const POLL_MS = 1_000;

export interface DispatcherOptions {
  allowLocal: boolean;
  now?: () => number;
  fetch?: typeof fetch;
  resolve?: ResolveHost;
  random?: () => number;
  timeoutMs?: number;
}

/** How one attempt went: an answer (its status and Retry-After), or no answer (the error). */
type AttemptResult =
  | { kind: 'answered'; status: number; retryAfter: string | null }
  | { kind: 'failed'; error: string };

/**
 * The outbox: `enqueue` writes one delivery per enabled endpoint subscribed to the event, in the
 * database, before anything is sent; the worker sends what is due, signed, and records each
 * attempt. A delivery keeps its webhook-id for ever, so a receiver can drop what it has seen. It
 * is sent at least once: a crash between the answer and its record sends it again, same id.
 */
export class WebhookDispatcher {
  private readonly now: () => number;
  private readonly fetch: typeof fetch;
  private readonly resolve: ResolveHost;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(
    private readonly store: WebhookStore,
    private readonly options: DispatcherOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.resolve = options.resolve ?? resolveWithDns;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  }

  /**
   * Puts the event in the outbox for every enabled endpoint that subscribed to it; resolves once
   * it is stored. Returns its webhook-id and how many endpoints will get it. With `id`, the event
   * keeps that webhook-id, and an endpoint that has it already does not get it twice.
   */
  async enqueue(
    type: WebhookEventType,
    data: Record<string, unknown>,
    options: { id?: string } = {},
  ): Promise<{ id: string; endpoints: number }> {
    const at = new Date(this.now()).toISOString();
    const payload = JSON.stringify({ type, timestamp: at, data });
    const bytes = Buffer.byteLength(payload);
    if (bytes > MAX_BODY_BYTES) throw new WebhookBodyTooLarge(bytes, MAX_BODY_BYTES);
    const id = options.id ?? newWebhookId();
    const subscribed = (await this.store.endpoints()).filter(
      (endpoint) => endpoint.disabledAt === null && endpoint.events.includes(type),
    );
    // An event enqueued again with its id (a relay after a crash) goes only where it has not.
    const endpoints =
      options.id === undefined
        ? subscribed
        : (
            await Promise.all(
              subscribed.map(async (endpoint) =>
                (await this.store.delivery(endpoint.id, id)) ? undefined : endpoint,
              ),
            )
          ).filter((endpoint) => endpoint !== undefined);
    await this.store.enqueue(
      endpoints.map(
        (endpoint): StoredDelivery => ({
          endpointId: endpoint.id,
          id,
          eventType: type,
          payload,
          attempts: 0,
          nextAttemptAt: at,
          status: 'pending',
          lastStatusCode: null,
          lastError: null,
          createdAt: at,
          deliveredAt: null,
        }),
      ),
    );
    if (endpoints.length > 0) this.poke();
    return { id, endpoints: endpoints.length };
  }

  /** Sends every delivery due now (one batch at a time); resolves with how many were tried. */
  async deliverDue(): Promise<number> {
    let tried = 0;
    for (;;) {
      const now = this.now();
      // Held for as long as the batch can take, one endpoint's deliveries one after another.
      const until = new Date(now + BATCH * this.timeoutMs + CLAIM_MARGIN_MS).toISOString();
      const due = await this.store.claimDue(new Date(now).toISOString(), BATCH, until);
      if (due.length === 0) return tried;
      // One endpoint's deliveries go one after another (each sees what the last did to the
      // endpoint: failing, disabled); different endpoints' go side by side.
      const byEndpoint = new Map<string, StoredDelivery[]>();
      for (const delivery of due) {
        byEndpoint.set(delivery.endpointId, [
          ...(byEndpoint.get(delivery.endpointId) ?? []),
          delivery,
        ]);
      }
      await Promise.all(
        [...byEndpoint].map(async ([endpointId, deliveries]) => {
          for (const delivery of deliveries) {
            const endpoint = await this.store.endpoint(endpointId);
            if (!endpoint || endpoint.disabledAt !== null) return;
            await this.attempt(endpoint, delivery);
          }
        }),
      );
      tried += due.length;
      if (due.length < BATCH) return tried;
    }
  }

  /** Starts the worker: it picks up whatever is due, including deliveries from before a restart. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the worker; resolves when the pass under way (if any) has recorded its attempts. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
  }

  /** Runs a pass soon rather than at the next poll (something was just made due). */
  poke(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.pass = this.pass
        .then(() => this.deliverDue())
        .catch((error: unknown) => console.error('delivering webhooks failed:', error))
        .finally(() => {
          if (this.running) this.schedule(POLL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async attempt(endpoint: StoredWebhookEndpoint, delivery: StoredDelivery): Promise<void> {
    const result = await this.send(endpoint, delivery);
    const now = this.now();
    const attempts = delivery.attempts + 1;
    const base = { attempts, lastStatusCode: null, lastError: null, deliveredAt: null };
    if (result.kind === 'answered' && result.status >= 200 && result.status < 300) {
      await this.record(delivery, {
        ...base,
        status: 'delivered',
        nextAttemptAt: null,
        lastStatusCode: result.status,
        deliveredAt: new Date(now).toISOString(),
      });
      if (endpoint.failingSince !== null) await this.store.setFailingSince(endpoint.id, null);
      return;
    }
    const statusCode = result.kind === 'answered' ? result.status : null;
    const error = result.kind === 'answered' ? `answered ${result.status}` : result.error;
    const asked = result.kind === 'answered' ? retryAfterMs(result.retryAfter, now) : null;
    const delay = retryDelayMs(attempts, this.random(), asked);
    await this.record(delivery, {
      ...base,
      status: delay === null ? 'dead' : 'failed',
      nextAttemptAt: delay === null ? null : new Date(now + delay).toISOString(),
      lastStatusCode: statusCode,
      lastError: delay === null ? `${error}; gave up after ${attempts} attempts` : error,
    });
    if (statusCode === 410) {
      await this.store.disableEndpoint(
        endpoint.id,
        new Date(now).toISOString(),
        'the endpoint answered 410 Gone',
      );
      return;
    }
    const since = endpoint.failingSince ?? new Date(now).toISOString();
    if (endpoint.failingSince === null) await this.store.setFailingSince(endpoint.id, since);
    if (now - Date.parse(since) >= DISABLE_AFTER_FAILING_MS) {
      await this.store.disableEndpoint(
        endpoint.id,
        new Date(now).toISOString(),
        `every delivery failed for 5 days, since ${since} (last: ${error})`,
      );
    }
  }

  private record(delivery: StoredDelivery, attempt: DeliveryAttempt): Promise<void> {
    return this.store.recordAttempt(delivery.endpointId, delivery.id, attempt);
  }

  /** One signed POST; redirects are not followed (they could lead past the address check). */
  private async send(
    endpoint: StoredWebhookEndpoint,
    delivery: StoredDelivery,
  ): Promise<AttemptResult> {
    const target = await checkTarget(endpoint.url, {
      allowLocal: this.options.allowLocal,
      resolve: this.resolve,
    });
    if (!target.ok) return { kind: 'failed', error: `target refused: ${target.reason}` };
    const timestamp = Math.floor(this.now() / 1000);
    try {
      const response = await this.fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Valueprint-Webhooks/1',
          ...signedHeaders(endpoint.secret, delivery.id, timestamp, delivery.payload),
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Nothing of the answer but its status is used; dropping the body frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'answered',
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError') {
        return { kind: 'failed', error: `no answer within ${this.timeoutMs / 1000} s` };
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { kind: 'failed', error: cause?.code ?? cause?.message ?? (error as Error).message };
    }
  }
}
