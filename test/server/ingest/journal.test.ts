import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestJournal } from '../../../telemetry/journal/ingest-journal.ts';
import { encodeRecord } from '../../../telemetry/journal/journal-codec.ts';
import { journalDirFor } from '../../../telemetry/journal/open-journal.ts';
import { Database } from '../../../telemetry/storage/duckdb/database.ts';
import {
  adminAuth,
  basic,
  createSource,
  freshTrack,
  postJson,
  startTestApp,
  type TestApp,
  tempDir,
} from '../../helpers.ts';

/**
 * The ingest journal in the service, on a DuckDB file: an answered request is kept as it came
 * (a browser request as its batch, so its write key is written nowhere), and what a stop left
 * unapplied is in the store before the next start takes events.
 */

let t: TestApp | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function databasePath(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return join(dir, 'valueprint.duckdb');
}

async function totals() {
  const res = await (t as TestApp).app.request('/v1/admin/inventory', { headers: adminAuth });
  return ((await res.json()) as { totals: Record<string, number> }).totals;
}

function journalBytes(path: string): string {
  const dir = journalDirFor(path);
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('');
}

describe('the ingest journal in the service', () => {
  it('keeps a request with the key in a header as it came, and one with the key in its body without it', async () => {
    const path = await databasePath();
    t = await startTestApp({ databasePath: path });
    const { writeKey, id: sourceId } = await createSource(t.app, 'Web');
    const header = await postJson(
      t.app,
      '/v1/batch',
      { batch: [freshTrack({ messageId: 'from-header' })] },
      basic(writeKey),
    );
    expect(header.status).toBe(200);
    const browser = await t.app.request('/v1/t', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ ...freshTrack({ messageId: 'from-browser' }), writeKey }),
    });
    expect(await browser.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const kept = journalBytes(path);
    expect(kept).toContain('"messageId":"from-header"');
    expect(kept).toContain('from-browser');
    expect(kept).toContain(sourceId);
    expect(kept).not.toContain(writeKey);
    await t.services.value.refresh();
    expect((await totals()).events).toBe(2);
    await t.close();
    t = undefined;
    // A clean stop leaves no journal behind: the store holds all of it.
    expect(readdirSync(journalDirFor(path))).toEqual([]);
  });

  it('will not start without a journal it can write, and says what to do', async () => {
    const path = await databasePath();
    writeFileSync(journalDirFor(path), 'not a folder');
    await expect(startTestApp({ databasePath: path })).rejects.toThrow(
      /the ingest journal at .*valueprint\.duckdb\.journal cannot be opened .*VALUEPRINT_INGEST_JOURNAL=0/,
    );
  });

  it('applies what a stop left in the journal before it takes events, once, gzip and all', async () => {
    const path = await databasePath();
    t = await startTestApp({ databasePath: path });
    const { writeKey, id: sourceId } = await createSource(t.app, 'Server');
    await t.close();
    t = undefined;
    // As a service killed after answering and before its commit leaves it.
    const database = await Database.open(path);
    const [row] = await database.query(
      'SELECT coalesce(max(seq), 0) AS seq FROM ingest_journal_applied',
    );
    database.close();
    const { journal } = IngestJournal.open(journalDirFor(path), Number(row?.seq ?? 0));
    const body = gzipSync(
      JSON.stringify({
        batch: [
          freshTrack({ messageId: 'kept-1' }),
          freshTrack({ messageId: 'kept-2' }),
          { type: 'nope' },
        ],
      }),
    );
    journal.append((seq) =>
      encodeRecord(seq, [
        {
          kind: 'request',
          sourceId,
          receivedAt: new Date(),
          route: 'batch',
          encoding: 'gzip',
          body,
        },
      ]),
    );
    journal.close();

    for (const start of [1, 2]) {
      t = await startTestApp({ databasePath: path });
      expect(await totals(), `start ${start}`).toMatchObject({ events: 2, quarantined: 1 });
      const resent = await postJson(
        t.app,
        '/v1/batch',
        { batch: [freshTrack({ messageId: 'kept-1' }), freshTrack({ messageId: 'kept-2' })] },
        basic(writeKey),
      );
      expect(await resent.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
      await t.close();
      t = undefined;
    }
  });
});
