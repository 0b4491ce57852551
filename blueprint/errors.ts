/** A problem named in a request or a document, where it is and what is wrong with it. */
export interface Issue {
  path: string;
  message: string;
}

/**
 * What domain code throws when a request cannot be answered as asked: a stable, machine-readable
 * `code` and a message a person can act on. Domain code never knows about HTTP; the service maps
 * each kind to a status in one place (server/errors.ts).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly issues: readonly Issue[] | undefined;

  constructor(message: string, options: { issues?: readonly Issue[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.issues = options.issues;
  }
}
