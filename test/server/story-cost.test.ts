import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValueStore } from '../../telemetry/storage/interface.ts';
import { openStorage } from '../../telemetry/storage/open.ts';
import { testLocation } from '../helpers.ts';
import { ACME, type Fixture, fixtureEvents, startFixture } from './value-fixture.ts';

/**
 * What one answer costs the value store, counted at the storage interface (every call, cached or
 * not): a story costs no more than a summary, one series and one explain together, because it is
 * told from those reads (not from route-shaped answers that re-read the same context).
 */

const PERIOD = 'from=2025-03-01&to=2025-04-27';
const calls = new Map<string, number>();
let f: Fixture;

/** The value store with every call counted by method name. */
function counted(store: ValueStore): ValueStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const member = Reflect.get(target, name, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return member.apply(target, args);
      };
    },
  });
}

async function cost(path: string): Promise<{ total: number; reads: Record<string, number> }> {
  await f.refresh();
  calls.clear();
  const res = await f.get(path, ACME);
  expect(res.status).toBe(200);
  const reads = Object.fromEntries(calls);
  return { total: [...calls.values()].reduce((sum, n) => sum + n, 0), reads };
}

let place: Awaited<ReturnType<typeof testLocation>>;

beforeAll(async () => {
  place = await testLocation();
  const storage = await openStorage({ location: place.location });
  f = await startFixture({
    events: fixtureEvents(),
    storage: { ...storage, values: counted(storage.values) },
  });
});
afterAll(async () => {
  await f.close();
  await place.drop();
});

describe('what an answer costs the value store', () => {
  it('a story no more than a summary, a series and an explain; each read once at most', async () => {
    const summary = await cost(`/v1/value/summary?${PERIOD}`);
    const series = await cost(`/v1/value/series?${PERIOD}`);
    const explain = await cost(`/v1/value/explain?${PERIOD}`);
    const story = await cost(`/v1/value/story?${PERIOD}`);
    console.log(
      `store calls — summary ${summary.total}, series ${series.total}, explain ${explain.total}, story ${story.total}:`,
      JSON.stringify(story.reads),
    );
    expect(story.total).toBeLessThanOrEqual(summary.total + series.total + explain.total);
    // The model and the account's assumptions are read once for the whole story.
    expect(story.reads).toMatchObject({ currentModel: 1, assumptionHistory: 1 });
    for (const count of Object.values(story.reads)) expect(count).toBe(1);
    // One read each of the facts: the periods, the history windows, every way of cutting. The
    // account's active days may come from the memo the summary before it filled (same version).
    expect(story.reads).toMatchObject({ activity: 1, series: 1, breakdown: 1 });
    expect(story.reads.activeDays ?? 0).toBeLessThanOrEqual(1);
  });
});
