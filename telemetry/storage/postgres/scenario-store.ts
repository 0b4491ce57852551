import type { ScenarioStore, StoredScenario } from '../interface.ts';
import { SCENARIO_COLUMNS, scenarioOf, scenarioValues } from '../scenario-rows.ts';
import type { PostgresDatabase } from './database.ts';

const COLUMNS = SCENARIO_COLUMNS.join(', ');

/**
 * Saved plans on PostgreSQL, keyed by account (migration 4: distributed on it under Citus). An
 * account's limit holds across service processes: adding or removing a plan changes the
 * account's count row in the same transaction, and that row's lock puts them in line.
 */
export class PostgresScenarioStore implements ScenarioStore {
  constructor(private readonly database: PostgresDatabase) {}

  async create(scenario: StoredScenario, limit: number): Promise<boolean> {
    if (limit < 1) return false;
    return this.database.transaction(async (client) => {
      const counted = await client.query(
        `INSERT INTO scenario_counts (account_id, plans) VALUES ($1, 1)
         ON CONFLICT (account_id) DO UPDATE SET plans = scenario_counts.plans + 1
         WHERE scenario_counts.plans < $2
         RETURNING plans`,
        [scenario.accountId, limit],
      );
      if (counted.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO scenarios (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        scenarioValues(scenario),
      );
      return true;
    });
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
      `UPDATE scenarios SET author_id = $3, name = $4, description = $5, plan = $6,
         shared = $7, made = $8, created_at = $9, updated_at = $10, from_rep = $11
       WHERE account_id = $1 AND id = $2
       RETURNING id`,
      scenarioValues(scenario),
    );
    return rows.length === 1;
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    return this.database.transaction(async (client) => {
      const removed = await client.query(
        'DELETE FROM scenarios WHERE account_id = $1 AND id = $2 RETURNING id',
        [accountId, id],
      );
      if (removed.rowCount !== 1) return false;
      await client.query('UPDATE scenario_counts SET plans = plans - 1 WHERE account_id = $1', [
        accountId,
      ]);
      return true;
    });
  }
}
