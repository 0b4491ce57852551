import { DomainError } from '../../blueprint/errors.ts';

/** Events dated in the future (beyond the clock skew allowed) or before the journey is kept. */
export class JourneyTimeRefused extends DomainError {
  readonly code = 'invalid_event_time';
}
