import { describe, expect, it } from 'vitest';
import { JourneyService } from '../../../server/journey/journey-service.ts';
import type { Storage, StoredScenario } from '../../../telemetry/storage/interface.ts';
import { MEMORY, openStorage } from '../../../telemetry/storage/open.ts';
import { startTestApp } from '../../helpers.ts';

/** The journey service on a fixed clock: retention, the plans a reader may see, offers' states. */

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function plan(id: string, authorId: string, shared: boolean, updatedAt: string): StoredScenario {
  return {
    accountId: 'acme',
    id,
    authorId,
    name: `Plan ${id}`,
    description: null,
    levers: { 'adoption:automation_hours': 10 },
    horizonMonths: 12,
    rampMonths: 3,
    shared,
    made: {
      modelVersion: 1,
      from: '2026-09-01',
      to: '2026-11-23',
      baselineRunRate: 1,
      planRunRate: 2,
    },
    createdAt: updatedAt,
    updatedAt,
  };
}

async function seeded(): Promise<Storage> {
  const storage = await openStorage({ location: MEMORY });
  await storage.scenarios.create(plan('scn_mine', 'ana', false, '2026-11-20T10:00:00.000Z'), 10);
  await storage.scenarios.create(plan('scn_bos', 'bo', false, '2026-11-21T10:00:00.000Z'), 10);
  await storage.scenarios.create(plan('scn_team', 'bo', true, '2026-11-22T10:00:00.000Z'), 10);
  const react = (
    offerId: string,
    action: 'shown' | 'accepted' | 'dismissed',
    at: number,
    reason?: 'not_now',
  ) =>
    storage.offers.addReaction({
      accountId: 'acme',
      decisionId: `dec_${offerId}`,
      offerId,
      userId: 'ana',
      action,
      at: iso(at),
      ...(reason ? { reason } : {}),
    });
  await react('reminders', 'shown', NOW - 5 * DAY_MS);
  await react('reminders', 'dismissed', NOW - 4 * DAY_MS, 'not_now');
  await react('automations', 'accepted', NOW - 3 * DAY_MS);
  return storage;
}

describe('the journey service', () => {
  it('refuses times past the skew or before the configured retention, and keeps the rest', async () => {
    const storage = await seeded();
    const journey = new JourneyService(storage, 45, () => NOW);
    const event = (at: number) => ({
      type: 'section_viewed' as const,
      at: iso(at),
      detail: { section: 'story' as const },
    });
    await expect(journey.record('acme', 'ana', [event(NOW - 46 * DAY_MS)])).rejects.toMatchObject({
      code: 'invalid_event_time',
      issues: [{ path: 'events.0.at', message: 'is older than the 45 days the journey is kept' }],
    });
    await expect(
      journey.record('acme', 'ana', [event(NOW), event(NOW + 5 * 60_000 + 1)]),
    ).rejects.toMatchObject({
      issues: [{ path: 'events.1.at', message: 'is in the future' }],
    });
    expect(
      await journey.record('acme', 'ana', [event(NOW - 45 * DAY_MS), event(NOW + 5 * 60_000)]),
    ).toBe(2);
    expect(await storage.journey.read('acme', { since: new Date(0) })).toHaveLength(2);
  });

  it('prunes what is older than the retention', async () => {
    const storage = await seeded();
    await storage.journey.append('acme', 'ana', [
      { type: 'section_viewed', at: iso(NOW - 45 * DAY_MS - 1), detail: { section: 'story' } },
      { type: 'section_viewed', at: iso(NOW - 45 * DAY_MS), detail: { section: 'plan' } },
    ]);
    expect(await new JourneyService(storage, 45, () => NOW).prune()).toBe(1);
    const left = await storage.journey.read('acme', { since: new Date(0) });
    expect(left.map((event) => event.detail)).toEqual([{ section: 'plan' }]);
  });

  it('digests with the plans the reader may see and the offers’ states from the reactions', async () => {
    const journey = new JourneyService(await seeded(), 180, () => NOW);
    const ana = await journey.digest({ accountId: 'acme' }, 'ana');
    expect(ana.prioritized.plans.map((saved) => saved.scenarioId)).toEqual([
      'scn_team',
      'scn_mine',
    ]);
    expect(ana.prioritized.acceptedOffers).toEqual([
      { offerId: 'automations', since: iso(NOW - 3 * DAY_MS) },
    ]);
    expect(ana.discarded.offers).toEqual([
      { offerId: 'reminders', reason: 'not_now', until: iso(NOW - 4 * DAY_MS + 30 * DAY_MS) },
    ]);
    const account = await journey.digest({ accountId: 'acme' });
    expect(account.prioritized.plans.map((saved) => saved.scenarioId)).toEqual([
      'scn_team',
      'scn_bos',
      'scn_mine',
    ]);
    const other = await journey.digest({ accountId: 'globex' });
    expect(other.prioritized).toEqual({ plans: [], comparedPlans: [], acceptedOffers: [] });
    expect(other.discarded.offers).toEqual([]);
  });

  it('runs a prune when the service starts', async () => {
    const storage = await seeded();
    await storage.journey.append('acme', 'ana', [
      { type: 'section_viewed', at: iso(Date.now() - 181 * DAY_MS), detail: { section: 'story' } },
      { type: 'section_viewed', at: iso(Date.now() - DAY_MS), detail: { section: 'plan' } },
    ]);
    const t = await startTestApp({ storage });
    try {
      const left = await storage.journey.read('acme', { since: new Date(0) });
      expect(left.map((event) => event.detail)).toEqual([{ section: 'plan' }]);
    } finally {
      await t.close();
    }
  });
});
