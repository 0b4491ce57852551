import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, lastCompleteDay } from '../../blueprint/days.ts';
import { prepareDemo } from '../../server/demo.ts';
import { readJournaledRequest } from '../../server/ingest/read-events.ts';
import { prepareBatch } from '../../telemetry/pipeline/ingest.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import { moveToPostgres } from '../../telemetry/storage/move-to-postgres.ts';
import { openStorage } from '../../telemetry/storage/open.ts';
import { describePostgres, freshPostgres } from '../postgres.ts';

/**
 * `valueprint migrate`: a DuckDB file with every kind of data (the demo, plus hand-offs, replies,
 * webhooks, journeys, offers, assumptions, rejects and odd ids) copied into PostgreSQL reads back
 * the same through every store; a move stopped midway resumes without copying anything twice;
 * a database that already holds data is refused.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vp-migrate-'));
const FILE = join(dir, 'source.duckdb');
const AT = '2026-12-01T10:00:00.000Z';
let accounts: string[] = [];

/** Everything the demo does not make, through the stores' own interfaces. */
async function addTheRest(storage: Storage, sourceId: string): Promise<void> {
  const [first = 'acme-corp', second = 'globex'] = accounts;
  await storage.events.commit([
    prepareBatch(
      [
        { type: 'track', userId: 'u\u0000nul', event: 'Odd \u0000 name', messageId: 'm\u00001' },
        { type: 'track', userId: 'u1' },
        { type: 'alias', userId: 'u1' },
      ],
      { sourceId, receivedAt: new Date(AT) },
    ),
  ]);
  // More rejects than a chunk of a streamed read (2,048 rows): the quarantine is copied as read.
  const [outcome] = await storage.events.commit([
    prepareBatch(
      Array.from({ length: 5_000 }, (_, index) => ({ type: 'track', userId: `no-name-${index}` })),
      { sourceId, receivedAt: new Date(AT) },
    ),
  ]);
  expect(outcome?.accepted).toBe(0);
  const event = (id: string) => ({
    accountId: first,
    id,
    handoffId: 'hof_1',
    type: 'handoff.created' as const,
    data: JSON.stringify({ id: 'hof_1' }),
    createdAt: AT,
  });
  await storage.handoffs.create(
    {
      accountId: first,
      id: 'hof_1',
      askedBy: `${first}-u1`,
      status: 'new',
      topic: { kind: 'general', ref: null, label: 'A question' },
      message: 'Could we talk about automations?',
      channel: 'email',
      timing: null,
      brief: '{"version":1,  "spacing":"kept exactly", "n":1.50}',
      createdAt: AT,
      updatedAt: AT,
    },
    { max: 5, since: '2026-12-01T00:00:00.000Z' },
    event('whk_1'),
  );
  await storage.handoffs.addReply(
    {
      accountId: first,
      handoffId: 'hof_1',
      id: 'rpl_1',
      at: '2026-12-01T11:00:00.000Z',
      repId: 'rep-1',
      repName: 'Sam Rivera',
      message: 'Yes: here is a plan.',
      scenario: null,
    },
    { ...event('whk_2'), type: 'handoff.replied' },
  );
  await storage.webhooks.addEndpoint({
    id: 'wh_1',
    url: 'https://hooks.example.com/valueprint',
    events: ['handoff.created', 'handoff.replied'],
    description: null,
    secret: 'whsec_secret',
    createdAt: AT,
    disabledAt: null,
    disabledReason: null,
    failingSince: null,
  });
  await storage.webhooks.enqueue(
    ['whk_1', 'whk_2'].map((id, index) => ({
      endpointId: 'wh_1',
      id,
      eventType: 'handoff.created' as const,
      payload: `{"id":"${id}"}`,
      attempts: index,
      nextAttemptAt: index === 0 ? AT : null,
      status: index === 0 ? ('pending' as const) : ('delivered' as const),
      lastStatusCode: index === 0 ? null : 200,
      lastError: null,
      createdAt: AT,
      deliveredAt: index === 0 ? null : AT,
    })),
  );
  await storage.journey.append(first, `${first}-u1`, [
    { type: 'section_viewed', at: AT, detail: { section: 'story' } },
    { type: 'section_viewed', at: AT, detail: { section: 'plan' } },
  ]);
  await storage.offers.addDecisions([
    {
      accountId: second,
      id: 'dec_1',
      offerId: 'automations',
      userId: `${second}-u1`,
      projected: { annual: 1000.5, low: 800, high: 1200, basis: 'peers' },
      createdAt: AT,
    },
  ]);
  for (const action of ['shown', 'clicked'] as const) {
    await storage.offers.addReaction({
      accountId: second,
      decisionId: 'dec_1',
      offerId: 'automations',
      userId: `${second}-u1`,
      action,
      at: AT,
    });
  }
  await storage.values.recordAssumption(first, { id: 'hourly_cost', value: 61.25, userId: 'cfo' });
  await storage.values.recordAssumption(first, { id: 'hourly_cost', value: 64, userId: 'cfo' });
}

/** What every store answers, read through the storage interface alone. */
async function everything(storage: Storage) {
  const [first = '', second = ''] = accounts;
  const last = lastCompleteDay();
  const month = { from: addDays(last, -29), to: last };
  const half = { from: addDays(last, -179), to: last };
  const ranges = [month, half];
  const perAccount = async (accountId: string) => ({
    promises: await storage.values.promises(accountId),
    assumptions: (await storage.values.assumptionHistory(accountId)).map(
      ({ changedAt, ...rest }) => rest,
    ),
    activity: await storage.values.activity(accountId, ranges),
    series: await storage.values.series(accountId, [{ range: half, grain: 'week' }]),
    users: await storage.values.breakdown(accountId, ranges, ['user', 'driver']),
    days: await storage.values.activeDays(accountId),
    scenarios: await storage.scenarios.list(accountId),
    handoffs: await storage.handoffs.list(accountId),
    replies: await storage.handoffs.replies(accountId),
    reactions: await storage.offers.reactions(accountId),
    journey: await storage.journey.read(accountId, { since: new Date('2020-01-01') }),
  });
  return {
    sources: (await storage.sources.listSources()).map((source) => ({ ...source })),
    inventory: await storage.inventory.inventory({}),
    quarantine: await storage.inventory.quarantine({ limit: 100 }),
    models: await storage.values.modelVersions(),
    model: await storage.values.currentModel(),
    usage: await storage.values.usage(month),
    firstDays: await storage.values.firstDays(),
    activeUsers: await storage.values.activeUsers(month),
    traits: await storage.values.traitsByAccount(['plan', 'industry', 'seats']),
    first: await perAccount(first),
    second: await perAccount(second),
    endpoints: await storage.webhooks.endpoints(),
    deliveries: await storage.webhooks.deliveries('wh_1', 10),
    pending: await storage.handoffs.pendingEvents(10),
    answers: await storage.offers.answers(),
    decision: await storage.offers.decision(second, 'dec_1'),
  };
}

let before: Awaited<ReturnType<typeof everything>>;

/** Every number in `value` to 12 significant digits. */
function to12Digits(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_, item) =>
    typeof item === 'number' ? Number(item.toPrecision(12)) : item,
  );
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/valueprint.js', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describePostgres('valueprint migrate, from a DuckDB file into PostgreSQL', () => {
  beforeAll(async () => {
    const storage = await openStorage({ location: FILE });
    try {
      const demo = await prepareDemo(storage, () => undefined);
      accounts = demo.accounts.map((account) => account.id);
      const [source] = await storage.sources.listSources();
      await addTheRest(storage, source?.id ?? '');
      await storage.values.refresh();
      before = await everything(storage);
    } finally {
      await storage.close();
    }
  }, 120_000);

  it('copies everything: every count checked, and every store answers as it did on DuckDB', async () => {
    const server = await freshPostgres();
    try {
      const { code, stdout, stderr } = await cli(['migrate', '--from', FILE, '--to', server.url]);
      expect({ code, stderr }).toMatchObject({ code: 0 });
      expect(stdout).not.toContain('MISMATCH');
      expect(stdout).toMatch(/^events\s+[\d,]+\s+[\d,]+$/m);
      expect(stdout).toMatch(/^quarantine\s+5,00\d\s+5,00\d$/m);
      expect(stdout).toMatch(/every count matches; value facts derived \([\d,]+ rows\)/);
      expect(stderr).toMatch(/events: [\d,]+ of [\d,]+ \(100\.0%\)/);

      const storage = await openStorage({ location: server.url });
      try {
        const after = await everything(storage);
        // PostgreSQL's text holds no NUL: the odd event's name reads with U+FFFD there.
        const odd = (name: string | null) => name?.replace('\u0000', '\uFFFD') ?? null;
        before.inventory.events = before.inventory.events.map((event) => ({
          ...event,
          name: odd(event.name),
        }));
        // Sums of decimals may differ in the last bits with the order they are added in.
        for (const key of Object.keys(before) as Array<keyof typeof before>)
          expect({ [key]: to12Digits(after[key]) }).toEqual({ [key]: to12Digits(before[key]) });
        // The copied ids are known as seen: sending the demo's events again changes nothing.
        const [source] = await storage.sources.listSources();
        const again = await storage.events.commit([
          prepareBatch(
            [{ type: 'track', userId: 'u\u0000nul', event: 'Odd', messageId: 'm\u00001' }],
            {
              sourceId: source?.id ?? '',
              receivedAt: new Date(),
            },
          ),
        ]);
        expect(again).toEqual([{ accepted: 0, duplicates: 1 }]);
      } finally {
        await storage.close();
      }
    } finally {
      await server.drop();
    }
  }, 180_000);

  it('resumes a move that stopped midway without copying anything twice', async () => {
    const server = await freshPostgres();
    try {
      let chunks = 0;
      const stopping = {
        part: () => undefined,
        events: (copied: number) => {
          if (copied > 0 && ++chunks === 3) throw new Error('stopped midway');
        },
      };
      await expect(
        moveToPostgres(FILE, server.url, stopping, readJournaledRequest),
      ).rejects.toThrow('stopped midway');
      const parts: string[] = [];
      const result = await moveToPostgres(
        FILE,
        server.url,
        { part: (name, _rows, earlier) => earlier && parts.push(name), events: () => undefined },
        readJournaledRequest,
      );
      expect(parts).toContain('sources');
      expect(parts).toContain('webhook_deliveries');
      expect(result.verified).toBe(true);
      expect(result.checks.find((check) => check.part === 'events')?.postgres).toBe(
        before.inventory.totals.events,
      );
    } finally {
      await server.drop();
    }
  }, 180_000);

  it('refuses a database that already holds data, and says why in one line', async () => {
    const server = await freshPostgres();
    try {
      const storage = await openStorage({ location: server.url });
      await storage.sources.createSource({
        id: 'src_live',
        name: 'live',
        key: { id: 'key_1', hash: 'h', prefix: 'vp_' },
      });
      await storage.close();
      const { code, stderr } = await cli(['migrate', '--from', FILE, '--to', server.url]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        'valueprint: the PostgreSQL database already holds Valueprint data that no earlier `valueprint migrate` copied: give an empty database\n',
      );
    } finally {
      await server.drop();
    }
  }, 60_000);
});

it('says how to call migrate when --from or --to is missing or wrong', async () => {
  for (const args of [
    ['migrate', '--to', 'postgres://x@127.0.0.1/db'],
    ['migrate', '--from', FILE],
    ['migrate', '--from', FILE, '--to', join(dir, 'other.duckdb')],
  ]) {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^valueprint: migrate needs --(from FILE|to postgres:\/\/…)/);
  }
}, 30_000);
