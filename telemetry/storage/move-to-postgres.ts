import type { JournalEntry } from '../journal/journal-codec.ts';
import { openIngestJournal } from '../journal/open-journal.ts';
import { isoText } from './duckdb/database.ts';
import { openDuckDbStorage } from './duckdb/index.ts';
import type { IngestBatch } from './interface.ts';
import type { PostgresDatabase, SqlParam } from './postgres/database.ts';
import { digestOf } from './postgres/event-rows.ts';
import { claimMessageIds, EVENT_COLUMNS } from './postgres/event-store.ts';
import { openPostgresStorage } from './postgres/index.ts';
import { jsonForPostgres } from './postgres/postgres-text.ts';

/** Events copied per PostgreSQL transaction: the unit a stopped move resumes after. */
const EVENT_CHUNK = 10_000;

/**
 * One table of the DuckDB file, copied in one transaction as it is read: `select` reads its rows
 * with columns in `columns`' order (times as ISO text), in the order PostgreSQL should number them.
 */
interface TablePart {
  part: string;
  target: string;
  columns: readonly string[];
  select: string;
  /** Rows the DuckDB file holds for this part, to check the copy against. */
  count: string;
}

const at = (column: string) => `${isoText(column)} AS ${column}`;
/** A JSON column read as its text, exactly as stored (not parsed and written again). */
const json = (column: string) => `${column}::VARCHAR AS ${column}`;

const TABLES: readonly TablePart[] = [
  whole('sources', ['id', 'name', at('created_at')], 'created_at, id'),
  whole(
    'write_keys',
    ['id', 'source_id', 'key_hash', 'prefix', at('created_at'), at('revoked_at')],
    'created_at, id',
  ),
  whole(
    'quarantine',
    ['source_id', 'id', at('received_at'), 'code', 'message', 'path', 'raw'],
    'received_at, id',
  ),
  {
    part: 'ingest_counters',
    target: 'ingest_counters',
    columns: ['source_id', 'day', 'duplicates'],
    select: `SELECT source_id, strftime(day, '%Y-%m-%d') AS day, duplicates FROM ingest_counters ORDER BY 1, 2`,
    count: 'SELECT count(*) AS n FROM ingest_counters',
  },
  {
    // The deltas not folded yet are folded on the way.
    part: 'inventory_properties',
    target: 'inventory_properties',
    columns: ['source_id', 'type', 'name', 'key', 'kind', 'occurrences'],
    select: `SELECT source_id, type, name, key, kind, sum(occurrences)::BIGINT AS occurrences
             FROM (SELECT * FROM inventory_properties UNION ALL SELECT * FROM inventory_property_deltas)
             GROUP BY ALL ORDER BY ALL`,
    count: `SELECT count(*) AS n FROM (SELECT DISTINCT source_id, type, name, key, kind
             FROM (SELECT * FROM inventory_properties UNION ALL SELECT * FROM inventory_property_deltas))`,
  },
  whole(
    'user_traits',
    ['user_id', 'key', 'value', at('observed_at'), at('changed_at')],
    'user_id, key',
  ),
  whole(
    'account_traits',
    ['account_id', 'key', 'value', at('observed_at'), at('changed_at')],
    'account_id, key',
  ),
  whole(
    'account_users',
    ['account_id', 'user_id', at('first_seen'), at('last_seen')],
    'account_id, user_id',
  ),
  whole('value_models', ['version', json('model'), at('created_at')], 'version'),
  whole('account_promises', ['account_id', json('promises'), at('updated_at')], 'account_id'),
  whole(
    'assumption_changes',
    ['account_id', 'assumption_id', 'value', 'user_id', at('changed_at')],
    'changed_at, rowid',
  ),
  whole(
    'scenarios',
    [
      'account_id',
      'id',
      'author_id',
      'name',
      'description',
      json('plan'),
      'shared',
      json('made'),
      at('created_at'),
      at('updated_at'),
      json('from_rep'),
    ],
    'account_id, id',
  ),
  {
    part: 'scenario_counts',
    target: 'scenario_counts',
    columns: ['account_id', 'plans'],
    select: 'SELECT account_id, count(*) AS plans FROM scenarios GROUP BY 1 ORDER BY 1',
    count: 'SELECT count(DISTINCT account_id) AS n FROM scenarios',
  },
  whole(
    'offer_decisions',
    ['account_id', 'id', 'offer_id', 'user_id', json('projected'), at('created_at')],
    'account_id, id',
  ),
  whole(
    'offer_reactions',
    ['account_id', 'decision_id', 'offer_id', 'user_id', 'action', 'reason', at('reacted_at')],
    'reacted_at, rowid',
  ),
  whole(
    'journey_events',
    ['account_id', 'user_id', 'type', at('happened_at'), json('detail'), at('received_at')],
    'happened_at, rowid',
  ),
  whole(
    'handoffs',
    [
      'account_id',
      'id',
      'asked_by',
      'status',
      'topic_kind',
      'topic_ref',
      'topic_label',
      'message',
      'channel',
      'timing',
      json('brief'),
      at('created_at'),
      at('updated_at'),
    ],
    'account_id, id',
  ),
  {
    part: 'handoff_askers',
    target: 'handoff_askers',
    columns: ['account_id', 'asked_by'],
    select: 'SELECT DISTINCT account_id, asked_by FROM handoffs ORDER BY 1, 2',
    count: 'SELECT count(*) AS n FROM (SELECT DISTINCT account_id, asked_by FROM handoffs)',
  },
  whole(
    'handoff_replies',
    [
      'account_id',
      'handoff_id',
      'id',
      at('"at"'),
      'rep_id',
      'rep_name',
      'message',
      'scenario_id',
      'scenario_name',
    ],
    '"at", id',
  ),
  whole(
    'handoff_events',
    ['account_id', 'id', 'handoff_id', 'type', 'data', at('created_at')],
    'created_at, id',
  ),
  whole(
    'webhook_endpoints',
    [
      'id',
      'url',
      json('events'),
      'description',
      'secret',
      at('created_at'),
      at('disabled_at'),
      'disabled_reason',
      at('failing_since'),
    ],
    'created_at, id',
  ),
  whole(
    'webhook_deliveries',
    [
      'endpoint_id',
      'id',
      'event_type',
      'payload',
      'attempts',
      at('next_attempt_at'),
      'status',
      'last_status_code',
      'last_error',
      at('created_at'),
      at('delivered_at'),
    ],
    'created_at, rowid',
  ),
];

/** A table copied as it is: its columns (some read as ISO text), in `order`. */
function whole(table: string, columns: readonly string[], order: string): TablePart {
  return {
    part: table,
    target: table,
    columns: columns.map((column) => column.replace(/^.* AS /, '').replaceAll('"', '')),
    select: `SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${order}`,
    count: `SELECT count(*) AS n FROM ${table}`,
  };
}

export interface MoveProgress {
  /** A part was copied (or found copied by an earlier run). */
  part(name: string, rows: number, earlier: boolean): void;
  /** Events copied so far, of how many. */
  events(copied: number, total: number): void;
}

export interface MoveCheck {
  part: string;
  duckdb: number;
  postgres: number;
}

export interface MoveResult {
  checks: MoveCheck[];
  /** True when every count matches. */
  verified: boolean;
  /** Value fact rows the PostgreSQL store derived from the copied events. */
  facts: number;
}

/** The target already holds data that no earlier move from a DuckDB file put there. */
export class MoveRefused extends Error {}

/**
 * Copies everything in the DuckDB file at `from` to the PostgreSQL database at `to` (its schema
 * made first), then checks every table's count and derives the value facts there. Resumable: each
 * table, and each chunk of events, is copied in one transaction with a note of it, and a run that
 * stopped goes on after what it finished. The ingest journal beside the file is applied to the file
 * first. Nothing else may have the file open (the service must be stopped).
 */
export async function moveToPostgres(
  from: string,
  to: string,
  progress: MoveProgress,
  /** How a journal record's request is read back into a batch (the service's own reader). */
  readRequest: (entry: Extract<JournalEntry, { kind: 'request' }>) => IngestBatch,
): Promise<MoveResult> {
  const source = await openDuckDbStorage(from);
  try {
    await openIngestJournal(from, source.events, EVENT_CHUNK, readRequest, false);
    const target = await openPostgresStorage(to, { factCacheRows: 0 });
    try {
      const db = target.database;
      const done = await partsDone(db);
      if (done.size === 0 && (await holdsData(db)))
        throw new MoveRefused(
          'the PostgreSQL database already holds Valueprint data that no earlier `valueprint migrate` copied: give an empty database',
        );
      for (const table of TABLES) {
        const earlier = done.get(table.part);
        if (earlier) {
          progress.part(table.part, earlier.copied, true);
          continue;
        }
        // Read as it is copied, a chunk at a time: a table of any size, never held whole.
        let copied = 0;
        async function* rows() {
          for await (const chunk of source.database.streamRows(table.select)) {
            for (const row of chunk) {
              copied++;
              yield table.columns.map((column) => cell(row[column]));
            }
          }
        }
        await db.transaction(async (session) => {
          await session.copyFrom(
            `COPY ${table.target} (${table.columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`,
            rows(),
          );
          await session.query('INSERT INTO moved_parts (part, copied) VALUES ($1, $2)', [
            table.part,
            copied,
          ]);
        });
        progress.part(table.part, copied, false);
      }
      await copyEvents(source.database, db, done.get('events'), progress);
      const checks = await check(source.database, db);
      // Statistics for the planner, as after any bulk load: without them the facts' first
      // derivation was planned for a handful of events and took 90 s instead of 2.
      await db.query('ANALYZE');
      // The facts of every copied event, for the copied model: the first value read is quick.
      await target.values.refresh();
      const [facts] = await db.query('SELECT count(*) AS n FROM value_facts');
      return {
        checks,
        verified: checks.every((entry) => entry.duckdb === entry.postgres),
        facts: Number(facts?.n ?? 0),
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

type DuckDb = Awaited<ReturnType<typeof openDuckDbStorage>>['database'];

async function partsDone(db: PostgresDatabase) {
  const rows = await db.query('SELECT part, copied, last_seq FROM moved_parts');
  return new Map(
    rows.map((row) => [
      String(row.part),
      { copied: Number(row.copied), lastSeq: row.last_seq === null ? 0 : Number(row.last_seq) },
    ]),
  );
}

async function holdsData(db: PostgresDatabase): Promise<boolean> {
  const [row] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM sources) OR EXISTS (SELECT 1 FROM events)
            OR EXISTS (SELECT 1 FROM value_models) AS held`,
  );
  return Boolean(row?.held);
}

/** DuckDB's columns of an event, in EVENT_COLUMNS' order, then its seq. */
const EVENT_SELECT = `SELECT coalesce(account_id, '') AS account_id, source_id, message_id,
  message_id_assigned, type, name, user_id, anonymous_id, ${json('properties')}, ${json('context')},
  ${at('client_timestamp')}, ${at('sent_at')}, ${at('received_at')}, ${at('event_time')},
  clock_flag, seq
  FROM events WHERE seq > $1 ORDER BY seq LIMIT ${EVENT_CHUNK}`;

/**
 * The events in chunks by DuckDB's commit order, each chunk with the claims of its message ids
 * (so the PostgreSQL store knows them as seen) and the note of where it got to. They go in as
 * settled commits: the value facts derive them on the first refresh (a rebuild, the model being
 * new to this database).
 */
async function copyEvents(
  duck: DuckDb,
  db: PostgresDatabase,
  earlier: { copied: number; lastSeq: number } | undefined,
  progress: MoveProgress,
): Promise<void> {
  const [total] = await duck.query('SELECT count(*) AS n FROM events');
  const all = Number(total?.n ?? 0);
  let copied = earlier?.copied ?? 0;
  let lastSeq = earlier?.lastSeq ?? 0;
  progress.events(copied, all);
  for (;;) {
    const rows = await duck.query(EVENT_SELECT, [lastSeq]);
    if (rows.length === 0) break;
    const chunkLast = Number(rows.at(-1)?.seq);
    await db.transaction(async (session) => {
      // The chunk's ids are claimed whether or not an id repeats in it (ids may repeat in the
      // file once forgotten by its de-duplication window): every event is copied.
      const { commitId } = await claimMessageIds(
        session,
        rows
          .filter((row) => row.message_id_assigned !== true)
          .map((row) => ({
            digest: digestOf(String(row.source_id), String(row.message_id)),
            firstSeen: new Date(String(row.received_at)),
          })),
      );
      await session.copyFrom(
        `COPY events (commit_id, ${EVENT_COLUMNS.join(', ')}) FROM STDIN`,
        rows.map((row) => [
          commitId,
          ...EVENT_COLUMNS.map((column) =>
            column === 'properties' ? jsonForPostgres(String(row.properties)) : cell(row[column]),
          ),
        ]),
      );
      await session.query(
        `INSERT INTO moved_parts (part, copied, last_seq) VALUES ('events', $1, $2)
         ON CONFLICT (part) DO UPDATE SET copied = excluded.copied, last_seq = excluded.last_seq`,
        [copied + rows.length, chunkLast],
      );
    });
    copied += rows.length;
    lastSeq = chunkLast;
    progress.events(copied, all);
  }
}

/** Every part's rows on both sides, and the message ids PostgreSQL now knows. */
async function check(duck: DuckDb, db: PostgresDatabase): Promise<MoveCheck[]> {
  const checks: MoveCheck[] = [];
  for (const table of [
    ...TABLES,
    { part: 'events', target: 'events', count: 'SELECT count(*) AS n FROM events' },
  ]) {
    const [left] = await duck.query(table.count);
    const [right] = await db.query(`SELECT count(*) AS n FROM ${table.target}`);
    checks.push({
      part: table.part,
      duckdb: Number(left?.n ?? 0),
      postgres: Number(right?.n ?? 0),
    });
  }
  const [ids] = await duck.query(
    'SELECT count(*) AS n FROM (SELECT DISTINCT source_id, message_id FROM events WHERE NOT message_id_assigned)',
  );
  const [claimed] = await db.query('SELECT count(*) AS n FROM message_ids');
  checks.push({
    part: 'message ids (of the events)',
    duckdb: Number(ids?.n ?? 0),
    postgres: Number(claimed?.n ?? 0),
  });
  return checks;
}

/** A value as DuckDB's JSON rows give it, for COPY. */
function cell(value: unknown): SqlParam {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}
