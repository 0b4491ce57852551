import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, postJson } from '../helpers.ts';
import { type Fixture, fixtureEvents, startFixture } from './value-fixture.ts';

/**
 * Keys a user gives (a locale, a filter, an assumption id) are looked up as data, never as members
 * of a plain object: `constructor`, `__proto__`, `toString` and friends are just unknown keys.
 */

const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ events: fixtureEvents() });
  await f.refresh();
});
afterAll(() => f.close());

describe('user-given keys that name Object.prototype members', () => {
  it.each(HOSTILE)(
    'locale=%s is an unknown language on every value read, never a 500',
    async (locale) => {
      for (const path of [
        '/v1/value/summary',
        '/v1/value/story',
        '/v1/value/series',
        '/v1/value/cuts',
        '/v1/value/assumptions',
        '/v1/value/breakdown?by=team',
        '/v1/value/explain',
        '/v1/value/forecast',
      ]) {
        const res = await f.get(`${path}${path.includes('?') ? '&' : '?'}locale=${locale}`, 'acme');
        expect({ path, status: res.status }).toEqual({ path, status: expect.any(Number) });
        expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
      }
    },
  );

  it.each(HOSTILE)('filter and assumption ids named %s are unknown, not members', async (key) => {
    const filtered = await f.get(`/v1/value/summary?filter=${key}:${key}`, 'acme');
    expect(filtered.status).toBe(400);
    const res = await f.t.app.request(`/v1/value/assumptions/${key}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await f.token('acme', 'editor')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ value: 1 }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.each(HOSTILE)(
    'an embed session for locale %s is refused or plain, never a 500',
    async (locale) => {
      const res = await postJson(
        f.t.app,
        '/v1/embed/sessions',
        { accountId: 'acme', userId: 'u', role: 'viewer', locale },
        adminAuth,
      );
      expect(res.status).toBeLessThan(500);
    },
  );
});
