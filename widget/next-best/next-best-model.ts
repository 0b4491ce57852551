import type { Recommendations } from '../api/types.ts';

/**
 * What the suggestions piece decides without the DOM: which offers were already reported as
 * shown in this browser session, and how a hidden one is described.
 */

export type Item = Recommendations['items'][number];
export type Hidden = Recommendations['hidden'][number];
export type InProgress = Recommendations['inProgress'][number];

/** Where sessionStorage is refused (a sandboxed frame): this page's memory instead. */
const memory = new Map<string, Set<string>>();

function storageKey(account: string): string {
  return `vp-offers-shown:${account}`;
}

function shownTo(account: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey(account)) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : []);
  } catch {
    return memory.get(account) ?? new Set();
  }
}

/**
 * The offers among `offerIds` not yet reported as shown to this account in this browser session,
 * now marked as reported: each offer counts as shown once per session, however often it reloads.
 */
export function firstShows(account: string, offerIds: readonly string[]): string[] {
  const ids = shownTo(account);
  const fresh = offerIds.filter((id) => !ids.has(id));
  if (fresh.length === 0) return [];
  for (const id of fresh) ids.add(id);
  memory.set(account, ids);
  try {
    sessionStorage.setItem(storageKey(account), JSON.stringify([...ids]));
  } catch {
    // Kept in this page's memory instead.
  }
  return fresh;
}

/** Which words describe a hidden offer, and the day it comes back (if it does by itself). */
export function hiddenWords(hidden: Hidden): {
  key:
    | 'hiddenNotNow'
    | 'hiddenNotRelevant'
    | 'hiddenAlreadyHave'
    | 'hiddenSnoozed'
    | 'hiddenResting';
  until?: string;
} {
  const until = hidden.until ?? undefined;
  switch (hidden.reason) {
    case 'not_now':
      return { key: 'hiddenNotNow', ...(until ? { until } : {}) };
    case 'not_relevant':
      return { key: 'hiddenNotRelevant' };
    case 'already_have':
      return { key: 'hiddenAlreadyHave' };
    case 'snoozed':
      return { key: 'hiddenSnoozed', ...(until ? { until } : {}) };
    case 'resting':
      return { key: 'hiddenResting', ...(until ? { until } : {}) };
  }
}
