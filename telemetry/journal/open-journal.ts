import { existsSync } from 'node:fs';
import type { EventStore, IngestBatch } from '../storage/interface.ts';
import { isPostgresUrl, MEMORY } from '../storage/open.ts';
import { replayJournal } from '../writer.ts';
import { IngestJournal } from './ingest-journal.ts';
import type { JournalEntry } from './journal-codec.ts';

/** Where the journal of a DuckDB file lives: a folder beside it. */
export function journalDirFor(databasePath: string): string {
  return `${databasePath}.journal`;
}

/**
 * Opens the ingest journal beside a DuckDB file and applies to the store whatever it holds that
 * the store does not (a crash between an answer and its commit), before any new event is taken.
 * None for data that does not outlive the process (`memory:`, `:memory:`), nor for PostgreSQL,
 * whose commits are durable when they answer and which several processes share. With `use` false (the
 * journal turned off), a journal an earlier run left is still applied, then closed: turning it
 * off must not lose what it answered for.
 */
export async function openIngestJournal(
  databasePath: string,
  events: EventStore,
  maxGroupEvents: number,
  readRequest: (entry: Extract<JournalEntry, { kind: 'request' }>) => IngestBatch,
  use = true,
): Promise<{ journal: IngestJournal | undefined; replayedRecords: number } | undefined> {
  if (databasePath === MEMORY || databasePath === ':memory:' || isPostgresUrl(databasePath))
    return undefined;
  const dir = journalDirFor(databasePath);
  if (!use && !existsSync(dir)) return undefined;
  const applied = await events.journalApplied();
  let opened: ReturnType<typeof IngestJournal.open>;
  try {
    opened = IngestJournal.open(dir, applied);
  } catch (error) {
    throw new Error(
      `the ingest journal at ${dir} cannot be opened (${(error as Error).message}); give the service a folder it can write beside the database, or set VALUEPRINT_INGEST_JOURNAL=0 to answer after DuckDB's commit instead`,
      { cause: error },
    );
  }
  const { journal, unapplied } = opened;
  const last = await replayJournal(events, unapplied, maxGroupEvents, readRequest);
  if (last !== undefined) journal.applied(last);
  if (!use) journal.close(last ?? applied);
  return { journal: use ? journal : undefined, replayedRecords: unapplied.length };
}
