import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueModelSchema } from '../../../blueprint/value-model.ts';
import { createApp } from '../../../server/app.ts';
import { startServices } from '../../../server/service.ts';
import type { Database } from '../../../telemetry/storage/duckdb/database.ts';
import { factInsert } from '../../../telemetry/storage/duckdb/fact-sql.ts';
import { adminAuth, basic, bearer, postJson, SECRET_KEY, tempDir } from '../../helpers.ts';
import {
  ACCOUNTS,
  ACME,
  DRIVER_IDS,
  dayAt,
  Expected,
  expectMoney,
  expectNumber,
  FIRST_DAY,
  type Fixture,
  type FixtureEvent,
  fixtureEvents,
  GLOBEX,
  INITECH,
  LAST_DAY,
  type Range,
  startFixture,
  teamOf,
  valueModel,
} from '../../server/value-fixture.ts';

/**
 * The value facts follow the events: new commits roll in on refresh, late events land on their own
 * day, a model change rebuilds, and concurrent refreshes never count an event twice. Every check
 * compares the API's answer with the independent calculator over everything ingested so far.
 */

const WHOLE: Range = { from: FIRST_DAY, to: LAST_DAY };

interface Summary {
  modelVersion: number;
  total: { money: number };
  drivers: Array<{ id: string; quantity: number; value: number; money: number }>;
}

let counter = 0;
/** Fresh events with unique ids. */
function track(
  account: string | undefined,
  day: string,
  event: string,
  properties: Record<string, unknown>,
  userId = 'ana',
): FixtureEvent {
  return {
    type: 'track',
    messageId: `extra-${++counter}`,
    userId,
    ...(account ? { groupId: account } : {}),
    event,
    properties: { team: 'ops', workspace: 'north', ...properties },
    timestamp: `${day}T10:30:00.000Z`,
  };
}

const runs = (account: string, day: string, n: number, status = 'success', userId = 'ana') =>
  Array.from({ length: n }, () =>
    track(account, day, 'Workflow Run Completed', { status }, userId),
  );

async function summary(f: Fixture, account: string, range: Range = WHOLE) {
  return f.getJson<Summary>(`/v1/value/summary?from=${range.from}&to=${range.to}`, account);
}

/** Every account's summary equals the calculator over `events`. */
async function expectAll(
  f: Fixture,
  events: readonly FixtureEvent[],
  options: { hoursPerRun?: number; range?: Range } = {},
) {
  const expected = new Expected(events, options);
  const range = options.range ?? WHOLE;
  for (const account of ACCOUNTS) {
    const body = await summary(f, account, range);
    for (const driver of DRIVER_IDS) {
      const want = expected.figures(driver, account, range);
      const got = body.drivers.find((d) => d.id === driver);
      expectNumber(got?.quantity, want.quantity, 0.005);
      expectMoney(got?.money, want.money);
    }
  }
}

const quantity = (body: Summary, driver: string) =>
  body.drivers.find((d) => d.id === driver)?.quantity ?? Number.NaN;

describe('facts follow the events', () => {
  const ingested = fixtureEvents();
  let f: Fixture;

  beforeAll(async () => {
    f = await startFixture({ events: ingested });
  });

  afterAll(async () => {
    await f.close();
  });

  it('start equal to the independent computation', async () => {
    await expectAll(f, ingested);
  });

  it('grow by exactly the new events after refresh()', async () => {
    const before = await summary(f, ACME);
    const extra = [
      ...runs(ACME, '2025-04-10', 7),
      ...runs(ACME, '2025-04-10', 3, 'failed'),
      track(ACME, '2025-04-11', 'Deal Closed', { amount: 100.25 }),
      track(ACME, '2025-04-11', 'Deal Closed', { amount: 0.5 }),
      track(ACME, '2025-04-12', 'Report Viewed', {}, 'zed'),
      track(ACME, '2025-04-12', 'Report Viewed', {}, 'zed'),
      track(ACME, '2025-04-12', 'Workflow Run Started', { status: 'success' }),
      // Another account's event changes nothing for acme.
      ...runs(GLOBEX, '2025-04-10', 2),
    ];
    await f.ingest(extra);
    ingested.push(...extra);
    await f.refresh();
    const after = await summary(f, ACME);
    expect(quantity(after, 'automation_hours') - quantity(before, 'automation_hours')).toBe(7);
    expectMoney(quantity(after, 'deal_revenue') - quantity(before, 'deal_revenue'), 100.75);
    expect(quantity(after, 'active_analysts') - quantity(before, 'active_analysts')).toBe(1);
    expectMoney(after.total.money - before.total.money, 7 * 0.2 * 50 + 100.75 + 40);
    await expectAll(f, ingested);
  });

  it('put a late event with an old timestamp on its own day', async () => {
    const range = { from: '2025-03-04', to: '2025-03-06' };
    type Series = { series: Array<{ points: Array<{ bucket: string; quantity: number }> }> };
    const daily = async () =>
      (
        await f.getJson<Series>(
          `/v1/value/series?grain=day&driver=automation_hours&from=${range.from}&to=${range.to}`,
          GLOBEX,
        )
      ).series[0]?.points.map((point) => point.quantity) ?? [];
    const before = await daily();
    const late = runs(GLOBEX, '2025-03-05', 1);
    await f.ingest(late);
    ingested.push(...late);
    await f.refresh();
    const after = await daily();
    expect(after).toEqual([before[0], (before[1] ?? 0) + 1, before[2]]);
    const expected = new Expected(ingested);
    expect(after).toEqual(
      ['2025-03-04', '2025-03-05', '2025-03-06'].map(
        (day) => expected.figures('automation_hours', GLOBEX, { from: day, to: day }).quantity,
      ),
    );
  });

  it('count events without groupId once their user joins exactly one account', async () => {
    const before = await summary(f, INITECH);
    // 'newbie' is in no account yet: the runs belong to nobody.
    const early = runs(INITECH, '2025-04-15', 4, 'success', 'newbie').map((event) => {
      const { groupId: _groupId, ...rest } = event;
      return rest;
    });
    await f.ingest(early);
    ingested.push(...early);
    await f.refresh();
    expect(quantity(await summary(f, INITECH), 'automation_hours')).toBe(
      quantity(before, 'automation_hours'),
    );
    // Now a group call ties 'newbie' to initech: those runs are initech's.
    const join: FixtureEvent = {
      type: 'group',
      messageId: `extra-${++counter}`,
      userId: 'newbie',
      groupId: INITECH,
      timestamp: '2025-04-16T08:00:00.000Z',
    };
    await f.ingest([join]);
    ingested.push(join);
    await f.refresh();
    expect(quantity(await summary(f, INITECH), 'automation_hours')).toBe(
      quantity(before, 'automation_hours') + 4,
    );
    await expectAll(f, ingested);
  });

  it('stop counting them for one account once their user joins a second one', async () => {
    const before = await summary(f, INITECH);
    const join: FixtureEvent = {
      type: 'group',
      messageId: `extra-${++counter}`,
      userId: 'newbie',
      groupId: GLOBEX,
      timestamp: '2025-04-17T08:00:00.000Z',
    };
    await f.ingest([join]);
    ingested.push(join);
    await f.refresh();
    expect(quantity(await summary(f, INITECH), 'automation_hours')).toBe(
      quantity(before, 'automation_hours') - 4,
    );
    await expectAll(f, ingested);
  });

  it('count an anonymous visitor’s events for the one account its anonymousId joined', async () => {
    const before = await summary(f, GLOBEX);
    const anonymous = (event: Omit<FixtureEvent, 'messageId' | 'timestamp'>): FixtureEvent => ({
      messageId: `extra-${++counter}`,
      anonymousId: 'anon-7',
      timestamp: '2025-04-08T10:00:00.000Z',
      ...event,
    });
    const batch = [
      anonymous({ type: 'group', groupId: GLOBEX }),
      ...Array.from({ length: 3 }, () =>
        anonymous({
          type: 'track',
          event: 'Workflow Run Completed',
          properties: { status: 'success', team: 'ops', workspace: 'east' },
        }),
      ),
    ];
    await f.ingest(batch);
    ingested.push(...batch);
    await f.refresh();
    const after = await summary(f, GLOBEX);
    expect(quantity(after, 'automation_hours')).toBe(quantity(before, 'automation_hours') + 3);
    await expectAll(f, ingested);
  });

  it('are rebuilt when the model changes: filter, perUnit and segment order', async () => {
    const model = valueModel({ hoursPerRun: 0.25 });
    // Count failed runs instead, and list workspace before team.
    model.drivers[0]?.where?.splice(0, 1, { property: 'status', op: 'eq', value: 'failed' });
    model.segments.reverse();
    const res = await f.putModel(model);
    expect(res.status).toBe(201);
    const expected = new Expected(ingested, { hoursPerRun: 0.25, runStatus: 'failed' });
    for (const account of ACCOUNTS) {
      const body = await summary(f, account);
      const failed = expected.figures('automation_hours', account, WHOLE);
      expect(failed.quantity).toBeGreaterThan(0);
      expect(quantity(body, 'automation_hours')).toBe(failed.quantity);
      expectMoney(body.drivers.find((d) => d.id === 'automation_hours')?.money, failed.money);
    }
    // The team cut still reads the team property, now in the second segment column.
    type Breakdown = { contributions: Array<{ key: string; money: number }> };
    const byTeam = await f.getJson<Breakdown>(
      `/v1/value/breakdown?by=team&driver=deal_revenue&from=${WHOLE.from}&to=${WHOLE.to}`,
      ACME,
    );
    const teams = expected.keys('deal_revenue', ACME, WHOLE, teamOf);
    expect(byTeam.contributions.map((row) => row.key).sort()).toEqual(teams);
    for (const row of byTeam.contributions) {
      expectMoney(
        row.money,
        expected.figures('deal_revenue', ACME, WHOLE, { keep: (e) => teamOf(e) === row.key }).money,
      );
    }
    // And back: the original model gives the original numbers.
    expect((await f.putModel(valueModel())).status).toBe(201);
    await expectAll(f, ingested);
  });
});

describe('refresh() under concurrency', () => {
  const ingested = fixtureEvents();
  let f: Fixture;

  beforeAll(async () => {
    f = await startFixture({ events: ingested });
  });

  afterAll(async () => {
    await f.close();
  });

  it('two concurrent calls count each new event once', async () => {
    const extra = [...runs(ACME, '2025-04-01', 25), ...runs(GLOBEX, '2025-04-02', 9)];
    await f.ingest(extra);
    ingested.push(...extra);
    await Promise.all([f.refresh(), f.refresh()]);
    await expectAll(f, ingested);
    // Many at once, with nothing new: still nothing counted twice.
    await Promise.all(Array.from({ length: 5 }, () => f.refresh()));
    await expectAll(f, ingested);
  });

  it('refreshes racing with ingest end with every event counted once', async () => {
    const batches = Array.from({ length: 6 }, (_, index) =>
      runs(ACCOUNTS[index % 3] as string, dayAt(FIRST_DAY, index * 3), 5 + index),
    );
    await Promise.all(batches.flatMap((batch) => [f.ingest(batch), f.refresh(), f.refresh()]));
    for (const batch of batches) ingested.push(...batch);
    await f.refresh();
    await expectAll(f, ingested);
  });

  it('a model published while refreshes run wins, without duplicates', async () => {
    const extra = runs(INITECH, '2025-04-20', 11);
    await f.ingest(extra);
    ingested.push(...extra);
    const [, published] = await Promise.all([
      f.refresh(),
      f.putModel(valueModel({ hoursPerRun: 0.5 })),
      f.refresh(),
    ]);
    expect(published.status).toBe(201);
    await f.refresh();
    await expectAll(f, ingested, { hoursPerRun: 0.5 });
    expect((await summary(f, INITECH)).modelVersion).toBe(2);
  });
});

describe('the fact insert', () => {
  it('hash-joins memberships: no nested loop over events × users', async () => {
    const f = await startFixture({ model: null });
    try {
      const insert = factInsert(valueModelSchema.parse(valueModel()), 0, 100);
      const database = (f.t.services.storage as { database?: Database }).database as Database;
      const plan = await database.query(
        `EXPLAIN ${insert.sql.replace('INSERT INTO value_facts', '')}`,
        insert.params,
      );
      const text = plan.map((row) => Object.values(row).join('\n')).join('\n');
      expect(text).toContain('HASH_JOIN');
      expect(text).not.toMatch(/NESTED_LOOP|BLOCKWISE_NL|CROSS_PRODUCT/);
    } finally {
      await f.close();
    }
  });
});

describe('across a restart', () => {
  it('keeps the facts and their cursor: nothing is counted twice or lost', async () => {
    const { dir, cleanup } = await tempDir();
    const databasePath = `${dir}/value.duckdb`;
    const config = {
      databasePath,
      maxQueuedEvents: 50_000,
      maxGroupEvents: 10_000,
      dedupeDays: 30,
      secretKey: SECRET_KEY,
    };
    const events = fixtureEvents();
    const open = async () => {
      const services = await startServices(config);
      const app = createApp(services);
      const get = async (account: string) => {
        const minted = await postJson(
          app,
          '/v1/embed/sessions',
          { accountId: account, userId: 'u', role: 'viewer' },
          adminAuth,
        );
        const { token } = (await minted.json()) as { token: string };
        const res = await app.request(`/v1/value/summary?from=${WHOLE.from}&to=${WHOLE.to}`, {
          headers: bearer(token),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as Summary;
      };
      return { services, app, get };
    };
    try {
      const first = await open();
      const created = await postJson(
        first.app,
        '/v1/admin/sources',
        { name: 'Restart' },
        adminAuth,
      );
      const { writeKey } = (await created.json()) as { writeKey: string };
      const ingest = async (batch: readonly FixtureEvent[]) => {
        for (let start = 0; start < batch.length; start += 400) {
          const res = await postJson(
            first.app,
            '/v1/batch',
            { batch: batch.slice(start, start + 400) },
            basic(writeKey),
          );
          expect(res.status).toBe(200);
        }
      };
      await ingest(events);
      const put = await first.app.request('/v1/admin/model', {
        method: 'PUT',
        headers: { ...adminAuth, 'content-type': 'application/json' },
        body: JSON.stringify(valueModel()),
      });
      expect(put.status).toBe(201);
      const before = await first.get(ACME);
      // Events committed after the last refresh are rolled in on the way down or back up.
      const extra = runs(ACME, '2025-04-03', 6);
      await ingest(extra);
      await first.services.shutdown();

      const second = await open();
      try {
        const after = await second.get(ACME);
        expect(quantity(after, 'automation_hours')).toBe(quantity(before, 'automation_hours') + 6);
        const expected = new Expected([...events, ...extra]);
        expectMoney(after.total.money, expected.money(ACME, WHOLE), 0.02);
        await second.services.storage.values.refresh();
        expect(await second.get(ACME)).toEqual(after);
      } finally {
        await second.services.shutdown();
      }
    } finally {
      await cleanup();
    }
  });
});
