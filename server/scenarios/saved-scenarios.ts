import { randomUUID } from 'node:crypto';
import {
  MAX_SAVED_SCENARIOS,
  type NewScenario,
  type SavedScenario,
  type ScenarioChange,
} from '../../blueprint/api/scenarios.ts';
import {
  type Lever,
  leversOf,
  type ProjectionBasis,
  project,
  settle,
} from '../../blueprint/projection.ts';
import type { ScenarioStore, StoredScenario } from '../../telemetry/storage/interface.ts';
import type { AccountContext } from '../value/figures.ts';
import { ScenarioLimitReached, ScenarioNotFound, ScenarioNotYours } from './errors.ts';

/** Who asks: the token's user and role. */
export interface Reader {
  userId: string;
  role: 'viewer' | 'editor';
}

/** The account's basis now, with the window it covers. */
export interface CurrentBasis {
  basis: ProjectionBasis;
  window: { from: string; to: string };
}

/** Money differences below a cent are rounding, not movement. */
const CENT = 0.005;

/**
 * Saved plans: who sees which (the author their own, everyone the shared ones), who changes them
 * (the author or an editor), and each plan as it stands on today's baseline beside what it showed
 * when it was saved.
 */
export class SavedScenarios {
  constructor(private readonly store: ScenarioStore) {}

  async list(context: AccountContext, reader: Reader, now: CurrentBasis) {
    const plans = await this.store.list(context.accountId);
    return {
      scenarios: plans
        .filter((plan) => visibleTo(plan, reader))
        .map((plan) => answerOf(plan, reader, context, now)),
      limit: MAX_SAVED_SCENARIOS,
    };
  }

  async get(context: AccountContext, reader: Reader, id: string, now: CurrentBasis) {
    return answerOf(await this.visible(context, reader, id), reader, context, now);
  }

  async create(
    context: AccountContext,
    reader: Reader,
    input: NewScenario,
    now: CurrentBasis,
    at = new Date(),
  ): Promise<SavedScenario> {
    return this.add(
      context,
      reader,
      { ...input, description: input.description ?? null },
      now,
      'delete one to save another',
      undefined,
      at,
    );
  }

  /**
   * A plan a success manager pushes into the account in answer to a hand-off: shared, authored
   * `rep:<repId>`, on the same bounds and limit as any saved plan.
   */
  async push(
    context: AccountContext,
    rep: { repId: string; name: string; handoffId: string },
    input: {
      name: string;
      levers: Record<string, number>;
      horizonMonths: number;
      rampMonths: number;
    },
    now: CurrentBasis,
  ): Promise<SavedScenario> {
    return this.add(
      context,
      { userId: `rep:${rep.repId}`, role: 'editor' },
      { ...input, description: null, shared: true },
      now,
      'the customer would have to delete one first',
      { repId: rep.repId, name: rep.name, handoffId: rep.handoffId },
    );
  }

  /** Saves a new plan, its levers settled on today's basis, unless the account is full. */
  private async add(
    context: AccountContext,
    reader: Reader,
    input: Pick<
      StoredScenario,
      'name' | 'description' | 'levers' | 'horizonMonths' | 'rampMonths' | 'shared'
    >,
    now: CurrentBasis,
    whenFull: string,
    fromRep?: StoredScenario['fromRep'],
    savedAt = new Date(),
  ): Promise<SavedScenario> {
    const at = savedAt.toISOString();
    const { levers } = settled(now.basis, input.levers);
    const plan: StoredScenario = {
      accountId: context.accountId,
      id: `scn_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      authorId: reader.userId,
      name: input.name,
      description: input.description,
      levers,
      horizonMonths: input.horizonMonths,
      rampMonths: input.rampMonths,
      shared: input.shared,
      made: madeOf(context, now, levers, input),
      createdAt: at,
      updatedAt: at,
      ...(fromRep ? { fromRep } : {}),
    };
    if (!(await this.store.create(plan, MAX_SAVED_SCENARIOS))) {
      throw new ScenarioLimitReached(
        `this account keeps ${MAX_SAVED_SCENARIOS} saved plans already, the most it may; ${whenFull}`,
      );
    }
    return answerOf(plan, reader, context, now);
  }

  async change(
    context: AccountContext,
    reader: Reader,
    id: string,
    change: ScenarioChange,
    now: CurrentBasis,
  ): Promise<SavedScenario> {
    const plan = mayChange(await this.visible(context, reader, id), reader, 'change');
    const next: StoredScenario = {
      ...plan,
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.description === undefined ? {} : { description: change.description }),
      ...(change.levers === undefined ? {} : settled(now.basis, change.levers)),
      ...(change.horizonMonths === undefined ? {} : { horizonMonths: change.horizonMonths }),
      ...(change.rampMonths === undefined ? {} : { rampMonths: change.rampMonths }),
      ...(change.shared === undefined ? {} : { shared: change.shared }),
      updatedAt: new Date().toISOString(),
    };
    // A plan whose inputs changed shows what it shows now; a renamed one keeps its first figures.
    const inputsChanged =
      change.levers !== undefined ||
      change.horizonMonths !== undefined ||
      change.rampMonths !== undefined;
    if (inputsChanged) next.made = madeOf(context, now, next.levers, next);
    if (!(await this.store.replace(next))) throw notFound(id);
    return answerOf(next, reader, context, now);
  }

  async remove(context: AccountContext, reader: Reader, id: string): Promise<void> {
    mayChange(await this.visible(context, reader, id), reader, 'delete');
    if (!(await this.store.remove(context.accountId, id))) throw notFound(id);
  }

  private async visible(context: AccountContext, reader: Reader, id: string) {
    const plan = await this.store.get(context.accountId, id);
    if (!plan || !visibleTo(plan, reader)) throw notFound(id);
    return plan;
  }
}

function visibleTo(plan: StoredScenario, reader: Reader): boolean {
  return plan.shared || plan.authorId === reader.userId;
}

function mayChange(plan: StoredScenario, reader: Reader, what: 'change' | 'delete') {
  if (plan.authorId === reader.userId || reader.role === 'editor') return plan;
  throw new ScenarioNotYours(
    `only the plan's author or an editor may ${what} "${plan.name}"; this token is a viewer's`,
  );
}

function notFound(id: string) {
  return new ScenarioNotFound(`there is no saved plan "${id}" you can see in this account`);
}

/** The lever values as a plan keeps them: on their bounds and steps (unknown ones refused). */
function settled(basis: ProjectionBasis, levers: Record<string, number>) {
  const { values } = settle(leversOf(basis), levers);
  return {
    levers: Object.fromEntries(Object.keys(levers).map((id) => [id, values.get(id) as number])),
  };
}

function madeOf(
  context: AccountContext,
  now: CurrentBasis,
  levers: Record<string, number>,
  plan: { horizonMonths: number; rampMonths: number },
): StoredScenario['made'] {
  const projection = project(now.basis, levers, plan);
  return {
    modelVersion: context.stored.version,
    ...now.window,
    baselineRunRate: projection.baseline.annualRunRate.value,
    planRunRate: projection.annualRunRate.value,
  };
}

/** A plan as a reader gets it: its inputs, what it showed, and the same plan on today's baseline. */
function answerOf(
  plan: StoredScenario,
  reader: Reader,
  context: AccountContext,
  now: CurrentBasis,
): SavedScenario {
  const known = new Set(leversOf(now.basis).map((lever: Lever) => lever.id));
  const kept = Object.fromEntries(Object.entries(plan.levers).filter(([id]) => known.has(id)));
  const projection = project(now.basis, kept, plan);
  const { made } = plan;
  const moved =
    made.modelVersion !== context.stored.version ||
    made.from !== now.window.from ||
    made.to !== now.window.to ||
    Math.abs(made.baselineRunRate - projection.baseline.annualRunRate.value) > CENT ||
    Math.abs(made.planRunRate - projection.annualRunRate.value) > CENT;
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    author: plan.authorId,
    mine: plan.authorId === reader.userId,
    shared: plan.shared,
    levers: plan.levers,
    horizonMonths: plan.horizonMonths,
    rampMonths: plan.rampMonths,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    saved: made,
    current: {
      modelVersion: context.stored.version,
      ...now.window,
      baselineRunRate: projection.baseline.annualRunRate,
      planRunRate: projection.annualRunRate,
      moved,
      droppedLevers: Object.keys(plan.levers).filter((id) => !known.has(id)),
    },
    ...(plan.fromRep
      ? { successManager: { name: plan.fromRep.name, handoffId: plan.fromRep.handoffId } }
      : {}),
  };
}
