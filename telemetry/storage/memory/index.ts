import type { Storage } from '../interface.ts';
import { MemoryEventStore } from './event-store.ts';
import { MemoryHandoffStore } from './handoff-store.ts';
import { MemoryInventoryStore } from './inventory-store.ts';
import { MemoryJourneyStore } from './journey-store.ts';
import { MemoryOfferStore } from './offer-store.ts';
import { MemoryScenarioStore } from './scenario-store.ts';
import { MemorySourceStore } from './source-store.ts';
import { emptyState } from './state.ts';
import { MemoryValueStore } from './value-store.ts';
import { MemoryWebhookStore } from './webhook-store.ts';

/**
 * Every store in this process's memory, behind the same interfaces as DuckDB: for tests, and to
 * show the seam is real. Nothing persists; closing drops it all.
 */
export function openMemoryStorage(): Storage {
  const state = emptyState();
  return {
    events: new MemoryEventStore(state),
    sources: new MemorySourceStore(state),
    inventory: new MemoryInventoryStore(state),
    values: new MemoryValueStore(state),
    scenarios: new MemoryScenarioStore(),
    offers: new MemoryOfferStore(),
    journey: new MemoryJourneyStore(),
    webhooks: new MemoryWebhookStore(),
    handoffs: new MemoryHandoffStore(),
    async ping() {},
    async close() {},
  };
}
