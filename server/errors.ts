import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError } from '../blueprint/errors.ts';
import { SourceNameTaken } from '../telemetry/storage/interface.ts';
import { CommitFailed, WriterClosed, WriterSaturated } from '../telemetry/writer.ts';
import {
  AccountOutOfScope,
  BriefLinkRefused,
  HandoffNotFound,
  HandoffRateLimited,
} from './handoffs/errors.ts';
import { DecisionNotFound } from './offers/errors.ts';
import { ScenarioLimitReached, ScenarioNotFound, ScenarioNotYours } from './scenarios/errors.ts';
import { NoValueModel } from './value/errors.ts';
import {
  DeliveryNotFound,
  WebhookBodyTooLarge,
  WebhookDisabled,
  WebhookNotFound,
} from './webhooks/errors.ts';

export interface ErrorIssue {
  path: string;
  message: string;
}

/**
 * The status each kind of domain error answers with; every other domain error is the caller's to
 * fix (400). The one place HTTP meets the domain's errors.
 */
const DOMAIN_STATUS: ReadonlyArray<
  readonly [abstract new (...args: never[]) => DomainError, ContentfulStatusCode]
> = [
  [NoValueModel, 409],
  [SourceNameTaken, 409],
  [WriterSaturated, 503],
  [WriterClosed, 503],
  [CommitFailed, 503],
  [ScenarioNotFound, 404],
  [ScenarioNotYours, 403],
  [ScenarioLimitReached, 409],
  [DecisionNotFound, 404],
  [WebhookNotFound, 404],
  [DeliveryNotFound, 404],
  [WebhookDisabled, 409],
  [WebhookBodyTooLarge, 413],
  [HandoffNotFound, 404],
  [HandoffRateLimited, 429],
  [BriefLinkRefused, 403],
  [AccountOutOfScope, 403],
];

function statusOf(error: DomainError): ContentfulStatusCode {
  return DOMAIN_STATUS.find(([kind]) => error instanceof kind)?.[1] ?? 400;
}

/** Errors the sender should retry after a delay say how long, in seconds. */
function retryAfterOf(error: DomainError): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

/** What routes and HTTP middleware throw for HTTP-level problems (auth, bodies, lookups by URL). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly options: { issues?: ErrorIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

export function issuesFromZod(error: ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Maps every error to `{error: {code, message, issues?, requestId}}`; the only place that does. */
export function handleError(error: Error, c: Context): Response {
  const requestId = String(c.get('requestId') ?? '');
  if (error instanceof ApiError) {
    if (error.options.retryAfterSeconds !== undefined) {
      c.header('Retry-After', String(error.options.retryAfterSeconds));
    }
    return c.json(
      {
        error: {
          code: error.code,
          message: error.message,
          issues: error.options.issues,
          requestId,
        },
      },
      error.status,
    );
  }
  if (error instanceof DomainError) {
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
    if (error instanceof CommitFailed) console.error(`[${requestId}] commit failed:`, error.cause);
    const issues = error.issues?.map(({ path, message }) => ({ path, message }));
    return c.json(
      { error: { code: error.code, message: error.message, issues, requestId } },
      statusOf(error),
    );
  }
  if (error instanceof ZodError) {
    const issues = issuesFromZod(error);
    const message = issues.map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    );
    return c.json(
      { error: { code: 'invalid_request', message: message.join('; '), issues, requestId } },
      400,
    );
  }
  if (error instanceof HTTPException) {
    return c.json(
      { error: { code: codeForStatus(error.status), message: error.message, requestId } },
      error.status as ContentfulStatusCode,
    );
  }
  if (clientWentAway(error)) {
    // Nobody is left to read an answer; one line says what happened, a stack would say nothing.
    console.warn(`[${requestId}] ${c.req.method} ${c.req.path}: the client went away mid-request`);
    return c.json(
      { error: { code: 'request_aborted', message: 'the request was not sent whole', requestId } },
      400,
    );
  }
  console.error(`[${requestId}]`, error);
  return c.json(
    { error: { code: 'internal_error', message: 'something went wrong on our side', requestId } },
    500,
  );
}

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'request_too_large';
  return 'bad_request';
}

export function notFound(c: Context): Response {
  return c.json(
    {
      error: {
        code: 'not_found',
        message: `no route for ${c.req.method} ${c.req.path}`,
        requestId: String(c.get('requestId') ?? ''),
      },
    },
    404,
  );
}

/** Reading the body failed because the client closed its side (Node says "aborted"). */
function clientWentAway(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    error.message === 'aborted' ||
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    error.name === 'AbortError'
  );
}
