import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateValueModel } from '../../../blueprint/validate-model.ts';
import { prepareBatch } from '../../../telemetry/pipeline/ingest.ts';
import { Database } from '../../../telemetry/storage/duckdb/database.ts';
import { openDuckDbStorage } from '../../../telemetry/storage/duckdb/index.ts';
import { type Migration, migrations } from '../../../telemetry/storage/duckdb/migrations.ts';
import { openMemoryStorage } from '../../../telemetry/storage/memory/index.ts';
import { tempDir } from '../../helpers.ts';
import {
  ACCOUNTS,
  FIRST_DAY,
  fixtureEvents,
  LAST_DAY,
  valueModel,
} from '../../server/value-fixture.ts';

/**
 * A database file made by release 0.1 (test/fixtures/release-0.1.duckdb.gz: the value fixture's
 * events through the 0.1 writer, its model, one promise and one assumption change for acme, facts
 * refreshed; made with that release's code and stores, at schema version 3) opens with this one:
 * the missing migrations are applied and everything it held reads as before.
 */

const RELEASE_FILE = new URL('../../fixtures/release-0.1.duckdb.gz', import.meta.url);
const RELEASE_SOURCE = 'src_release01';
const WHOLE = { from: FIRST_DAY, to: LAST_DAY };

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function appliedVersions(path: string): Promise<number[]> {
  const database = await Database.openReadOnly(path);
  try {
    const rows = await database.query('SELECT version FROM schema_migrations ORDER BY version');
    return rows.map((row) => Number(row.version));
  } finally {
    database.close();
  }
}

describe('migrations', () => {
  it('are numbered upwards from 1, none twice, each with a name', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++) {
      expect(versions[i]).toBeGreaterThan(versions[i - 1] as number);
    }
    for (const migration of migrations) expect(migration.name.length).toBeGreaterThan(10);
  });

  it('apply one a file misses below a version it has (branches merged in another order)', async () => {
    const path = join(dir, 'gap.duckdb');
    const database = await Database.open(path);
    // As if the offers' migration (6) had come from a branch merged after a later one ran.
    const missing = migrations.find((migration) => migration.version === 6) as Migration;
    await database.query('DELETE FROM schema_migrations WHERE version = $1', [missing.version]);
    await database.query('DROP TABLE offer_reactions');
    await database.query('DROP TABLE offer_decisions');
    database.close();
    expect(await appliedVersions(path)).not.toContain(missing.version);
    const storage = await openDuckDbStorage(path);
    expect(await storage.offers.reactions('acme')).toEqual([]);
    await storage.close();
    expect(await appliedVersions(path)).toEqual(migrations.map((migration) => migration.version));
  });

  it('bring a file made by release 0.1 up to date and lose nothing it held', async () => {
    const path = join(dir, 'release-0.1.duckdb');
    writeFileSync(path, gunzipSync(readFileSync(RELEASE_FILE)));
    expect(await appliedVersions(path)).toEqual([1, 2, 3]);

    const storage = await openDuckDbStorage(path);
    try {
      const source = await storage.sources.getSource(RELEASE_SOURCE);
      expect(source?.name).toBe('Fixture Flow');
      const inventory = await storage.inventory.inventory({});
      expect(inventory.totals).toEqual({
        events: fixtureEvents().length,
        duplicates: 0,
        quarantined: 1,
      });
      const stored = await storage.values.currentModel();
      expect(stored?.version).toBe(1);
      expect(stored?.model.product).toBe('Fixture Flow');
      expect(await storage.values.promises('acme')).toEqual([
        expect.objectContaining({ driver: 'automation_hours', target: 400 }),
      ]);
      expect(await storage.values.assumptionHistory('acme')).toEqual([
        expect.objectContaining({ id: 'hourly_rate', value: 65, userId: 'acme-admin' }),
      ]);

      // The facts it kept equal facts derived afresh from the same events by the memory store.
      await storage.values.refresh();
      const fresh = await freshFacts();
      for (const account of ACCOUNTS) {
        expect(await storage.values.activity(account, [WHOLE])).toEqual(
          await fresh.activity(account, [WHOLE]),
        );
      }

      // The ids it had seen are still known once remembered as fingerprints: a resend of the same
      // events is all duplicates (fingerprints computed by the migration's SQL equal the store's).
      const resend = prepareBatch(fixtureEvents(), {
        sourceId: RELEASE_SOURCE,
        receivedAt: new Date(),
        replay: true,
      });
      const identified = resend.events.filter((event) => !event.messageIdAssigned).length;
      expect(identified).toBeGreaterThan(100);
      expect(await storage.events.commit([resend])).toEqual([
        { accepted: resend.events.length - identified, duplicates: identified },
      ]);
    } finally {
      await storage.close();
    }
    expect(await appliedVersions(path)).toEqual(migrations.map((migration) => migration.version));
  });

  it('apply what a file made by an earlier schema misses, in order, once', async () => {
    const path = join(dir, 'early.duckdb');
    (await Database.open(path, { upTo: 1 })).close();
    expect(await appliedVersions(path)).toEqual([1]);
    const storage = await openDuckDbStorage(path);
    await storage.values.saveModel(model());
    await storage.close();
    const reopened = await openDuckDbStorage(path);
    expect((await reopened.values.currentModel())?.version).toBe(1);
    await reopened.close();
    expect(await appliedVersions(path)).toEqual(migrations.map((migration) => migration.version));
  });

  it('add hand-offs to a file of the schema before them, its saved plans kept as they were', async () => {
    const path = join(dir, 'before-handoffs.duckdb');
    const early = await Database.open(path, { upTo: 8 });
    await early.query(
      `INSERT INTO scenarios VALUES ('acme', 'scn_old', 'ana', 'Old plan', NULL,
         '{"levers":{"adoption:automation_hours":3},"horizonMonths":12,"rampMonths":0}', true,
         '{"modelVersion":1,"from":"2025-02-03","to":"2025-04-27","baselineRunRate":1,"planRunRate":2}',
         TIMESTAMP '2025-04-28 09:00:00', TIMESTAMP '2025-04-28 09:00:00')`,
    );
    early.close();
    expect(await appliedVersions(path)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const storage = await openDuckDbStorage(path);
    const old = await storage.scenarios.get('acme', 'scn_old');
    expect(old).toMatchObject({
      name: 'Old plan',
      shared: true,
      levers: { 'adoption:automation_hours': 3 },
    });
    expect(old && 'fromRep' in old).toBe(false);
    const handoff = {
      accountId: 'acme',
      id: 'hof_1',
      askedBy: 'ana',
      status: 'new' as const,
      topic: { kind: 'scenario' as const, ref: 'scn_old', label: 'Old plan' },
      message: 'About the old plan',
      channel: 'chat' as const,
      timing: null,
      brief: '{"version":1}',
      createdAt: '2025-04-28T10:00:00.000Z',
      updatedAt: '2025-04-28T10:00:00.000Z',
    };
    const since = { max: 5, since: '2025-04-28T09:00:00.000Z' };
    const event = {
      accountId: 'acme',
      id: 'msg_1',
      handoffId: 'hof_1',
      type: 'handoff.created' as const,
      data: '{}',
      createdAt: '2025-04-28T10:00:00.000Z',
    };
    expect(await storage.handoffs.create(handoff, since, event)).toBe(true);
    await storage.close();
    expect(await appliedVersions(path)).toEqual(migrations.map((migration) => migration.version));
    const reopened = await openDuckDbStorage(path);
    expect(await reopened.handoffs.get('acme', 'hof_1')).toEqual(handoff);
    expect(await reopened.handoffs.pendingEvents(10)).toEqual([event]);
    await reopened.close();
  });
});

function model() {
  const validation = validateValueModel(valueModel());
  if (!validation.ok) throw new Error('the fixture model is invalid');
  return validation.model;
}

/** The fixture's events and model in the memory store, facts derived from scratch. */
async function freshFacts() {
  const memory = openMemoryStorage();
  const receivedAt = new Date('2025-04-28T00:00:00Z');
  await memory.events.commit([
    prepareBatch(fixtureEvents(), { sourceId: RELEASE_SOURCE, receivedAt, replay: true }),
  ]);
  await memory.values.saveModel(model());
  await memory.values.refresh();
  return memory.values;
}
