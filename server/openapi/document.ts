import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';

/** What the document says about the API as a whole: who it is for and how each caller proves who it is. */
const INFO = {
  title: 'Valueprint API',
  version: '0.1.0',
  description: [
    'Valueprint turns product telemetry into the value a customer gets, in money, and serves it to',
    'a web component the vendor embeds. Four kinds of caller, four credentials:',
    '',
    "- **Ingest** (a source's write key, as the HTTP Basic user name or a Bearer token): Segment-shaped events.",
    "- **Vendor** (the deployment's secret key as a Bearer token): sources, inventory, the value model, promises, embed sessions.",
    "- **Customer** (a short-lived embed token as a Bearer token): the account's value. The account comes from the token alone.",
    '- **Success manager** (a rep token from POST /v1/rep/sessions as a Bearer token): the rep console, for the accounts the token names.',
    '',
    'Every error has one shape, `{"error": {"code", "message", "issues"?, "requestId"}}`, and every',
    'response carries `X-Request-Id`.',
  ].join('\n'),
};

const SECURITY_SCHEMES = {
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    description: "The deployment's secret key (VALUEPRINT_SECRET_KEY). Keep it on your servers.",
  },
  embedToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A token from POST /v1/embed/sessions, minutes long, for one user of one account.',
  },
  repToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A token from POST /v1/rep/sessions, an hour long by default, for one success manager and the accounts they serve.',
  },
  writeKeyBasic: {
    type: 'http',
    scheme: 'basic',
    description:
      "A source's write key as the user name, empty password (Segment libraries do this).",
  },
  writeKeyBearer: {
    type: 'http',
    scheme: 'bearer',
    description: "A source's write key as a Bearer token.",
  },
} as const;

/**
 * The OpenAPI 3.1 document of `app`, generated from the routes' own definitions (their zod
 * schemas, auth and answers). Built once, when first asked for.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  }
  let document: ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']> | undefined;
  return () => {
    if (!document) {
      document = app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: INFO,
        tags: [
          {
            name: 'Value (embed token)',
            description: "The customer's value, for the embedded dashboard.",
          },
          { name: 'Ingest (write key)', description: 'Segment-compatible telemetry in.' },
          { name: 'Embed sessions (secret key)' },
          { name: 'Rep sessions (secret key)' },
          {
            name: 'Rep console (rep token)',
            description:
              'What the rep console at /rep reads and writes, for the accounts the rep serves.',
          },
          { name: 'Sources and write keys (secret key)' },
          { name: 'Telemetry (secret key)' },
          { name: 'Value model and promises (secret key)' },
          { name: 'Widget', description: 'The embeddable bundle, public.' },
          { name: 'Service' },
          { name: 'Demo host page', description: 'Only with `valueprint serve --demo`.' },
        ],
      });
    }
    return document;
  };
}
