/**
 * Deterministic demo telemetry for "Acme Flow", a workflow-automation product, so a fresh
 * `npm start` has months of realistic Segment events to look at. Each account has its own shape —
 * growing, stalling, new, slow to adopt — so later value stories have something true to tell.
 * Everything it produces is plainly demo data: it is only ever written to the demo source.
 */

export interface DemoAccount {
  id: string;
  name: string;
  plan: 'starter' | 'growth' | 'enterprise';
  seats: number;
  arr: number;
  industry: string;
  teams: string[];
  /** Months of history before the end date. */
  months: number;
  /** Monthly multiplier on activity: above 1 grows, below 1 shrinks. */
  monthlyGrowth: number;
  /** Workflow runs per active user per weekday at the start of its history. */
  intensity: number;
}

export const demoAccounts: readonly DemoAccount[] = [
  {
    id: 'acme-corp',
    name: 'Acme Corp',
    plan: 'enterprise',
    seats: 120,
    arr: 96_000,
    industry: 'Manufacturing',
    teams: ['Finance', 'Operations', 'Procurement', 'IT'],
    months: 9,
    monthlyGrowth: 1.08,
    intensity: 3.2,
  },
  {
    id: 'globex',
    name: 'Globex',
    plan: 'growth',
    seats: 45,
    arr: 36_000,
    industry: 'Logistics',
    teams: ['Dispatch', 'Billing', 'Support'],
    months: 8,
    monthlyGrowth: 0.95,
    intensity: 2.6,
  },
  {
    id: 'initech',
    name: 'Initech',
    plan: 'growth',
    seats: 30,
    arr: 24_000,
    industry: 'Software',
    teams: ['Engineering', 'Support'],
    months: 1,
    monthlyGrowth: 1.2,
    intensity: 1.4,
  },
  {
    id: 'umbrella',
    name: 'Umbrella Health',
    plan: 'enterprise',
    seats: 80,
    arr: 72_000,
    industry: 'Healthcare',
    teams: ['Claims', 'Compliance', 'Patient Services'],
    months: 6,
    monthlyGrowth: 1.01,
    intensity: 0.9,
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A small seeded PRNG (mulberry32): the same seed gives the same demo everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Poisson-ish count with the given mean, from a uniform source. */
function countAround(mean: number, next: () => number): number {
  if (mean <= 0) return 0;
  let count = 0;
  let product = next();
  const limit = Math.exp(-Math.min(mean, 50));
  while (product > limit) {
    count++;
    product *= next();
  }
  return mean > 50 ? Math.round(mean + (next() - 0.5) * Math.sqrt(mean) * 2) : count;
}

export interface DemoOptions {
  /** The last day of history (UTC); defaults to yesterday. */
  end?: Date;
  seed?: number;
}

/** The demo's Segment events, oldest first. */
export function* demoEvents(options: DemoOptions = {}): Generator<Record<string, unknown>> {
  const end = startOfUtcDay(options.end ?? new Date(Date.now() - DAY_MS));
  const next = random(options.seed ?? 20_261_126);
  let sequence = 0;
  const id = () => `demo-${(sequence++).toString(36)}`;
  for (const account of demoAccounts) {
    const days = Math.round(account.months * 30.4);
    const start = new Date(end.getTime() - (days - 1) * DAY_MS);
    const users = Array.from(
      { length: Math.max(3, Math.round(account.seats * 0.6)) },
      (_, index) => ({
        id: `${account.id}-u${index + 1}`,
        team: account.teams[index % account.teams.length] as string,
        // A few power users do most of the work, as in real products.
        weight: index < 3 ? 3 : index % 4 === 0 ? 0.3 : 1,
      }),
    );
    yield {
      type: 'group',
      messageId: id(),
      userId: users[0]?.id,
      groupId: account.id,
      timestamp: start.toISOString(),
      traits: {
        name: account.name,
        plan: account.plan,
        seats: account.seats,
        arr: account.arr,
        industry: account.industry,
      },
    };
    for (const user of users) {
      yield {
        type: 'identify',
        messageId: id(),
        userId: user.id,
        timestamp: start.toISOString(),
        traits: {
          email: `${user.id}@${account.id}.example`,
          team: user.team,
          role: user.weight > 1 ? 'admin' : 'member',
        },
      };
      yield {
        type: 'group',
        messageId: id(),
        userId: user.id,
        groupId: account.id,
        timestamp: start.toISOString(),
        traits: {},
      };
    }
    for (let day = 0; day < days; day++) {
      const date = new Date(start.getTime() + day * DAY_MS);
      const weekday = date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
      const activity =
        account.intensity * account.monthlyGrowth ** (day / 30.4) * (weekday ? 1 : 0.15);
      for (const user of users) {
        const at = (minute: number) =>
          new Date(date.getTime() + (8 * 60 + minute) * 60_000).toISOString();
        const base = {
          userId: user.id,
          groupId: account.id,
          context: { app: { name: 'Acme Flow', version: '4.2' } },
        };
        const runs = countAround(activity * user.weight, next);
        for (let run = 0; run < runs; run++) {
          const success = next() > 0.06;
          yield {
            ...base,
            type: 'track',
            messageId: id(),
            event: 'Workflow Run Completed',
            timestamp: at(Math.floor(next() * 540)),
            properties: {
              status: success ? 'success' : 'failed',
              team: user.team,
              steps: 3 + Math.floor(next() * 9),
              duration_ms: Math.round(800 + next() * 9000),
            },
          };
        }
        if (countAround(activity * user.weight * 0.25, next) > 0) {
          yield {
            ...base,
            type: 'track',
            messageId: id(),
            event: 'Ticket Auto-Resolved',
            timestamp: at(Math.floor(next() * 540)),
            properties: { team: user.team, channel: next() > 0.5 ? 'email' : 'chat' },
          };
        }
        if (weekday && next() < 0.08 * user.weight) {
          yield {
            ...base,
            type: 'track',
            messageId: id(),
            event: 'Report Exported',
            timestamp: at(Math.floor(next() * 540)),
            properties: { team: user.team, format: next() > 0.3 ? 'pdf' : 'csv' },
          };
        }
        if (weekday && next() < 0.3) {
          yield {
            ...base,
            type: 'page',
            messageId: id(),
            name: 'Dashboard',
            timestamp: at(Math.floor(next() * 540)),
            properties: { path: '/dashboard' },
          };
        }
      }
    }
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
