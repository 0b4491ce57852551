import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  HandoffStore,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from '../../../telemetry/storage/interface.ts';
import { PostgresHandoffStore } from '../../../telemetry/storage/postgres/handoff-store.ts';
import { describePostgres, withTwoProcesses } from '../../postgres.ts';
import { eachStore, type OpenedStore } from './each-store.ts';

/**
 * Hand-offs: every store (memory, DuckDB, PostgreSQL when one is configured) keeps them per account, count an asker's recent ones for the hourly limit,
 * list them newest first without briefs, read a rep's queue by accounts and status, and keep a
 * reply and the answered status together.
 */

const handoff = (
  accountId: string,
  id: string,
  askedBy: string,
  createdAt: string,
  extra: Partial<StoredHandoff> = {},
): StoredHandoff => ({
  accountId,
  id,
  askedBy,
  status: 'new',
  topic: { kind: 'general', ref: null, label: 'General question' },
  message: `Question ${id}`,
  channel: 'email',
  timing: null,
  brief: JSON.stringify({ version: 1, handoffId: id, note: 'ünïcödé ✓' }),
  createdAt,
  updatedAt: createdAt,
  ...extra,
});

const LIMIT = (since: string) => ({ max: 2, since });

let events = 0;
/** A change's webhook event, one second after the one before. */
const eventFor = (
  accountId: string,
  handoffId: string,
  type: PendingHandoffEvent['type'] = 'handoff.created',
): PendingHandoffEvent => {
  events += 1;
  return {
    accountId,
    id: `msg_${String(events).padStart(3, '0')}`,
    handoffId,
    type,
    data: JSON.stringify({ handoff: { id: handoffId }, n: events }),
    createdAt: new Date(Date.UTC(2026, 11, 1, 0, 0, events)).toISOString(),
  };
};
const create = (store: HandoffStore, h: StoredHandoff, limit: { max: number; since: string }) =>
  store.create(h, limit, eventFor(h.accountId, h.id));
const setStatus = (
  store: HandoffStore,
  accountId: string,
  id: string,
  status: StoredHandoff['status'],
  at: string,
) => store.setStatus(accountId, id, status, at, eventFor(accountId, id, 'handoff.updated'));
const addReply = (store: HandoffStore, reply: StoredHandoffReply) =>
  store.addReply(reply, eventFor(reply.accountId, reply.handoffId, 'handoff.replied'));

const stores = eachStore(
  (storage) => storage.handoffs,
  (database) => new PostgresHandoffStore(database),
);

for (const { name, open, suite } of stores) {
  suite(`hand-off store (${name})`, () => {
    let opened: OpenedStore<HandoffStore>;
    let storage: { handoffs: HandoffStore };
    beforeAll(async () => {
      opened = await open();
      storage = { handoffs: opened.store };
    });
    afterAll(() => opened.close());

    it('adds hand-offs until the asker reaches the limit after `since`, then refuses and keeps nothing', async () => {
      const { handoffs } = storage;
      const since = '2026-12-01T09:00:00.000Z';
      // One before the window does not count.
      expect(
        await create(
          handoffs,
          handoff('acme', 'h0', 'ana', '2026-12-01T08:59:00.000Z'),
          LIMIT(since),
        ),
      ).toBe(true);
      expect(
        await create(
          handoffs,
          handoff('acme', 'h1', 'ana', '2026-12-01T09:10:00.000Z', {
            topic: { kind: 'scenario', ref: 'scn_1', label: 'Finance plan' },
            timing: 'this_week',
            channel: 'meeting',
          }),
          LIMIT(since),
        ),
      ).toBe(true);
      // Another user and another account have their own counts.
      expect(
        await create(
          handoffs,
          handoff('acme', 'h2', 'bo', '2026-12-01T09:20:00.000Z'),
          LIMIT(since),
        ),
      ).toBe(true);
      expect(
        await create(
          handoffs,
          handoff('globex', 'h3', 'ana', '2026-12-01T09:25:00.000Z'),
          LIMIT(since),
        ),
      ).toBe(true);
      expect(
        await create(
          handoffs,
          handoff('acme', 'h4', 'ana', '2026-12-01T09:30:00.000Z'),
          LIMIT(since),
        ),
      ).toBe(true);
      expect(
        await create(
          handoffs,
          handoff('acme', 'h5', 'ana', '2026-12-01T09:40:00.000Z'),
          LIMIT(since),
        ),
      ).toBe(false);
      expect(await handoffs.get('acme', 'h5')).toBeNull();
      expect(await handoffs.askedSince('acme', 'ana', since)).toEqual([
        '2026-12-01T09:10:00.000Z',
        '2026-12-01T09:30:00.000Z',
      ]);
    });

    it('reads one hand-off whole, with its brief text, only in its account', async () => {
      const found = await storage.handoffs.get('acme', 'h1');
      expect(found).toEqual(
        handoff('acme', 'h1', 'ana', '2026-12-01T09:10:00.000Z', {
          topic: { kind: 'scenario', ref: 'scn_1', label: 'Finance plan' },
          timing: 'this_week',
          channel: 'meeting',
        }),
      );
      expect(JSON.parse(String(found?.brief))).toEqual({
        version: 1,
        handoffId: 'h1',
        note: 'ünïcödé ✓',
      });
      expect(await storage.handoffs.get('globex', 'h1')).toBeNull();
      expect((await storage.handoffs.find('h3'))?.accountId).toBe('globex');
      expect(await storage.handoffs.find('nope')).toBeNull();
    });

    it('lists an account’s hand-offs newest first, without briefs', async () => {
      const listed = await storage.handoffs.list('acme');
      expect(listed.map((row) => row.id)).toEqual(['h4', 'h2', 'h1', 'h0']);
      expect(listed.every((row) => !('brief' in row))).toBe(true);
    });

    it('reads a queue by accounts (or all) and status', async () => {
      expect((await storage.handoffs.queue({ accounts: '*' })).map((row) => row.id)).toEqual([
        'h4',
        'h3',
        'h2',
        'h1',
        'h0',
      ]);
      expect((await storage.handoffs.queue({ accounts: ['globex'] })).map((row) => row.id)).toEqual(
        ['h3'],
      );
      expect(await storage.handoffs.queue({ accounts: [] })).toEqual([]);
      expect(
        await setStatus(storage.handoffs, 'acme', 'h2', 'accepted', '2026-12-01T10:00:00.000Z'),
      ).toBe(true);
      expect(
        await setStatus(storage.handoffs, 'globex', 'h2', 'closed', '2026-12-01T10:00:00.000Z'),
      ).toBe(false);
      const accepted = await storage.handoffs.queue({
        accounts: ['acme', 'globex'],
        status: 'accepted',
      });
      expect(accepted.map((row) => [row.id, row.status, row.updatedAt])).toEqual([
        ['h2', 'accepted', '2026-12-01T10:00:00.000Z'],
      ]);
    });

    it('keeps a reply and marks its hand-off answered; none for a hand-off not there', async () => {
      const reply: StoredHandoffReply = {
        accountId: 'acme',
        handoffId: 'h1',
        id: 'rpl_1',
        at: '2026-12-01T11:00:00.000Z',
        repId: 'rep-7',
        repName: 'Sam Rivera',
        message: 'Here is a plan.',
        scenario: { id: 'scn_9', name: 'Finance on automations' },
      };
      expect(await addReply(storage.handoffs, reply)).toBe(true);
      expect(
        await addReply(storage.handoffs, {
          ...reply,
          id: 'rpl_2',
          at: '2026-12-01T12:00:00.000Z',
          scenario: null,
          message: 'And a note.',
        }),
      ).toBe(true);
      expect(await addReply(storage.handoffs, { ...reply, accountId: 'globex', id: 'rpl_3' })).toBe(
        false,
      );
      const stored = await storage.handoffs.get('acme', 'h1');
      expect([stored?.status, stored?.updatedAt]).toEqual(['answered', '2026-12-01T12:00:00.000Z']);
      expect(await storage.handoffs.replies('acme')).toEqual([
        reply,
        {
          ...reply,
          id: 'rpl_2',
          at: '2026-12-01T12:00:00.000Z',
          scenario: null,
          message: 'And a note.',
        },
      ]);
      expect(await storage.handoffs.replies('acme', ['h2'])).toEqual([]);
      expect((await storage.handoffs.replies('acme', ['h2', 'h1'])).map((r) => r.id)).toEqual([
        'rpl_1',
        'rpl_2',
      ]);
      expect(await storage.handoffs.replies('globex')).toEqual([]);
    });

    it('keeps each change’s webhook event with it, oldest first, until it is relayed', async () => {
      const { handoffs } = storage;
      const pending = await handoffs.pendingEvents(100);
      // Every change above left its event; refused changes (the limit, another account) left none.
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.map((event) => event.createdAt)).toEqual(
        [...pending.map((event) => event.createdAt)].sort(),
      );
      const kinds = new Set(pending.map((event) => event.type));
      expect([...kinds].sort()).toEqual(['handoff.created', 'handoff.replied', 'handoff.updated']);
      const refused = await handoffs.create(
        handoff('acme', 'h-over', 'ana', '2026-12-01T09:40:00.000Z'),
        { max: 0, since: '2026-12-01T00:00:00.000Z' },
        eventFor('acme', 'h-over'),
      );
      expect(refused).toBe(false);
      expect((await handoffs.pendingEvents(100)).length).toBe(pending.length);
      const first = pending[0] as PendingHandoffEvent;
      expect(JSON.parse(first.data)).toHaveProperty('handoff');
      await handoffs.eventRelayed(first.accountId, first.id);
      const after = await handoffs.pendingEvents(100);
      expect(after.map((event) => event.id)).toEqual(pending.slice(1).map((event) => event.id));
      expect(await handoffs.pendingEvents(1)).toEqual(after.slice(0, 1));
    });
  });
}

describePostgres('hand-offs on PostgreSQL, from two service processes', () => {
  it('holds an asker’s hourly limit when both create at once, each kept with its event', async () => {
    await withTwoProcesses(async (one, two) => {
      const stores = [new PostgresHandoffStore(one), new PostgresHandoffStore(two)];
      const since = '2026-12-01T09:00:00.000Z';
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, index) =>
          create(
            stores[index % 2] as PostgresHandoffStore,
            handoff('acme', `r${index}`, 'ana', `2026-12-01T09:${String(10 + index)}:00.000Z`),
            { max: 3, since },
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
      const kept = (await stores[1]?.list('acme')) ?? [];
      expect(kept).toHaveLength(3);
      const pending = (await stores[0]?.pendingEvents(100)) ?? [];
      expect(pending.map((event) => event.handoffId).sort()).toEqual(
        kept.map((row) => row.id).sort(),
      );
      // Another person of the account is not held back by Ana's limit.
      expect(
        await create(
          stores[0] as PostgresHandoffStore,
          handoff('acme', 'b1', 'ben', '2026-12-01T09:40:00.000Z'),
          { max: 3, since },
        ),
      ).toBe(true);
    });
  });
});
