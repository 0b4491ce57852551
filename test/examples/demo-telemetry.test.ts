import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import { promiseSchema } from '../../blueprint/promise.ts';
import {
  type DemoAccount,
  type DemoOptions,
  type DemoPromise,
  demoAccounts,
  demoEndDay,
  demoEvents,
  demoPromises,
  demoPromisesFor,
  demoStartDay,
} from '../../examples/demo/telemetry.ts';
import { prepareBatch } from '../../telemetry/pipeline/ingest.ts';

type DemoEvent = Record<string, unknown> & {
  type: string;
  messageId: string;
  userId: string;
  timestamp: string;
  groupId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: { app?: { name?: string } };
};

const END = new Date('2026-06-30T00:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const DRIVERS = ['automation_hours', 'ticket_deflection', 'invoice_revenue', 'compliance_risk'];
const TRACKS = [
  'Workflow Run Completed',
  'Ticket Auto-Resolved',
  'Invoice Collected',
  'Compliance Check Passed',
  'Report Exported',
];

const generate = (options: DemoOptions) => [...demoEvents(options)] as DemoEvent[];
const account = (id: string) => demoAccounts.find((a) => a.id === id) as DemoAccount;
/** The account an event belongs to: its groupId, or for identify calls the user's account. */
const accountOf = (event: DemoEvent) => event.groupId ?? event.userId.replace(/-u\d+$/, '');
const dayIndex = (event: DemoEvent, start: Date) =>
  Math.floor((Date.parse(event.timestamp) - start.getTime()) / DAY_MS);
const isWeekday = (start: Date, day: number) => {
  const weekday = new Date(start.getTime() + day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** Events per day of an account's history (from the start day), optionally filtered. */
function perDay(
  events: DemoEvent[],
  demo: DemoAccount,
  keep: (event: DemoEvent) => boolean = () => true,
): number[] {
  const start = demoStartDay(demo, { end: END });
  const days = new Array<number>(demo.days).fill(0);
  for (const event of events) {
    if (accountOf(event) !== demo.id || !keep(event)) continue;
    const day = dayIndex(event, start);
    days[day] = (days[day] ?? 0) + 1;
  }
  return days;
}

/** Mean of the counts on the days in [from, to) that pass `which`. */
function meanOver(counts: number[], from: number, to: number, which = (_day: number) => true) {
  const days = counts.map((_, day) => day).filter((d) => d >= from && d < to && which(d));
  return days.reduce((sum, day) => sum + (counts[day] ?? 0), 0) / days.length;
}

/** What each driver realized per account, straight from the events (the promise's own rules). */
function realized(events: DemoEvent[], promises: Record<string, DemoPromise[]>) {
  const totals: Record<string, Record<string, number>> = {};
  for (const event of events) {
    if (event.type !== 'track' || !event.groupId) continue;
    const from = promises[event.groupId]?.[0]?.from ?? '';
    if (event.timestamp.slice(0, 10) < from) continue;
    const driver = totals[event.groupId] ?? {};
    totals[event.groupId] = driver;
    const add = (id: string, amount: number) => {
      driver[id] = (driver[id] ?? 0) + amount;
    };
    const properties = event.properties ?? {};
    if (event.event === 'Workflow Run Completed' && properties.status === 'success') {
      add('automation_hours', 0.25);
    }
    if (event.event === 'Ticket Auto-Resolved') add('ticket_deflection', 1);
    if (event.event === 'Invoice Collected') add('invoice_revenue', properties.amount as number);
    if (event.event === 'Compliance Check Passed') add('compliance_risk', 0.002);
  }
  return totals;
}

/** Realized ÷ linear pace (target × elapsed days ÷ promise days) for each account's promises. */
function paceRatios(options: DemoOptions, accountIds: string[]) {
  const promises = demoPromisesFor(options);
  const totals = realized(generate(options), promises);
  const end = demoEndDay(options).getTime();
  return accountIds.flatMap((accountId) =>
    (promises[accountId] ?? []).map((promise) => {
      const from = Date.parse(`${promise.from}T00:00:00Z`);
      const to = Date.parse(`${promise.to}T00:00:00Z`);
      const pace = (promise.target * ((end - from) / DAY_MS + 1)) / ((to - from) / DAY_MS + 1);
      const ratio = (totals[accountId]?.[promise.driver ?? ''] ?? 0) / pace;
      return { accountId, driver: promise.driver, ratio };
    }),
  );
}

let events: DemoEvent[];
beforeAll(() => {
  events = generate({ end: END });
});

describe('demo telemetry: determinism', () => {
  const digest = (options: DemoOptions, limit = Number.POSITIVE_INFINITY) => {
    const hash = createHash('sha256');
    let count = 0;
    for (const event of demoEvents(options)) {
      if (count++ >= limit) break;
      hash.update(`${JSON.stringify(event)}\n`);
    }
    return hash.digest('hex');
  };

  it('gives identical events for the same seed and end, different ones for another seed', () => {
    expect(digest({ end: END })).toBe(digest({ end: END }));
    expect(digest({ end: END, seed: 7 }, 5_000)).not.toBe(digest({ end: END }, 5_000));
  });

  it('ends yesterday (UTC) by default, and stays within each account’s history', () => {
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    expect(demoEndDay().toISOString()).toBe(`${yesterday}T00:00:00.000Z`);
    const outside = events.filter((event) => {
      const demo = account(accountOf(event));
      const day = dayIndex(event, demoStartDay(demo, { end: END }));
      return day < 0 || day >= demo.days;
    });
    expect(outside).toEqual([]);
  });
});

describe('demo telemetry: ingest', () => {
  it('passes ingest validation with zero rejects, unique message ids and no clock flags', () => {
    const ids = new Set<string>();
    for (let index = 0; index < events.length; index += ingestLimits.maxBatchEvents) {
      const batch = prepareBatch(events.slice(index, index + ingestLimits.maxBatchEvents), {
        sourceId: 'src_demo',
        receivedAt: new Date(),
        replay: true,
      });
      expect(batch.rejects).toEqual([]);
      expect(batch.events.filter((stored) => stored.clockFlag !== null)).toEqual([]);
      for (const stored of batch.events) ids.add(stored.messageId);
    }
    expect(ids.size).toBe(events.length);
  });
});

describe('demo telemetry: shape', () => {
  it('has six accounts with 2–4 workspaces and 2–5 teams', () => {
    expect(demoAccounts).toHaveLength(6);
    expect(new Set(demoAccounts.map((a) => a.id)).size).toBe(6);
    for (const demo of demoAccounts) {
      expect(demo.workspaces.length).toBeGreaterThanOrEqual(2);
      expect(demo.workspaces.length).toBeLessThanOrEqual(4);
      expect(demo.teams.length).toBeGreaterThanOrEqual(2);
      expect(demo.teams.length).toBeLessThanOrEqual(5);
    }
    expect(new Set(events.map(accountOf))).toEqual(new Set(demoAccounts.map((a) => a.id)));
  });

  it('identifies every user and ties them to their account before they do anything', () => {
    const identified = new Map<string, Record<string, unknown>>();
    const grouped = new Set<string>();
    const problems: string[] = [];
    for (const event of events) {
      if (event.type === 'identify') identified.set(event.userId, event.traits ?? {});
      else if (event.type === 'group') {
        grouped.add(event.userId);
        const demo = account(event.groupId as string);
        const { name, plan, seats, arr, industry } = demo;
        expect(event.traits).toEqual({ name, plan, seats, arr, industry });
      } else if (!identified.has(event.userId) || !grouped.has(event.userId)) {
        problems.push(`${event.messageId}: ${event.userId} acts before identify and group`);
      }
    }
    expect(problems).toEqual([]);
    for (const [userId, traits] of identified) {
      expect(traits.email).toMatch(/^[a-z.]+@[a-z-]+\.example$/);
      const demo = account(userId.replace(/-u\d+$/, ''));
      expect(demo.teams.map((team) => team.name)).toContain(traits.team);
      expect(['admin', 'member', 'viewer']).toContain(traits.role);
    }
  });

  it('sends the five track events and the Dashboard page with their properties', () => {
    const names = new Set<string>();
    const problems: string[] = [];
    for (const event of events) {
      if (event.type === 'identify' || event.type === 'group') continue;
      names.add(event.type === 'page' ? `page ${event.name}` : (event.event as string));
      const problem = propertyProblem(event);
      if (problem) problems.push(`${event.messageId} (${event.event ?? event.type}): ${problem}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect([...names].sort()).toEqual([...TRACKS, 'page Dashboard'].sort());
  });
});

/** What is wrong with a track or page event's properties, if anything. */
function propertyProblem(event: DemoEvent): string | null {
  const properties = event.properties ?? {};
  const demo = account(event.groupId as string);
  if (event.context?.app?.name !== 'Acme Flow') return 'no context.app';
  if (!demo.teams.some((team) => team.name === properties.team)) return 'unknown team';
  if (!demo.workspaces.includes(properties.workspace as string)) return 'unknown workspace';
  const number = (key: string) => typeof properties[key] === 'number';
  const oneOf = (key: string, values: unknown[]) => values.includes(properties[key]);
  const ok = {
    'Workflow Run Completed':
      oneOf('status', ['success', 'failed']) && number('steps') && number('duration_ms'),
    'Ticket Auto-Resolved': oneOf('channel', ['email', 'chat']),
    'Invoice Collected':
      number('amount') && (properties.amount as number) > 0 && properties.currency === 'USD',
    'Compliance Check Passed': typeof properties.control === 'string',
    'Report Exported': typeof properties.format === 'string',
  }[event.event ?? ''];
  if (event.type === 'page') return event.name === 'Dashboard' ? null : 'not the Dashboard page';
  return ok ? null : 'missing or wrong properties';
}

describe('demo telemetry: account profiles', () => {
  it('ramps adoption: more active users in the last month than in the first week', () => {
    for (const demo of demoAccounts.filter((a) => a.days >= 90)) {
      const start = demoStartDay(demo, { end: END });
      const early = new Set<string>();
      const late = new Set<string>();
      for (const event of events) {
        if (event.type !== 'track' || event.groupId !== demo.id) continue;
        const day = dayIndex(event, start);
        if (day < 7) early.add(event.userId);
        if (day >= demo.days - 30) late.add(event.userId);
      }
      expect(early.size, demo.id).toBeLessThan(late.size * 0.6);
    }
  });

  it('has a team that stalls: its activity drops to near zero while the others carry on', () => {
    const demo = demoAccounts.find((a) => a.stall) as DemoAccount;
    const stall = demo.stall as { team: string; day: number };
    const team = perDay(events, demo, (e) => e.properties?.team === stall.team);
    const others = perDay(events, demo, (e) => !!e.groupId && e.properties?.team !== stall.team);
    const before = meanOver(team, stall.day - 28, stall.day);
    expect(before).toBeGreaterThan(20);
    expect(meanOver(team, stall.day, demo.days)).toBeLessThan(before * 0.05);
    expect(meanOver(others, stall.day, demo.days)).toBeGreaterThan(
      meanOver(others, stall.day - 28, stall.day) * 0.8,
    );
  });

  it('has a seasonal dip: two weeks of much lower weekday activity', () => {
    const demo = demoAccounts.find((a) => a.lull) as DemoAccount;
    const lull = demo.lull as { day: number; days: number };
    const start = demoStartDay(demo, { end: END });
    const weekday = (day: number) => isWeekday(start, day);
    const counts = perDay(events, demo);
    const during = meanOver(counts, lull.day, lull.day + lull.days, weekday);
    const before = meanOver(counts, lull.day - 28, lull.day, weekday);
    const after = meanOver(counts, lull.day + lull.days + 7, lull.day + lull.days + 35, weekday);
    expect(lull.days).toBe(14);
    expect(during).toBeLessThan(before * 0.25);
    expect(after).toBeGreaterThan(before * 0.8);
  });

  it('has one new account with a few weeks of data; the others have months, up to ~180 days', () => {
    const spans = demoAccounts.map((demo) => {
      const days = events
        .filter((e) => accountOf(e) === demo.id)
        .map((e) => dayIndex(e, demoStartDay(demo, { end: END })));
      return Math.max(...days) - Math.min(...days) + 1;
    });
    expect(spans.filter((days) => days <= 31)).toHaveLength(1);
    expect(spans.filter((days) => days >= 90)).toHaveLength(5);
    expect(Math.max(...spans)).toBe(180);
    expect(new Set(demoAccounts.map((a) => a.seats)).size).toBe(6);
  });
});

describe('demo telemetry: promises', () => {
  it('are valid promises on the four driver ids, from each account’s first day', () => {
    expect(Object.keys(demoPromises).sort()).toEqual(demoAccounts.map((a) => a.id).sort());
    expect(demoPromises).toEqual(demoPromisesFor());
    const promises = demoPromisesFor({ end: END });
    for (const demo of demoAccounts) {
      const start = demoStartDay(demo, { end: END }).toISOString().slice(0, 10);
      expect(promises[demo.id]?.length, demo.id).toBeGreaterThan(0);
      for (const promise of promises[demo.id] ?? []) {
        expect(promiseSchema.safeParse(promise).success, promise.label).toBe(true);
        expect(DRIVERS).toContain(promise.driver);
        expect(promise.from).toBe(start);
      }
    }
    expect(promises.globex?.[0]).toEqual({
      driver: 'automation_hours',
      target: 4_500,
      from: '2026-01-02',
      to: '2027-01-01',
      label: '4,500 hours saved in the first year',
      labels: {
        de: '4.500 eingesparte Stunden im ersten Jahr',
        es: '4500 horas ahorradas en el primer año',
      },
    });
  });

  // Realized is recomputed from the events with the drivers' rules (0.25 h per successful run, one
  // per ticket or check, the invoice amounts) and compared with target × elapsed / promise days.
  it.each([
    { end: END },
    { end: new Date('2026-11-25T00:00:00Z') },
    { end: new Date('2027-02-14T00:00:00Z'), seed: 7 },
    { end: new Date('2026-09-09T00:00:00Z'), seed: 123_456 },
  ])(
    'Globex is clearly ahead and Umbrella clearly behind on a linear pace ($end, $seed)',
    (options) => {
      const ratios = paceRatios(options, ['globex', 'umbrella']);
      expect(ratios.map((r) => r.accountId)).toEqual(['globex', 'globex', 'umbrella', 'umbrella']);
      for (const { accountId, driver, ratio } of ratios) {
        if (accountId === 'globex') expect(ratio, `globex ${driver}`).toBeGreaterThan(1.3);
        else expect(ratio, `umbrella ${driver}`).toBeLessThan(0.7);
      }
    },
  );
});

describe('demo telemetry: volume', () => {
  it('stays between 80,000 and 250,000 events, the biggest account the largest', () => {
    expect(events.length).toBeGreaterThan(80_000);
    expect(events.length).toBeLessThan(250_000);
    const counts = new Map<string, number>();
    for (const event of events)
      counts.set(accountOf(event), (counts.get(accountOf(event)) ?? 0) + 1);
    const bySize = [...demoAccounts].sort((a, b) => b.seats - a.seats).map((a) => a.id);
    expect(Math.max(...counts.values())).toBe(counts.get(bySize[0] as string));
    expect(Math.min(...counts.values())).toBe(counts.get('initech'));
  });
});
