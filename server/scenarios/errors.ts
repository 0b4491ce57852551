import { DomainError } from '../../blueprint/errors.ts';

/** No plan with that id that this reader may see (another account's, or another's unshared one). */
export class ScenarioNotFound extends DomainError {
  readonly code = 'not_found';
}

/** Only the plan's author, or an editor, changes or deletes it. */
export class ScenarioNotYours extends DomainError {
  readonly code = 'forbidden';
}

/** The account keeps as many plans as it may. */
export class ScenarioLimitReached extends DomainError {
  readonly code = 'scenario_limit';
}
