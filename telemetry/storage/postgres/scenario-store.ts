import type { StoredScenario } from '../interface.ts';
import { SCENARIO_COLUMNS, scenarioValues } from '../scenario-rows.ts';
import { placeholders } from '../sql-dialect.ts';
import { SqlScenarioStore } from '../sql-scenario-store.ts';
import type { PostgresDatabase } from './database.ts';
import { postgresEngine } from './sql-engine.ts';

/**
 * Saved plans on PostgreSQL (reads and rewrites are SqlScenarioStore's), keyed by account
 * (migration 4: distributed on it under Citus). An account's limit holds across service
 * processes: adding or removing a plan changes the account's count row in the same transaction,
 * and that row's lock puts them in line.
 */
export class PostgresScenarioStore extends SqlScenarioStore {
  constructor(database: PostgresDatabase) {
    super(postgresEngine(database));
  }

  async create(scenario: StoredScenario, limit: number): Promise<boolean> {
    if (limit < 1) return false;
    return this.sql.transaction(async (session) => {
      const counted = await session.query(
        `INSERT INTO scenario_counts (account_id, plans) VALUES ($1, 1)
         ON CONFLICT (account_id) DO UPDATE SET plans = scenario_counts.plans + 1
         WHERE scenario_counts.plans < $2
         RETURNING plans`,
        [scenario.accountId, limit],
      );
      if (counted.length !== 1) return false;
      await session.query(
        `INSERT INTO scenarios (${SCENARIO_COLUMNS.join(', ')})
         VALUES (${placeholders(11)})`,
        scenarioValues(scenario),
      );
      return true;
    });
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    return this.sql.transaction(async (session) => {
      const removed = await session.query(
        'DELETE FROM scenarios WHERE account_id = $1 AND id = $2 RETURNING id',
        [accountId, id],
      );
      if (removed.length !== 1) return false;
      await session.query('UPDATE scenario_counts SET plans = plans - 1 WHERE account_id = $1', [
        accountId,
      ]);
      return true;
    });
  }
}
