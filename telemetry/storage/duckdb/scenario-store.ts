import type { ScenarioStore, StoredScenario } from '../interface.ts';
import { scenarioOf, scenarioValues as values } from '../scenario-rows.ts';
import { type Database, isoText } from './database.ts';

const COLUMNS = `account_id, id, author_id, name, description, plan, shared, made,
  ${isoText('created_at')} AS created_at, ${isoText('updated_at')} AS updated_at, from_rep`;

/**
 * Saved plans in DuckDB, one row each, keyed by account. Creating one counts the account's plans
 * and inserts in one statement, and creations run one at a time in this process, so the limit holds.
 */
export class DuckDbScenarioStore implements ScenarioStore {
  private creating: Promise<unknown> = Promise.resolve();

  constructor(private readonly database: Database) {}

  create(scenario: StoredScenario, limit: number): Promise<boolean> {
    const run = this.creating.then(async () => {
      const rows = await this.database.query(
        `INSERT INTO scenarios (account_id, id, author_id, name, description, plan, shared, made,
           created_at, updated_at, from_rep)
         SELECT $1, $2, $3, $4, $5, $6::JSON, $7, $8::JSON, $9, $10, $11::JSON
         WHERE (SELECT count(*) FROM scenarios WHERE account_id = $1) < $12
         RETURNING id`,
        [...values(scenario), limit],
      );
      return rows.length === 1;
    });
    this.creating = run.catch(() => undefined);
    return run;
  }

  async list(accountId: string): Promise<StoredScenario[]> {
    const rows = await this.database.query(
      `SELECT ${COLUMNS} FROM scenarios WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
    return rows.map(scenarioOf);
  }

  async get(accountId: string, id: string): Promise<StoredScenario | null> {
    const rows = await this.database.query(
      `SELECT ${COLUMNS} FROM scenarios WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows[0] ? scenarioOf(rows[0]) : null;
  }

  async replace(scenario: StoredScenario): Promise<boolean> {
    const rows = await this.database.query(
      `UPDATE scenarios SET author_id = $3, name = $4, description = $5, plan = $6::JSON,
         shared = $7, made = $8::JSON, created_at = $9, updated_at = $10, from_rep = $11::JSON
       WHERE account_id = $1 AND id = $2
       RETURNING id`,
      values(scenario),
    );
    return rows.length === 1;
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    const rows = await this.database.query(
      'DELETE FROM scenarios WHERE account_id = $1 AND id = $2 RETURNING id',
      [accountId, id],
    );
    return rows.length === 1;
  }
}
