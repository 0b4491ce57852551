import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportOptions, importFile } from '../../telemetry/import/import-file.ts';
import { ImportError } from '../../telemetry/import/readers.ts';
import { Database, isoText, type Row } from '../../telemetry/storage/duckdb/database.ts';

let dir: string;
let counter = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'valueprint-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database file and a file with the given content, both in the test's folder. */
function setup(name: string, content?: string): { file: string; db: string } {
  counter++;
  const file = join(dir, `${counter}-${name}`);
  if (content !== undefined) writeFileSync(file, content);
  return { file, db: join(dir, `${counter}.duckdb`) };
}

function run(file: string, db: string, extra: Partial<ImportOptions> = {}) {
  return importFile({ file, sourceName: 'Acme Flow', databasePath: db, ...extra });
}

/** Reads the database file on its own, after the import has closed it. */
async function query(db: string, sql: string): Promise<Row[]> {
  const database = await Database.open(db);
  try {
    return await database.query(sql);
  } finally {
    database.close();
  }
}

const storedEvents = (db: string) =>
  query(
    db,
    `SELECT message_id, type, name, user_id, account_id, properties,
            ${isoText('client_timestamp')} AS timestamp, ${isoText('sent_at')} AS sent_at,
            ${isoText('event_time')} AS event_time, clock_flag
     FROM events ORDER BY message_id`,
  );

const quarantined = (db: string) =>
  query(db, 'SELECT code, message, path, raw FROM quarantine ORDER BY raw');

const lines = (...events: Array<string | object>) =>
  `${events.map((event) => (typeof event === 'string' ? event : JSON.stringify(event))).join('\n')}\n`;

describe('importFile: NDJSON', () => {
  const content = lines(
    {
      type: 'track',
      messageId: 'm1',
      userId: 'u1',
      groupId: 'acme',
      event: 'Workflow Run Completed',
      timestamp: '2024-05-01T10:00:00.000Z',
      properties: { status: 'success', durationMs: 1234, steps: 7.5 },
    },
    '{"type":"track","messageId":"m2",',
    '',
    '   ',
    { type: 'track', messageId: 'm3', userId: 'u1', event: '' },
    { type: 'identify', messageId: 'm4', userId: 'u1', traits: { plan: 'pro', seats: 25 } },
    { type: 'group', messageId: 'm5', userId: 'u1', groupId: 'acme', traits: { spend: 48000 } },
    { type: 'track', messageId: 'm6', event: 'Run' },
  );

  it('stores the valid events and quarantines the others with their reasons', async () => {
    const { file, db } = setup('events.ndjson', content);
    const logged: string[] = [];
    const summary = await run(file, db, { log: (line) => logged.push(line) });
    expect(summary).toEqual({ read: 6, accepted: 3, duplicates: 0, rejected: 3 });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /created source "Acme Flow" \(src_\S+\); its write key, shown once: vp_wk_/,
    );

    const events = await storedEvents(db);
    expect(events.map((event) => [event.message_id, event.type])).toEqual([
      ['m1', 'track'],
      ['m4', 'identify'],
      ['m5', 'group'],
    ]);
    const first = events[0] as Row;
    expect(first).toMatchObject({
      name: 'Workflow Run Completed',
      user_id: 'u1',
      account_id: 'acme',
      timestamp: '2024-05-01T10:00:00.000Z',
      event_time: '2024-05-01T10:00:00.000Z',
      clock_flag: null,
    });
    expect(JSON.parse(String(first.properties))).toEqual({
      status: 'success',
      durationMs: 1234,
      steps: 7.5,
    });
    expect(JSON.parse(String(events[1]?.properties))).toEqual({ plan: 'pro', seats: 25 });

    const rejects = await quarantined(db);
    expect(rejects).toHaveLength(3);
    const byCode = Object.fromEntries(rejects.map((reject) => [reject.code, reject]));
    expect(byCode.invalid_json?.message).toMatch(/^line 2 is not valid JSON/);
    expect(byCode.invalid_json?.raw).toBe('{"type":"track","messageId":"m2",');
    expect(byCode.missing_event_name).toMatchObject({ path: 'event' });
    expect(JSON.parse(String(byCode.missing_event_name?.raw))).toMatchObject({ messageId: 'm3' });
    expect(byCode.missing_identity?.message).toMatch(/userId or an anonymousId/);
    expect(JSON.parse(String(byCode.missing_identity?.raw))).toMatchObject({ messageId: 'm6' });
  });

  it('counts a re-imported file as duplicates (its broken lines are quarantined again)', async () => {
    const { file, db } = setup('again.ndjson', content);
    await run(file, db);
    const logged: string[] = [];
    const again = await run(file, db, { log: (line) => logged.push(line) });
    expect(again).toEqual({ read: 6, accepted: 0, duplicates: 3, rejected: 3 });
    expect(logged).toEqual([]); // the source exists now; no new write key
    expect(await storedEvents(db)).toHaveLength(3);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM sources')).toEqual([{ n: 1 }]);
  });

  it('keeps a historical event at its own time even when it carries sentAt', async () => {
    const { file, db } = setup(
      'history.jsonl',
      lines(
        {
          type: 'track',
          messageId: 'h1',
          userId: 'u1',
          event: 'Run',
          timestamp: '2024-01-01T00:00:00.000Z',
          sentAt: '2024-01-01T00:00:05.000Z',
        },
        {
          type: 'track',
          messageId: 'h2',
          userId: 'u1',
          event: 'Run',
          timestamp: '2999-01-01T00:00:00.000Z',
        },
      ),
    );
    expect(await run(file, db)).toMatchObject({ accepted: 2 });
    const [past, future] = await storedEvents(db);
    expect(past).toMatchObject({
      timestamp: '2024-01-01T00:00:00.000Z',
      sent_at: '2024-01-01T00:00:05.000Z',
      event_time: '2024-01-01T00:00:00.000Z',
      clock_flag: null,
    });
    // Still not trusted: more than a day past the import.
    expect(future).toMatchObject({ clock_flag: 'future_timestamp' });
    expect(Date.parse(String(future?.event_time))).toBeLessThan(Date.now() + 1000);
  });

  it('refuses a JSON array before storing anything, saying how to convert it', async () => {
    const { file, db } = setup(
      'export.json',
      '[\n  {"type":"track","userId":"u1","event":"A"},\n  {"type":"track","userId":"u1","event":"B"}\n]\n',
    );
    const error = await run(file, db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/not NDJSON: import expects one event per line/);
    expect((error as Error).message).toContain("jq -c '.[]'");
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM sources')).toEqual([{ n: 0 }]);
  });

  it('draws progress on a terminal and ends the line', async () => {
    const { file, db } = setup('progress.ndjson', content);
    const written: string[] = [];
    const progress = Object.assign(
      { write: (text: string) => written.push(text) !== 0 },
      { isTTY: true },
    ) as unknown as NonNullable<ImportOptions['progress']>;
    await run(file, db, { progress });
    expect(written.join('')).toMatch(/\r {2}6 read · 3 accepted · 0 duplicates · 3 rejected\n$/);
  });
});

describe('importFile: CSV', () => {
  const csv = [
    'type,messageId,userId,groupId,event,timestamp,plan,properties.seats,properties,price',
    'track,1001,42,acme,Workflow Run Completed,2024-05-01T10:00:00Z,pro,5,"{""status"":""ok"",""n"":3}",12.50',
    'track,1002,43,acme,Workflow Run Completed,2024-05-02 11:30:00,free,,,0.5',
    'identify,1003,44,,,2024-05-03T09:00:00Z,enterprise,250,,',
    'track,1004,,acme,Workflow Run Completed,2024-05-04T09:00:00Z,pro,5,,',
  ].join('\n');

  it('maps columns to Segment fields, keeps numbers as numbers and timestamps as event times', async () => {
    const { file, db } = setup('events.csv', csv);
    expect(await run(file, db)).toEqual({ read: 4, accepted: 3, duplicates: 0, rejected: 1 });
    const events = await storedEvents(db);
    expect(events.map((event) => event.message_id)).toEqual(['1001', '1002', '1003']);
    const [first, second, third] = events as [Row, Row, Row];
    expect(first).toMatchObject({
      type: 'track',
      name: 'Workflow Run Completed',
      user_id: '42',
      account_id: 'acme',
      timestamp: '2024-05-01T10:00:00.000Z',
      event_time: '2024-05-01T10:00:00.000Z',
    });
    expect(JSON.parse(String(first.properties))).toEqual({
      plan: 'pro',
      seats: 5,
      status: 'ok',
      n: 3,
      price: 12.5,
    });
    // A time without an offset is UTC, as in Segment; empty cells are absent, not empty strings.
    expect(second).toMatchObject({ event_time: '2024-05-02T11:30:00.000Z' });
    expect(JSON.parse(String(second.properties))).toEqual({ plan: 'free', price: 0.5 });
    // Extra columns of an identify row, and its properties.* cells, are traits.
    expect(third).toMatchObject({ type: 'identify', name: null, account_id: null });
    expect(JSON.parse(String(third.properties))).toEqual({ plan: 'enterprise', seats: 250 });
    const [reject] = await quarantined(db);
    expect(reject).toMatchObject({ code: 'missing_identity' });
    expect(JSON.parse(String(reject?.raw))).toMatchObject({ messageId: '1004' });
  });

  it('yields only duplicates when the same file is imported again', async () => {
    const clean = csv.split('\n').slice(0, 4).join('\n');
    const { file, db } = setup('again.csv', clean);
    expect(await run(file, db)).toEqual({ read: 3, accepted: 3, duplicates: 0, rejected: 0 });
    expect(await run(file, db)).toEqual({ read: 3, accepted: 0, duplicates: 3, rejected: 0 });
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM events')).toEqual([{ n: 3 }]);
  });

  it('keeps long numeric ids exact instead of reading them as rounded numbers', async () => {
    const { file, db } = setup(
      'ids.csv',
      'message_id,user_id,account_id,event\n123456789012345678901234,98765432109876543210,00042,Run\n123456789012345678901235,98765432109876543211,00043,Run\n',
    );
    expect(await run(file, db)).toMatchObject({ accepted: 2, rejected: 0 });
    const events = await storedEvents(db);
    expect(events.map((event) => [event.message_id, event.user_id, event.account_id])).toEqual([
      ['123456789012345678901234', '98765432109876543210', '00042'],
      ['123456789012345678901235', '98765432109876543211', '00043'],
    ]);
  });

  it('imports every row when an odd value appears late in a large file', async () => {
    const rows = ['messageId,userId,event,seats'];
    for (let index = 0; index < 25_000; index++) rows.push(`m${index},u${index % 50},Run,${index}`);
    rows.push('m-last,u1,Run,lots');
    const { file, db } = setup('late.csv', `${rows.join('\n')}\n`);
    expect(await run(file, db)).toEqual({
      read: 25_001,
      accepted: 25_001,
      duplicates: 0,
      rejected: 0,
    });
    const [last] = await query(db, "SELECT properties FROM events WHERE message_id = 'm-last'");
    expect(JSON.parse(String(last?.properties))).toEqual({ seats: 'lots' });
  }, 60_000);
});

describe('importFile: Parquet', () => {
  async function writeParquet(file: string): Promise<void> {
    const database = await Database.open(':memory:');
    try {
      await database.query(`
        COPY (
          SELECT * FROM (VALUES
            ('track', 1, 'u1', 'acme', 'Workflow Run Completed', TIMESTAMP '2024-05-01 10:00:00',
             {'seats': 5, 'plan': 'pro', 'spend': 1234.50::DECIMAL(10, 2), 'tags': ['a', 'b'],
              'active': true, 'big': 9007199254740993::BIGINT}),
            ('track', 2, 'u2', 'acme', 'Workflow Run Completed', TIMESTAMP '2024-05-02 10:00:00',
             {'seats': 7, 'plan': NULL, 'spend': 0.25::DECIMAL(10, 2), 'tags': [],
              'active': false, 'big': 1::BIGINT}),
            ('track', 3, NULL, 'acme', 'Workflow Run Completed', TIMESTAMP '2024-05-03 10:00:00',
             {'seats': 1, 'plan': 'free', 'spend': 0::DECIMAL(10, 2), 'tags': ['c'],
              'active': true, 'big': 2::BIGINT})
          ) AS rows(type, messageId, userId, groupId, event, "timestamp", properties)
        ) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
    } finally {
      database.close();
    }
  }

  it('reads struct properties and typed columns; re-importing yields only duplicates', async () => {
    const { file, db } = setup('events.parquet');
    await writeParquet(file);
    expect(await run(file, db)).toEqual({ read: 3, accepted: 2, duplicates: 0, rejected: 1 });
    const events = await storedEvents(db);
    expect(events.map((event) => [event.message_id, event.user_id, event.event_time])).toEqual([
      ['1', 'u1', '2024-05-01T10:00:00.000Z'],
      ['2', 'u2', '2024-05-02T10:00:00.000Z'],
    ]);
    expect(JSON.parse(String(events[0]?.properties))).toEqual({
      seats: 5,
      plan: 'pro',
      spend: 1234.5,
      tags: ['a', 'b'],
      active: true,
      big: '9007199254740993',
    });
    expect(JSON.parse(String(events[1]?.properties))).toMatchObject({ plan: null, tags: [] });
    const [reject] = await quarantined(db);
    expect(reject?.code).toBe('missing_identity');

    expect(await run(file, db)).toEqual({ read: 3, accepted: 0, duplicates: 2, rejected: 1 });
  });

  it('reports a file that is not Parquet without storing anything', async () => {
    const { file, db } = setup('not.parquet', 'type,userId\ntrack,u1\n');
    const error = await run(file, db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/^could not read .*not\.parquet as parquet: /);
    expect((error as Error).message).not.toMatch(/\n/);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM sources')).toEqual([{ n: 0 }]);
  });
});

describe('importFile: errors', () => {
  it('refuses a file whose format it cannot tell, naming the accepted extensions', async () => {
    const { file, db } = setup('events.txt', '{}\n');
    await expect(run(file, db)).rejects.toThrow(ImportError);
    await expect(run(file, db)).rejects.toThrow(
      /cannot tell the format of .*events\.txt: name it \.ndjson\/\.jsonl .*\.csv or \.parquet/,
    );
  });

  it('refuses a file that does not exist', async () => {
    const { file, db } = setup('missing.ndjson');
    await expect(run(file, db)).rejects.toThrow(ImportError);
    await expect(run(file, db)).rejects.toThrow(/missing\.ndjson does not exist/);
  });

  it('says the database is in use when another process holds it', async () => {
    const { file, db } = setup('locked.ndjson', lines({ type: 'track', userId: 'u1', event: 'A' }));
    const holder = await holdDatabase(db);
    try {
      const error = await run(file, db).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(
        /\.duckdb is in use by another process \(a running Valueprint service or another import\); stop it first, or send the events to the running service at POST \/v1\/batch$/,
      );
    } finally {
      await release(holder);
    }
    // Once the other process is gone the import goes through.
    expect(await run(file, db)).toMatchObject({ accepted: 1 });
  });
});

/** Opens the database in a child process, which holds DuckDB's file lock until killed (20 s at most). */
function holdDatabase(db: string): Promise<ChildProcess> {
  const script = `
    const { openStorage } = await import(process.argv[1]);
    await (await openStorage({ location: process.argv[2] })).ping();
    console.log('ready');
    setTimeout(() => process.exit(0), 20_000);`;
  const storage = fileURLToPath(new URL('../../telemetry/storage/open.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, storage, db],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let errors = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the lock holder did not start: ${errors}`));
    }, 15_000);
    child.stderr?.on('data', (data: Buffer) => {
      errors += data.toString();
    });
    child.stdout?.on('data', (data: Buffer) => {
      if (data.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the lock holder exited with ${code}: ${errors}`));
    });
  });
}

function release(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
