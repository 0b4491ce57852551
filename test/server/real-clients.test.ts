import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { freePort } from '../ports.ts';

/**
 * The official server-side clients, unchanged, against the real server on a socket: what they
 * send (Segment's: JSON with Basic auth and writeKey in the body; RudderStack's: gzip with Basic
 * auth) is stored, and their group calls name the account.
 */

const SECRET = 'test-secret-key-0123456789abcdefghij';
let server: RunningServer;
const admin = { authorization: `Bearer ${SECRET}` };

beforeAll(async () => {
  server = await startServer(
    loadConfig({
      PORT: String(await freePort()),
      VALUEPRINT_DB: ':memory:',
      VALUEPRINT_SECRET_KEY: SECRET,
    }),
  );
});
afterAll(() => server.close());

async function newSource(name: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/admin/sources`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { writeKey: string; id: string }).writeKey;
}

async function inventoryOf(name: string) {
  const sources = (await (
    await fetch(`${server.url}/v1/admin/sources`, { headers: admin })
  ).json()) as {
    sources: Array<{ id: string; name: string }>;
  };
  const id = sources.sources.find((source) => source.name === name)?.id;
  const res = await fetch(`${server.url}/v1/admin/inventory?source=${id}`, { headers: admin });
  return (await res.json()) as {
    totals: { events: number; quarantined: number };
    events: Array<{ name: string | null; type: string; count: number; accounts: number }>;
  };
}

describe('official clients', () => {
  it("Segment's @segment/analytics-node: track, identify and group are stored", async () => {
    const writeKey = await newSource('Segment node');
    const analytics = new Analytics({
      writeKey,
      host: server.url,
      maxEventsInBatch: 10,
      flushInterval: 50,
    });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    analytics.identify({ userId: 'u1', traits: { name: 'Ada' } });
    analytics.group({ userId: 'u1', groupId: 'acme', traits: { plan: 'pro' } });
    for (let i = 0; i < 5; i++) {
      analytics.track({
        userId: 'u1',
        event: 'Report Exported',
        properties: { format: 'pdf' },
        context: { groupId: 'acme' },
      });
    }
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(failures).toEqual([]);
    const inventory = await inventoryOf('Segment node');
    expect(inventory.totals).toEqual({ events: 7, duplicates: 0, quarantined: 0 });
    expect(inventory.events.find((event) => event.name === 'Report Exported')).toMatchObject({
      count: 5,
      accounts: 1,
    });
  });

  it("RudderStack's @rudderstack/rudder-sdk-node (gzip bodies): track, identify and group are stored", async () => {
    const writeKey = await newSource('RudderStack node');
    const failures: unknown[] = [];
    const client = new RudderAnalytics(writeKey, {
      dataPlaneUrl: server.url,
      flushAt: 10,
      flushInterval: 50,
      errorHandler: (error: unknown) => failures.push(error),
    });
    client.identify({ userId: 'u2', traits: { name: 'Grace' } });
    client.group({ userId: 'u2', groupId: 'globex', traits: { plan: 'team' } });
    for (let i = 0; i < 5; i++) {
      client.track({
        userId: 'u2',
        event: 'Workflow Run Completed',
        properties: { status: 'success' },
        context: { groupId: 'globex' },
        // It sends this as originalTimestamp (no timestamp): the event's time, not its arrival.
        timestamp: new Date('2026-03-02T10:00:00.000Z'),
      });
    }
    await client.flush();
    expect(failures).toEqual([]);
    const inventory = await inventoryOf('RudderStack node');
    expect(inventory.totals).toEqual({ events: 7, duplicates: 0, quarantined: 0 });
    expect(inventory.events.find((event) => event.name === 'Workflow Run Completed')).toMatchObject(
      {
        count: 5,
        accounts: 1,
      },
    );
  });
});
