import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Inventory, QuarantineEntry } from '../../telemetry/storage/interface.ts';
import {
  adminAuth,
  basic,
  bearer,
  type CreatedSource,
  createSource,
  expectError,
  postJson,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

let t: TestApp;
let acme: CreatedSource;
let partner: CreatedSource;

const badAcme = [
  { type: 'track', userId: 'u1' },
  { type: 'alias', userId: 'u1', previousId: 'anon' },
  { type: 'track', event: 'Exported', userId: 'u1', timestamp: 'last tuesday' },
];
const badPartner = { type: 'page', name: 'Home' };

beforeEach(async () => {
  t = await startTestApp();
  acme = await createSource(t.app, 'Acme Flow');
  partner = await createSource(t.app, 'Partner');
  const at = (day: number) => `2024-06-0${day}T10:00:00.000Z`;
  const acmeBatch = [
    {
      type: 'track',
      messageId: 'a1',
      event: 'Report Exported',
      userId: 'u1',
      groupId: 'acct-1',
      timestamp: at(1),
      properties: { format: 'pdf', pages: 3 },
    },
    {
      type: 'track',
      messageId: 'a2',
      event: 'Report Exported',
      userId: 'u2',
      groupId: 'acct-1',
      timestamp: at(2),
      properties: { format: 'csv' },
    },
    {
      type: 'track',
      messageId: 'a3',
      event: 'Report Exported',
      anonymousId: 'anon-1',
      timestamp: at(3),
      properties: { format: null, pages: '7' },
    },
    { type: 'identify', messageId: 'a4', userId: 'u1', timestamp: at(4), traits: { plan: 'pro' } },
    ...badAcme,
  ];
  const first = await postJson(t.app, '/v1/batch', { batch: acmeBatch }, basic(acme.writeKey));
  expect(await first.json()).toMatchObject({ accepted: 4, duplicates: 0 });
  // a2 again: a duplicate.
  const again = await postJson(t.app, '/v1/track', acmeBatch[1], basic(acme.writeKey));
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
  const second = await postJson(
    t.app,
    '/v1/batch',
    {
      batch: [
        {
          type: 'track',
          messageId: 'a1',
          event: 'Report Exported',
          userId: 'p1',
          groupId: 'acct-9',
          timestamp: at(5),
        },
        badPartner,
      ],
    },
    bearer(partner.writeKey),
  );
  expect(await second.json()).toMatchObject({ accepted: 1, duplicates: 0 });
});

afterEach(async () => {
  await t.close();
});

async function get<T>(path: string): Promise<T> {
  const res = await t.app.request(path, { headers: adminAuth });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('GET /v1/admin/inventory', () => {
  it('reports every source together', async () => {
    const inventory = await get<Inventory>('/v1/admin/inventory');
    expect(inventory.totals).toEqual({ events: 5, duplicates: 1, quarantined: 4 });
    expect(inventory.events).toEqual([
      {
        name: 'Report Exported',
        type: 'track',
        count: 4,
        accounts: 2,
        users: 4,
        firstSeen: '2024-06-01T10:00:00.000Z',
        lastSeen: '2024-06-05T10:00:00.000Z',
        properties: [
          { key: 'format', types: ['null', 'string'], fillRate: 0.5 },
          { key: 'pages', types: ['number', 'string'], fillRate: 0.5 },
        ],
      },
      {
        name: null,
        type: 'identify',
        count: 1,
        accounts: 0,
        users: 1,
        firstSeen: '2024-06-04T10:00:00.000Z',
        lastSeen: '2024-06-04T10:00:00.000Z',
        properties: [{ key: 'plan', types: ['string'], fillRate: 1 }],
      },
    ]);
    expect(inventory.quarantine.reasons).toEqual([
      { code: 'invalid_timestamp', count: 1 },
      { code: 'missing_event_name', count: 1 },
      { code: 'missing_identity', count: 1 },
      { code: 'unsupported_type', count: 1 },
    ]);
  });

  it('filters by source', async () => {
    const inventory = await get<Inventory>(`/v1/admin/inventory?source=${partner.id}`);
    expect(inventory.totals).toEqual({ events: 1, duplicates: 0, quarantined: 1 });
    expect(inventory.events).toMatchObject([
      { name: 'Report Exported', count: 1, accounts: 1, users: 1, properties: [] },
    ]);
    expect(inventory.quarantine.reasons).toEqual([{ code: 'missing_identity', count: 1 }]);
    const acmeOnly = await get<Inventory>(`/v1/admin/inventory?source=${acme.id}`);
    expect(acmeOnly.totals).toEqual({ events: 4, duplicates: 1, quarantined: 3 });
  });

  it('answers 404 for an unknown source', async () => {
    const res = await t.app.request('/v1/admin/inventory?source=src_nope', { headers: adminAuth });
    await expectError(res, 404, 'not_found');
  });
});

describe('GET /v1/admin/quarantine', () => {
  it('returns the refused events with reason and raw payload', async () => {
    const { events } = await get<{ events: QuarantineEntry[] }>('/v1/admin/quarantine');
    expect(events).toHaveLength(4);
    const bySource = (sourceId: string) =>
      events
        .filter((entry) => entry.sourceId === sourceId)
        .map(({ code, path, raw }) => ({ code, path, raw }))
        .sort((a, b) => a.code.localeCompare(b.code));
    expect(bySource(acme.id)).toEqual([
      { code: 'invalid_timestamp', path: 'timestamp', raw: JSON.stringify(badAcme[2]) },
      { code: 'missing_event_name', path: 'event', raw: JSON.stringify(badAcme[0]) },
      { code: 'unsupported_type', path: 'type', raw: JSON.stringify(badAcme[1]) },
    ]);
    expect(bySource(partner.id)).toEqual([
      { code: 'missing_identity', path: 'userId', raw: JSON.stringify(badPartner) },
    ]);
    for (const entry of events) {
      expect(entry.message.length).toBeGreaterThan(0);
      expect(entry.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('honours limit and source', async () => {
    expect((await get<{ events: unknown[] }>('/v1/admin/quarantine?limit=2')).events).toHaveLength(
      2,
    );
    const partnerOnly = await get<{ events: QuarantineEntry[] }>(
      `/v1/admin/quarantine?source=${partner.id}&limit=10`,
    );
    expect(partnerOnly.events.map((entry) => entry.sourceId)).toEqual([partner.id]);
  });

  it.each(['0', '-1', '1001', '1.5', 'ten'])('answers 400 to limit=%s', async (limit) => {
    const res = await t.app.request(`/v1/admin/quarantine?limit=${limit}`, { headers: adminAuth });
    const error = await expectError(res, 400, 'invalid_request');
    expect(error.issues).toMatchObject([{ path: 'limit' }]);
  });

  it('answers 404 for an unknown source', async () => {
    const res = await t.app.request('/v1/admin/quarantine?source=src_nope', { headers: adminAuth });
    await expectError(res, 404, 'not_found');
  });
});

describe('inventory security', () => {
  it.each(['/v1/admin/inventory', '/v1/admin/quarantine'])(
    '%s refuses no key, a write key and a wrong secret',
    async (path) => {
      for (const headers of [
        {},
        bearer(acme.writeKey),
        basic(acme.writeKey),
        bearer('not-the-secret-key-0123456789'),
      ]) {
        const res = await t.app.request(path, {
          headers: { ...headers, origin: 'https://x.example' },
        });
        await expectError(res, 401, 'unauthorized');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    },
  );
});
