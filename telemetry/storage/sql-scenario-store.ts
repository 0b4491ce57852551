import type { ScenarioStore, StoredScenario } from './interface.ts';
import { SCENARIO_COLUMNS, scenarioOf, scenarioValues } from './scenario-rows.ts';
import type { SqlEngine } from './sql-dialect.ts';

/**
 * Saved plans in a SQL database, keyed by account: one copy of the reads and the rewrite for
 * DuckDB and PostgreSQL. Adding and removing are each engine's own, for that is how it keeps an
 * account's limit.
 */
export abstract class SqlScenarioStore implements ScenarioStore {
  private readonly columns: string;

  constructor(protected readonly sql: SqlEngine) {
    this.columns = SCENARIO_COLUMNS.map((column) =>
      column === 'created_at' || column === 'updated_at' ? sql.timestamp(column, column) : column,
    ).join(', ');
  }

  abstract create(scenario: StoredScenario, limit: number): Promise<boolean>;
  abstract remove(accountId: string, id: string): Promise<boolean>;

  async list(accountId: string): Promise<StoredScenario[]> {
    const rows = await this.sql.query(
      `SELECT ${this.columns} FROM scenarios WHERE account_id = $1
       ORDER BY scenarios.created_at, id`,
      [accountId],
    );
    return rows.map(scenarioOf);
  }

  async get(accountId: string, id: string): Promise<StoredScenario | null> {
    const rows = await this.sql.query(
      `SELECT ${this.columns} FROM scenarios WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows[0] ? scenarioOf(rows[0]) : null;
  }

  async replace(scenario: StoredScenario): Promise<boolean> {
    const json = (parameter: string) => this.sql.json(parameter);
    const rows = await this.sql.query(
      `UPDATE scenarios SET author_id = $3, name = $4, description = $5, plan = ${json('$6')},
         shared = $7, made = ${json('$8')}, created_at = $9, updated_at = $10,
         from_rep = ${json('$11')}
       WHERE account_id = $1 AND id = $2
       RETURNING id`,
      scenarioValues(scenario),
    );
    return rows.length === 1;
  }
}
