import type { EventType } from '../events.ts';

/** Why an event was refused; stable, machine-readable. */
export type RejectionCode =
  | 'invalid_json'
  | 'not_an_object'
  | 'unsupported_type'
  | 'missing_identity'
  | 'missing_event_name'
  | 'missing_group_id'
  | 'invalid_timestamp'
  | 'invalid_field'
  | 'event_too_large'
  | 'too_deep';

/** An event that was refused, kept whole in quarantine with the reason. */
export interface QuarantinedEvent {
  index: number;
  code: RejectionCode;
  message: string;
  path: string;
  /** The payload exactly as far as it could be read (the raw line when it was not even JSON). */
  raw: string;
}

/** JSON value kinds, as the inventory reports them. */
export type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** An accepted event, normalized for storage. Times are UTC. */
export interface StoredEvent {
  messageId: string;
  /** True when the sender gave no messageId; such events cannot be de-duplicated. */
  messageIdAssigned: boolean;
  type: EventType;
  /** The track event's name, or the page/screen name; null for identify and group. */
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  accountId: string | null;
  /** JSON text of properties (track, page, screen) or traits (identify, group). */
  properties: string;
  context: string | null;
  /** Top-level keys of properties/traits with their kinds, for the inventory. */
  shape: Array<[key: string, kind: JsonKind]>;
  /** Traits to remember (identify, group): the parsed object. */
  traits: Record<string, unknown> | null;
  timestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
  /** `timestamp` corrected for the sender's clock skew; `receivedAt` when it cannot be trusted. */
  eventTime: Date;
  clockFlag: 'future_timestamp' | null;
}

/** One request's events, as handed to the store. */
export interface IngestBatch {
  sourceId: string;
  receivedAt: Date;
  events: StoredEvent[];
  rejects: QuarantinedEvent[];
}

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
}

/**
 * Where telemetry lands. `commit` is atomic and durable: when it resolves, every event in every batch
 * is stored (or counted as a duplicate) and every reject is in quarantine; when it rejects, nothing is.
 */
export interface EventStore {
  commit(batches: IngestBatch[]): Promise<IngestOutcome[]>;
  /** Forget message ids first seen before `before`; duplicates are caught only inside the window. */
  pruneMessageIds(before: Date): Promise<number>;
  /** Folds the rollup deltas that commits append into their totals; reads are the same before and after. */
  compactRollups(): Promise<void>;
}

export interface Source {
  id: string;
  name: string;
  createdAt: string;
  keys: WriteKeyInfo[];
}

export interface WriteKeyInfo {
  id: string;
  /** The first characters of the key, enough to recognise it, not to use it. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface SourceStore {
  /** Creates a source with its first write key; throws `SourceNameTaken` when the name is in use. */
  createSource(input: { id: string; name: string; key: NewWriteKey }): Promise<Source>;
  listSources(): Promise<Source[]>;
  getSource(id: string): Promise<Source | null>;
  findSourceByName(name: string): Promise<Source | null>;
  addKey(sourceId: string, key: NewWriteKey): Promise<WriteKeyInfo>;
  /** Returns the revoked key, or null when the source has no such key. */
  revokeKey(sourceId: string, keyId: string): Promise<WriteKeyInfo | null>;
  /** The source an active key (by hash) belongs to. */
  sourceIdForKeyHash(keyHash: string): Promise<string | null>;
}

export interface NewWriteKey {
  id: string;
  hash: string;
  prefix: string;
}

export class SourceNameTaken extends Error {
  constructor(readonly sourceName: string) {
    super(`a source named "${sourceName}" already exists`);
  }
}

export interface PropertyInventory {
  key: string;
  types: JsonKind[];
  /** Share of this event's occurrences that carry the key, 0..1. */
  fillRate: number;
}

export interface EventInventory {
  name: string | null;
  type: EventType;
  count: number;
  accounts: number;
  users: number;
  firstSeen: string;
  lastSeen: string;
  properties: PropertyInventory[];
}

export interface Inventory {
  totals: { events: number; duplicates: number; quarantined: number };
  events: EventInventory[];
  quarantine: { reasons: Array<{ code: string; count: number }> };
}

export interface QuarantineEntry {
  id: string;
  sourceId: string;
  receivedAt: string;
  code: string;
  message: string;
  path: string;
  raw: string;
}

/** What telemetry there is: read-only views for the vendor. */
export interface InventoryStore {
  inventory(filter: { sourceId?: string }): Promise<Inventory>;
  quarantine(filter: { sourceId?: string; limit: number }): Promise<QuarantineEntry[]>;
}

/** Everything the service needs from storage, opened and closed as one. */
export interface TelemetryStorage {
  events: EventStore;
  sources: SourceStore;
  inventory: InventoryStore;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
