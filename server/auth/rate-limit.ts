import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

export interface RateLimit {
  /** Events a write key may send per second, on average; 0 turns the limit off. */
  eventsPerSecond: number;
  /** Events a key may send at once after a quiet spell (the bucket's size). */
  burstEvents: number;
}

/** Buckets kept before the full (idle) ones are dropped. */
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per write key, counted in events. A request is let in while its key's bucket has
 * anything left, before its body is read; once parsed, its events are taken out, so a key that
 * sends large batches runs dry sooner. A key in debt waits until the bucket refills past zero,
 * which is the Retry-After it is told.
 */
export class WriteKeyRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.limit.eventsPerSecond > 0;
  }

  /** Whole seconds the key must wait before sending again; 0 when it may send now. */
  waitSeconds(key: string): number {
    if (!this.enabled) return 0;
    const bucket = this.refilled(key);
    if (bucket.tokens > 0) return 0;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.eventsPerSecond));
  }

  /** Takes `events` out of the key's bucket (it may go below zero: the key then waits). */
  spend(key: string, events: number): void {
    if (!this.enabled || events <= 0) return;
    this.refilled(key).tokens -= events;
  }

  private refilled(key: string) {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.dropFull(now);
      bucket = { tokens: this.limit.burstEvents, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const refill = ((now - bucket.at) / 1000) * this.limit.eventsPerSecond;
    bucket.tokens = Math.min(this.limit.burstEvents, bucket.tokens + refill);
    bucket.at = now;
    return bucket;
  }

  /** A full bucket is the same as none: forgetting it changes nothing. */
  private dropFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((now - bucket.at) / 1000) * this.limit.eventsPerSecond;
      if (tokens >= this.limit.burstEvents) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
  }
}

/**
 * After write-key auth, before the body is read: 429 when the key is over its rate. A key sent in
 * the body is checked once the body is read (`checkRate`).
 */
export function writeKeyRateLimit(): MiddlewareHandler<AppEnv> {
  return async function writeKeyRateLimit(c, next) {
    if (!c.get('writeKeyInBody')) checkRate(c.get('services').rateLimiter, c.get('writeKeyHash'));
    await next();
  };
}

/** Throws 429 with Retry-After when the key must wait. */
export function checkRate(limiter: WriteKeyRateLimiter, keyHash: string): void {
  const wait = limiter.waitSeconds(keyHash);
  if (wait > 0) {
    throw new ApiError(
      429,
      'rate_limited',
      `this write key sent more than its ${limiter.limit.eventsPerSecond.toLocaleString('en')} events per second (bursts up to ${limiter.limit.burstEvents.toLocaleString('en')}); retry after ${wait} s`,
      { retryAfterSeconds: wait },
    );
  }
}
