import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  postJson,
  startTestApp,
  type TestApp,
} from '../helpers.ts';
import { describePostgres, freshPostgres } from '../postgres.ts';
import { ACME, FIRST_DAY, fixtureEvents, LAST_DAY, valueModel } from './value-fixture.ts';

/**
 * Two service processes on one PostgreSQL database, as behind a load balancer: what one commits,
 * refreshes, promises or publishes, the other answers with (it hears of it on the database's
 * change feed and lets go of what it held), never an answer it cached before.
 */

const PERIOD = `from=${FIRST_DAY}&to=${LAST_DAY}`;
const WAIT_MS = 5_000;

interface Summary {
  modelVersion: number;
  total: { money: number };
  drivers: Array<{ id: string; quantity: number }>;
  promises?: unknown[];
}

describePostgres('two service processes on one PostgreSQL database', () => {
  let server: Awaited<ReturnType<typeof freshPostgres>>;
  let one: TestApp;
  let two: TestApp;
  let writeKey: string;

  const summary = async (app: TestApp, query = PERIOD): Promise<Summary> => {
    const minted = await postJson(
      app.app,
      '/v1/embed/sessions',
      { accountId: ACME, userId: 'ana', role: 'viewer' },
      adminAuth,
    );
    const { token } = (await minted.json()) as { token: string };
    const res = await app.app.request(`/v1/value/summary?${query}`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    return (await res.json()) as Summary;
  };

  /** Polls `read` until `done` holds (the change reached the other process), up to WAIT_MS. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > until) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    server = await freshPostgres();
    [one, two] = await Promise.all([
      startTestApp({ databasePath: server.url }),
      startTestApp({ databasePath: server.url }),
    ]);
    ({ writeKey } = await createSource(one.app, 'Fixture Flow'));
    const events = fixtureEvents();
    for (let start = 0; start < events.length; start += 400) {
      const res = await postJson(
        one.app,
        '/v1/batch',
        { batch: events.slice(start, start + 400) },
        basic(writeKey),
      );
      expect(res.status).toBe(200);
    }
    const put = await one.app.request('/v1/admin/model', {
      method: 'PUT',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify(valueModel()),
    });
    expect(put.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await server?.drop();
  });

  it('answers alike in both, and both move on when one of them takes new events', async () => {
    const before = await summary(two);
    expect(before.total.money).toBeGreaterThan(0);
    expect(await summary(one)).toEqual(before);

    // Ten more successful runs for Acme, sent to the first process only.
    const runs = Array.from({ length: 10 }, (_, index) => ({
      type: 'track',
      messageId: `more-${index}`,
      userId: 'ana',
      groupId: ACME,
      event: 'Workflow Run Completed',
      properties: { status: 'success', team: 'ops', workspace: 'north' },
      timestamp: `${LAST_DAY}T0${index}:15:00.000Z`,
    }));
    const res = await postJson(one.app, '/v1/batch', { batch: runs }, basic(writeKey));
    expect(res.status).toBe(200);
    const moved = await eventually(
      () => summary(two),
      (answer) => answer.total.money !== before.total.money,
    );
    expect(moved.total.money).toBeGreaterThan(before.total.money);
    expect(
      await eventually(
        () => summary(one),
        (answer) => answer.total.money === moved.total.money,
      ),
    ).toEqual(moved);
  });

  it('answers with the promises and the model the other process set', async () => {
    await summary(two);
    const promised = await one.app.request(`/v1/admin/accounts/${ACME}/promises`, {
      method: 'PUT',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({
        promises: [{ label: 'Hours back', target: 1_000, from: FIRST_DAY, to: LAST_DAY }],
      }),
    });
    expect(promised.status).toBe(200);
    const withPromise = await eventually(
      () => summary(two),
      (answer) => (answer.promises?.length ?? 0) > 0,
    );
    expect(withPromise.promises).toHaveLength(1);

    const version = (await summary(one)).modelVersion;
    const put = await two.app.request('/v1/admin/model', {
      method: 'PUT',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify(valueModel({ hoursPerRun: 0.4 })),
    });
    expect(put.status).toBe(201);
    const after = await eventually(
      () => summary(one),
      (answer) => answer.modelVersion > version,
    );
    expect(after.modelVersion).toBe(version + 1);
    expect(after).toEqual(await summary(two));
  });
});
