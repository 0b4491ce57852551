import { DomainError } from '../../blueprint/errors.ts';

/** The target URL is one deliveries may not go to (not https, or a local or private address). */
export class WebhookTargetRefused extends DomainError {
  readonly code = 'webhook_target_refused';
}

export class WebhookNotFound extends DomainError {
  readonly code = 'not_found';
  constructor(id: string) {
    super(`there is no webhook endpoint "${id}"`);
  }
}

export class DeliveryNotFound extends DomainError {
  readonly code = 'not_found';
  constructor(endpointId: string, id: string) {
    super(`webhook endpoint "${endpointId}" has no delivery "${id}"`);
  }
}

/** A disabled endpoint takes no deliveries; register the URL again once it answers. */
export class WebhookDisabled extends DomainError {
  readonly code = 'webhook_disabled';
  constructor(id: string, reason: string | null) {
    super(
      `webhook endpoint "${id}" is disabled (${reason ?? 'no reason kept'}); register it again`,
    );
  }
}

/**
 * The event's body is over the size a delivery carries. The brief of a hand-off will be fetched
 * by a signed link when larger; until that exists, the event is refused, not cut.
 */
export class WebhookBodyTooLarge extends DomainError {
  readonly code = 'webhook_body_too_large';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`a webhook body is at most ${limit} bytes; this ${bytes}-byte event is not sent`);
  }
}
