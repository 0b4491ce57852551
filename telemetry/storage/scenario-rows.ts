import { z } from 'zod';
import type { StoredScenario } from './interface.ts';

/**
 * What the SQL scenario stores (DuckDB, PostgreSQL) share: a plan's column values in the order
 * `SCENARIO_COLUMNS` names them, and reading a row back, checked. The plan's inputs, what it
 * showed, and the success manager who sent it are JSON documents in text.
 */

type Row = Record<string, unknown>;

export const SCENARIO_COLUMNS = [
  'account_id',
  'id',
  'author_id',
  'name',
  'description',
  'plan',
  'shared',
  'made',
  'created_at',
  'updated_at',
  'from_rep',
] as const;

const planSchema = z.object({
  levers: z.record(z.string(), z.number()),
  horizonMonths: z.number().int(),
  rampMonths: z.number().int(),
});
const madeSchema = z.object({
  modelVersion: z.number().int(),
  from: z.string(),
  to: z.string(),
  baselineRunRate: z.number(),
  planRunRate: z.number(),
});
const fromRepSchema = z
  .object({ repId: z.string(), name: z.string(), handoffId: z.string() })
  .nullable();

export function scenarioValues(scenario: StoredScenario) {
  return [
    scenario.accountId,
    scenario.id,
    scenario.authorId,
    scenario.name,
    scenario.description,
    JSON.stringify({
      levers: scenario.levers,
      horizonMonths: scenario.horizonMonths,
      rampMonths: scenario.rampMonths,
    }),
    scenario.shared,
    JSON.stringify(scenario.made),
    new Date(scenario.createdAt),
    new Date(scenario.updatedAt),
    scenario.fromRep ? JSON.stringify(scenario.fromRep) : null,
  ];
}

/** A row with the columns above, its timestamps as ISO-8601 text. */
export function scenarioOf(row: Row): StoredScenario {
  const plan = planSchema.parse(JSON.parse(String(row.plan)));
  const fromRep = fromRepSchema.parse(
    row.from_rep === null || row.from_rep === undefined ? null : JSON.parse(String(row.from_rep)),
  );
  return {
    accountId: String(row.account_id),
    id: String(row.id),
    authorId: String(row.author_id),
    name: String(row.name),
    description: row.description === null ? null : String(row.description),
    ...plan,
    shared: row.shared === true,
    made: madeSchema.parse(JSON.parse(String(row.made))),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    ...(fromRep ? { fromRep } : {}),
  };
}
