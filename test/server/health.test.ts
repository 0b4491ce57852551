import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDbStorage } from '../../telemetry/storage/duckdb/index.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import { expectError, startTestApp, type TestApp } from '../helpers.ts';

let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('GET /healthz', () => {
  it('answers 200 without credentials when the store is open', async () => {
    t = await startTestApp();
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when the store does not answer', async () => {
    const real = await openDuckDbStorage(':memory:');
    const broken: Storage = {
      ...real,
      ping: async () => {
        throw new Error('database is locked');
      },
    };
    t = await startTestApp({ storage: broken });
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
  });

  it('sends the security headers and a request id', async () => {
    t = await startTestApp();
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toMatch(/\S+/);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/nope'],
    ['GET', '/v1/batch'],
    ['POST', '/v1/merge'],
  ])('%s %s answers 404 in the one error shape', async (method, path) => {
    t = await startTestApp();
    const res = await t.app.request(path, { method });
    const error = await expectError(res, 404, 'not_found');
    expect(error.message).toContain(path);
  });
});
