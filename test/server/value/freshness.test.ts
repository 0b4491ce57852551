import { describe, expect, it } from 'vitest';
import { dataStatus } from '../../../server/value/figures.ts';
import { AccountFreshness } from '../../../server/value/freshness.ts';

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

describe('AccountFreshness', () => {
  it('keeps an account processing from its commit until a refresh has rolled it in', async () => {
    const freshness = new AccountFreshness();
    const start = freshness.versionOf('acme');
    freshness.committed(['acme']);
    expect(freshness.isProcessing('acme')).toBe(true);
    expect(freshness.isProcessing('globex')).toBe(false);
    const committed = freshness.versionOf('acme');
    expect(committed).not.toBe(start);

    let during = false;
    await freshness.rollIn(async () => {
      during = freshness.isProcessing('acme');
    });
    expect(during).toBe(true);
    expect(freshness.isProcessing('acme')).toBe(false);
    expect(freshness.versionOf('acme')).not.toBe(committed);
  });

  it('keeps an account acknowledged ahead of the store processing through refreshes until it is applied and rolled in', async () => {
    const freshness = new AccountFreshness();
    const start = freshness.versionOf('acme');
    freshness.accepted(['acme']);
    freshness.accepted(['acme']);
    expect(freshness.isProcessing('acme')).toBe(true);
    // The answer cached before the acknowledgement says nothing of it: it is not served again.
    expect(freshness.versionOf('acme')).not.toBe(start);
    // A refresh before the store has the events rolls nothing of them in.
    await freshness.rollIn(async () => undefined);
    expect(freshness.isProcessing('acme')).toBe(true);
    freshness.applied(['acme']);
    await freshness.rollIn(async () => undefined);
    expect(freshness.isProcessing('acme')).toBe(true);
    freshness.applied(['acme']);
    expect(freshness.isProcessing('acme')).toBe(true);
    await freshness.rollIn(async () => undefined);
    expect(freshness.isProcessing('acme')).toBe(false);
  });

  it('leaves the accounts pending when the refresh fails', async () => {
    const freshness = new AccountFreshness();
    freshness.committed(['acme']);
    await expect(freshness.rollIn(() => Promise.reject(new Error('store down')))).rejects.toThrow(
      'store down',
    );
    expect(freshness.isProcessing('acme')).toBe(true);
  });

  it('moves every version on for a model change or events naming no account', async () => {
    const freshness = new AccountFreshness();
    const acme = freshness.versionOf('acme');
    freshness.touchAll();
    expect(freshness.versionOf('acme')).not.toBe(acme);
    const again = freshness.versionOf('globex');
    freshness.committed([null]);
    await freshness.rollIn(async () => undefined);
    expect(freshness.versionOf('globex')).not.toBe(again);
  });
});

describe('dataStatus', () => {
  it('says "processing", not "no activity", while accepted events are not in value yet', () => {
    expect(dataStatus(RANGE, null, true)).toEqual({ state: 'no_data', reason: 'processing' });
    expect(dataStatus(RANGE, null, false)).toEqual({ state: 'no_data', reason: 'no_activity' });
  });
});
