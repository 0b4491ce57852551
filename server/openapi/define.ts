import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { errorBodySchema } from '../../blueprint/api/common.ts';
import { errorExamples } from '../../blueprint/api/examples.ts';
import { readJson } from '../body.ts';
import type { AppEnv } from '../context.ts';

/**
 * How every route is declared: one `createRoute` object says its path, parameters, body, answers
 * and auth; from it come the request validation, the handler's types and the OpenAPI document.
 */

/** A route module: an OpenAPIHono whose validation failures reach the one error handler. */
export function routes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // A ZodError thrown here becomes `400 invalid_request` with its issues (server/errors.ts).
      if (!result.success) throw result.error;
    },
  });
}

/**
 * Registers `route` with its handler. Query and path parameters are validated by the route's
 * schemas; a JSON body is read with readJson (an empty or malformed body answers `invalid_json`,
 * whatever the Content-Type) and then validated by its schema. With `body: 'document'` the body is
 * only documented: the handler reads it itself (ingest quarantines bad events one by one).
 */
export function define<R extends RouteConfig>(
  app: OpenAPIHono<AppEnv>,
  route: R,
  handler: RouteHandler<R, AppEnv>,
  options: { body?: 'validate' | 'document' } = {},
): void {
  const { middleware, hide: _hide, ...documented } = route;
  app.openAPIRegistry.registerPath(documented);
  const { body, ...request } = route.request ?? {};
  const schema = body ? jsonSchemaOf(body) : undefined;
  const validate = schema && options.body !== 'document' ? [jsonBody(schema)] : [];
  const served = {
    ...route,
    request,
    hide: true,
    middleware: [...(middleware === undefined ? [] : [middleware].flat()), ...validate],
  };
  app.openapi(served as unknown as R, handler);
}

/** Documents a route whose handler is registered as plain Hono (static files, pages). */
export function describe(app: OpenAPIHono<AppEnv>, route: RouteConfig): void {
  const { middleware: _middleware, hide: _hide, ...documented } = route;
  app.openAPIRegistry.registerPath(documented);
}

function jsonSchemaOf(body: { content: object }): ZodType | undefined {
  const content = body.content as Record<string, { schema?: unknown } | undefined>;
  const schema = content['application/json']?.schema;
  return schema && typeof (schema as ZodType).safeParse === 'function'
    ? (schema as ZodType)
    : undefined;
}

/** Reads the JSON body and validates it; the handler gets it from `c.req.valid('json')`. */
function jsonBody(schema: ZodType): MiddlewareHandler<AppEnv> {
  return async function jsonBody(c, next) {
    const parsed = await schema.parseAsync(await readJson(c));
    c.req.addValidatedData('json', parsed as object);
    await next();
  };
}

/** A JSON body or answer of this schema. */
export function json<T extends ZodType>(schema: T, description = '') {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A required JSON request body. */
export function jsonRequest<T extends ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

const ERROR_WORDS: Record<number, string> = {
  400: 'The request is invalid; `code` says how (invalid_request lists the issues).',
  401: 'No credential, or one that is unknown, revoked or expired.',
  403: 'The credential may not do this.',
  404: 'Nothing at this address.',
  409: 'The state does not allow it yet (e.g. no_value_model, source_exists).',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  429: 'Over a rate (a write key’s events, a user’s hand-offs): wait the seconds in Retry-After, then send again.',
  503: 'Try again after the delay in Retry-After (overloaded, restarting, store unavailable).',
};

type ErrorAnswer = ReturnType<typeof json<typeof errorBodySchema>>;

/** The error answers a route can give, each the one error body, with an example for its status. */
export function errors<S extends keyof typeof errorExamples>(
  ...statuses: S[]
): { [K in S]: ErrorAnswer } {
  const answers: Record<number, unknown> = {};
  for (const status of statuses) {
    const error = { ...errorExamples[status], requestId: 'b3f2c9e4-6a1d-4f1e-9d0e-6c2a1f3b8e51' };
    answers[status] = {
      description: ERROR_WORDS[status] ?? 'An error.',
      content: { 'application/json': { schema: errorBodySchema, example: { error } } },
    };
  }
  return answers as { [K in S]: ErrorAnswer };
}

/** Security requirements, by the schemes the document declares (see document.ts). */
export const auth: Record<
  'secretKey' | 'embedToken' | 'repToken' | 'writeKey' | 'none',
  Array<Record<string, string[]>>
> = {
  secretKey: [{ secretKey: [] }],
  embedToken: [{ embedToken: [] }],
  repToken: [{ repToken: [] }],
  // Either: the key as the Basic user name (Segment libraries) or as a Bearer token.
  writeKey: [{ writeKeyBasic: [] }, { writeKeyBearer: [] }],
  none: [],
};
