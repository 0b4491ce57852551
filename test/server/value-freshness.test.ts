import { afterEach, describe, expect, it } from 'vitest';
import { lastCompleteDay } from '../../blueprint/days.ts';
import { bearer } from '../helpers.ts';
import { type Fixture, type FixtureEvent, HOURS_PER_RUN, startFixture } from './value-fixture.ts';

/**
 * Answers are cached per account and served again only while the account's data is unchanged; an
 * acknowledged event shows in value within a second, and until it does the answer says it is being
 * processed rather than that nothing was recorded.
 */

const DAY = lastCompleteDay();
const RANGE = `from=${DAY}&to=${DAY}`;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function runs(account: string, count: number, tag: string): FixtureEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    type: 'track',
    messageId: `${account}-${tag}-${index}`,
    userId: `user-${account}`,
    groupId: account,
    event: 'Workflow Run Completed',
    properties: { status: 'success', team: 'ops', workspace: 'north' },
    timestamp: `${DAY}T12:00:00.000Z`,
  }));
}

interface Summary {
  drivers: Array<{ id: string; quantity: number; money: number }>;
  dataStatus: { state: string; reason?: string };
}

const automation = (summary: Summary) =>
  summary.drivers.find((driver) => driver.id === 'automation_hours')?.quantity;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 3_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('value answers and fresh data', () => {
  it('says an account whose first events were just accepted is being processed, then shows them within a second', async () => {
    fixture = await startFixture({ events: runs('fresh', 0, 'none') });
    const f = fixture;
    const before = await f.getJson<Summary>(`/v1/value/summary?${RANGE}`, 'fresh');
    expect(before.dataStatus).toEqual({ state: 'no_data', reason: 'no_activity' });

    const acked = Date.now();
    await f.ingest(runs('fresh', 5, 'a'));
    const right = await f.getJson<Summary>(`/v1/value/summary?${RANGE}`, 'fresh');
    // Either still being rolled in, or already in: never "nothing recorded".
    expect(right.dataStatus.reason).not.toBe('no_activity');
    const story = await f.getJson<{ dataStatus: { reason?: string } }>(
      `/v1/value/story?${RANGE}`,
      'fresh',
    );
    expect(story.dataStatus.reason).not.toBe('no_activity');

    // No manual refresh: the service rolls the commit in by itself.
    const shown = await eventually(
      () => f.getJson<Summary>(`/v1/value/summary?${RANGE}`, 'fresh'),
      (summary) => automation(summary) === 5,
    );
    expect(Date.now() - acked).toBeLessThan(1_500);
    expect(automation(shown)).toBe(5);
    expect(shown.dataStatus.state).not.toBe('no_data');
  });

  it('serves a repeated read from the cache until that account changes, and only that account', async () => {
    fixture = await startFixture({ events: [...runs('acme', 3, 'a'), ...runs('globex', 2, 'a')] });
    const f = fixture;
    await f.refresh();
    const path = `/v1/value/summary?${RANGE}`;
    expect(automation(await f.getJson<Summary>(path, 'acme'))).toBe(3);
    const cache = f.t.services.answers;
    const cached = cache.size;
    expect(automation(await f.getJson<Summary>(path, 'acme'))).toBe(3);
    expect(cache.size).toBe(cached);

    // Another account's events leave acme's answer where it was…
    await f.ingest(runs('globex', 4, 'b'));
    await f.refresh();
    expect(automation(await f.getJson<Summary>(path, 'globex'))).toBe(6);
    expect(automation(await f.getJson<Summary>(path, 'acme'))).toBe(3);
    // …and acme's own are in its next answer.
    await f.ingest(runs('acme', 2, 'b'));
    await f.refresh();
    expect(automation(await f.getJson<Summary>(path, 'acme'))).toBe(5);
  });

  it('computes afresh after a customer changes an assumption', async () => {
    fixture = await startFixture({ events: runs('acme', 10, 'a') });
    const f = fixture;
    await f.refresh();
    const path = `/v1/value/summary?${RANGE}`;
    const money = async () =>
      (await f.getJson<Summary>(path, 'acme')).drivers.find((d) => d.id === 'automation_hours')
        ?.money;
    const before = await money();
    const res = await f.t.app.request('/v1/value/assumptions/hourly_rate', {
      method: 'PUT',
      headers: { ...bearer(await f.token('acme', 'editor')), 'content-type': 'application/json' },
      body: JSON.stringify({ value: 100 }),
    });
    expect(res.status).toBe(200);
    expect(before).toBeCloseTo(10 * HOURS_PER_RUN * 50, 2);
    expect(await money()).toBeCloseTo(10 * HOURS_PER_RUN * 100, 2);
  });

  it('keeps answers apart by reader: language and query are part of what is cached', async () => {
    fixture = await startFixture({ events: runs('acme', 3, 'a') });
    const f = fixture;
    await f.refresh();
    const english = await f.getJson<{ headline: string }>(`/v1/value/story?${RANGE}`, 'acme');
    const german = await f.getJson<{ headline: string }>(
      `/v1/value/story?${RANGE}&locale=de`,
      'acme',
    );
    expect(german.headline).not.toEqual(english.headline);
    const again = await f.getJson<{ headline: string }>(`/v1/value/story?${RANGE}`, 'acme');
    expect(again.headline).toEqual(english.headline);
  });

  it('never caches an error', async () => {
    fixture = await startFixture({ events: runs('acme', 1, 'a') });
    const f = fixture;
    const bad = await f.get('/v1/value/summary?from=2025-13-01', 'acme');
    expect(bad.status).toBe(400);
    expect(f.t.services.answers.size).toBe(0);
  });
});
