import { DomainError } from '../../blueprint/errors.ts';

/** An offer id the model does not have. */
export class UnknownOffer extends DomainError {
  readonly code = 'unknown_offer';
}

/** A decision id this account was never given. */
export class DecisionNotFound extends DomainError {
  readonly code = 'not_found';
}

/** A decision given for another offer than the one the feedback names. */
export class DecisionMismatch extends DomainError {
  readonly code = 'decision_mismatch';
}
