import type { ValuePromise } from '../../../blueprint/promise.ts';
import type {
  AssumptionChange,
  JsonKind,
  QuarantineEntry,
  StoredEvent,
  StoredModel,
} from '../interface.ts';

/** An accepted event as the memory store keeps it: where it came from and its place in commit order. */
export interface MemoryEvent extends StoredEvent {
  sourceId: string;
  seq: number;
}

export interface MemoryKey {
  id: string;
  sourceId: string;
  hash: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A trait's latest value (JSON text), when it was last seen and when it took that value. */
export interface MemoryTrait {
  value: string;
  observedAt: Date;
  changedAt: Date;
}

/**
 * Everything the memory stores hold, shared as the DuckDB stores share one database file: the value
 * store reads the events, traits and memberships the event store writes.
 */
export interface MemoryState {
  sources: Map<string, { id: string; name: string; createdAt: string }>;
  keys: MemoryKey[];
  events: MemoryEvent[];
  /** `${sourceId}\0${messageId}` → when it was first seen, for de-duplication. */
  messageIds: Map<string, Date>;
  quarantine: QuarantineEntry[];
  /** `${sourceId}\0${day}` → duplicates counted that day. */
  duplicates: Map<string, number>;
  /** `${sourceId}\0${type}\0${name}\0${key}\0${kind}` → occurrences. */
  properties: Map<string, number>;
  userTraits: Map<string, MemoryTrait>;
  accountTraits: Map<string, MemoryTrait>;
  /** `${accountId}\0${userId}` → first and last time the user was seen in the account. */
  memberships: Map<string, { accountId: string; userId: string; firstSeen: Date; lastSeen: Date }>;
  /** Bumped by every commit, so the value facts know when to follow. */
  revision: number;
  models: StoredModel[];
  promises: Map<string, ValuePromise[]>;
  assumptionChanges: Map<string, AssumptionChange[]>;
}

export function emptyState(): MemoryState {
  return {
    sources: new Map(),
    keys: [],
    events: [],
    messageIds: new Map(),
    quarantine: [],
    duplicates: new Map(),
    properties: new Map(),
    userTraits: new Map(),
    accountTraits: new Map(),
    memberships: new Map(),
    revision: 0,
    models: [],
    promises: new Map(),
    assumptionChanges: new Map(),
  };
}

/** Composite map keys, one per list of parts whatever they hold (a NUL included). */
export const keyOf = (...parts: string[]) => JSON.stringify(parts);

/** The parts of a key made by keyOf. */
export const partsOf = (key: string) => JSON.parse(key) as string[];

/** Timestamps as every store answers them: ISO-8601 UTC with milliseconds. */
export const iso = (date: Date) => date.toISOString();

export type { JsonKind };
