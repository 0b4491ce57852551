import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';
import type {
  EventStore,
  IngestBatch,
  InventoryStore,
} from '../../../telemetry/storage/interface.ts';
import type { PostgresDatabase } from '../../../telemetry/storage/postgres/database.ts';
import { digestOf, encodeEvents } from '../../../telemetry/storage/postgres/event-rows.ts';
import {
  EVENT_COLUMNS,
  PostgresEventStore,
} from '../../../telemetry/storage/postgres/event-store.ts';
import { PostgresInventoryStore } from '../../../telemetry/storage/postgres/inventory-store.ts';
import { describePostgres, withTwoProcesses } from '../../postgres.ts';
import { eachStore, type OpenedStore } from './each-store.ts';

/**
 * Ingest's store contract on every implementation (memory, DuckDB, PostgreSQL when one is
 * configured): de-duplication by message id, quarantine, and the inventory read back from them,
 * checked against an independent count of what was sent. On PostgreSQL also: several processes
 * committing at once count every id once.
 */

interface Telemetry {
  events: EventStore;
  inventory: InventoryStore;
}

const postgresTelemetry = (database: PostgresDatabase): Telemetry => ({
  events: new PostgresEventStore(database),
  inventory: new PostgresInventoryStore(database),
});

const stores = eachStore<Telemetry>(
  (storage) => ({ events: storage.events, inventory: storage.inventory }),
  postgresTelemetry,
);

const receivedAt = new Date('2024-06-10T12:00:00.000Z');

function batch(raws: unknown[], sourceId = 'src_a', at = receivedAt): IngestBatch {
  return prepareBatch(raws, { sourceId, receivedAt: at });
}

const track = (messageId: string | undefined, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Report Exported',
  userId: 'u1',
  ...(messageId === undefined ? {} : { messageId }),
  ...extra,
});

for (const { name, open, suite } of stores) {
  let opened: OpenedStore<Telemetry>;
  let storage: Telemetry;
  beforeEach(async () => {
    if (suite !== describePostgres || process.env.VALUEPRINT_TEST_POSTGRES) {
      opened = await open();
      storage = opened.store;
    }
  });
  afterEach(async () => {
    await opened?.close();
  });

  suite(`de-duplication on ${name}`, () => {
    const events = async () => (await storage.inventory.inventory({})).totals;

    it('counts a messageId once within a commit and across commits, per source', async () => {
      expect(
        await storage.events.commit([
          batch([track('m1'), track('m1'), track('m2')]),
          batch([track('m2'), track('m3')]),
          batch([track('m1')], 'src_b'),
        ]),
      ).toEqual([
        { accepted: 2, duplicates: 1 },
        { accepted: 1, duplicates: 1 },
        { accepted: 1, duplicates: 0 },
      ]);
      expect(await storage.events.commit([batch([track('m3'), track('m4')])])).toEqual([
        { accepted: 1, duplicates: 1 },
      ]);
      expect(await events()).toEqual({ events: 5, duplicates: 3, quarantined: 0 });
    });

    it('never de-duplicates events that came without a messageId', async () => {
      const same = track(undefined, { timestamp: '2024-06-01T00:00:00Z' });
      expect(await storage.events.commit([batch([same, same]), batch([same])])).toEqual([
        { accepted: 2, duplicates: 0 },
        { accepted: 1, duplicates: 0 },
      ]);
      expect(await events()).toEqual({ events: 3, duplicates: 0, quarantined: 0 });
    });

    it('tells apart ids that differ only in a NUL or the character that stands for it', async () => {
      const ids = ['m\u00001', 'm\uFFFD1', 'm1'];
      expect(await storage.events.commit([batch(ids.map((id) => track(id)))])).toEqual([
        { accepted: 3, duplicates: 0 },
      ]);
      expect(await storage.events.commit([batch(ids.map((id) => track(id)))])).toEqual([
        { accepted: 0, duplicates: 3 },
      ]);
    });

    it('keeps a NUL in a name, an id and a property without failing the commit', async () => {
      const outcome = await storage.events.commit([
        batch([
          track('n\u00001', {
            event: 'Rapport \u0000 exporté',
            userId: 'u\u0000',
            properties: { note: 'a\u0000b', path: 'C:\\u0000' },
          }),
        ]),
      ]);
      expect(outcome).toEqual([{ accepted: 1, duplicates: 0 }]);
      const [event] = (await storage.inventory.inventory({})).events;
      // PostgreSQL's text cannot hold U+0000: it keeps U+FFFD there; the others keep it as sent.
      expect(event?.name).toBe(
        name === 'postgres' ? 'Rapport \uFFFD exporté' : 'Rapport \u0000 exporté',
      );
      expect(event?.properties.map((property) => property.key)).toEqual(['note', 'path']);
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

  suite(`inventory on ${name}`, () => {
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
        sent.push({
          sourceId: i % 3 === 0 ? 'src_b' : 'src_a',
          raw: { ...common, ...kinds[i % 5] },
        });
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
}

describe("a message id's claim on PostgreSQL", () => {
  it('is the first 16 bytes of SHA-256 over source, newline and id, for any text', () => {
    // Claims already stored must keep matching: the digest is checked against hashing the parts.
    for (const [source, id] of [
      ['src_a', 'm1'],
      ['src_a', 'm\u00001'],
      ['src_a', 'm\uFFFD1'],
      ['src_b', 'ü-😀-\u{10FFFF}'],
      ['src_a', '\uDC00lone'],
      ['src_a\uD800', 'x'],
      ['', ''],
    ] as const) {
      const parts = createHash('sha256').update(source).update('\n').update(id).digest();
      expect(digestOf(source, id)).toEqual(parts.subarray(0, 16));
    }
    expect(digestOf('src_a', 'm\u00001')).not.toEqual(digestOf('src_a', 'm\uFFFD1'));
  });
});

describePostgres('events on PostgreSQL from several service processes', () => {
  it('commits new ids in one statement; one that meets a taken id gives way, leaving nothing of its try, and is committed carefully', async () => {
    await withTwoProcesses(async (one, two) => {
      const store = postgresTelemetry(one);
      const heard: string[] = [];
      two.changes.subscribe((change) => heard.push(change.kind));
      await two.changes.listening();
      const statement = vi.spyOn(one, 'statement');
      const transaction = vi.spyOn(one, 'transaction');

      expect(await store.events.commit([batch([track('a1'), track('a2')])])).toEqual([
        { accepted: 2, duplicates: 0 },
      ]);
      expect([statement.mock.calls.length, transaction.mock.calls.length]).toEqual([1, 0]);

      // a1 is taken: the one statement fails as a whole, then the careful commit counts it.
      expect(await store.events.commit([batch([track('a3'), track('a1')])])).toEqual([
        { accepted: 1, duplicates: 1 },
      ]);
      expect([statement.mock.calls.length, transaction.mock.calls.length]).toEqual([2, 1]);

      // An id twice in one commit goes the careful way at once.
      expect(await store.events.commit([batch([track('a4'), track('a4')])])).toEqual([
        { accepted: 1, duplicates: 1 },
      ]);
      expect([statement.mock.calls.length, transaction.mock.calls.length]).toEqual([2, 2]);

      const count = async (sql: string) => Number((await one.query(sql))[0]?.n);
      expect(await count('SELECT count(*) AS n FROM events')).toBe(4);
      expect(await count('SELECT count(DISTINCT message_id) AS n FROM events')).toBe(4);
      expect(await count('SELECT count(*) AS n FROM message_ids')).toBe(4);
      // One pending commit for each that wrote events: the failed try left none.
      expect(await count('SELECT count(*) AS n FROM value_pending')).toBe(3);
      expect((await store.inventory.inventory({})).totals).toEqual({
        events: 4,
        duplicates: 2,
        quarantined: 0,
      });
      const [reportExported] = (await store.inventory.inventory({})).events;
      expect(reportExported?.count).toBe(4);
      // Three commits announced; the failed try's announcement was undone with it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toEqual(['events', 'events', 'events']);
    });
  });

  it('stores every column as sent: times to the millisecond on both sides of either epoch, any text, NULLs', async () => {
    await withTwoProcesses(async (one) => {
      const times = [
        '0001-01-01T00:00:00.000Z',
        '1969-12-31T23:59:59.999Z',
        '1999-12-31T23:59:59.999Z',
        '2000-01-01T00:00:00.001Z',
        '9999-12-31T23:59:59.999Z',
      ];
      const sent = times.map((timestamp, index) =>
        track(`t${index}`, {
          timestamp,
          sentAt: '2024-06-10T11:59:59.250Z',
          event: `Zürich 🚲 ${index}`,
          anonymousId: index === 0 ? 'anon-ü' : undefined,
          properties: { city: 'São Paulo', n: index, deep: { list: [1, 'two', null] } },
        }),
      );
      expect(await postgresTelemetry(one).events.commit([batch(sent)])).toEqual([
        { accepted: 5, duplicates: 0 },
      ]);
      const rows = await one.query(
        `SELECT message_id, name, anonymous_id, user_id, properties, context,
                to_char(client_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp,
                sent_at, received_at, event_time, message_id_assigned, clock_flag
         FROM events ORDER BY message_id`,
      );
      expect(rows.map((row) => row.timestamp)).toEqual(times);
      expect(rows[0]).toMatchObject({
        message_id: 't0',
        name: 'Zürich 🚲 0',
        anonymous_id: 'anon-ü',
        user_id: 'u1',
        properties: { city: 'São Paulo', n: 0, deep: { list: [1, 'two', null] } },
        context: null,
        sent_at: '2024-06-10T11:59:59.250Z',
        received_at: receivedAt.toISOString(),
        message_id_assigned: false,
        // A timestamp the skew correction cannot trust: the event counts when it arrived.
        event_time: receivedAt.toISOString(),
        clock_flag: 'implausible_timestamp',
      });
      expect(rows[1]?.anonymous_id).toBeNull();
      // A time the sender's clock gives, moved by the sender's skew (sent 0.75 s before arrival).
      expect(rows[3]?.event_time).toBe('2000-01-01T00:00:00.751Z');
    });
  });

  it('stores a batch encoded where it was read as it stores one encoded at the commit, and re-encodes one for another source', async () => {
    await withTwoProcesses(async (one, two) => {
      const sent = [
        track('e1', { groupId: 'acme', properties: { n: 1, note: 'a\u0000b' } }),
        track(undefined, { anonymousId: 'anon-1', userId: undefined }),
        { type: 'identify', messageId: 'e3', userId: 'u1', traits: { plan: 'pro' } },
        {
          type: 'page',
          messageId: 'e4',
          userId: 'u1',
          name: 'Home',
          sentAt: '2024-06-10T11:59:59.000Z',
        },
      ];
      const ahead = batch(sent);
      ahead.encoded = encodeEvents('src_a', ahead.events);
      await postgresTelemetry(one).events.commit([ahead]);
      // The same events from another source, encoded by the store at the commit.
      await postgresTelemetry(two).events.commit([batch(sent, 'src_c')]);
      const stored = async (source: string) =>
        (
          await one.query(
            `SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE source_id = $1
             ORDER BY message_id_assigned, message_id`,
            [source],
          )
        ).map(
          (row): Record<string, unknown> => ({
            ...row,
            source_id: 'either',
            // Each read assigns its own id to an event sent without one.
            message_id: row.message_id_assigned ? 'assigned' : row.message_id,
          }),
        );
      const fromReader = await stored('src_a');
      expect(fromReader).toHaveLength(4);
      expect(fromReader).toEqual(await stored('src_c'));
      expect(fromReader[0]?.properties).toEqual({ n: 1, note: 'a\uFFFDb' });

      // Read with the source still unknown (a key in the body), then given its source: the
      // encoding made for the other source is not used.
      const late = batch([track('e5'), track('e1')], 'src_b');
      late.encoded = encodeEvents('src_a', late.events);
      const store = postgresTelemetry(one).events;
      expect(await store.commit([late])).toEqual([{ accepted: 2, duplicates: 0 }]);
      expect(await store.commit([batch([track('e1')], 'src_b')])).toEqual([
        { accepted: 0, duplicates: 1 },
      ]);
      const sources = await one.query(
        "SELECT source_id, count(*)::int AS n FROM events WHERE message_id IN ('e1', 'e5') GROUP BY 1 ORDER BY 1",
      );
      expect(sources).toEqual([
        { source_id: 'src_a', n: 1 },
        { source_id: 'src_b', n: 2 },
        { source_id: 'src_c', n: 1 },
      ]);
    });
  });

  it('stores every field as sent, a NUL as U+FFFD and a written-out \\u0000 as those six characters', async () => {
    await withTwoProcesses(async (one) => {
      const store = postgresTelemetry(one);
      const sent = {
        event: 'Rapport\t\u0000 "exporté"',
        userId: 'u\u0000',
        anonymousId: 'anon\\u0000',
        groupId: 'acme',
        timestamp: '2024-06-10T11:59:58.123Z',
        sentAt: '2024-06-10T11:59:59.456Z',
        properties: { note: 'a\u0000b', path: 'C:\\u0000', n: 1.5, deep: { list: [1, null] } },
        context: { ip: '203.0.113.9', note: 'c\u0000d', path: 'D:\\u0000' },
      };
      await store.events.commit([batch([track('n\u00001', sent), track('plain-2')])]);
      const rows = await one.query(
        `SELECT message_id, message_id_assigned, type, name, user_id, anonymous_id, account_id,
                properties, context, client_timestamp, sent_at, received_at, event_time, clock_flag
         FROM events ORDER BY message_id`,
      );
      expect(rows).toHaveLength(2);
      const [row] = rows;
      expect(row).toMatchObject({
        message_id: 'n\uFFFD1',
        message_id_assigned: false,
        type: 'track',
        name: 'Rapport\t\uFFFD "exporté"',
        user_id: 'u\uFFFD',
        anonymous_id: 'anon\\u0000',
        account_id: 'acme',
        properties: { note: 'a\uFFFDb', path: 'C:\\u0000', n: 1.5, deep: { list: [1, null] } },
        client_timestamp: '2024-06-10T11:59:58.123Z',
        sent_at: '2024-06-10T11:59:59.456Z',
        received_at: receivedAt.toISOString(),
        clock_flag: null,
      });
      // The context is kept as the JSON text it was: its escapes as written, NUL's included.
      expect(JSON.parse(String(row?.context))).toEqual(sent.context);
      // Corrected for the sender's clock: sent 0.544 s before it was received.
      expect(row?.event_time).toBe('2024-06-10T11:59:58.667Z');
    });
  });

  it('counts each id once when two processes send the same new ids at once, each commit holding each id once', async () => {
    await withTwoProcesses(async (one, two) => {
      const [first, second] = [postgresTelemetry(one), postgresTelemetry(two)];
      const ids = Array.from({ length: 100 }, (_, index) => `same-${index}`);
      // Ten commits of the same 100 ids, each in its own order, five from each process at once.
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, turn) => {
          const order = ids.map((_, index) => ids[(index * 7 + turn * 13) % ids.length] as string);
          return (turn % 2 ? second : first).events.commit([batch(order.map((id) => track(id)))]);
        }),
      );
      const flat = outcomes.flat();
      expect(flat.reduce((sum, outcome) => sum + outcome.accepted, 0)).toBe(100);
      expect(flat.reduce((sum, outcome) => sum + outcome.duplicates, 0)).toBe(900);
      expect((await first.inventory.inventory({})).totals).toEqual({
        events: 100,
        duplicates: 900,
        quarantined: 0,
      });
      const [row] = await one.query(
        'SELECT count(*) AS n, count(DISTINCT message_id) AS d FROM events',
      );
      expect([Number(row?.n), Number(row?.d)]).toEqual([100, 100]);
    });
  });

  it('counts every message id once when two processes commit overlapping batches at once', async () => {
    await withTwoProcesses(async (one, two) => {
      const [first, second] = [postgresTelemetry(one), postgresTelemetry(two)];
      // 40 commits of 50 ids each from a pool of 600, half from each process, all at once.
      let seed = 7;
      const next = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed;
      };
      const commits = Array.from({ length: 40 }, () =>
        Array.from({ length: 50 }, () => track(`id-${next() % 600}`)),
      );
      const sent = new Set(commits.flat().map((event) => event.messageId));
      const outcomes = await Promise.all(
        commits.map((events, index) => (index % 2 ? second : first).events.commit([batch(events)])),
      );
      const accepted = outcomes.flat().reduce((sum, outcome) => sum + outcome.accepted, 0);
      const duplicates = outcomes.flat().reduce((sum, outcome) => sum + outcome.duplicates, 0);
      expect(accepted).toBe(sent.size);
      expect(accepted + duplicates).toBe(40 * 50);
      const totals = (await first.inventory.inventory({})).totals;
      expect(totals).toEqual({ events: sent.size, duplicates, quarantined: 0 });
      const rows = await one.query(
        'SELECT message_id, count(*) AS n FROM events GROUP BY message_id HAVING count(*) > 1',
      );
      expect(rows).toEqual([]);
    });
  });

  it('prunes each old message id once when two processes prune at once', async () => {
    await withTwoProcesses(async (one, two) => {
      const [first, second] = [postgresTelemetry(one), postgresTelemetry(two)];
      const january = new Date('2024-01-15T00:00:00Z');
      await first.events.commit([
        batch(
          Array.from({ length: 40 }, (_, index) => track(`old-${index}`)),
          'src_a',
          january,
        ),
      ]);
      await first.events.commit([batch([track('new-1')])]);
      const cut = new Date('2024-03-01T00:00:00Z');
      const pruned = await Promise.all([
        first.events.pruneMessageIds(cut),
        second.events.pruneMessageIds(cut),
      ]);
      expect(pruned[0] + pruned[1]).toBe(40);
      expect(await second.events.commit([batch([track('old-3'), track('new-1')])])).toEqual([
        { accepted: 1, duplicates: 1 },
      ]);
    });
  });
});
