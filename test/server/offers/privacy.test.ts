import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerAccounts } from '../../../examples/demo/peer-accounts.ts';
import { demoAccounts } from '../../../examples/demo/telemetry.ts';
import { prepareDemo } from '../../../server/demo.ts';
import type { Storage } from '../../../telemetry/storage/interface.ts';
import { openStorage } from '../../../telemetry/storage/open.ts';
import { adminAuth, startTestApp, type TestApp, testLocation } from '../../helpers.ts';

/**
 * Next-best value compares an account with others; nothing about those others may leave the
 * server but aggregates of at least five. On the real demo (six featured accounts, fifteen peers),
 * every answer a customer can read that draws on other accounts — suggestions, the story that names
 * one, the planner's levers — is searched for any other account's id, name or people, and every
 * figure about others is checked to come from at least five accounts.
 */

const EVERY_ACCOUNT = [...demoAccounts, ...peerAccounts];
const MIN_ACCOUNTS = 5;

let dir: string;
let place: Awaited<ReturnType<typeof testLocation>> | undefined;
let t: TestApp;
let storage: Storage;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-offer-privacy-'));
  place = await testLocation(join(dir, 'demo.duckdb'));
  storage = await openStorage({ location: place.location });
  await prepareDemo(storage, () => undefined);
  t = await startTestApp({ storage });
}, 90_000);

afterAll(async () => {
  await t?.close();
  await place?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function read(accountId: string, path: string, locale: string): Promise<string> {
  const session = await t.app.request('/v1/embed/sessions', {
    method: 'POST',
    headers: { ...adminAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ accountId, userId: `${accountId}-u1`, role: 'viewer', locale }),
  });
  const { token } = (await session.json()) as { token: string };
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return res.text();
}

interface Suggestions {
  items: Array<{
    cohort: { accounts: number; adopters: number; traits: string[] } | null;
    projected: { basis: string };
  }>;
}
interface Levers {
  basis: { peers?: Record<string, { accounts: number }> };
}
interface Story {
  chapters: Array<{
    insights: Array<{ type: string; facts: Array<{ id: string; value: number }> }>;
  }>;
}

describe('what next-best value lets a customer see of other accounts', () => {
  it('no answer names another account or its people, and every figure about others comes from at least five', async () => {
    const cohorts: Array<{ traits: string[]; adopters: number }> = [];
    for (const account of demoAccounts) {
      const others = EVERY_ACCOUNT.filter((other) => other.id !== account.id);
      for (const locale of ['en', 'de']) {
        const suggestions = await read(account.id, '/v1/recommendations', locale);
        const story = await read(account.id, '/v1/value/story', locale);
        const levers = await read(account.id, '/v1/scenarios/levers', locale);
        for (const body of [suggestions, story, levers]) {
          for (const other of others) {
            // Ids (and the people ids built on them, "globex-u1") and names, in any answer.
            expect(body, `${account.id} reads ${other.id}`).not.toContain(`"${other.id}`);
            expect(body, `${account.id} reads ${other.id}`).not.toContain(`${other.id}-u`);
            expect(body, `${account.id} reads ${other.name}`).not.toContain(other.name);
          }
        }
        for (const item of (JSON.parse(suggestions) as Suggestions).items) {
          if (item.projected.basis !== 'peers') continue;
          expect(item.cohort?.adopters).toBeGreaterThanOrEqual(MIN_ACCOUNTS);
          if (item.cohort) cohorts.push(item.cohort);
        }
        for (const peers of Object.values((JSON.parse(levers) as Levers).basis.peers ?? {})) {
          expect(peers.accounts).toBeGreaterThanOrEqual(MIN_ACCOUNTS);
        }
        const named = (JSON.parse(story) as Story).chapters
          .flatMap((chapter) => chapter.insights)
          .filter((insight) => insight.type === 'next_best_offer');
        for (const insight of named) {
          const adopters = insight.facts.find((fact) => fact.id === 'adopters');
          if (adopters) expect(adopters.value).toBeGreaterThanOrEqual(MIN_ACCOUNTS);
        }
      }
    }
    // Not vacuous: the demo values offers among accounts like each one, and falls back to all.
    expect(cohorts.some((cohort) => cohort.traits.length > 0)).toBe(true);
    expect(cohorts.some((cohort) => cohort.traits.length === 0)).toBe(true);
  }, 120_000);
});
