/**
 * Deterministic demo telemetry for "Acme Flow", a workflow-automation product, so a fresh
 * `npm start` has half a year of realistic Segment events to compute value from. Six customer
 * accounts, each with its own story — ramping, stalling, a holiday lull, ahead of its promise,
 * behind it, brand new — so the value API has something true to tell about each.
 * Everything it produces is plainly demo data: it is only ever written to the demo source.
 */

import { peerAccounts } from './peer-accounts.ts';
import { seededRandom as random } from './random.ts';

/** The value drivers the demo's promises are about (ids of the "Acme Flow" value model). */
export type DemoDriver =
  | 'automation_hours' // hours saved: 0.25 h per successful "Workflow Run Completed"
  | 'ticket_deflection' // "Ticket Auto-Resolved" events
  | 'invoice_revenue' // USD: the `amount` of "Invoice Collected" (an overdue payment recovered)
  | 'compliance_risk'; // incidents avoided: "Compliance Check Passed" events × 0.002

/** What a team mostly does with Acme Flow; it sets the team's daily mix of events (`WORK`). */
export type TeamKind = 'operations' | 'finance' | 'support' | 'compliance';

export interface DemoTeam {
  name: string;
  kind: TeamKind;
}

/** A promise as made at the sale: a target over the first `days` days of the account's history. */
export interface DemoPromiseTerms {
  driver: DemoDriver;
  target: number;
  days: number;
  label: string;
}

export interface DemoAccount {
  id: string;
  name: string;
  plan: 'starter' | 'growth' | 'enterprise';
  seats: number;
  /** Annual spend in USD (the `arr` group trait). */
  arr: number;
  industry: string;
  /** What this account shows in the demo. */
  story: string;
  /** The first one is the biggest. */
  workspaces: string[];
  teams: DemoTeam[];
  /** Days of history, ending at the end date. */
  days: number;
  /** Share of the seats that end up using the product. */
  adoption: number;
  /** Days over which users keep joining after the first ones (the adoption ramp). */
  rampDays: number;
  /** Multiplier on every team's daily work. */
  intensity: number;
  /** Share of workflow runs that fail. */
  failureRate: number;
  /** Typical invoice collected, in USD. */
  invoiceUsd: number;
  /** A team that all but stops using the product from this day of the account's history. */
  stall?: { team: string; day: number };
  /** A seasonal lull: activity falls to `level` for `days` days from day `day` of the history. */
  lull?: { day: number; days: number; level: number; label: string };
  /** What the account has turned on (default: everything); a peer that never reports has no reports. */
  uses?: readonly Activity[];
  promises: DemoPromiseTerms[];
}

/**
 * The six demo customers, as data. Promises run from an account's first day; the linear pace on
 * day d of a promise over N days is target × d / N. Each account draws from its own random stream,
 * so only the weekday pattern moves with the end date. With the default seed, by the end date:
 *
 * | account   | promise                       | day     | pace    | realized  | × pace |
 * |-----------|-------------------------------|---------|---------|-----------|--------|
 * | Acme Corp | 12,000 h in a year            | 180/365 | 5,918 h | ~6,300 h  | ~1.07  |
 * | Acme Corp | $20M invoices in a year       | 180/365 | $9.86M  | ~$10.5M   | ~1.07  |
 * | Globex    | 4,500 h in a year             | 180/365 | 2,219 h | ~3,950 h  | ~1.78  | ahead
 * | Globex    | 11,000 tickets in a year      | 180/365 | 5,425   | ~9,400    | ~1.73  | ahead
 * | Umbrella  | 6,000 checks in a year        | 180/365 | 2,959   | ~1,165    | ~0.39  | behind
 * | Umbrella  | 2,500 h in a year             | 180/365 | 1,233 h | ~520 h    | ~0.42  | behind
 * | Vandelay  | $6.5M invoices in a year      | 150/365 | $2.67M  | ~$2.99M   | ~1.12  |
 * | Vandelay  | 5,000 h in a year             | 150/365 | 2,055 h | ~2,070 h  | ~1.01  | slipping
 * | Hooli     | 8,000 tickets in a year       | 110/365 | 2,411   | ~2,740    | ~1.13  |
 * | Initech   | 1,200 tickets in six months   | 24/182  | 158     | ~145–195  | ~0.9–1.2 |
 *
 * test/examples/demo-telemetry.test.ts recomputes these from the generated events, for several end
 * dates and seeds, and checks Globex ≥ 1.3× and Umbrella ≤ 0.7× the pace.
 */
export const demoAccounts: readonly DemoAccount[] = [
  {
    id: 'acme-corp',
    name: 'Acme Corp',
    plan: 'enterprise',
    seats: 200,
    arr: 180_000,
    industry: 'Manufacturing',
    story: 'The largest account: a steady ramp over three months, and a two-week summer shutdown.',
    workspaces: ['North America', 'EMEA', 'APAC', 'Shared Services'],
    teams: [
      { name: 'Operations', kind: 'operations' },
      { name: 'Finance', kind: 'finance' },
      { name: 'Procurement', kind: 'operations' },
      { name: 'Quality', kind: 'compliance' },
      { name: 'IT', kind: 'support' },
    ],
    days: 180,
    adoption: 0.7,
    rampDays: 90,
    intensity: 1,
    failureRate: 0.06,
    invoiceUsd: 60,
    lull: { day: 70, days: 14, level: 0.12, label: 'Two-week summer shutdown' },
    promises: [
      {
        driver: 'automation_hours',
        target: 12_000,
        days: 365,
        label: '12,000 hours saved in the first year',
      },
      {
        driver: 'invoice_revenue',
        target: 500_000,
        days: 365,
        label: '$500K of overdue payments recovered by automated reminders in the first year',
      },
    ],
  },
  {
    id: 'globex',
    name: 'Globex Logistics',
    plan: 'growth',
    seats: 60,
    arr: 48_000,
    industry: 'Logistics',
    story: 'Ahead of its promise: adopted fast and uses Acme Flow every day.',
    workspaces: ['North America', 'APAC'],
    teams: [
      { name: 'Dispatch', kind: 'operations' },
      { name: 'Billing', kind: 'finance' },
      { name: 'Support', kind: 'support' },
    ],
    days: 180,
    adoption: 0.85,
    rampDays: 30,
    intensity: 1.2,
    failureRate: 0.04,
    invoiceUsd: 55,
    promises: [
      {
        driver: 'automation_hours',
        target: 4_500,
        days: 365,
        label: '4,500 hours saved in the first year',
      },
      {
        driver: 'ticket_deflection',
        target: 11_000,
        days: 365,
        label: '11,000 tickets resolved without an agent in the first year',
      },
    ],
  },
  {
    id: 'umbrella',
    name: 'Umbrella Health',
    plan: 'enterprise',
    seats: 90,
    arr: 108_000,
    industry: 'Healthcare',
    story: 'Behind its promise: slow adoption, few users, more failed runs.',
    workspaces: ['North America', 'EMEA', 'Shared Services'],
    teams: [
      { name: 'Compliance', kind: 'compliance' },
      { name: 'Claims', kind: 'operations' },
      { name: 'Patient Services', kind: 'support' },
      { name: 'Finance', kind: 'finance' },
    ],
    days: 180,
    adoption: 0.35,
    rampDays: 170,
    intensity: 0.45,
    failureRate: 0.18,
    invoiceUsd: 237,
    promises: [
      {
        driver: 'compliance_risk',
        // 6,000 automated checks at the model's 0.002 incidents avoided per check.
        target: 12,
        days: 365,
        label: '12 compliance incidents avoided in the first year',
      },
      {
        driver: 'automation_hours',
        target: 2_500,
        days: 365,
        label: '2,500 hours saved in the first year',
      },
    ],
  },
  {
    id: 'vandelay',
    name: 'Vandelay Industries',
    plan: 'growth',
    seats: 50,
    arr: 42_000,
    industry: 'Wholesale',
    story: 'A team that stalls: Imports stops using Acme Flow after its champion leaves.',
    workspaces: ['North America', 'EMEA'],
    teams: [
      { name: 'Imports', kind: 'operations' },
      { name: 'Exports', kind: 'operations' },
      { name: 'Accounts Receivable', kind: 'finance' },
    ],
    days: 150,
    adoption: 0.7,
    rampDays: 45,
    intensity: 1,
    failureRate: 0.07,
    invoiceUsd: 45,
    stall: { team: 'Imports', day: 95 },
    promises: [
      {
        driver: 'invoice_revenue',
        target: 162_500,
        days: 365,
        label: '$162.5K of overdue payments recovered by automated reminders in the first year',
      },
      {
        driver: 'automation_hours',
        target: 5_000,
        days: 365,
        label: '5,000 hours saved in the first year',
      },
    ],
  },
  {
    id: 'hooli',
    name: 'Hooli',
    plan: 'starter',
    seats: 20,
    arr: 9_600,
    industry: 'Technology',
    story: 'A small support-led team on the starter plan.',
    workspaces: ['North America', 'EMEA'],
    teams: [
      { name: 'Support', kind: 'support' },
      { name: 'IT', kind: 'operations' },
    ],
    days: 110,
    adoption: 0.9,
    rampDays: 20,
    intensity: 0.9,
    failureRate: 0.05,
    invoiceUsd: 22,
    promises: [
      {
        driver: 'ticket_deflection',
        target: 8_000,
        days: 365,
        label: '8,000 tickets resolved without an agent in the first year',
      },
    ],
  },
  {
    id: 'initech',
    name: 'Initech',
    plan: 'growth',
    seats: 40,
    arr: 30_000,
    industry: 'Software',
    story: 'New: a few weeks of data, still onboarding.',
    workspaces: ['North America', 'EMEA'],
    teams: [
      { name: 'Support', kind: 'support' },
      { name: 'Engineering', kind: 'operations' },
    ],
    days: 24,
    adoption: 0.6,
    rampDays: 40,
    intensity: 0.8,
    failureRate: 0.08,
    invoiceUsd: 37,
    promises: [
      {
        driver: 'ticket_deflection',
        target: 1_200,
        days: 182,
        label: '1,200 tickets resolved without an agent in the first six months',
      },
    ],
  },
];

export type Activity = 'run' | 'ticket' | 'invoice' | 'check' | 'report' | 'dashboard';

/** Events per active user on a working day, by what the team does. */
const WORK: Record<TeamKind, Record<Activity, number>> = {
  operations: { run: 4, ticket: 0.2, invoice: 0, check: 0.1, report: 0.1, dashboard: 0.6 },
  finance: { run: 2, ticket: 0, invoice: 1.5, check: 0.1, report: 0.25, dashboard: 0.7 },
  support: { run: 1, ticket: 4, invoice: 0, check: 0, report: 0.1, dashboard: 0.5 },
  compliance: { run: 1.5, ticket: 0, invoice: 0, check: 3, report: 0.3, dashboard: 0.6 },
};
const ACTIVITIES = Object.keys(WORK.operations) as Activity[];

/** Activity on weekends, relative to a working day. */
const WEEKEND = 0.08;
/** A stalled team's activity, relative to before. */
const STALLED = 0.02;
/** Days a new user takes to reach their usual pace (they start at 30 %). */
const WARM_UP_DAYS = 14;
/** Where each workspace's working day starts, in UTC hours; it lasts nine hours. */
const WORKDAY_START: Record<string, number> = { 'North America': 13, EMEA: 7, APAC: 0 };
const DEFAULT_WORKDAY_START = 9;

const CONTROLS = ['Access review', 'Change approval', 'Data retention', 'Vendor risk', 'Backup'];
const FORMATS = ['pdf', 'pdf', 'csv', 'xlsx'];
// biome-ignore format: a table
const FIRST_NAMES = [
  'Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Farid', 'Grace', 'Hiro', 'Isla', 'Jonas',
  'Kara', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq',
];
// biome-ignore format: a table
const LAST_NAMES = [
  'Adams', 'Berg', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen',
  'Khan', 'Lopez', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Weber',
];

export interface DemoOptions {
  /** The last day of history (UTC); defaults to yesterday. */
  end?: Date;
  seed?: number;
}

export type DemoPromise = {
  driver?: string;
  target: number;
  from: string;
  to: string;
  label: string;
  labels: { de: string; es: string };
};

/** What each demo driver's promise says, in German and Spanish ({target} formatted, {when}). */
const promiseWords: Record<DemoDriver, { de: string; es: string }> = {
  automation_hours: {
    de: '{target} eingesparte Stunden {when}',
    es: '{target} horas ahorradas {when}',
  },
  ticket_deflection: {
    de: '{target} automatisch gelöste Tickets {when}',
    es: '{target} tickets resueltos sin agente {when}',
  },
  invoice_revenue: {
    de: '{target} an überfälligen Zahlungen durch automatische Mahnungen eingeholt {when}',
    es: '{target} en pagos vencidos recuperados con recordatorios automáticos {when}',
  },
  compliance_risk: {
    de: '{target} vermiedene Compliance-Vorfälle {when}',
    es: '{target} incidentes de cumplimiento evitados {when}',
  },
};

/** The promise as it was worded at the sale, in German and Spanish. */
function promiseLabels(terms: DemoPromiseTerms): { de: string; es: string } {
  const money = terms.driver === 'invoice_revenue';
  const word = (locale: 'de' | 'es') => {
    const target = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'es-ES', {
      ...(money ? { style: 'currency', currency: 'USD', notation: 'compact' } : {}),
    }).format(terms.target);
    const when =
      terms.days >= 365
        ? { de: 'im ersten Jahr', es: 'en el primer año' }[locale]
        : { de: 'in den ersten sechs Monaten', es: 'en los primeros seis meses' }[locale];
    return promiseWords[terms.driver][locale].replace('{target}', target).replace('{when}', when);
  };
  return { de: word('de'), es: word('es') };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_SEED = 20_261_126;

/** The last day of history: the given end or yesterday, as the start of that UTC day. */
export function demoEndDay(options: DemoOptions = {}): Date {
  return startOfUtcDay(options.end ?? new Date(Date.now() - DAY_MS));
}

/** The first day of an account's history (its sale, and the start of its promises). */
export function demoStartDay(account: DemoAccount, options: DemoOptions = {}): Date {
  return addDays(demoEndDay(options), -(account.days - 1));
}

/** Each account's promises with their dates, for histories ending at `options.end`. */
export function demoPromisesFor(options: DemoOptions = {}): Record<string, DemoPromise[]> {
  return Object.fromEntries(
    demoAccounts.map((account) => {
      const start = demoStartDay(account, options);
      return [
        account.id,
        account.promises.map((terms) => ({
          driver: terms.driver,
          target: terms.target,
          from: isoDay(start),
          to: isoDay(addDays(start, terms.days - 1)),
          label: terms.label,
          labels: promiseLabels(terms),
        })),
      ];
    }),
  );
}

/** The promises for the default demo (history ending yesterday). */
export const demoPromises: Record<string, DemoPromise[]> = demoPromisesFor();

/** The demo's Segment events for the six featured accounts: account by account, in time order. */
export function* demoEvents(options: DemoOptions = {}): Generator<Record<string, unknown>> {
  yield* eventsOf(demoAccounts, options);
}

/** The peer accounts' events, the same way: what next-best value compares the featured ones with. */
export function* peerEvents(options: DemoOptions = {}): Generator<Record<string, unknown>> {
  yield* eventsOf(peerAccounts, options);
}

function* eventsOf(
  accounts: readonly DemoAccount[],
  options: DemoOptions,
): Generator<Record<string, unknown>> {
  const seed = options.seed ?? DEFAULT_SEED;
  for (const account of accounts) {
    yield* accountEvents(account, demoStartDay(account, options), random(seed ^ hash(account.id)));
  }
}

interface DemoUser {
  id: string;
  name: string;
  email: string;
  team: DemoTeam;
  workspace: string;
  role: 'admin' | 'member' | 'viewer';
  /** How much of a team's usual work this user does. */
  weight: number;
  /** Day of the account's history the user starts. */
  joinDay: number;
}

type Event = Record<string, unknown> & { timestamp: string };

function* accountEvents(
  account: DemoAccount,
  start: Date,
  next: () => number,
): Generator<Record<string, unknown>> {
  const users = usersOf(account, next);
  let sequence = 0;
  for (let day = 0; day < account.days; day++) {
    const date = addDays(start, day);
    const events: Event[] = [];
    for (const user of users) {
      if (user.joinDay > day) continue;
      if (user.joinDay === day) events.push(...joinEvents(account, user, date));
      events.push(...workEvents(account, user, day, date, next));
    }
    events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    for (const event of events) {
      yield { messageId: `demo-${account.id}-${(sequence++).toString(36)}`, ...event };
    }
  }
}

/**
 * The account's users: the first of each team (its champion, an admin) starts in the first days,
 * the others join at random over the ramp. Users whose day comes after the end have not joined yet.
 */
function usersOf(account: DemoAccount, next: () => number): DemoUser[] {
  const { teams } = account;
  const count = Math.max(teams.length, Math.round(account.seats * account.adoption));
  const domain = `${account.id}.example`;
  return Array.from({ length: count }, (_, index) => {
    const champion = index < teams.length;
    const occasional = !champion && index % 5 === 0;
    const first = FIRST_NAMES[index % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(index + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length];
    return {
      id: `${account.id}-u${index + 1}`,
      name: `${first} ${last}`,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      team: teams[index % teams.length] as DemoTeam,
      workspace: pickWeighted(account.workspaces, next),
      role: champion ? 'admin' : occasional ? 'viewer' : 'member',
      weight: champion ? 2.5 : occasional ? 0.4 : 0.8 + next() * 0.4,
      joinDay: joinDay(index, champion, account.rampDays, next),
    };
  });
}

/** The first user opens the account on day 0, champions follow within days, the rest over the ramp. */
function joinDay(index: number, champion: boolean, rampDays: number, next: () => number): number {
  if (index === 0) return 0;
  return champion ? Math.floor(next() * 5) : 3 + Math.floor(next() * rampDays);
}

/** A new user's identify call and the group call tying them to the account (with its traits). */
function joinEvents(account: DemoAccount, user: DemoUser, date: Date): Event[] {
  const timestamp = isoAt(date, workdayStart(user.workspace) * 60);
  return [
    {
      type: 'identify',
      userId: user.id,
      timestamp,
      traits: {
        email: user.email,
        name: user.name,
        team: user.team.name,
        workspace: user.workspace,
        role: user.role,
      },
    },
    {
      type: 'group',
      userId: user.id,
      groupId: account.id,
      timestamp,
      traits: {
        name: account.name,
        plan: account.plan,
        seats: account.seats,
        arr: account.arr,
        industry: account.industry,
      },
    },
  ];
}

/** One user's events on one day, in random order (the caller sorts the day). */
function workEvents(
  account: DemoAccount,
  user: DemoUser,
  day: number,
  date: Date,
  next: () => number,
): Event[] {
  const level = activityLevel(account, user, day, date);
  const context = { app: { name: 'Acme Flow', version: '4.2.0' } };
  const events: Event[] = [];
  for (const activity of ACTIVITIES) {
    if (account.uses && !account.uses.includes(activity)) continue;
    const count = countAround(WORK[user.team.kind][activity] * level, next);
    for (let index = 0; index < count; index++) {
      const minute = workdayStart(user.workspace) * 60 + Math.floor(next() * 540);
      events.push({
        ...eventFor(activity, account, user, next),
        userId: user.id,
        groupId: account.id,
        timestamp: isoAt(date, minute + next()),
        context,
      });
    }
  }
  return events;
}

/** How busy a user is on a day, relative to their team's usual working day. */
function activityLevel(account: DemoAccount, user: DemoUser, day: number, date: Date): number {
  const weekday = date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
  const warmUp = Math.min(1, 0.3 + (0.7 * (day - user.joinDay)) / WARM_UP_DAYS);
  const { stall, lull } = account;
  const stalled = stall !== undefined && stall.team === user.team.name && day >= stall.day;
  const lulled = lull !== undefined && day >= lull.day && day < lull.day + lull.days;
  return (
    account.intensity *
    user.weight *
    warmUp *
    (weekday ? 1 : WEEKEND) *
    (stalled ? STALLED : 1) *
    (lulled ? (lull?.level ?? 1) : 1)
  );
}

/** The event-specific part of one piece of work. */
function eventFor(
  activity: Activity,
  account: DemoAccount,
  user: DemoUser,
  next: () => number,
): Record<string, unknown> {
  const where = { team: user.team.name, workspace: user.workspace };
  switch (activity) {
    case 'run': {
      const steps = 3 + Math.floor(next() * 10);
      return track('Workflow Run Completed', {
        status: next() < account.failureRate ? 'failed' : 'success',
        ...where,
        steps,
        duration_ms: Math.round(steps * (400 + next() * 1_200)),
      });
    }
    case 'ticket':
      return track('Ticket Auto-Resolved', { ...where, channel: next() < 0.55 ? 'email' : 'chat' });
    case 'invoice':
      return track('Invoice Collected', {
        amount: invoiceAmount(account.invoiceUsd, next),
        currency: 'USD',
        ...where,
      });
    case 'check':
      return track('Compliance Check Passed', { ...where, control: pick(CONTROLS, next) });
    case 'report':
      return track('Report Exported', { ...where, format: pick(FORMATS, next) });
    case 'dashboard':
      return { type: 'page', name: 'Dashboard', properties: { path: '/dashboard', ...where } };
  }
}

function track(event: string, properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'track', event, properties };
}

/** An invoice amount in USD, with cents: log-normal around the account's typical invoice. */
function invoiceAmount(typical: number, next: () => number): number {
  const roughlyNormal = (next() + next() + next() + next() - 2) * 1.7;
  return Math.round(typical * Math.exp(0.45 * roughlyNormal) * 100) / 100;
}

function workdayStart(workspace: string): number {
  return WORKDAY_START[workspace] ?? DEFAULT_WORKDAY_START;
}

/** FNV-1a, so each account gets its own random stream from the seed. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  }
  return value >>> 0;
}

/** A Poisson count with the given (small) mean. */
function countAround(mean: number, next: () => number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let count = 0;
  let product = next();
  while (product > limit) {
    count++;
    product *= next();
  }
  return count;
}

/** One of the items, earlier ones more likely (weights 1, 1/2, 1/3, …). */
function pickWeighted<T>(items: readonly T[], next: () => number): T {
  const weights = items.map((_, index) => 1 / (index + 1));
  let left = next() * weights.reduce((sum, weight) => sum + weight, 0);
  for (const [index, item] of items.entries()) {
    left -= weights[index] as number;
    if (left < 0) return item;
  }
  return items[items.length - 1] as T;
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function isoAt(date: Date, minuteOfDay: number): string {
  return new Date(date.getTime() + Math.floor(minuteOfDay * 60_000)).toISOString();
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
