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

describe('inventory', () => {
  type Raw = Record<string, unknown>;
  const hour = 60 * 60 * 1000;
  const start = Date.parse('2024-05-01T00:00:00.000Z');

  /** A varied, deterministic stream of events for two sources. */
  function rawEvents(): Array<{ sourceId: string; raw: Raw }> {
    const sent: Array<{ sourceId: string; raw: Raw }> = [];
    for (let i = 0; i < 60; i++) {
      const person = i % 6 === 0 ? { anonymousId: `anon-${i % 4}` } : { userId: `u${i % 7}` };
      const common: Raw = {
        ...person,
        ...(i % 10 === 7 ? {} : { messageId: `m-${i}` }),
        timestamp: new Date(start + i * hour).toISOString(),
      };
      const kinds: Raw[] = [
        {
          type: 'track',
          event: 'Report Exported',
          properties: {
            format: i % 2 ? 'pdf' : 'csv',
            pages: i,
            ...(i % 4 === 0 ? { draft: true } : {}),
            owner: i % 3 === 0 ? null : 'x',
          },
          ...(i % 3 === 0 ? { groupId: `acct-${i % 4}` } : {}),
        },
        {
          type: 'track',
          event: 'Dashboard Viewed',
          properties: { id: `d${i % 4}`, tags: i % 2 ? ['a'] : { a: 1 } },
          ...(i % 3 === 1 ? { context: { groupId: `acct-${i % 2}` } } : {}),
        },
        { type: 'page', ...(i % 2 ? { name: 'Home' } : {}), properties: { path: '/' } },
        { type: 'identify', traits: { plan: i % 2 ? 'pro' : 'free', seats: i } },
        { type: 'group', groupId: `acct-${i % 4}`, traits: { plan: 'pro' } },
      ];
      sent.push({ sourceId: i % 3 === 0 ? 'src_b' : 'src_a', raw: { ...common, ...kinds[i % 5] } });
    }
    return sent;
  }

  const bad: Array<{ sourceId: string; raw: Raw; code: string }> = [
    { sourceId: 'src_a', raw: { type: 'track', userId: 'u1' }, code: 'missing_event_name' },
    { sourceId: 'src_a', raw: { type: 'track', userId: 'u2' }, code: 'missing_event_name' },
    { sourceId: 'src_a', raw: { type: 'alias', userId: 'u1' }, code: 'unsupported_type' },
    { sourceId: 'src_b', raw: { type: 'track', event: 'E' }, code: 'missing_identity' },
  ];

  function kindOf(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    return typeof value === 'object' ? 'object' : typeof value;
  }

  /** The inventory worked out from what was sent, without the product's pipeline. */
  function expected(sends: Array<{ sourceId: string; raw: Raw }>, only?: string) {
    const seen = new Set<string>();
    let duplicates = 0;
    const groups = new Map<string, Raw[]>();
    for (const { sourceId, raw } of sends) {
      if (only && sourceId !== only) continue;
      if (raw.messageId !== undefined) {
        const key = `${sourceId}/${String(raw.messageId)}`;
        if (seen.has(key)) {
          duplicates++;
          continue;
        }
        seen.add(key);
      }
      const name =
        raw.type === 'track' ? raw.event : raw.type === 'page' ? (raw.name ?? null) : null;
      const id = `${String(raw.type)}/${String(name)}`;
      groups.set(id, [...(groups.get(id) ?? []), { ...raw, name }]);
    }
    const events = [...groups.values()].map((list) => {
      const payloads = list.map((raw) => (raw.traits ?? raw.properties ?? {}) as Raw);
      const accounts = list.map(
        (raw) => raw.groupId ?? (raw.context as Raw | undefined)?.groupId ?? null,
      );
      const times = list.map((raw) => String(raw.timestamp)).sort();
      const keys = [...new Set(payloads.flatMap((payload) => Object.keys(payload)))].sort();
      return {
        name: (list[0]?.name ?? null) as string | null,
        type: String(list[0]?.type),
        count: list.length,
        accounts: new Set(accounts.filter((account) => account !== null)).size,
        users: new Set(list.map((raw) => raw.userId ?? raw.anonymousId)).size,
        firstSeen: times[0],
        lastSeen: times[times.length - 1],
        properties: keys.map((key) => {
          const values = payloads
            .filter((payload) => key in payload)
            .map((payload) => payload[key]);
          return {
            key,
            types: [...new Set(values.map(kindOf))].sort(),
            fillRate: values.filter((value) => value !== null).length / list.length,
          };
        }),
      };
    });
    const reasons = new Map<string, number>();
    for (const reject of bad) {
      if (!only || reject.sourceId === only) {
        reasons.set(reject.code, (reasons.get(reject.code) ?? 0) + 1);
      }
    }
    const total = [...groups.values()].reduce((sum, list) => sum + list.length, 0);
    return {
      totals: { events: total, duplicates, quarantined: only === 'src_b' ? 1 : only ? 3 : 4 },
      events,
      reasons: [...reasons]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    };
  }

  const byTypeAndName = <T extends { type: string; name: string | null }>(list: T[]) =>
    [...list].sort((a, b) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`));

  async function send(sends: Array<{ sourceId: string; raw: Raw }>, extra: typeof bad = []) {
    const batches = ['src_a', 'src_b'].map((sourceId) =>
      batch(
        [
          ...sends.filter((send) => send.sourceId === sourceId).map((send) => send.raw),
          ...extra.filter((reject) => reject.sourceId === sourceId).map((reject) => reject.raw),
        ],
        sourceId,
      ),
    );
    await storage.events.commit(batches);
  }

  it('matches counts, accounts, users, fill rates, types, duplicates and reasons', async () => {
    const events = rawEvents();
    // Event 20 twice in the first commit; then the first ten again, one of them without an id.
    const first = [...events, events[20] as (typeof events)[number]];
    const resent = events.slice(0, 10);
    await send(first, bad);
    await storage.events.compactRollups();
    await send(resent);
    const sends = [...first, ...resent];

    // Part of the rollup is folded into totals, part still in deltas; then all of it is folded.
    for (const only of [undefined, 'src_a', 'src_b', 'compacted']) {
      if (only === 'compacted') await storage.events.compactRollups();
      const filter = only === 'compacted' ? undefined : only;
      const inventory = await storage.inventory.inventory({ sourceId: filter });
      const want = expected(sends, filter);
      expect(inventory.totals).toEqual(want.totals);
      expect(byTypeAndName(inventory.events)).toEqual(byTypeAndName(want.events));
      expect(inventory.quarantine.reasons).toEqual(want.reasons);
      const counts = inventory.events.map((event) => event.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
    // Spot-check the independent computation itself, so both cannot be wrong together.
    const all = await storage.inventory.inventory({});
    expect(all.totals).toEqual({ events: 61, duplicates: 10, quarantined: 4 });
    const reports = all.events.find((event) => event.name === 'Report Exported');
    // i = 0, 5, …, 55; accounts from i = 0, 15, 30, 45; anon-0, anon-2 and six user ids.
    expect(reports).toMatchObject({ count: 12, accounts: 4, users: 8 });
    expect(reports?.properties.find((property) => property.key === 'draft')).toEqual({
      key: 'draft',
      types: ['boolean'],
      fillRate: 3 / 12,
    });
    expect(reports?.properties.find((property) => property.key === 'owner')).toEqual({
      key: 'owner',
      types: ['null', 'string'],
      fillRate: 8 / 12,
    });
    expect(all.quarantine.reasons).toEqual([
      { code: 'missing_event_name', count: 2 },
      { code: 'missing_identity', count: 1 },
      { code: 'unsupported_type', count: 1 },
    ]);
  });

  it('lists quarantined events with their raw payload, newest first, by source and limit', async () => {
    await send([], bad);
    const later = new Date(receivedAt.getTime() + hour);
    await storage.events.commit([batch([{ type: 'screen' }], 'src_b', later)]);
    const all = await storage.inventory.quarantine({ limit: 100 });
    expect(all).toHaveLength(5);
    expect(all[0]).toMatchObject({
      sourceId: 'src_b',
      code: 'missing_identity',
      path: 'userId',
      raw: '{"type":"screen"}',
      receivedAt: later.toISOString(),
    });
    expect(all.map((entry) => entry.raw).sort()).toEqual(
      [...bad.map((reject) => JSON.stringify(reject.raw)), '{"type":"screen"}'].sort(),
    );
    expect(await storage.inventory.quarantine({ limit: 2 })).toHaveLength(2);
    const fromB = await storage.inventory.quarantine({ sourceId: 'src_b', limit: 100 });
    expect(fromB.map((entry) => entry.raw)).toEqual([
      '{"type":"screen"}',
      JSON.stringify({ type: 'track', event: 'E' }),
    ]);
  });
});
