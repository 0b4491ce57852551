import type { HandoffStore } from '../interface.ts';
import { SqlHandoffStore } from '../sql-handoff-store.ts';
import type { Database } from './database.ts';
import { duckDbEngine } from './sql-engine.ts';

/**
 * Hand-offs in DuckDB (the SQL is SqlHandoffStore's). DuckDB allows one process per file, and
 * creations run one at a time in it: counting an asker's recent hand-offs and inserting is then
 * enough for the hourly limit to hold.
 */
export class DuckDbHandoffStore extends SqlHandoffStore {
  private creating: Promise<unknown> = Promise.resolve();

  constructor(database: Database) {
    super(duckDbEngine(database));
  }

  override create(...args: Parameters<HandoffStore['create']>): Promise<boolean> {
    const run = this.creating.then(() => super.create(...args));
    this.creating = run.catch(() => undefined);
    return run;
  }
}
