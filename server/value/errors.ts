import { DomainError, type Issue } from '../../blueprint/errors.ts';

/** The vendor has not published a value model, so there is no value to show yet. */
export class NoValueModel extends DomainError {
  readonly code = 'no_value_model';
}

/** The value model has problems; each is an issue with its path. */
export class InvalidModel extends DomainError {
  readonly code = 'invalid_model';
  constructor(issues: readonly Issue[]) {
    super(`the value model has ${issues.length} problem(s)`, { issues });
  }
}

/** A driver the model (or the filter's slice of it) does not have. */
export class UnknownDriver extends DomainError {
  readonly code = 'unknown_driver';
}

/** A segment (a way to cut value) the model does not define. */
export class UnknownSegment extends DomainError {
  readonly code = 'unknown_segment';
}

/** A filter that is not `<segment>:<value>` or too long. */
export class InvalidFilter extends DomainError {
  readonly code = 'invalid_filter';
}

/** A period that ends before it starts, or spans more than the longest period. */
export class InvalidPeriod extends DomainError {
  readonly code = 'invalid_period';
}

/** An assumption the model does not have. */
export class UnknownAssumption extends DomainError {
  readonly code = 'unknown_assumption';
}

/** An assumption only the vendor sets. */
export class AssumptionNotEditable extends DomainError {
  readonly code = 'not_editable';
}

/** A customer's value for an assumption outside the vendor's bounds. */
export class AssumptionOutOfBounds extends DomainError {
  readonly code = 'out_of_bounds';
}
