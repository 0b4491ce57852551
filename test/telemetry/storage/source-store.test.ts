import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStorage } from '../../../telemetry/storage/duckdb/index.ts';
import { SourceNameTaken, type SourceStore } from '../../../telemetry/storage/interface.ts';
import { openMemoryStorage } from '../../../telemetry/storage/memory/index.ts';
import { PostgresDatabase } from '../../../telemetry/storage/postgres/database.ts';
import { PostgresSourceStore } from '../../../telemetry/storage/postgres/source-store.ts';
import { describePostgres, freshPostgres } from '../../postgres.ts';

/**
 * The SourceStore contract, held to by every implementation: in memory, DuckDB and PostgreSQL
 * (skipped, with one line saying so, when no PostgreSQL is configured).
 */

interface Opened {
  sources: SourceStore;
  close: () => Promise<void>;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const key = (n: number) => ({ id: `key_${n}`, hash: `hash_${n}`, prefix: `vp_wk_${n}…` });

function contract(open: () => Promise<Opened>) {
  let store: Opened;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates a source with its first key, and finds it by id, by name and by the key', async () => {
    const created = await store.sources.createSource({ id: 'src_web', name: 'Web', key: key(1) });
    expect(created).toMatchObject({ id: 'src_web', name: 'Web' });
    expect(created.createdAt).toMatch(ISO);
    expect(created.keys).toEqual([
      { id: 'key_1', prefix: 'vp_wk_1…', createdAt: expect.stringMatching(ISO), revokedAt: null },
    ]);
    expect(await store.sources.getSource('src_web')).toEqual(created);
    expect(await store.sources.findSourceByName('Web')).toEqual(created);
    expect(await store.sources.sourceIdForKeyHash('hash_1')).toBe('src_web');
    expect(await store.sources.getSource('src_none')).toBeNull();
    expect(await store.sources.findSourceByName('web')).toBeNull();
    expect(await store.sources.sourceIdForKeyHash('hash_none')).toBeNull();
  });

  it('refuses a name in use, keeping nothing of the second source', async () => {
    await expect(
      store.sources.createSource({ id: 'src_web_2', name: 'Web', key: key(2) }),
    ).rejects.toBeInstanceOf(SourceNameTaken);
    expect(await store.sources.getSource('src_web_2')).toBeNull();
    expect(await store.sources.sourceIdForKeyHash('hash_2')).toBeNull();
  });

  it('adds keys and revokes one: a revoked key finds no source, and stays revoked as it was', async () => {
    const added = await store.sources.addKey('src_web', key(3));
    expect(added).toEqual({
      id: 'key_3',
      prefix: 'vp_wk_3…',
      createdAt: expect.stringMatching(ISO),
      revokedAt: null,
    });
    const revoked = await store.sources.revokeKey('src_web', 'key_1');
    expect(revoked?.revokedAt).toMatch(ISO);
    expect(await store.sources.sourceIdForKeyHash('hash_1')).toBeNull();
    expect(await store.sources.sourceIdForKeyHash('hash_3')).toBe('src_web');
    expect(await store.sources.revokeKey('src_web', 'key_1')).toEqual(revoked);
    expect(await store.sources.revokeKey('src_web', 'key_none')).toBeNull();
    expect(await store.sources.revokeKey('src_other', 'key_3')).toBeNull();
    expect((await store.sources.getSource('src_web'))?.keys.map((k) => k.id)).toEqual([
      'key_1',
      'key_3',
    ]);
  });

  it('lists every source with its own keys, oldest first', async () => {
    await store.sources.createSource({ id: 'src_server', name: 'Server', key: key(4) });
    const listed = await store.sources.listSources();
    expect(listed.map((source) => [source.id, source.keys.map((k) => k.id)])).toEqual([
      ['src_web', ['key_1', 'key_3']],
      ['src_server', ['key_4']],
    ]);
  });
}

describe('SourceStore in memory', () => {
  contract(async () => ({ sources: openMemoryStorage().sources, close: async () => undefined }));
});

describe('SourceStore on DuckDB', () => {
  contract(async () => {
    const storage = await openDuckDbStorage(':memory:');
    return { sources: storage.sources, close: () => storage.close() };
  });
});

describePostgres('SourceStore on PostgreSQL', () => {
  contract(async () => {
    const server = await freshPostgres();
    const database = await PostgresDatabase.open(server.url);
    return {
      sources: new PostgresSourceStore(database),
      close: async () => {
        await database.close();
        await server.drop();
      },
    };
  });
});
