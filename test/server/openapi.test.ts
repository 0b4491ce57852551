import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as admin from '../../blueprint/api/admin.ts';
import * as common from '../../blueprint/api/common.ts';
import * as embed from '../../blueprint/api/embed.ts';
import * as events from '../../blueprint/api/events.ts';
import * as handoffs from '../../blueprint/api/handoffs.ts';
import * as ingest from '../../blueprint/api/ingest.ts';
import * as offerPerformance from '../../blueprint/api/offer-performance.ts';
import * as rep from '../../blueprint/api/rep.ts';
import * as service from '../../blueprint/api/service.ts';
import * as story from '../../blueprint/api/story.ts';
import * as value from '../../blueprint/api/value.ts';
import * as webhooks from '../../blueprint/api/webhooks.ts';
import * as promise from '../../blueprint/promise.ts';
import { startTestApp, type TestApp } from '../helpers.ts';

/**
 * GET /openapi.json: a valid OpenAPI 3.1 document, generated from the routes' own definitions, that
 * lists every route the app serves with its auth, its answers (errors included) and examples that
 * hold against their own schemas.
 */

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let t: TestApp;
let document: Document;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.request('/openapi.json');
  expect(res.status).toBe(200);
  document = (await res.json()) as Document;
});
afterAll(() => t.close());

/** `/v1/value/assumptions/:id` → `/v1/value/assumptions/{id}`; a `*` tail is the `{file}` it serves. */
function openApiPath(honoPath: string): string {
  return honoPath
    .replace(/:(\w+)\{[^/]*\}/g, (_match, name: string) => `{${name}}`)
    .replace(/:(\w+)/g, '{$1}')
    .replace(/\/\*$/, '/{file}');
}

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('lists every route the app serves, and nothing it does not', () => {
    const served = new Set(
      t.app.routes
        // `ALL` entries are middleware (auth, CORS, request ids) and the catch-all 404s.
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`),
    );
    const documented = new Set(operations().map(({ path, method }) => `${method} ${path}`));
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
    expect(documented.size).toBeGreaterThanOrEqual(38);
  });

  it('gives every operation a summary, a tag, its auth and the one error body', () => {
    const schemes = Object.keys(document.components.securitySchemes).sort();
    expect(schemes).toEqual([
      'embedToken',
      'repToken',
      'secretKey',
      'writeKeyBasic',
      'writeKeyBearer',
    ]);
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBe(1);
      expect(operation.security, where).toBeDefined();
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) expect(schemes, where).toContain(scheme);
      }
      for (const [status, answer] of Object.entries(operation.responses)) {
        // The health check's 503 is its own answer ({"status": "unavailable"}), for probes.
        if (Number(status) < 400 || path === '/healthz') continue;
        expect(answer.content?.['application/json']?.schema?.$ref, `${where} ${status}`).toBe(
          '#/components/schemas/Error',
        );
      }
    }
    const value = operations().filter(({ path }) => path.startsWith('/v1/value/'));
    for (const { operation } of value) expect(operation.security).toEqual([{ embedToken: [] }]);
    const admin = operations().filter(({ path }) => path.startsWith('/v1/admin/'));
    for (const { operation } of admin) expect(operation.security).toEqual([{ secretKey: [] }]);
    const rep = operations().filter(({ path }) => path.startsWith('/v1/rep/'));
    expect(rep.length).toBeGreaterThanOrEqual(2);
    for (const { path, operation } of rep) {
      const secret = path === '/v1/rep/sessions';
      expect(operation.security).toEqual([secret ? { secretKey: [] } : { repToken: [] }]);
    }
  });

  it('shows an example of every JSON answer and error', () => {
    const missing: string[] = [];
    for (const { path, method, operation } of operations()) {
      for (const [status, answer] of Object.entries(operation.responses)) {
        const media = answer.content?.['application/json'] as
          | {
              schema?: { $ref?: string; example?: unknown; type?: string; properties?: unknown };
              example?: unknown;
            }
          | undefined;
        if (!media?.schema) continue;
        const ref = media.schema.$ref?.replace('#/components/schemas/', '');
        const schema = (ref ? document.components.schemas[ref] : media.schema) as {
          example?: unknown;
          type?: string;
          properties?: unknown;
          items?: unknown;
        };
        // Free-form documents (this one, the model's JSON Schema, a source map) have no example.
        const freeForm = schema.type === 'object' && schema.properties === undefined;
        if (media.example === undefined && schema.example === undefined && !freeForm) {
          missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has examples, and each holds against the schema it illustrates', () => {
    let checked = 0;
    for (const schema of collectSchemas()) {
      const example = z.globalRegistry.get(schema)?.example;
      if (example === undefined) continue;
      const parsed = schema.safeParse(example);
      expect(parsed.success, `${z.globalRegistry.get(schema)?.id}: ${parsed.error}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});

/** Every schema the contract modules export. */
function collectSchemas(): z.ZodType[] {
  return [
    admin,
    common,
    embed,
    events,
    handoffs,
    ingest,
    offerPerformance,
    rep,
    service,
    story,
    value,
    webhooks,
    promise,
  ].flatMap((module) =>
    Object.values(module).filter((item): item is z.ZodType => item instanceof z.ZodType),
  );
}
