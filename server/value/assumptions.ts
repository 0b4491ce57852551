import { ApiError } from '../errors.ts';
import type { ValueEngine } from './value-engine.ts';

/** The account's assumptions as they apply now, and every change a customer made. */
export async function listAssumptions(engine: ValueEngine, accountId: string) {
  const context = await engine.context(accountId);
  const history = await engine.values.assumptionHistory(accountId);
  return {
    account: accountId,
    assumptions: context.assumptions.map((assumption) => ({
      ...assumption,
      default: context.model.assumptions.find((a) => a.id === assumption.id)?.default,
      source: assumption.source,
      sourceNote: context.model.assumptions.find((a) => a.id === assumption.id)?.source,
    })),
    history,
  };
}

/** A customer edits one assumption for their own account, within the vendor's bounds. */
export async function changeAssumption(
  engine: ValueEngine,
  accountId: string,
  userId: string,
  id: string,
  value: number,
) {
  const context = await engine.context(accountId);
  const assumption = context.model.assumptions.find((candidate) => candidate.id === id);
  if (!assumption) {
    throw new ApiError(
      400,
      'unknown_assumption',
      `there is no assumption "${id}"; the assumptions are ${context.model.assumptions.map((a) => a.id).join(', ') || 'none'}`,
    );
  }
  if (!assumption.customerEditable) {
    throw new ApiError(
      400,
      'not_editable',
      `"${assumption.label}" is set by the vendor and cannot be changed here`,
    );
  }
  if (value < assumption.min || value > assumption.max) {
    throw new ApiError(
      400,
      'out_of_bounds',
      `"${assumption.label}" must be between ${assumption.min} and ${assumption.max} ${assumption.unit}`,
    );
  }
  const change = await engine.values.recordAssumption(accountId, { id, value, userId });
  return { change, ...(await listAssumptions(engine, accountId)) };
}
