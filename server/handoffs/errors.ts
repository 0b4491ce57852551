import { DomainError } from '../../blueprint/errors.ts';

/** No hand-off with that id in this account (or in the rep's accounts): another account's too. */
export class HandoffNotFound extends DomainError {
  readonly code = 'not_found';
}

/** The topic's ref names nothing the asker can see: no such insight, plan, offer or driver. */
export class UnknownTopic extends DomainError {
  readonly code = 'unknown_topic';
}

/** The user asked as often as an hour allows; `retryAfterSeconds` says when the next one may go. */
export class HandoffRateLimited extends DomainError {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A brief link whose signature does not match, or that has expired. */
export class BriefLinkRefused extends DomainError {
  readonly code = 'forbidden';
}

/** A rep asked about an account outside their token's accounts. */
export class AccountOutOfScope extends DomainError {
  readonly code = 'forbidden';
}
