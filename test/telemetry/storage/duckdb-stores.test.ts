import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';
import { Database, isoText } from '../../../telemetry/storage/duckdb/database.ts';
import { openDuckDbStorage } from '../../../telemetry/storage/duckdb/index.ts';
import type { IngestBatch, Storage } from '../../../telemetry/storage/interface.ts';
import { tempDir } from '../../helpers.ts';

const receivedAt = new Date('2024-06-10T12:00:00.000Z');

let cleanup: () => Promise<void>;
let path: string;
let storage: Storage;
/** A second handle on the same cached DuckDB instance, to look at the tables directly. */
let db: Database;

async function open(): Promise<void> {
  storage = await openDuckDbStorage(path);
  db = await Database.open(path);
}

async function closeAll(): Promise<void> {
  db.close();
  await storage.close();
}

beforeEach(async () => {
  const temp = await tempDir();
  cleanup = temp.cleanup;
  path = join(temp.dir, 'store.duckdb');
  await open();
});

afterEach(async () => {
  await closeAll();
  await cleanup();
});

function batch(raws: unknown[], sourceId = 'src_a', at = receivedAt): IngestBatch {
  return prepareBatch(raws, { sourceId, receivedAt: at });
}

async function count(table: string): Promise<number> {
  const rows = await db.query(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

const track = (messageId: string | undefined, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Report Exported',
  userId: 'u1',
  ...(messageId === undefined ? {} : { messageId }),
  ...extra,
});

describe('de-duplication', () => {
  it('counts a messageId once within a group, per source', async () => {
    const outcomes = await storage.events.commit([
      batch([track('m1'), track('m1'), track('m2')]),
      batch([track('m2'), track('m3')]),
      batch([track('m1')], 'src_b'),
    ]);
    expect(outcomes).toEqual([
      { accepted: 2, duplicates: 1 },
      { accepted: 1, duplicates: 1 },
      { accepted: 1, duplicates: 0 },
    ]);
    expect(await count('events')).toBe(4);
  });

  it('counts a messageId once across commits and across a restart', async () => {
    expect(await storage.events.commit([batch([track('m1'), track('m2')])])).toEqual([
      { accepted: 2, duplicates: 0 },
    ]);
    expect(await storage.events.commit([batch([track('m2'), track('m3')])])).toEqual([
      { accepted: 1, duplicates: 1 },
    ]);
    await closeAll();
    await open();
    expect(await storage.events.commit([batch([track('m1'), track('m3'), track('m4')])])).toEqual([
      { accepted: 1, duplicates: 2 },
    ]);
    const ids = await db.query('SELECT message_id FROM events ORDER BY message_id');
    expect(ids.map((row) => row.message_id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    const inventory = await storage.inventory.inventory({});
    expect(inventory.totals).toEqual({ events: 4, duplicates: 3, quarantined: 0 });
  });

  it('never de-duplicates events that came without a messageId', async () => {
    const same = track(undefined, { timestamp: '2024-06-01T00:00:00Z' });
    expect(await storage.events.commit([batch([same, same]), batch([same])])).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
    ]);
    expect(await storage.events.commit([batch([same])])).toEqual([{ accepted: 1, duplicates: 0 }]);
    expect(await count('events')).toBe(4);
    expect(await count('message_fingerprints')).toBe(0);
  });

  it('forgets message ids first seen before the cut-off, and only those', async () => {
    const january = new Date('2024-01-15T00:00:00Z');
    await storage.events.commit([batch([track('old-1'), track('old-2')], 'src_a', january)]);
    await storage.events.commit([batch([track('new-1')])]);
    expect(await storage.events.pruneMessageIds(new Date('2024-03-01T00:00:00Z'))).toBe(2);
    expect(await storage.events.pruneMessageIds(new Date('2024-03-01T00:00:00Z'))).toBe(0);
    expect(await storage.events.commit([batch([track('old-1'), track('new-1')])])).toEqual([
      { accepted: 1, duplicates: 1 },
    ]);
  });
});

describe('a failed commit', () => {
  it('rolls back everything and leaves the ids free for the retry', async () => {
    const failing = batch([
      track('m1', { properties: { format: 'pdf' } }),
      track('m1'),
      { type: 'identify', messageId: 'm2', userId: 'u1', traits: { plan: 'pro' } },
      { type: 'track', userId: 'u1' },
    ]);
    // A trait the store cannot serialize fails the commit late, after events and quarantine.
    const identify = failing.events.find((event) => event.type === 'identify');
    if (!identify) throw new Error('the identify event should have been accepted');
    identify.traits = { plan: 'pro', seats: 10n };
    await expect(storage.events.commit([failing])).rejects.toThrow(/BigInt/);
    for (const table of [
      'events',
      'message_fingerprints',
      'quarantine',
      'ingest_counters',
      'inventory_properties',
      'user_traits',
    ]) {
      expect({ table, rows: await count(table) }).toEqual({ table, rows: 0 });
    }
    identify.traits = { plan: 'pro', seats: 10 };
    expect(await storage.events.commit([failing])).toEqual([{ accepted: 2, duplicates: 1 }]);
    expect(await count('events')).toBe(2);
    expect(await count('quarantine')).toBe(1);
  });
});

describe('a large commit (appended in slices, the event loop turning between them)', () => {
  it('stores every event once, in order, and rolls all of it back when a late step fails', async () => {
    const ids = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, index) => track(`m${from + index}`));
    const batches = () => [batch(ids(0, 700)), batch(ids(700, 1_234)), batch([track('m5')])];
    const failing = batches();
    const identify = batch([
      { type: 'identify', messageId: 'who', userId: 'u1', traits: { seats: 1 } },
    ]);
    (identify.events[0] as { traits: unknown }).traits = { seats: 10n };
    await expect(storage.events.commit([...failing, identify])).rejects.toThrow(/BigInt/);
    expect(await count('events')).toBe(0);
    expect(await count('message_fingerprints')).toBe(0);

    expect(await storage.events.commit(batches())).toEqual([
      { accepted: 700, duplicates: 0 },
      { accepted: 534, duplicates: 0 },
      { accepted: 0, duplicates: 1 },
    ]);
    const rows = await db.query('SELECT message_id, seq FROM events ORDER BY seq');
    expect(rows.map((row) => row.message_id)).toEqual(
      Array.from({ length: 1_234 }, (_, index) => `m${index}`),
    );
    const seqs = rows.map((row) => Number(row.seq));
    expect(seqs).toEqual(seqs.map((_, index) => (seqs[0] as number) + index));
  });
});

describe('stored events', () => {
  it('keeps timestamp, sentAt, receivedAt, the corrected time and the future flag', async () => {
    await storage.events.commit([
      batch([
        track('skewed', { timestamp: '2024-06-10T13:00:00Z', sentAt: '2024-06-10T13:05:00Z' }),
        track('future', { timestamp: '2024-06-20T00:00:00Z' }),
        track('none'),
      ]),
    ]);
    const rows = await db.query(
      `SELECT message_id, ${isoText('client_timestamp')} AS ts, ${isoText('sent_at')} AS sent,
              ${isoText('received_at')} AS received, ${isoText('event_time')} AS at, clock_flag
       FROM events ORDER BY message_id`,
    );
    expect(rows).toEqual([
      {
        message_id: 'future',
        ts: '2024-06-20T00:00:00.000Z',
        sent: null,
        received: '2024-06-10T12:00:00.000Z',
        at: '2024-06-10T12:00:00.000Z',
        clock_flag: 'future_timestamp',
      },
      {
        message_id: 'none',
        ts: null,
        sent: null,
        received: '2024-06-10T12:00:00.000Z',
        at: '2024-06-10T12:00:00.000Z',
        clock_flag: null,
      },
      {
        message_id: 'skewed',
        ts: '2024-06-10T13:00:00.000Z',
        sent: '2024-06-10T13:05:00.000Z',
        received: '2024-06-10T12:00:00.000Z',
        at: '2024-06-10T11:55:00.000Z',
        clock_flag: null,
      },
    ]);
  });

  it('stores emoji, right-to-left text and NUL characters unchanged', async () => {
    const name = 'Rapport \u0000 مُصدَّر 🎉';
    const properties = { note: 'a\u0000b', title: 'שלום 👋' };
    await storage.events.commit([batch([track('m\u00001', { event: name, properties })])]);
    const rows = await db.query('SELECT message_id, name, properties FROM events');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.message_id).toBe('m\u00001');
    expect(rows[0]?.name).toBe(name);
    expect(JSON.parse(String(rows[0]?.properties))).toEqual(properties);
  });
});

describe('traits and memberships', () => {
  const identify = (messageId: string, timestamp: string, traits: Record<string, unknown>) => ({
    type: 'identify',
    messageId,
    userId: 'u1',
    timestamp,
    traits,
  });

  async function userTraits() {
    return db.query(
      `SELECT key, value, ${isoText('observed_at')} AS observed, ${isoText('changed_at')} AS changed
       FROM user_traits WHERE user_id = 'u1' ORDER BY key`,
    );
  }

  it('keeps the latest value by event time; changed_at moves only when the value does', async () => {
    await storage.events.commit([
      batch([identify('i1', '2024-06-01T00:00:00Z', { plan: 'free', seats: 3 })]),
    ]);
    await storage.events.commit([
      batch([identify('i2', '2024-06-02T00:00:00Z', { plan: 'free' })]),
    ]);
    expect(await userTraits()).toEqual([
      {
        key: 'plan',
        value: '"free"',
        observed: '2024-06-02T00:00:00.000Z',
        changed: '2024-06-01T00:00:00.000Z',
      },
      {
        key: 'seats',
        value: '3',
        observed: '2024-06-01T00:00:00.000Z',
        changed: '2024-06-01T00:00:00.000Z',
      },
    ]);
    await storage.events.commit([
      batch([identify('i3', '2024-06-03T00:00:00Z', { plan: 'pro', seats: 3 })]),
    ]);
    // Arrives late, with an older time: it must not overwrite the newer value.
    await storage.events.commit([
      batch([identify('i4', '2024-05-15T00:00:00Z', { plan: 'enterprise', seats: 99 })]),
    ]);
    expect(await userTraits()).toEqual([
      {
        key: 'plan',
        value: '"pro"',
        observed: '2024-06-03T00:00:00.000Z',
        changed: '2024-06-03T00:00:00.000Z',
      },
      {
        key: 'seats',
        value: '3',
        observed: '2024-06-03T00:00:00.000Z',
        changed: '2024-06-01T00:00:00.000Z',
      },
    ]);
  });

  it('gives the same answer when the observations arrive in one commit, out of order', async () => {
    await storage.events.commit([
      batch([
        identify('i3', '2024-06-03T00:00:00Z', { plan: 'pro', seats: 3 }),
        identify('i1', '2024-06-01T00:00:00Z', { plan: 'free', seats: 3 }),
        identify('i4', '2024-05-15T00:00:00Z', { plan: 'enterprise', seats: 99 }),
        identify('i2', '2024-06-02T00:00:00Z', { plan: 'free' }),
      ]),
    ]);
    expect(await userTraits()).toEqual([
      {
        key: 'plan',
        value: '"pro"',
        observed: '2024-06-03T00:00:00.000Z',
        changed: '2024-06-03T00:00:00.000Z',
      },
      {
        key: 'seats',
        value: '3',
        observed: '2024-06-03T00:00:00.000Z',
        changed: '2024-06-01T00:00:00.000Z',
      },
    ]);
  });

  it('dates a change to its first observation when it is repeated within a commit', async () => {
    await storage.events.commit([
      batch([identify('i1', '2024-06-01T00:00:00Z', { plan: 'free' })]),
    ]);
    await storage.events.commit([
      batch([
        identify('i2', '2024-06-05T00:00:00Z', { plan: 'pro' }),
        identify('i3', '2024-06-04T00:00:00Z', { plan: 'pro' }),
      ]),
    ]);
    expect(await userTraits()).toEqual([
      {
        key: 'plan',
        value: '"pro"',
        observed: '2024-06-05T00:00:00.000Z',
        changed: '2024-06-04T00:00:00.000Z',
      },
    ]);
  });

  it('moves changed_at when a value changes and changes back within one commit', async () => {
    await storage.events.commit([
      batch([identify('i1', '2024-06-01T00:00:00Z', { plan: 'free' })]),
    ]);
    await storage.events.commit([
      batch([
        identify('i2', '2024-06-02T00:00:00Z', { plan: 'pro' }),
        identify('i3', '2024-06-03T00:00:00Z', { plan: 'free' }),
      ]),
    ]);
    expect(await userTraits()).toEqual([
      {
        key: 'plan',
        value: '"free"',
        observed: '2024-06-03T00:00:00.000Z',
        changed: '2024-06-03T00:00:00.000Z',
      },
    ]);
  });

  it('keeps account traits from group calls and ties users to accounts', async () => {
    const group = (
      messageId: string,
      person: Record<string, string>,
      timestamp: string,
      traits = {},
    ) => ({
      type: 'group',
      messageId,
      groupId: 'acct-1',
      timestamp,
      traits,
      ...person,
    });
    await storage.events.commit([
      batch([
        group('g1', { userId: 'u1' }, '2024-06-01T00:00:00Z', {
          plan: 'pro',
          seats: 10,
          spend: 12000,
        }),
        group('g2', { userId: 'u2' }, '2024-06-02T00:00:00Z', { seats: 12 }),
        group('g3', { anonymousId: 'anon-9' }, '2024-06-03T00:00:00Z'),
      ]),
    ]);
    await storage.events.commit([
      batch([group('g4', { userId: 'u1' }, '2024-06-04T00:00:00Z', { seats: 12 })]),
    ]);
    const traits = await db.query(
      `SELECT key, value, ${isoText('changed_at')} AS changed FROM account_traits
       WHERE account_id = 'acct-1' ORDER BY key`,
    );
    expect(traits).toEqual([
      { key: 'plan', value: '"pro"', changed: '2024-06-01T00:00:00.000Z' },
      { key: 'seats', value: '12', changed: '2024-06-02T00:00:00.000Z' },
      { key: 'spend', value: '12000', changed: '2024-06-01T00:00:00.000Z' },
    ]);
    const members = await db.query(
      `SELECT account_id, user_id, ${isoText('first_seen')} AS first, ${isoText('last_seen')} AS last
       FROM account_users ORDER BY user_id`,
    );
    expect(members).toEqual([
      {
        account_id: 'acct-1',
        user_id: 'anon-9',
        first: '2024-06-03T00:00:00.000Z',
        last: '2024-06-03T00:00:00.000Z',
      },
      {
        account_id: 'acct-1',
        user_id: 'u1',
        first: '2024-06-01T00:00:00.000Z',
        last: '2024-06-04T00:00:00.000Z',
      },
      {
        account_id: 'acct-1',
        user_id: 'u2',
        first: '2024-06-02T00:00:00.000Z',
        last: '2024-06-02T00:00:00.000Z',
      },
    ]);
    expect(await count('user_traits')).toBe(0);
  });
});

describe('reading a table as it is copied', () => {
  it('gives every row once, in order, a chunk at a time, converted as a query converts them', async () => {
    const sql = `SELECT range AS n, TIMESTAMP '2024-06-10 12:00:00' + to_seconds(range) AS at,
                        'row ' || range AS label
                 FROM range(5000) ORDER BY n`;
    const chunks: number[] = [];
    const rows: unknown[] = [];
    for await (const chunk of db.streamRows(sql)) {
      chunks.push(chunk.length);
      rows.push(...chunk);
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks)).toBeLessThan(5000);
    expect(rows).toEqual(await db.query(sql));
    expect(rows[4999]).toMatchObject({ n: '4999', label: 'row 4999' });
  });

  it('gives the connection back closed when the reader stops early, and the next read works', async () => {
    for await (const chunk of db.streamRows('SELECT range AS n FROM range(10000)')) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(await db.query('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
  });
});
