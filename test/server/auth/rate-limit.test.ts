import { describe, expect, it } from 'vitest';
import { WriteKeyRateLimiter } from '../../../server/auth/rate-limit.ts';

function limiterAt(eventsPerSecond: number, burstEvents: number) {
  const clock = { ms: 0 };
  const limiter = new WriteKeyRateLimiter({ eventsPerSecond, burstEvents }, () => clock.ms);
  return { limiter, clock };
}

describe('WriteKeyRateLimiter', () => {
  it('lets a burst through, then makes the key wait until the bucket refills past zero', () => {
    const { limiter, clock } = limiterAt(100, 500);
    expect(limiter.waitSeconds('k')).toBe(0);
    limiter.spend('k', 500);
    // Empty, not in debt: one more event's worth must come back first.
    expect(limiter.waitSeconds('k')).toBe(1);
    limiter.spend('k', 250);
    expect(limiter.waitSeconds('k')).toBe(3);
    clock.ms = 2_000;
    expect(limiter.waitSeconds('k')).toBe(1);
    clock.ms = 2_510;
    expect(limiter.waitSeconds('k')).toBe(0);
  });

  it('never fills past the burst, however long the key was quiet', () => {
    const { limiter, clock } = limiterAt(10, 20);
    limiter.spend('k', 1);
    clock.ms = 3_600_000;
    limiter.spend('k', 21);
    expect(limiter.waitSeconds('k')).toBe(1);
  });

  it('counts each key on its own', () => {
    const { limiter } = limiterAt(10, 10);
    limiter.spend('a', 100);
    expect(limiter.waitSeconds('a')).toBeGreaterThan(0);
    expect(limiter.waitSeconds('b')).toBe(0);
  });

  it('is off at 0 events per second', () => {
    const { limiter } = limiterAt(0, 10);
    limiter.spend('k', 1_000_000);
    expect(limiter.waitSeconds('k')).toBe(0);
  });
});
