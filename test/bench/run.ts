/**
 * `npm run bench`: this ingest benchmark, the value query benchmark (./value-queries.ts) and time to
 * story on the demo page (./time-to-story.ts), and scenario planning's projection
 * (./projection.ts); `--only ingest|value|story|projection` runs one of them
 * (`npm run bench:ingest`, `npm run bench:value`, which also takes its own options,
 * `npm run bench:story`).
 *
 * Ingest benchmark: HTTP ingest against what the machine can do with the same events, in one run.
 *
 *   limit  the machine's limit for these events: JSON.parse of the same request bodies and the DuckDB
 *          appender writing each event's columns into the events table of a fresh database file,
 *          committed every 10,000 events; no validation, no de-duplication, no rollups, no HTTP.
 *   HTTP   the real server in a child process; keep-alive clients on loopback POST pre-serialized
 *          /v1/batch bodies, so the load generator stays cheap on a small box.
 *
 *   paced  the same server on another fresh database, sent 100-event batches at 0.2 × the limit's
 *          events/s in an open loop (each request on its schedule, whatever is still open), each
 *          latency counted from when the request was due; then the same with the ingest journal
 *          off (each answer waits for DuckDB's commit), for comparison only.
 *
 * Targets (issue 11): HTTP flat out (10 closed-loop clients of 100-event batches) ≥ 0.2 × the
 * limit's events/s; p99 < 50 ms while carrying 0.2 × the limit, paced. Exit code 1 when a target is missed (by either benchmark). Options: --clients N,
 * --seconds S (per phase), --batch N, --profile DIR (writes a --cpu-prof of the server there),
 * --only ingest|value.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Database, timestampValue } from '../../telemetry/storage/duckdb/database.ts';
import { PostgresDatabase } from '../../telemetry/storage/postgres/database.ts';
import { freshPostgres } from '../postgres.ts';
import { loopbackRequest, startServerProcess } from '../server-process.ts';
import { batchBodies } from './events.ts';
import { withBenchPostgres } from './postgres-server.ts';

const SECRET = `bench-secret-${randomUUID()}`;
const TARGET_RATIO = 0.2;
/** Events per transaction in the limit phase: the writer's largest group. */
const LIMIT_GROUP_EVENTS = 10_000;
const TARGET_P99_MS = 50;
/** Issue 15: one server process on PostgreSQL carries at least this share of COPY's events/s. */
const TARGET_POSTGRES_RATIO = 0.5;
const WARMUP_MS = 1_500;
/**
 * The PostgreSQL phases' warm-up, limit and servers alike. There the machine's two cores are the
 * bound, and a server just started spends them on V8 too: its optimizing compiler and GC threads
 * used 0.21 core in the 5 s after 2.5 s of load, 0.10 core in each 5 s after that (measured per
 * thread). A service runs for days: what it carries is measured once that settles.
 */
const POSTGRES_WARMUP_MS = 5_000;

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    batch: { type: 'string', default: '100' },
    profile: { type: 'string' },
    only: { type: 'string' },
  },
});
if (
  flags.only !== undefined &&
  !['ingest', 'value', 'story', 'projection', 'postgres', 'postgres-ingest'].includes(flags.only)
)
  throw new Error(
    '--only must be "ingest", "value", "story", "projection", "postgres" or "postgres-ingest"',
  );
const clients = Number(flags.clients);
const seconds = Number(flags.seconds);
const batchSize = Number(flags.batch);
for (const [name, value] of Object.entries({ clients, seconds, batch: batchSize })) {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
}

interface Phase {
  events: number;
  requests: number;
  seconds: number;
  latenciesMs: number[];
  errors: Map<string, number>;
  /** CPU seconds per wall second, by process. */
  cpu: Record<string, number>;
}

/**
 * Distinct bodies (unique messageIds) for a phase of up to 40,000 events/s, built before timing
 * starts; both phases use the same ones, each against its own database.
 */
function bodiesFor(run: string, warmupMs = WARMUP_MS): Buffer[] {
  const maxEventsPerSecond = 60_000;
  const batches = Math.ceil(((seconds + warmupMs / 1000) * maxEventsPerSecond) / batchSize);
  return batchBodies(run, batches, batchSize);
}

function emptyPhase(): Phase {
  return { events: 0, requests: 0, seconds, latenciesMs: [], errors: new Map(), cpu: {} };
}

/**
 * `clients` loops take bodies from a shared cursor until the deadline (or the bodies) run out;
 * the first `warmupMs` are not counted.
 */
async function drive(
  bodies: Buffer[],
  send: (body: Buffer) => Promise<number>,
  cpuSample: () => Record<string, number>,
  warmupMs = WARMUP_MS,
): Promise<Phase> {
  let cursor = 0;
  const warmEnd = Date.now() + warmupMs;
  const end = warmEnd + seconds * 1000;
  const phase = emptyPhase();
  let cpuStart: Record<string, number> | undefined;
  let measuredFrom = 0;
  const loop = async () => {
    while (Date.now() < end && cursor < bodies.length) {
      const body = bodies[cursor++] as Buffer;
      const started = performance.now();
      let accepted: number;
      try {
        accepted = await send(body);
      } catch (error) {
        const key = (error as Error).message.slice(0, 80);
        phase.errors.set(key, (phase.errors.get(key) ?? 0) + 1);
        continue;
      }
      const now = Date.now();
      if (now < warmEnd) continue;
      if (!cpuStart) {
        cpuStart = cpuSample();
        measuredFrom = performance.now();
      }
      phase.latenciesMs.push(performance.now() - started);
      phase.events += accepted;
      phase.requests++;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const wall = (performance.now() - measuredFrom) / 1000;
  phase.seconds = wall;
  const cpuEnd = cpuSample();
  for (const [name, used] of Object.entries(cpuEnd)) {
    phase.cpu[name] = (used - (cpuStart?.[name] ?? 0)) / wall;
  }
  if (cursor >= bodies.length)
    console.warn('  (ran out of pre-built bodies: the phase ended early)');
  return phase;
}

/**
 * Open loop: one body every 1/`requestsPerSecond` s whatever the answers, as independent senders
 * do. Each latency counts from when its request was due, not from when it went out, so a stall
 * is charged to every request it delayed (no coordinated omission). The first `WARMUP_MS` are not
 * counted.
 */
async function pace(
  bodies: Buffer[],
  requestsPerSecond: number,
  send: (body: Buffer) => Promise<number>,
  cpuSample: () => Record<string, number>,
): Promise<Phase> {
  const interval = 1000 / requestsPerSecond;
  const start = performance.now();
  const warmEnd = start + WARMUP_MS;
  const end = warmEnd + seconds * 1000;
  const phase = emptyPhase();
  const inFlight = new Set<Promise<void>>();
  let cpuStart: Record<string, number> | undefined;
  for (let index = 0; index < bodies.length; index++) {
    const due = start + index * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (due >= warmEnd && !cpuStart) cpuStart = cpuSample();
    const counted = due >= warmEnd;
    const request = send(bodies[index] as Buffer).then(
      (accepted) => {
        if (!counted) return;
        phase.latenciesMs.push(performance.now() - due);
        phase.events += accepted;
        phase.requests++;
      },
      (error: unknown) => {
        const key = (error as Error).message.slice(0, 80);
        phase.errors.set(key, (phase.errors.get(key) ?? 0) + 1);
      },
    );
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  const cpuEnd = cpuSample();
  await Promise.all(inFlight);
  phase.seconds = seconds;
  for (const [name, used] of Object.entries(cpuEnd)) {
    phase.cpu[name] = (used - (cpuStart?.[name] ?? 0)) / seconds;
  }
  return phase;
}

function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** utime + stime of another process, from /proc (Linux); 0 elsewhere. */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU of every PostgreSQL process on this machine (0 for a server elsewhere): its own time, and
 * the postmaster's reaped children (backends that ended in between).
 */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      for (const index of [11, 12, 13, 14]) ticks += Number(fields[index]);
    } catch {
      // The process ended while being read.
    }
  }
  return ticks / 100;
}

/**
 * The limit: parse each body and append its events' columns as they come, one transaction per
 * LIMIT_GROUP_EVENTS, into the same events table the store writes (a fresh file, same migrations).
 */
async function limit(dir: string, bodies: Buffer[]): Promise<Phase> {
  const database = await Database.open(join(dir, 'limit.duckdb'));
  const connection = await database.connect();
  const started = performance.now();
  const cpuStart = ownCpuSeconds();
  const deadline = started + seconds * 1000;
  let events = 0;
  let seq = 0;
  try {
    // The same bodies again once they run out: the limit keeps no ids, so repeats cost the same.
    for (let next = 0; performance.now() < deadline; ) {
      await connection.run('BEGIN TRANSACTION');
      const appender = await connection.createAppender('events');
      const receivedAt = timestampValue(new Date());
      let inGroup = 0;
      while (inGroup < LIMIT_GROUP_EVENTS) {
        const body = JSON.parse(
          (bodies[next++ % bodies.length] as Buffer).toString('utf8'),
        ) as BenchBody;
        const sentAt = timestampValue(new Date(body.sentAt));
        for (const event of body.batch) {
          const time = timestampValue(new Date(event.timestamp));
          appender.appendVarchar('src_limit');
          appender.appendVarchar(event.messageId);
          appender.appendBoolean(false);
          appender.appendVarchar(event.type);
          appender.appendVarchar(event.event);
          appender.appendVarchar(event.userId);
          appender.appendNull();
          appender.appendVarchar(event.groupId);
          appender.appendVarchar(JSON.stringify(event.properties));
          appender.appendVarchar(JSON.stringify(event.context));
          appender.appendTimestamp(time);
          appender.appendTimestamp(sentAt);
          appender.appendTimestamp(receivedAt);
          appender.appendTimestamp(time);
          appender.appendNull();
          appender.appendBigInt(BigInt(++seq));
          appender.endRow();
        }
        inGroup += body.batch.length;
      }
      appender.closeSync();
      await connection.run('COMMIT');
      events += inGroup;
    }
  } finally {
    connection.closeSync();
    database.close();
  }
  const wall = (performance.now() - started) / 1000;
  return {
    events,
    requests: Math.round(events / batchSize),
    seconds: wall,
    latenciesMs: [],
    errors: new Map(),
    cpu: { bench: (ownCpuSeconds() - cpuStart) / wall },
  };
}

interface BenchBody {
  sentAt: string;
  batch: Array<{
    type: string;
    messageId: string;
    userId: string;
    groupId: string;
    event: string;
    timestamp: string;
    properties: unknown;
    context: unknown;
  }>;
}

function post(
  agent: Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return loopbackRequest(agent, port, { method: 'POST', path, headers, body });
}

/**
 * The real server on a fresh database: driven by `clients` closed loops (as fast as it answers),
 * or, given `eventsPerSecond`, paced at that rate. `db` names the database (a DuckDB file in
 * `dir` by default); with `processes` > 1, that many servers share it and the clients take turns.
 */
async function overHttp(
  dir: string,
  bodies: Buffer[],
  eventsPerSecond?: number,
  journal = true,
  target: { db?: string; processes?: number; warmupMs?: number } = {},
): Promise<Phase> {
  const db =
    target.db ??
    join(
      dir,
      `${eventsPerSecond === undefined ? 'http' : 'paced'}${journal ? '' : '-no-journal'}.duckdb`,
    );
  const servers: Array<Awaited<ReturnType<typeof startServerProcess>>> = [];
  for (let index = 0; index < (target.processes ?? 1); index++) {
    servers.push(
      await startServerProcess({
        db,
        secret: SECRET,
        profile: flags.profile,
        // One write key sends everything here: its rate limit would be what is measured.
        env: {
          VALUEPRINT_KEY_EVENTS_PER_SECOND: '0',
          VALUEPRINT_INGEST_JOURNAL: journal ? '1' : '0',
        },
      }),
    );
  }
  // Paced requests go out on time whatever is still open: enough sockets that none waits for one.
  const agent = new Agent({
    keepAlive: true,
    maxSockets: eventsPerSecond === undefined ? clients : 256,
  });
  try {
    const [first] = servers;
    if (!first) throw new Error('no server started');
    const created = await post(
      agent,
      first.port,
      '/v1/admin/sources',
      { authorization: `Bearer ${SECRET}` },
      Buffer.from(JSON.stringify({ name: 'bench' })),
    );
    if (created.status !== 201) throw new Error(`creating a source failed: ${created.text}`);
    const { writeKey } = JSON.parse(created.text) as { writeKey: string };
    const auth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    let turn = 0;
    const send = async (body: Buffer) => {
      const server = servers[turn++ % servers.length] ?? first;
      const { status, text } = await post(agent, server.port, '/v1/batch', auth, body);
      if (status !== 200) throw new Error(`HTTP ${status} ${text.slice(0, 60)}`);
      return (JSON.parse(text) as { accepted: number }).accepted;
    };
    const cpu = () => ({
      ...Object.fromEntries(
        servers.map((server, index) => [
          servers.length > 1 ? `server ${index + 1}` : 'server',
          processCpuSeconds(server.child.pid),
        ]),
      ),
      'load generator': ownCpuSeconds(),
      ...(target.db?.startsWith('postgres') ? { postgres: postgresCpuSeconds() } : {}),
    });
    return eventsPerSecond === undefined
      ? await drive(bodies, send, cpu, target.warmupMs)
      : await pace(bodies, eventsPerSecond / batchSize, send, cpu);
  } finally {
    agent.destroy();
    for (const { child } of servers) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summarize(phase: Phase) {
  const sorted = [...phase.latenciesMs].sort((a, b) => a - b);
  return {
    eventsPerSecond: phase.events / phase.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths?.[column] ?? 0) : cell.padStart(widths?.[column] ?? 0),
        )
        .join('   ');
      return index === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : '-';

/** A phase's CPU use, by process, in cores. */
function cpu(phase: Phase): string {
  return Object.entries(phase.cpu)
    .map(([name, cores]) => `${name} ${number(cores, 2)}`)
    .join(', ');
}

/** Every error a phase met, counted by message. */
function reportErrors(phases: ReadonlyArray<readonly [string, Phase]>): void {
  for (const [name, phase] of phases) {
    for (const [message, count] of phase.errors)
      console.log(`${name} errors: ${count} × ${message}`);
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'valueprint-bench-'));
  try {
    console.log(
      `Valueprint ingest benchmark: ${clients} clients, batches of ${batchSize}, ${seconds} s per phase ` +
        `after ${WARMUP_MS / 1000} s warm-up, ${availableParallelism()} CPUs, Node ${process.version}`,
    );
    const bodies = bodiesFor(randomUUID().slice(0, 8));
    const eventBytes = Math.round((bodies[0]?.length ?? 0) / batchSize);
    console.log(`events: Segment track, ~${eventBytes} bytes of JSON each\n`);

    console.log('limit (JSON.parse + the DuckDB appender, a commit every 10,000 events)…');
    const local = await limit(dir, bodies);
    console.log('HTTP (server in a child process, keep-alive clients on 127.0.0.1)…');
    const http = await overHttp(dir, bodies);
    const a = summarize(local);
    const b = summarize(http);
    const ratio = b.eventsPerSecond / a.eventsPerSecond;
    const pacedRate = TARGET_RATIO * a.eventsPerSecond;
    console.log(
      `HTTP paced at ${TARGET_RATIO} × the limit (${number(pacedRate)} events/s, open loop)…\n`,
    );
    const paced = await overHttp(dir, bodies, pacedRate);
    const c = summarize(paced);
    console.log('the same, paced, with the ingest journal off (answers wait for DuckDB)…\n');
    const unjournaled = await overHttp(dir, bodies, pacedRate, false);
    const d = summarize(unjournaled);
    console.log(
      table([
        ['path', 'events/s', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'CPU (cores)'],
        ...(
          [
            ['limit', a, local],
            [`HTTP, ${clients} clients flat out`, b, http],
            [`HTTP, paced at ${TARGET_RATIO} × limit`, c, paced],
            ['  the same, journal off', d, unjournaled],
          ] as const
        ).map(([name, s, phase]) => [
          name,
          number(s.eventsPerSecond),
          number(phase.requests),
          number(s.p50, 1),
          number(s.p99, 1),
          number(s.max, 1),
          cpu(phase),
        ]),
      ]),
    );
    reportErrors([
      ['limit', local],
      ['HTTP', http],
      ['HTTP paced', paced],
      ['HTTP paced, journal off', unjournaled],
    ]);
    const ratioOk = ratio >= TARGET_RATIO;
    // The paced phase must have carried its rate (a server that fell behind would answer fewer).
    const carried = c.eventsPerSecond >= 0.95 * pacedRate && paced.errors.size === 0;
    const p99Ok = c.p99 < TARGET_P99_MS && carried;
    console.log(
      `\n${table([
        ['target', 'measured', 'goal', 'result'],
        [`HTTP flat out / limit`, number(ratio, 2), `≥ ${TARGET_RATIO}`, ratioOk ? 'PASS' : 'FAIL'],
        [
          `HTTP p99 at ${TARGET_RATIO} × limit`,
          `${number(c.p99, 1)} ms at ${number(c.eventsPerSecond)}/s`,
          `< ${TARGET_P99_MS} ms`,
          p99Ok ? 'PASS' : 'FAIL',
        ],
      ])}`,
    );
    console.log(
      `\nFlat out, ${clients} clients keep ${clients * batchSize} events in flight: by Little's law their ` +
        `mean latency is that over the rate (${number(((clients * batchSize) / b.eventsPerSecond) * 1000, 1)} ms ` +
        'here), so its p99 reads the throughput again; latency is judged at a set rate, paced.',
    );
    if (!ratioOk || !p99Ok) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL's limit for these events: JSON.parse of the same bodies and COPY of their rows (the
 * columns the store writes) into the events table of a fresh database, one connection, a
 * transaction per LIMIT_GROUP_EVENTS; no validation, no de-duplication, no rollups, no HTTP.
 */
async function limitOnPostgres(url: string, bodies: Buffer[]): Promise<Phase> {
  // The schema as the service makes it (its migrations), then a plain connection.
  await (await PostgresDatabase.open(url)).close();
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  // Commits until the warm-up ends are not counted.
  const warmEnd = performance.now() + POSTGRES_WARMUP_MS;
  let started = Number.NaN;
  let cpuStart = 0;
  let postgresStart = 0;
  const deadline = warmEnd + seconds * 1000;
  let events = 0;
  const field = (value: string | null) =>
    value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPE[c] ?? c);
  try {
    for (let next = 0, commit = 1; performance.now() < deadline; commit++) {
      if (Number.isNaN(started) && performance.now() >= warmEnd) {
        started = performance.now();
        cpuStart = ownCpuSeconds();
        postgresStart = postgresCpuSeconds();
      }
      const receivedAt = new Date().toISOString();
      let text = '';
      let inGroup = 0;
      while (inGroup < LIMIT_GROUP_EVENTS) {
        const body = JSON.parse(
          (bodies[next++ % bodies.length] as Buffer).toString('utf8'),
        ) as BenchBody;
        for (const event of body.batch) {
          text += `${[
            String(commit),
            event.groupId,
            'src_limit',
            event.messageId,
            'f',
            event.type,
            event.event,
            event.userId,
            null,
            JSON.stringify(event.properties),
            JSON.stringify(event.context),
            event.timestamp,
            body.sentAt,
            receivedAt,
            event.timestamp,
            null,
          ]
            .map(field)
            .join('\t')}\n`;
        }
        inGroup += body.batch.length;
      }
      await client.query('BEGIN');
      await pipeline(
        Readable.from([text]),
        client.query(
          copyFrom(
            `COPY events (commit_id, account_id, source_id, message_id, message_id_assigned, type,
               name, user_id, anonymous_id, properties, context, client_timestamp, sent_at,
               received_at, event_time, clock_flag) FROM STDIN`,
          ),
        ),
      );
      await client.query('COMMIT');
      if (!Number.isNaN(started)) events += inGroup;
    }
  } finally {
    await client.end();
  }
  const wall = (performance.now() - started) / 1000;
  return {
    events,
    requests: Math.round(events / batchSize),
    seconds: wall,
    latenciesMs: [],
    errors: new Map(),
    cpu: {
      bench: (ownCpuSeconds() - cpuStart) / wall,
      postgres: (postgresCpuSeconds() - postgresStart) / wall,
    },
  };
}

const COPY_ESCAPE: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Ingest on PostgreSQL (issue 15): COPY's limit, then the real server flat out with one process and
 * with two sharing the database (each phase on a fresh database). Target: one process ≥
 * TARGET_POSTGRES_RATIO × the limit's events/s.
 */
async function mainPostgres(server: string): Promise<boolean> {
  console.log(
    `Valueprint ingest benchmark on PostgreSQL: ${clients} clients, batches of ${batchSize}, ${seconds} s per phase ` +
      `after ${POSTGRES_WARMUP_MS / 1000} s warm-up, ${availableParallelism()} CPUs, Node ${process.version}\n`,
  );
  const bodies = bodiesFor(randomUUID().slice(0, 8), POSTGRES_WARMUP_MS);
  const phase = async (work: (url: string) => Promise<Phase>) => {
    const database = await freshPostgres(server);
    try {
      return await work(database.url);
    } finally {
      await database.drop();
    }
  };
  console.log('limit (JSON.parse + COPY into events, a commit every 10,000 events)…');
  const local = await phase((url) => limitOnPostgres(url, bodies));
  console.log('HTTP, one server process…');
  const warmupMs = POSTGRES_WARMUP_MS;
  const one = await phase((url) => overHttp('', bodies, undefined, false, { db: url, warmupMs }));
  console.log('HTTP, two server processes on the same database…');
  const two = await phase((url) =>
    overHttp('', bodies, undefined, false, { db: url, processes: 2, warmupMs }),
  );
  const [a, b, c] = [summarize(local), summarize(one), summarize(two)];
  console.log(
    table([
      ['path', 'events/s', '÷ limit', 'p50 ms', 'p99 ms', 'CPU (cores)'],
      ...(
        [
          ['limit (COPY)', a, local],
          [`HTTP, 1 process, ${clients} clients`, b, one],
          [`HTTP, 2 processes, ${clients} clients`, c, two],
        ] as const
      ).map(([name, summary, phase]) => [
        name,
        number(summary.eventsPerSecond),
        number(summary.eventsPerSecond / a.eventsPerSecond, 2),
        number(summary.p50, 1),
        number(summary.p99, 1),
        cpu(phase),
      ]),
    ]),
  );
  reportErrors([
    ['HTTP, 1 process', one],
    ['HTTP, 2 processes', two],
  ]);
  const ratio = b.eventsPerSecond / a.eventsPerSecond;
  const ok = ratio >= TARGET_POSTGRES_RATIO && one.errors.size === 0 && two.errors.size === 0;
  console.log(
    `\n${table([
      ['target', 'measured', 'goal', 'result'],
      [
        'HTTP on PostgreSQL, 1 process / COPY',
        number(ratio, 2),
        `≥ ${TARGET_POSTGRES_RATIO}`,
        ok ? 'PASS' : 'FAIL',
      ],
    ])}`,
  );
  return ok;
}

const only = flags.only;
if (only === undefined || only === 'ingest') await main();
if (only === undefined || only === 'postgres' || only === 'postgres-ingest') {
  if (only === undefined) console.log('');
  const passed = await withBenchPostgres(async (server) => {
    const ingest = await mainPostgres(server);
    if (only === 'postgres-ingest') return ingest;
    console.log('');
    const { defaultValueBenchOptions, runValueBenchmark } = await import('./value-queries.ts');
    const reads = await runValueBenchmark({ ...defaultValueBenchOptions, postgres: server });
    return ingest && reads;
  });
  if (passed === false) process.exitCode = 1;
}
if (only === undefined || only === 'value') {
  const { defaultValueBenchOptions, runValueBenchmark } = await import('./value-queries.ts');
  if (only === undefined) console.log('');
  if (!(await runValueBenchmark(defaultValueBenchOptions))) process.exitCode = 1;
}
if (only === undefined || only === 'projection') {
  const { runProjectionBenchmark } = await import('./projection.ts');
  if (only === undefined) console.log('');
  if (!runProjectionBenchmark()) process.exitCode = 1;
}
if (only === undefined || only === 'story') {
  const { runTimeToStory } = await import('./time-to-story.ts');
  if (only === undefined) console.log('');
  if (!(await runTimeToStory())) process.exitCode = 1;
}
