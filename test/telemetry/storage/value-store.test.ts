import pg from 'pg';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { DayRange } from '../../../blueprint/days.ts';
import { type ValueModel, valueModelSchema } from '../../../blueprint/value-model.ts';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';
import { Database as DuckDatabase } from '../../../telemetry/storage/duckdb/database.ts';
import type {
  BreakdownDimension,
  DriverActivity,
  FactFilter,
  Storage,
  ValueStore,
} from '../../../telemetry/storage/interface.ts';
import { openStorage } from '../../../telemetry/storage/open.ts';
import {
  PostgresDatabase,
  type PostgresSession,
} from '../../../telemetry/storage/postgres/database.ts';
import { tryCastDouble } from '../../../telemetry/storage/postgres/fact-sql.ts';
import { PostgresValueStore } from '../../../telemetry/storage/postgres/value-store.ts';
import { traitUpdates } from '../../../telemetry/storage/rollups.ts';
import { describePostgres, freshPostgres, withTwoProcesses } from '../../postgres.ts';
import { valueModel } from '../../server/value-fixture.ts';

/**
 * The value store on PostgreSQL. Events go into `events` with SQL, each commit with its
 * value_pending row, as the event store writes them. Every answer is checked against a calculator
 * over the events sent (it hard-codes what each driver means) and, read by read, against the DuckDB
 * store fed the same events: same numbers, same order. Then what only PostgreSQL has: commits
 * that land during a refresh, several processes refreshing at once, facts held in memory by each.
 */

const ACME = 'acme';
const GLOBEX = 'globex';
const INITECH = 'initech';
const ACCOUNTS = [ACME, GLOBEX, INITECH];
const WHOLE: DayRange = { from: '2025-03-01', to: '2025-04-30' };
const RANGES: DayRange[] = [
  WHOLE,
  { from: '2025-03-03', to: '2025-03-31' },
  { from: '2025-04-07', to: '2025-04-09' },
  { from: '2025-05-01', to: '2025-05-31' },
];
const DIMENSIONS: BreakdownDimension[] = ['user', { segment: 0 }, { segment: 1 }, 'driver'];
const FILTERS: Array<FactFilter | undefined> = [
  undefined,
  { segment: 0, value: 'ops' },
  { segment: 1, value: '' },
  { drivers: ['deal_revenue', 'active_analysts'] },
  { drivers: [] },
];
const RECEIVED = new Date('2025-06-01T00:00:00.000Z');

/**
 * The fixture's model and one more driver with a numeric condition; `partial` (a second version)
 * counts partly successful runs too.
 */
function model(options: { partial?: boolean } = {}): ValueModel {
  const base = valueModel();
  const [runs, ...rest] = base.drivers;
  return valueModelSchema.parse({
    ...base,
    drivers: [
      options.partial
        ? { ...runs, where: [{ property: 'status', op: 'in', value: ['success', 'partial'] }] }
        : runs,
      ...rest,
      {
        id: 'big_deals',
        label: 'Deals of 1,000 or more',
        category: 'revenue',
        event: 'Deal Closed',
        where: [{ property: 'amount', op: 'gte', value: 1000 }],
        quantity: { count: true },
        unit: { singular: 'deal', plural: 'deals' },
      },
    ],
  });
}

/** A Segment event as sent. */
interface Sent {
  type: 'track' | 'group' | 'page';
  messageId: string;
  userId?: string;
  anonymousId?: string;
  groupId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  timestamp: string;
}

/** Deal amounts that are not plain numbers, and what each reads as (null: no number). */
const AMOUNT_TEXTS: Record<string, number | null> = {
  '12.5': 12.5,
  ' 7 ': 7,
  '1_000': 1000,
  '1e3': 1000,
  abc: null,
  '': null,
};
const AMOUNTS: unknown[] = [
  120,
  1500.5,
  'abc',
  true,
  { x: 1 },
  '12.5',
  ' 7 ',
  '1_000',
  2500,
  '1e3',
];

function amountOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return AMOUNT_TEXTS[value] ?? null;
  return null;
}

let sent = 0;
const messageId = () => `m-${++sent}`;
const dayAt = (offset: number) =>
  new Date(Date.UTC(2025, 2, 3) + offset * 86_400_000).toISOString().slice(0, 10);

interface Person {
  id: string;
  /** Their account by group call; the tracks carry it as groupId unless `noGroupId`. */
  accounts: string[];
  anonymous?: boolean;
  noGroupId?: boolean;
  team: unknown;
  workspace?: string;
}

const PEOPLE: Person[] = [
  { id: 'ana', accounts: [ACME], team: 'ops', workspace: 'north' },
  { id: 'ben', accounts: [ACME], team: 'sales', workspace: 'south' },
  // Attributed by the group call alone.
  { id: 'solo', accounts: [ACME], noGroupId: true, team: 'ops' },
  // In two accounts: their events without a groupId count for neither.
  { id: 'shared', accounts: [ACME, GLOBEX], noGroupId: true, team: 'ops', workspace: 'north' },
  { id: 'cat', accounts: [GLOBEX], team: 7, workspace: 'east' },
  { id: 'anon-7', accounts: [GLOBEX], anonymous: true, noGroupId: true, team: true },
  { id: 'dan', accounts: [INITECH], team: 'it', workspace: 'main' },
];

function who(person: Person) {
  return person.anonymous ? { anonymousId: person.id } : { userId: person.id };
}

/** Group calls: memberships, and account traits (acme's arr sent twice). */
function groupCalls(): Sent[] {
  const calls: Sent[] = PEOPLE.flatMap((person) =>
    person.accounts.map((account) => ({
      type: 'group' as const,
      messageId: messageId(),
      ...who(person),
      groupId: account,
      traits: {
        arr: account === ACME ? 100_000 : 50_000,
        plan: account === INITECH ? 'free' : 'pro',
      },
      timestamp: '2025-03-01T08:00:00.000Z',
    })),
  );
  calls.push({
    type: 'group',
    messageId: messageId(),
    userId: 'ana',
    groupId: ACME,
    traits: { arr: 120_000, renewal: { month: 9 } },
    timestamp: '2025-03-20T08:00:00.000Z',
  });
  return calls;
}

/** Six weeks of use: runs (some failed, some partial), deals of every kind of amount, views, pages. */
function usage(days = 42): Sent[] {
  const events: Sent[] = [];
  for (let day = 0; day < days; day++) {
    PEOPLE.forEach((person, index) => {
      if (person.accounts[0] === INITECH && day < 7) return;
      const track = (event: string, extra: Record<string, unknown>, hour: number): Sent => ({
        type: 'track',
        messageId: messageId(),
        ...who(person),
        ...(person.noGroupId ? {} : { groupId: person.accounts[0] }),
        event,
        properties: {
          ...(day % 5 === 0 ? {} : { team: person.team }),
          ...(person.workspace ? { workspace: person.workspace } : {}),
          ...extra,
        },
        timestamp: `${dayAt(day)}T${String(hour).padStart(2, '0')}:15:00.000Z`,
      });
      for (let run = 0; run < (day + index) % 3; run++)
        events.push(track('Workflow Run Completed', { status: 'success' }, 9 + run));
      if ((day + index) % 4 === 0)
        events.push(track('Workflow Run Completed', { status: 'failed' }, 13));
      if ((day + index) % 6 === 1)
        events.push(track('Workflow Run Completed', { status: 'partial' }, 14));
      if ((day * 3 + index) % 5 === 0) {
        const amount = AMOUNTS[(day + index) % AMOUNTS.length];
        events.push(track('Deal Closed', { amount }, 15));
      }
      if ((day + 2 * index) % 4 === 0) events.push(track('Report Viewed', {}, 16));
      if ((day + index) % 7 === 3) {
        events.push({
          type: 'page',
          messageId: messageId(),
          ...who(person),
          ...(person.noGroupId ? {} : { groupId: person.accounts[0] }),
          name: 'Dashboard',
          timestamp: `${dayAt(day)}T23:59:59.999Z`,
        });
      }
    });
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// The calculator: what each driver means, over the events sent, with no product code.

interface Fact {
  accountId: string;
  driverId: string;
  day: string;
  person: string;
  quantity: number;
}

function singleAccounts(events: readonly Sent[]): Map<string, string> {
  const accounts = new Map<string, Set<string>>();
  for (const event of events) {
    const person = event.userId ?? event.anonymousId;
    if (event.type !== 'group' || !person || !event.groupId) continue;
    accounts.set(person, (accounts.get(person) ?? new Set()).add(event.groupId));
  }
  const single = new Map<string, string>();
  for (const [person, set] of accounts) if (set.size === 1) single.set(person, [...set][0] ?? '');
  return single;
}

function expectedFacts(events: readonly Sent[], options: { partial?: boolean } = {}): Fact[] {
  const single = singleAccounts(events);
  const facts: Fact[] = [];
  for (const event of events) {
    if (event.type !== 'track') continue;
    const person = event.userId ?? event.anonymousId ?? '';
    const accountId = event.groupId ?? single.get(person);
    if (!accountId) continue;
    const fact = (driverId: string, quantity: number) =>
      facts.push({ accountId, driverId, day: event.timestamp.slice(0, 10), person, quantity });
    const { status, amount } = event.properties ?? {};
    if (
      event.event === 'Workflow Run Completed' &&
      (status === 'success' || (options.partial && status === 'partial'))
    )
      fact('automation_hours', 1);
    if (event.event === 'Deal Closed') {
      fact('deal_revenue', amountOf(amount) ?? 0);
      if ((amountOf(amount) ?? Number.NEGATIVE_INFINITY) >= 1000) fact('big_deals', 1);
    }
    if (event.event === 'Report Viewed') fact('active_analysts', 1);
  }
  return facts;
}

function expectedActivity(facts: readonly Fact[], accountId: string, range: DayRange) {
  const drivers = new Map<string, { quantity: number; users: Set<string>; events: number }>();
  for (const fact of facts) {
    if (fact.accountId !== accountId || fact.day < range.from || fact.day > range.to) continue;
    const driver = drivers.get(fact.driverId) ?? { quantity: 0, users: new Set(), events: 0 };
    driver.quantity += fact.quantity;
    driver.events += 1;
    if (fact.person) driver.users.add(fact.person);
    drivers.set(fact.driverId, driver);
  }
  return [...drivers]
    .map(([driverId, { quantity, users, events }]) => ({
      driverId,
      quantity,
      users: users.size,
      events,
    }))
    .sort((a, b) => (a.driverId < b.driverId ? -1 : 1));
}

function expectedActiveUsers(events: readonly Sent[], range: DayRange) {
  const single = singleAccounts(events);
  const people = new Map<string, Set<string>>();
  for (const event of events) {
    const day = event.timestamp.slice(0, 10);
    if (event.type === 'group' || day < range.from || day > range.to) continue;
    const person = event.userId ?? event.anonymousId ?? '';
    const accountId = event.groupId ?? single.get(person);
    if (accountId) people.set(accountId, (people.get(accountId) ?? new Set()).add(person));
  }
  return [...people]
    .map(([accountId, set]) => ({ accountId, users: set.size }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

/** Each account's activity in each range, and every account's usage and first day, as calculated. */
function expectAsCalculated(
  answers: { activity: DriverActivity[][][]; usage: unknown; firstDays: unknown },
  facts: readonly Fact[],
) {
  const firstDays = new Map<string, string>();
  for (const { accountId, day } of facts)
    if (day < (firstDays.get(accountId) ?? '9999')) firstDays.set(accountId, day);
  expect(answers.firstDays).toEqual(
    [...firstDays]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([accountId, day]) => ({ accountId, day })),
  );
  expect(answers.activity).toEqual(
    ACCOUNTS.map((account) => RANGES.map((range) => expectedActivity(facts, account, range))),
  );
  expect(answers.usage).toEqual(
    ACCOUNTS.flatMap((accountId) =>
      expectedActivity(facts, accountId, WHOLE).map((row) => ({ accountId, ...row })),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Writing the events as the PostgreSQL event store does, and the DuckDB store to compare with.

function batchOf(events: readonly Sent[]) {
  const batch = prepareBatch(events, { sourceId: 'src', receivedAt: RECEIVED });
  expect(batch.rejects).toEqual([]);
  return batch;
}

/** One commit: its events, traits and memberships, and its value_pending row. */
async function writeCommit(
  session: Pick<PostgresSession, 'query'>,
  events: readonly Sent[],
): Promise<void> {
  const batch = batchOf(events);
  const [row] = await session.query("SELECT nextval('ingest_commits') AS id");
  const commitId = Number(row?.id);
  const column = <T>(pick: (event: (typeof batch.events)[number]) => T) => batch.events.map(pick);
  await session.query(
    `INSERT INTO events (account_id, commit_id, source_id, message_id, message_id_assigned, type,
       name, user_id, anonymous_id, properties, context, client_timestamp, sent_at, received_at,
       event_time, clock_flag)
     SELECT account_id, $1, 'src', message_id, false, type, name, user_id, anonymous_id,
       properties, NULL, event_time, NULL, $2, event_time, NULL
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::jsonb[], $10::timestamptz[])
       AS e(account_id, message_id, type, name, user_id, anonymous_id, properties, event_time)`,
    [
      commitId,
      RECEIVED,
      column((event) => event.accountId ?? ''),
      column((event) => event.messageId),
      column((event) => event.type),
      column((event) => event.name),
      column((event) => event.userId),
      column((event) => event.anonymousId),
      column((event) => event.properties),
      column((event) => event.eventTime),
    ],
  );
  const traits = traitUpdates([{ sourceId: 'src', events: batch.events }]);
  for (const trait of [...traits.accounts.continuing, ...traits.accounts.changed]) {
    await session.query(
      `INSERT INTO account_traits (account_id, key, value, observed_at, changed_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value,
         observed_at = excluded.observed_at, changed_at = excluded.changed_at
       WHERE excluded.observed_at >= account_traits.observed_at`,
      trait,
    );
  }
  for (const membership of traits.memberships) {
    await session.query(
      `INSERT INTO account_users (account_id, user_id, first_seen, last_seen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, user_id) DO NOTHING`,
      membership,
    );
  }
  await session.query('INSERT INTO value_pending (commit_id) VALUES ($1)', [commitId]);
}

const commit = (database: PostgresDatabase, events: readonly Sent[]) =>
  database.transaction((session) => writeCommit(session, events));

/** A PostgreSQL database of its own and, beside it, DuckDB in memory. */
interface World {
  url: string;
  database: PostgresDatabase;
  duck: Storage;
  /** Everything committed to both so far. */
  sent: Sent[];
  /** Commits the events to both stores. */
  send(events: readonly Sent[]): Promise<void>;
}

let world: World;
let dropDatabase: () => Promise<void>;

async function openWorld(): Promise<World> {
  const server = await freshPostgres();
  dropDatabase = server.drop;
  const database = await PostgresDatabase.open(server.url);
  const duck = await openStorage({ location: ':memory:' });
  const opened: World = {
    url: server.url,
    database,
    duck,
    sent: [],
    async send(events) {
      await commit(database, events);
      await duck.events.commit([batchOf(events)]);
      opened.sent.push(...events);
    },
  };
  return opened;
}

/** Every read the value store answers, over every range, window, dimension and cut. */
async function answers(store: ValueStore) {
  const activity = [];
  const cuts = [];
  const series = [];
  const breakdown = [];
  const activeDays = [];
  for (const account of ACCOUNTS) activity.push(await store.activity(account, RANGES));
  for (const account of [...ACCOUNTS, 'nobody']) {
    for (const filter of FILTERS) {
      cuts.push(await store.activity(account, RANGES, filter));
      for (const segment of [undefined, 0, 1]) {
        series.push(
          await store.series(
            account,
            [
              { range: WHOLE, grain: 'week' },
              { range: RANGES[1] as DayRange, grain: 'day' },
              { range: WHOLE, grain: 'month' },
            ],
            { ...(segment === undefined ? {} : { segment }), ...(filter ? { filter } : {}) },
          ),
        );
      }
      breakdown.push(await store.breakdown(account, RANGES, DIMENSIONS, filter));
      breakdown.push(await store.breakdown(account, [WHOLE], ['driver', 'driver'], filter));
      activeDays.push(await store.activeDays(account, filter));
    }
  }
  return {
    activity,
    cuts,
    series,
    breakdown,
    activeDays,
    usage: await store.usage(WHOLE),
    usageOfMarch: await store.usage(RANGES[1] as DayRange),
    firstDays: await store.firstDays(),
    activeUsers: await store.activeUsers(WHOLE),
    activeUsersOfOneDay: await store.activeUsers({ from: '2025-03-06', to: '2025-03-06' }),
    traits: await store.traitsByAccount(['arr', 'plan', 'renewal', 'missing']),
    noTraits: await store.traitsByAccount([]),
  };
}

/** The PostgreSQL store answers everything as the calculator and as DuckDB do. */
async function expectAnswers(store: ValueStore, options: { partial?: boolean } = {}) {
  await world.duck.values.refresh();
  const got = await answers(store);
  expectAsCalculated(got, expectedFacts(world.sent, options));
  expect(got.activeUsers).toEqual(expectedActiveUsers(world.sent, WHOLE));
  expect(got).toEqual(await answers(world.duck.values));
}

describePostgres('value store (postgres)', () => {
  beforeEach(async () => {
    world = await openWorld();
  });
  afterEach(async () => {
    await world.duck.close();
    await world.database.close();
    await dropDatabase();
  });

  it('answers every read as the calculator and the DuckDB store do, holding facts or not', async () => {
    const held = new PostgresValueStore(world.database);
    const none = new PostgresValueStore(world.database, { factCacheRows: 0 });
    // Room for the small accounts only: acme's reads stay in SQL.
    const some = new PostgresValueStore(world.database, { factCacheRows: 480 });
    await held.saveModel(model());
    await world.duck.values.saveModel(model());
    await world.send(groupCalls());
    const events = usage();
    for (let start = 0; start < events.length; start += 300)
      await world.send(events.slice(start, start + 300));
    await held.refresh();
    for (const store of [none, some]) await store.refresh();
    for (const store of [held, none, some]) await expectAnswers(store);
    // A quarter of 480 rows is as many as one account may have to be held.
    const sizes = await world.database.query(
      'SELECT account_id, count(*) > 120 AS too_many FROM value_facts GROUP BY account_id ORDER BY 1',
    );
    expect(sizes.map((row) => row.too_many)).toEqual([true, false, false]);
    // The deals whose amount reads as no number were there, and summed as 0.
    const odd = world.sent.filter(
      (event) => event.event === 'Deal Closed' && amountOf(event.properties?.amount) === null,
    );
    expect(odd.length).toBeGreaterThan(10);
  });

  it('rolls each commit in once, at the refresh after it', async () => {
    const store = new PostgresValueStore(world.database);
    await store.saveModel(model());
    await world.duck.values.saveModel(model());
    await world.send(groupCalls());
    const events = usage();
    const third = Math.ceil(events.length / 3);
    await world.send(events.slice(0, third));
    await store.refresh();
    await expectAnswers(store);
    const rolled = [...world.sent];
    await world.send(events.slice(third, 2 * third));
    // Not yet refreshed: the facts are those of the last refresh.
    expect(await store.activity(ACME, [WHOLE])).toEqual([
      expectedActivity(expectedFacts(rolled), ACME, WHOLE),
    ]);
    await store.refresh();
    await store.refresh();
    await world.send(events.slice(2 * third));
    await Promise.all([store.refresh(), store.refresh(), store.refresh()]);
    await expectAnswers(store);
    const [pending] = await world.database.query('SELECT count(*) AS commits FROM value_pending');
    expect(Number(pending?.commits)).toBe(0);
  });

  it('leaves a commit that lands during a refresh for the next one, and counts it once', async (context) => {
    // On Citus a refresh waits for a commit in flight instead of running past it (writes to a
    // reference table such as value_pending are serialized): the interleaving held here cannot occur.
    if (world.database.citus) context.skip();
    const store = new PostgresValueStore(world.database);
    await store.saveModel(model());
    await world.duck.values.saveModel(model());
    await world.send(groupCalls());
    await store.refresh();
    const events = usage(14);
    await world.send(events.slice(0, 200));

    // A commit in flight while a refresh runs is not seen by it…
    const writer = await openWriter(world.url);
    const session = writer.session;
    try {
      await writer.client.query('BEGIN');
      const late = events.slice(200, 260);
      await writeCommit(session, late);
      await store.refresh();
      expect(await store.activity(ACME, [WHOLE])).toEqual([
        expectedActivity(expectedFacts(world.sent), ACME, WHOLE),
      ]);
      await writer.client.query('COMMIT');
      await world.duck.events.commit([batchOf(late)]);
      world.sent.push(...late);

      // …nor is one that lands between its taking the pending commits and adding their facts:
      // a user who joins an account in it (their events without a groupId with it) is derived
      // again from what earlier refreshes rolled in only. The refresh is held there by a lock
      // on value_attribution, which it reads next.
      const joiner: Sent[] = [
        ...['2025-03-04', '2025-03-05'].map((day) => ({
          type: 'track' as const,
          messageId: messageId(),
          userId: 'joiner',
          event: 'Workflow Run Completed',
          properties: { status: 'success', team: 'ops' },
          timestamp: `${day}T10:00:00.000Z`,
        })),
        {
          type: 'group',
          messageId: messageId(),
          userId: 'joiner',
          groupId: ACME,
          traits: {},
          timestamp: '2025-03-06T10:00:00.000Z',
        },
      ];
      await world.send(events.slice(260, 300));
      await writer.client.query('BEGIN');
      await writer.client.query('LOCK TABLE value_attribution IN ACCESS EXCLUSIVE MODE');
      const refreshing = store.refresh();
      await waitForLockWaiter(world.database, 'value_attribution');
      await commit(world.database, joiner);
      await writer.client.query('COMMIT');
      await refreshing;
      expect(await store.activity(ACME, [WHOLE])).toEqual([
        expectedActivity(expectedFacts(world.sent), ACME, WHOLE),
      ]);
      await world.duck.events.commit([batchOf(joiner)]);
      world.sent.push(...joiner);
      await store.refresh();
      await expectAnswers(store);
      const joined = (await store.breakdown(ACME, [WHOLE], ['user']))[0]?.[0];
      expect(joined?.filter((row) => row.key === 'joiner')).toEqual([
        { driverId: 'automation_hours', key: 'joiner', quantity: 2, users: 1, events: 2 },
      ]);
    } finally {
      await writer.end();
    }
  });

  it('counts the events a user sent before joining an account for it, and none once they join a second', async () => {
    const store = new PostgresValueStore(world.database);
    await store.saveModel(model());
    await world.duck.values.saveModel(model());
    await world.send(groupCalls());
    const drifterRuns = (account: string) => runsOf(store, account, 'drifter');

    await world.send([run(), run(), run(INITECH)]);
    await store.refresh();
    expect([await drifterRuns(ACME), await drifterRuns(INITECH)]).toEqual([0, 1]);
    await world.send([join(ACME), run()]);
    await store.refresh();
    expect([await drifterRuns(ACME), await drifterRuns(INITECH)]).toEqual([3, 1]);
    await expectAnswers(store);
    await world.send([join(GLOBEX)]);
    await store.refresh();
    expect([
      await drifterRuns(ACME),
      await drifterRuns(GLOBEX),
      await drifterRuns(INITECH),
    ]).toEqual([0, 0, 1]);
    await expectAnswers(store);
  });

  it('derives a user’s facts again when they join a second account while a refresh counts them', async (context) => {
    // On Citus a refresh waits for a commit in flight instead of running past it (writes to a
    // reference table such as value_pending are serialized): the interleaving held here cannot occur.
    if (world.database.citus) context.skip();
    const store = new PostgresValueStore(world.database);
    await store.saveModel(model());
    await world.duck.values.saveModel(model());
    await world.send([run(), run()]);
    await store.refresh();
    await world.send([join(ACME), run()]);
    // The refresh that rolls the join in is held once it has counted the user's runs for acme,
    // just before it records that it did (it writes value_attribution next)…
    const writer = await openWriter(world.url);
    try {
      await writer.client.query('BEGIN');
      await writer.client.query('LOCK TABLE value_attribution IN SHARE MODE');
      const refreshing = store.refresh();
      await waitForLockWaiter(world.database, 'value_attribution');
      // …and meanwhile the user joins a second account: none of their runs counts for acme now.
      await world.send([join(GLOBEX)]);
      await writer.client.query('COMMIT');
      await refreshing;
    } finally {
      await writer.end();
    }
    await store.refresh();
    expect([await runsOf(store, ACME, 'drifter'), await runsOf(store, GLOBEX, 'drifter')]).toEqual([
      0, 0,
    ]);
    await expectAnswers(store);
  });

  it('rebuilds the facts for a new model version, in every process', async () => {
    const store = new PostgresValueStore(world.database);
    const other = new PostgresValueStore(world.database);
    await store.saveModel(model());
    await world.duck.values.saveModel(model());
    await world.send(groupCalls());
    await world.send(usage());
    await store.refresh();
    await other.refresh();
    await expectAnswers(other);
    expect((await other.currentModel())?.version).toBe(1);

    const second = await store.saveModel(model({ partial: true }));
    await world.duck.values.saveModel(model({ partial: true }));
    expect(second.version).toBe(2);
    await store.refresh();
    await expectAnswers(store, { partial: true });
    // The other process follows at its own refresh: the model, and the facts it held.
    await other.refresh();
    expect(await other.currentModel()).toEqual(second);
    await expectAnswers(other, { partial: true });
    expect(await store.modelVersions()).toEqual([
      { version: 2, createdAt: second.createdAt, product: 'Fixture Flow', drivers: 4 },
      expect.objectContaining({ version: 1, product: 'Fixture Flow', drivers: 4 }),
    ]);
    expect(await other.modelVersions()).toEqual(await store.modelVersions());
  });

  it('reads text as a number exactly as DuckDB’s TRY_CAST does, and never fails on one', async () => {
    const duck = await DuckDatabase.open(':memory:');
    try {
      const texts = [
        ...['12.5', ' 12.5 ', '\t12\n', '\v12\f', '+3', '-.5', '5.', '.', '1e3', '1E+3', '1.e5'],
        ...['1_000', '1__000', '_1', '1_', '1._5', '1.0_5', '1e1_0', '0x10', '1,5', '1 000'],
        ...['inf', '-Infinity', '+INF', 'Infinit', 'nan', '-NaN', 'true', 'abc', '', '  ', '-'],
        ...['1e400', '-1e400', '1e-400', '1e-310', '1e0000005', '1e99999', '-1e99999', '0e99999'],
        ...['1e-99999', '00.5e-0', '1.7976931348623157e308', '1.8e308', '٣', '\u00a012'],
        `1${'0'.repeat(400)}`,
        `0.${'0'.repeat(400)}1`,
      ];
      const read = async (text: string) => {
        const [postgres] = await world.database.query(`SELECT ${tryCastDouble('$1::text')} AS n`, [
          text,
        ]);
        const [duckdb] = await duck.query('SELECT TRY_CAST($1::VARCHAR AS DOUBLE) AS n', [text]);
        return [text, zeroless(postgres?.n), zeroless(duckdb?.n)];
      };
      for (const text of texts) {
        const [, postgres, duckdb] = await read(text);
        expect([text, postgres]).toEqual([text, duckdb]);
      }
      // JSON values of every kind, as the facts read a property.
      const documents = [
        '1.5',
        '-2',
        '1e2',
        'true',
        'false',
        'null',
        '{"x": 1}',
        '[1, "2"]',
        '"12"',
      ];
      for (const value of documents) {
        const json = `{"a": ${value}}`;
        const [postgres] = await world.database.query(
          `SELECT ${tryCastDouble("($1::jsonb ->> 'a')")} AS n`,
          [json],
        );
        const [duckdb] = await duck.query(
          `SELECT TRY_CAST(json_extract_string($1::JSON, '$."a"') AS DOUBLE) AS n`,
          [json],
        );
        expect([value, zeroless(postgres?.n)]).toEqual([value, zeroless(duckdb?.n)]);
      }
    } finally {
      duck.close();
    }
  });

  it('keeps promises, assumption changes and model versions as given', async () => {
    const store = new PostgresValueStore(world.database);
    expect(await store.currentModel()).toBeNull();
    expect(await store.modelVersions()).toEqual([]);
    await store.refresh();
    const stored = await store.saveModel(model());
    expect(stored).toEqual({ version: 1, model: model(), createdAt: expect.any(String) });
    expect(stored.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await new PostgresValueStore(world.database).currentModel()).toEqual(stored);

    const promises = [
      { driver: 'automation_hours', target: 1200, from: '2025-01-01', to: '2025-12-31' },
      {
        target: 50_000.5,
        from: '2025-03-01',
        to: '2025-03-31',
        label: 'Money — “ÿ” 🚀',
        labels: { de: 'Geld' },
      },
    ];
    expect(await store.promises(ACME)).toEqual([]);
    await store.setPromises(ACME, promises);
    expect(await store.promises(ACME)).toEqual(promises);
    await store.setPromises(ACME, promises.slice(1));
    expect(await store.promises(ACME)).toEqual(promises.slice(1));
    expect(await new PostgresValueStore(world.database).promises(ACME)).toEqual(promises.slice(1));
    expect(await store.promises(GLOBEX)).toEqual([]);

    const first = await store.recordAssumption(ACME, {
      id: 'hourly_rate',
      value: 62.5,
      userId: 'ana',
    });
    const second = await store.recordAssumption(ACME, {
      id: 'hourly_rate',
      value: 70,
      userId: 'ben',
    });
    const third = await store.recordAssumption(ACME, { id: 'seat_value', value: 0, userId: 'ana' });
    expect(first).toEqual({
      id: 'hourly_rate',
      value: 62.5,
      userId: 'ana',
      changedAt: expect.any(String),
    });
    expect(await store.assumptionHistory(ACME)).toEqual([first, second, third]);
    expect(await new PostgresValueStore(world.database).assumptionHistory(ACME)).toEqual([
      first,
      second,
      third,
    ]);
    expect(await store.assumptionHistory(GLOBEX)).toEqual([]);

    await world.send(groupCalls());
    expect(await store.accountTrait(ACME, 'arr')).toBe(120_000);
    expect(await store.accountTrait(ACME, 'renewal')).toEqual({ month: 9 });
    expect(await store.accountTrait(ACME, 'missing')).toBeUndefined();
    await store.compact();
    await store.close();
  });
});

describePostgres('value store (postgres, two processes)', () => {
  const expected = (events: readonly Sent[], options: { partial?: boolean } = {}) =>
    ACCOUNTS.map((account) =>
      RANGES.map((range) => expectedActivity(expectedFacts(events, options), account, range)),
    );
  const activities = (store: ValueStore) =>
    Promise.all(ACCOUNTS.map((account) => store.activity(account, RANGES)));
  const soon = { timeout: 5_000, interval: 20 };

  it('counts every event once when two processes commit and refresh at once', async () => {
    await withTwoProcesses(async (one, two) => {
      const databases = [one, two];
      const stores = databases.map((database) => new PostgresValueStore(database));
      await stores[0]?.saveModel(model());
      // Group calls land among the use: some events come before their user's membership, and
      // the user in two accounts is in one of them for a while.
      const calls = groupCalls();
      const events = usage().flatMap((event, index) =>
        index % 25 === 0 && calls.length > 0 ? [calls.shift() as Sent, event] : [event],
      );
      events.push(...calls);
      const commits: Sent[][] = [];
      for (let start = 0; start < events.length; start += 12)
        commits.push(events.slice(start, start + 12));
      // Each process commits and refreshes as it goes, the two at once.
      await Promise.all(
        stores.map(async (store, process) => {
          for (const [index, events] of commits.entries()) {
            if (index % 2 !== process) continue;
            await commit(databases[process] as PostgresDatabase, events);
            await store.refresh();
          }
        }),
      );
      await Promise.all(stores.map((store) => store.refresh()));
      for (const store of stores) {
        expect(await activities(store)).toEqual(expected(events));
        expect(await store.activeUsers(WHOLE)).toEqual(expectedActiveUsers(events, WHOLE));
      }
      const [facts] = await one.query('SELECT sum(events)::float8 AS events FROM value_facts');
      expect(Number(facts?.events)).toBe(expectedFacts(events).length);
      await Promise.all(stores.map((store) => store.close()));
    });
  });

  it('lets go of what another process changes: facts, promises, assumptions, the model', async () => {
    await withTwoProcesses(async (one, two) => {
      const first = new PostgresValueStore(one);
      const second = new PostgresValueStore(two);
      await Promise.all([one.changes.listening(), two.changes.listening()]);
      await first.saveModel(model());
      const use = usage();
      const early = [...groupCalls(), ...use.slice(0, use.length / 2)];
      await commit(one, early);
      await first.refresh();
      // The second process reads (and holds) what the first made…
      expect(await activities(second)).toEqual(expected(early));
      expect(await second.promises(ACME)).toEqual([]);
      expect(await second.assumptionHistory(ACME)).toEqual([]);
      expect((await second.currentModel())?.version).toBe(1);
      // …and lets it go when the first announces a change, without a refresh of its own.
      await commit(two, use.slice(use.length / 2));
      await first.refresh();
      const all = [...early, ...use.slice(use.length / 2)];
      await vi.waitFor(async () => expect(await activities(second)).toEqual(expected(all)), soon);
      const promises = [{ target: 10, from: '2025-03-01', to: '2025-03-31' }];
      await first.setPromises(ACME, promises);
      await vi.waitFor(async () => expect(await second.promises(ACME)).toEqual(promises), soon);
      const change = await first.recordAssumption(ACME, {
        id: 'hourly_rate',
        value: 9,
        userId: 'x',
      });
      await vi.waitFor(
        async () => expect(await second.assumptionHistory(ACME)).toEqual([change]),
        soon,
      );
      const newer = await first.saveModel(model({ partial: true }));
      await vi.waitFor(async () => expect(await second.currentModel()).toEqual(newer), soon);
      await first.refresh();
      await vi.waitFor(
        async () => expect(await activities(second)).toEqual(expected(all, { partial: true })),
        soon,
      );
      await Promise.all([first.close(), second.close()]);
    });
  });
});

/** A run of drifter's, with a groupId or not. */
function run(groupId?: string): Sent {
  return {
    type: 'track',
    messageId: messageId(),
    userId: 'drifter',
    ...(groupId ? { groupId } : {}),
    event: 'Workflow Run Completed',
    properties: { status: 'success', team: 'ops' },
    timestamp: '2025-03-10T10:00:00.000Z',
  };
}

/** Drifter joins an account. */
function join(groupId: string): Sent {
  return {
    type: 'group',
    messageId: messageId(),
    userId: 'drifter',
    groupId,
    traits: {},
    timestamp: '2025-03-11T10:00:00.000Z',
  };
}

/** The runs counted for a user in an account. */
async function runsOf(store: ValueStore, account: string, userId: string): Promise<number> {
  const [[byUser = []] = []] = await store.breakdown(account, [WHOLE], ['user'], {
    drivers: ['automation_hours'],
  });
  return byUser.find((row) => row.key === userId)?.events ?? 0;
}

/** A connection of its own, outside the pool, to hold a transaction or a lock open. */
async function openWriter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const session: Pick<PostgresSession, 'query'> = {
    query: async (sql, params = []) =>
      (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[],
  };
  return { client, session, end: () => client.end() };
}

/** Waits until some session waits for a lock on `table`. */
async function waitForLockWaiter(database: PostgresDatabase, table: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await database.query(
      `SELECT count(*) AS waiting FROM pg_locks
       WHERE NOT granted AND relation = $1::regclass`,
      [table],
    );
    if (Number(row?.waiting) > 0) return;
    await new Promise((resume) => setTimeout(resume, 25));
  }
  throw new Error(`nobody waited for ${table}`);
}

/**
 * A number read back, as a number (DuckDB's driver gives ±Infinity and NaN as text), and -0 as 0:
 * sums of facts never keep a negative zero (DuckDB's start from 0), so no read shows one.
 */
function zeroless(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return number === 0 ? 0 : number;
}
