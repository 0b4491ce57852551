import type { StoredScenario } from '../interface.ts';
import { SCENARIO_COLUMNS, scenarioValues } from '../scenario-rows.ts';
import { SqlScenarioStore } from '../sql-scenario-store.ts';
import type { Database } from './database.ts';
import { duckDbEngine } from './sql-engine.ts';

/**
 * Saved plans in DuckDB (reads and rewrites are SqlScenarioStore's). Creating one counts the
 * account's plans and inserts in one statement, and creations run one at a time in this process
 * (DuckDB allows one process per file), so the limit holds.
 */
export class DuckDbScenarioStore extends SqlScenarioStore {
  private creating: Promise<unknown> = Promise.resolve();

  constructor(database: Database) {
    super(duckDbEngine(database));
  }

  create(scenario: StoredScenario, limit: number): Promise<boolean> {
    const run = this.creating.then(async () => {
      const rows = await this.sql.query(
        `INSERT INTO scenarios (${SCENARIO_COLUMNS.join(', ')})
         SELECT $1, $2, $3, $4, $5, $6::JSON, $7, $8::JSON, $9, $10, $11::JSON
         WHERE (SELECT count(*) FROM scenarios WHERE account_id = $1) < $12
         RETURNING id`,
        [...scenarioValues(scenario), limit],
      );
      return rows.length === 1;
    });
    this.creating = run.catch(() => undefined);
    return run;
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    const rows = await this.sql.query(
      'DELETE FROM scenarios WHERE account_id = $1 AND id = $2 RETURNING id',
      [accountId, id],
    );
    return rows.length === 1;
  }
}
