import { expect } from 'vitest';
import { seededRandom } from '../../examples/demo/random.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import {
  adminAuth,
  basic,
  bearer,
  createSource,
  postJson,
  startTestApp,
  type TestApp,
} from '../helpers.ts';

/** Deterministic pseudo-random numbers, so the fixture is the same on every run. */
export const random = seededRandom;

/**
 * A small hand-made world for the value engine's tests: a value model, a few hundred deterministic
 * Segment events across three accounts and eight weeks, and an independent calculator that computes
 * every expected figure straight from those raw events in plain TypeScript. The calculator never
 * calls the product's code: it hard-codes what each driver means (filter, count/sum/distinct users,
 * × perUnit × rate), so a bug in the engine cannot hide in the expectation.
 */

export const ACME = 'acme';
export const GLOBEX = 'globex';
export const INITECH = 'initech';
export const ACCOUNTS = [ACME, GLOBEX, INITECH] as const;

/** Annual spend per account (the `arr` trait sent in group calls; acme's was raised once). */
export const ARR: Record<string, number> = { [ACME]: 120_000, [GLOBEX]: 60_000, [INITECH]: 36_500 };

/** The fixture's eight weeks: Monday 2025-03-03 to Sunday 2025-04-27. */
export const FIRST_DAY = '2025-03-03';
export const LAST_DAY = '2025-04-27';
export const WEEKS = 8;
/** Acme is idle in this week (index from 0), so weekly series must show a zero bucket there. */
export const ACME_IDLE_WEEK = 5;

export const HOURLY_RATE = 50;
export const SEAT_VALUE = 40;
export const HOURS_PER_RUN = 0.2;

/** The value model under test, as a vendor writes it. */
/** The vendor's estimate in offersModel(): 10 runs a person a week. */
export const OFFER_RUNS_PER_PERSON_WEEK = 10;

/**
 * The fixture's model with three offers for next-best value, cohorts by plan (at least 5):
 * automations (the vendor's estimate: 10 runs a person a week), a deals pack (5,000 USD a person a
 * week, unless `dealsEstimate` is false: then it has none) and a plan only enterprise accounts may
 * take. `ctaUrl` gives the automations' call to action a URL.
 */
export function offersModel(options: { dealsEstimate?: boolean; ctaUrl?: string } = {}) {
  return {
    ...valueModel(),
    offers: [
      {
        id: 'automations',
        label: 'Automations',
        kind: 'feature',
        description: 'Workflows that run by themselves.',
        drivers: ['automation_hours'],
        cta: { label: 'Set one up', ...(options.ctaUrl ? { url: options.ctaUrl } : {}) },
        estimate: { perUserPerWeek: OFFER_RUNS_PER_PERSON_WEEK },
      },
      {
        id: 'deals_pack',
        label: 'Deals pack',
        kind: 'addon',
        description: 'Close deals in the product.',
        drivers: ['deal_revenue'],
        cta: { label: 'Try it' },
        ...(options.dealsEstimate === false ? {} : { estimate: { perUserPerWeek: 5_000 } }),
      },
      {
        id: 'pro_only',
        label: 'Pro reporting',
        kind: 'plan',
        description: 'Only for another plan.',
        drivers: ['active_analysts'],
        eligible: { traits: [{ property: 'plan', op: 'eq', value: 'enterprise' }] },
        cta: { label: 'Upgrade' },
        estimate: { perUserPerWeek: 1 },
      },
    ],
    peers: { cohortTraits: ['plan'], minAccounts: 5 },
  };
}

export function valueModel(overrides: { hoursPerRun?: number } = {}) {
  return {
    product: 'Fixture Flow',
    currency: 'USD',
    price: { trait: 'arr' },
    assumptions: [
      {
        id: 'hourly_rate',
        label: 'Loaded cost of one hour',
        unit: 'USD/hour',
        default: HOURLY_RATE,
        min: 10,
        max: 500,
        customerEditable: true,
        source: 'Fixture benchmark',
      },
      {
        id: 'seat_value',
        label: 'Value of one active analyst',
        unit: 'USD/analyst',
        default: SEAT_VALUE,
        min: 0,
        max: 1000,
        customerEditable: false,
        source: 'Vendor contract',
      },
    ],
    drivers: [
      {
        id: 'automation_hours',
        label: 'Time saved by automated workflows',
        category: 'efficiency',
        event: 'Workflow Run Completed',
        where: [{ property: 'status', op: 'eq', value: 'success' }],
        quantity: { count: true },
        perUnit: overrides.hoursPerRun ?? HOURS_PER_RUN,
        unit: { singular: 'hour', plural: 'hours' },
        rates: ['hourly_rate'],
        feature: 'automations',
      },
      {
        id: 'deal_revenue',
        label: 'Revenue from deals closed in the product',
        category: 'revenue',
        event: 'Deal Closed',
        quantity: { sum: 'amount' },
        unit: 'currency',
        feature: 'deals',
      },
      {
        id: 'active_analysts',
        label: 'Analysts reviewing reports',
        category: 'efficiency',
        event: 'Report Viewed',
        quantity: { distinctUsers: true },
        perUnit: 1,
        unit: { singular: 'analyst', plural: 'analysts' },
        rates: ['seat_value'],
        feature: 'reports',
      },
    ],
    segments: [
      { id: 'team', label: 'Team', property: 'team' },
      { id: 'workspace', label: 'Workspace', property: 'workspace' },
    ],
  };
}

export const DRIVER_IDS = ['automation_hours', 'deal_revenue', 'active_analysts'] as const;
export type DriverId = (typeof DRIVER_IDS)[number];

/** A Segment event as the fixture sends it. */
export interface FixtureEvent {
  type: 'track' | 'group' | 'identify' | 'page';
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

const DAY_MS = 86_400_000;
export const dayAt = (day: string, offset: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

interface Person {
  userId: string;
  account: string;
  teams: string[];
  workspace: string;
  /** Sends its track events without a groupId (attributed through its group membership). */
  noGroupId?: boolean;
}

const PEOPLE: Person[] = [
  { userId: 'ana', account: ACME, teams: ['ops'], workspace: 'north' },
  { userId: 'ben', account: ACME, teams: ['ops'], workspace: 'south' },
  { userId: 'cat', account: ACME, teams: ['sales'], workspace: 'north' },
  // Works for two teams: distinct users are not additive across teams.
  { userId: 'dan', account: ACME, teams: ['ops', 'finance'], workspace: 'south' },
  // Tied to acme only by a group call; its events carry no groupId.
  { userId: 'solo', account: ACME, teams: ['sales'], workspace: 'north', noGroupId: true },
  { userId: 'gia', account: GLOBEX, teams: ['support'], workspace: 'east' },
  { userId: 'hal', account: GLOBEX, teams: ['support', 'ops'], workspace: 'east' },
  { userId: 'ivy', account: GLOBEX, teams: ['ops'], workspace: 'west' },
  { userId: 'jon', account: INITECH, teams: ['ops'], workspace: 'main' },
  { userId: 'kim', account: INITECH, teams: ['it'], workspace: 'main' },
];

/** Every event of the fixture, in a fixed order with fixed ids. */
export function fixtureEvents(): FixtureEvent[] {
  const next = random(20250303);
  const events: FixtureEvent[] = [];
  let n = 0;
  const id = () => `fx-${String(++n).padStart(5, '0')}`;
  const at = (day: string) => {
    const minutes = Math.floor(next() * 24 * 60);
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `${day}T${hh}:${mm}:00.000Z`;
  };
  // Group calls: memberships and the arr trait (acme's arr rises from 100k to 120k).
  const firstGroup = '2025-03-01T09:00:00.000Z';
  for (const person of PEOPLE) {
    events.push({
      type: 'group',
      messageId: id(),
      userId: person.userId,
      groupId: person.account,
      traits: { arr: person.account === ACME ? 100_000 : ARR[person.account], plan: 'pro' },
      timestamp: firstGroup,
    });
  }
  events.push({
    type: 'group',
    messageId: id(),
    userId: 'ana',
    groupId: ACME,
    traits: { arr: ARR[ACME] },
    timestamp: '2025-03-20T09:00:00.000Z',
  });
  // "shared" belongs to two accounts, so its events without a groupId belong to neither.
  for (const account of [ACME, GLOBEX]) {
    events.push({
      type: 'group',
      messageId: id(),
      userId: 'shared',
      groupId: account,
      timestamp: firstGroup,
    });
  }
  events.push({
    type: 'identify',
    messageId: id(),
    userId: 'ana',
    traits: { email: 'ana@acme.example' },
    timestamp: firstGroup,
  });

  for (let dayIndex = 0; dayIndex < WEEKS * 7; dayIndex++) {
    const day = dayAt(FIRST_DAY, dayIndex);
    const week = Math.floor(dayIndex / 7);
    for (const person of PEOPLE) {
      if (person.account === ACME && week === ACME_IDLE_WEEK) continue;
      // Initech ramps up: nothing in its first two weeks.
      if (person.account === INITECH && week < 2) continue;
      const track = (event: string, properties: Record<string, unknown>) => {
        const team = person.teams[Math.floor(next() * person.teams.length)] as string;
        events.push({
          type: 'track',
          messageId: id(),
          userId: person.userId,
          ...(person.noGroupId ? {} : { groupId: person.account }),
          event,
          properties: { team, workspace: person.workspace, ...properties },
          timestamp: at(day),
        });
      };
      // Activity grows over the weeks, so periods differ.
      const runs = Math.floor(next() * (1 + week / 3));
      for (let run = 0; run < runs; run++) {
        track('Workflow Run Completed', { status: next() < 0.8 ? 'success' : 'failed' });
      }
      if (next() < 0.25) track('Workflow Run Started', { status: 'success' });
      if (next() < 0.12) {
        // Whole cents, some deals with no amount at all (worth nothing, still an event).
        const amount = next() < 0.1 ? undefined : Math.round(100 + next() * 190_000) / 100;
        track('Deal Closed', amount === undefined ? {} : { amount });
      }
      if (next() < 0.2) track('Report Viewed', { report: 'weekly' });
    }
    // Events no account can claim: a user in two accounts and a user in none, without groupId.
    if (dayIndex % 5 === 0) {
      for (const userId of ['shared', 'stranger']) {
        events.push({
          type: 'track',
          messageId: id(),
          userId,
          event: 'Workflow Run Completed',
          properties: { status: 'success', team: 'ops', workspace: 'north' },
          timestamp: at(day),
        });
      }
    }
    if (dayIndex % 7 === 2) {
      events.push({
        type: 'page',
        messageId: id(),
        userId: 'ana',
        groupId: ACME,
        name: 'Dashboard',
        properties: { team: 'ops' },
        timestamp: at(day),
      });
    }
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// The independent calculator.

export interface Range {
  from: string;
  to: string;
}

/** Who sent the event: the userId, or else the anonymousId (as Segment keys people). */
export const personOf = (event: FixtureEvent) => event.userId ?? event.anonymousId ?? '';

/** Which accounts each user joined through group calls. */
function memberships(events: readonly FixtureEvent[]): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const event of events) {
    if (event.type !== 'group' || !event.groupId) continue;
    const accounts = members.get(personOf(event)) ?? new Set<string>();
    accounts.add(event.groupId);
    members.set(personOf(event), accounts);
  }
  return members;
}

/** The event's account: its groupId, or the one account its user belongs to. */
export function accountOf(
  event: FixtureEvent,
  members: Map<string, Set<string>> | readonly FixtureEvent[],
): string | null {
  if (event.groupId) return event.groupId;
  const table = members instanceof Map ? members : memberships(members);
  const accounts = table.get(personOf(event));
  return accounts && accounts.size === 1 ? ([...accounts][0] as string) : null;
}

/**
 * Distinct people with a track or page event in the range, per account they are attributed to
 * (an account's active people, counted by hand from the events).
 */
export function activePeople(
  events: readonly FixtureEvent[],
  range: Range,
): Array<{ accountId: string; users: number }> {
  const people = new Map<string, Set<string>>();
  const members = memberships(events);
  for (const event of events) {
    if (event.type !== 'track' && event.type !== 'page') continue;
    const day = event.timestamp.slice(0, 10);
    if (day < range.from || day > range.to) continue;
    const account = accountOf(event, members);
    if (!account) continue;
    people.set(account, (people.get(account) ?? new Set()).add(personOf(event)));
  }
  return [...people]
    .map(([accountId, seen]) => ({ accountId, users: seen.size }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}

export interface Figures {
  quantity: number;
  value: number;
  money: number;
}

export interface Rates {
  hourly_rate: number;
  seat_value: number;
}
export const DEFAULT_RATES: Rates = { hourly_rate: HOURLY_RATE, seat_value: SEAT_VALUE };

const dayOf = (event: FixtureEvent) => event.timestamp.slice(0, 10);

/** What each driver means, written out by hand (`runStatus`: the status the runs filter keeps). */
function matches(driver: DriverId, event: FixtureEvent, runStatus: string): boolean {
  if (event.type !== 'track') return false;
  switch (driver) {
    case 'automation_hours':
      return event.event === 'Workflow Run Completed' && event.properties?.status === runStatus;
    case 'deal_revenue':
      return event.event === 'Deal Closed';
    case 'active_analysts':
      return event.event === 'Report Viewed';
  }
}

export class Expected {
  private readonly members: Map<string, Set<string>>;

  constructor(
    readonly events: readonly FixtureEvent[],
    readonly options: { hoursPerRun?: number; runStatus?: string } = {},
  ) {
    this.members = memberships(events);
  }

  /** The driver's events for one account within a period of days (inclusive). */
  matching(
    driver: DriverId,
    account: string,
    range: Range,
    keep: (event: FixtureEvent) => boolean = () => true,
  ): FixtureEvent[] {
    return this.events.filter(
      (event) =>
        matches(driver, event, this.options.runStatus ?? 'success') &&
        accountOf(event, this.members) === account &&
        dayOf(event) >= range.from &&
        dayOf(event) <= range.to &&
        keep(event),
    );
  }

  quantity(driver: DriverId, events: readonly FixtureEvent[]): number {
    switch (driver) {
      case 'automation_hours':
        return events.length;
      case 'deal_revenue':
        return events.reduce((sum, event) => sum + Number(event.properties?.amount ?? 0), 0);
      case 'active_analysts':
        return new Set(events.map(personOf)).size;
    }
  }

  figures(
    driver: DriverId,
    account: string,
    range: Range,
    options: { rates?: Rates; keep?: (event: FixtureEvent) => boolean } = {},
  ): Figures {
    const rates = options.rates ?? DEFAULT_RATES;
    const quantity = this.quantity(driver, this.matching(driver, account, range, options.keep));
    switch (driver) {
      case 'automation_hours': {
        const value = quantity * (this.options.hoursPerRun ?? HOURS_PER_RUN);
        return { quantity, value, money: value * rates.hourly_rate };
      }
      case 'deal_revenue':
        return { quantity, value: quantity, money: quantity };
      case 'active_analysts':
        return { quantity, value: quantity, money: quantity * rates.seat_value };
    }
  }

  money(account: string, range: Range, options: { rates?: Rates } = {}): number {
    return DRIVER_IDS.reduce(
      (sum, driver) => sum + this.figures(driver, account, range, options).money,
      0,
    );
  }

  /** The account's first day with value (any driver's event), or undefined. */
  firstDay(account: string): string | undefined {
    const all = { from: '0000-01-01', to: '9999-12-31' };
    return DRIVER_IDS.flatMap((driver) => this.matching(driver, account, all).map(dayOf)).sort()[0];
  }

  /**
   * The weeks (fractions included) the account was a user within a range: all of it, or from its
   * first day with value when that falls inside.
   */
  weeksIn(account: string, range: Range): number {
    const first = this.firstDay(account);
    const from = first && first > range.from ? first : range.from;
    return (
      ((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1) / 7
    );
  }

  /** Values of a property on the driver's events of an account (e.g. every team seen). */
  keys(
    driver: DriverId | undefined,
    account: string,
    range: Range,
    key: (e: FixtureEvent) => string,
  ) {
    const drivers = driver ? [driver] : DRIVER_IDS;
    return [...new Set(drivers.flatMap((d) => this.matching(d, account, range).map(key)))].sort();
  }
}

export const teamOf = (event: FixtureEvent) => String(event.properties?.team ?? '');
export const workspaceOf = (event: FixtureEvent) => String(event.properties?.workspace ?? '');

/** Monday of the week holding `day` (UTC), by hand. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return dayAt(day, -((weekday + 6) % 7));
}

/** Money compares to the cent, other figures to a ten-thousandth, after the engine's rounding. */
export function expectMoney(actual: unknown, expected: number, tolerance = 0.011) {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

export function expectNumber(actual: unknown, expected: number, tolerance = 0.0002) {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

// ---------------------------------------------------------------------------------------------
// Driving the real app.

export interface Fixture {
  t: TestApp;
  writeKey: string;
  /** Sends events through POST /v1/batch and checks every one was accepted. */
  ingest(events: readonly FixtureEvent[]): Promise<void>;
  /** Rolls committed events into the value facts now (the service also does it every second). */
  refresh(): Promise<void>;
  putModel(model: unknown): Promise<Response>;
  /** Mints an embed token through POST /v1/embed/sessions. */
  token(accountId: string, role?: 'viewer' | 'editor', userId?: string): Promise<string>;
  /** GET with an embed token for `accountId`. */
  get(path: string, accountId: string, role?: 'viewer' | 'editor'): Promise<Response>;
  getJson<T = Record<string, unknown>>(path: string, accountId: string): Promise<T>;
  close(): Promise<void>;
}

export async function startFixture(
  options: { events?: readonly FixtureEvent[]; model?: unknown | null; storage?: Storage } = {},
): Promise<Fixture> {
  const t = await startTestApp(options.storage ? { storage: options.storage } : {});
  const source = await createSource(t.app, 'Fixture Flow');
  const tokens = new Map<string, string>();
  const fixture: Fixture = {
    t,
    writeKey: source.writeKey,
    async ingest(events) {
      for (let start = 0; start < events.length; start += 400) {
        const batch = events.slice(start, start + 400);
        const res = await postJson(t.app, '/v1/batch', { batch }, basic(source.writeKey));
        expect(res.status).toBe(200);
        const body = (await res.json()) as { accepted: number; rejected: unknown[] };
        expect(body.rejected).toEqual([]);
        expect(body.accepted).toBe(batch.length);
      }
    },
    refresh: () => t.services.value.refresh(),
    putModel: (model) =>
      Promise.resolve(
        t.app.request('/v1/admin/model', {
          method: 'PUT',
          headers: { ...adminAuth, 'content-type': 'application/json' },
          body: JSON.stringify(model),
        }),
      ),
    async token(accountId, role = 'viewer', userId = `${accountId}-user`) {
      const key = `${accountId}\u0000${role}\u0000${userId}`;
      const known = tokens.get(key);
      if (known) return known;
      const res = await postJson(
        t.app,
        '/v1/embed/sessions',
        { accountId, userId, role },
        adminAuth,
      );
      expect(res.status).toBe(201);
      const { token } = (await res.json()) as { token: string };
      tokens.set(key, token);
      return token;
    },
    async get(path, accountId, role = 'viewer') {
      return t.app.request(path, { headers: bearer(await fixture.token(accountId, role)) });
    },
    async getJson(path, accountId) {
      const res = await fixture.get(path, accountId);
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return body as never;
    },
    close: () => t.close(),
  };
  if (options.events) await fixture.ingest(options.events);
  if (options.model !== null) {
    const res = await fixture.putModel(options.model ?? valueModel());
    expect(res.status).toBe(201);
  }
  return fixture;
}

// ---------------------------------------------------------------------------------------------
// Weekly shapes for the forecast: an account's successful workflow runs, week by week.

/**
 * `runs[k]` successful runs (0.2 hours each) on the Wednesday of each of the `runs.length`
 * complete weeks before the week of `today`, oldest first, all by `user-<account>`.
 */
export function weeklyRunEvents(account: string, runs: readonly number[], today: string) {
  const monday = mondayOf(today);
  const events: FixtureEvent[] = [];
  runs.forEach((count, week) => {
    const wednesday = dayAt(monday, -7 * (runs.length - week) + 2);
    for (let i = 0; i < count; i++) {
      events.push({
        type: 'track',
        messageId: `${account}-${week}-${i}`,
        userId: `user-${account}`,
        groupId: account,
        event: 'Workflow Run Completed',
        properties: { status: 'success', team: 'ops', workspace: 'north' },
        timestamp: `${wednesday}T12:00:00.000Z`,
      });
    }
  });
  return events;
}
