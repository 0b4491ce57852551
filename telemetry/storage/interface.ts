import type { EventType } from '../../blueprint/api/events.ts';
import type {
  HandoffChannel,
  HandoffStatus,
  HandoffTiming,
  HandoffTopicKind,
} from '../../blueprint/api/handoffs.ts';
import type { JourneyEvent } from '../../blueprint/api/journey.ts';
import type { DeliveryStatus, WebhookEventType } from '../../blueprint/api/webhooks.ts';
import type { DayRange, Grain } from '../../blueprint/days.ts';
import { DomainError } from '../../blueprint/errors.ts';
import type { DismissReason, FeedbackAction } from '../../blueprint/offer-feedback.ts';
import type { ValuePromise } from '../../blueprint/promise.ts';
import type { ValueModel } from '../../blueprint/value-model.ts';

/**
 * The storage seam: every store the service uses, as interfaces. Implementations live beside this
 * file (duckdb/, memory/); nothing outside them knows which engine holds the data.
 */

/** Why an event was refused; stable, machine-readable (one list, with the API's). */
export type { RejectionCode } from '../../blueprint/api/ingest.ts';

import type { RejectionCode } from '../../blueprint/api/ingest.ts';

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
  /**
   * Top-level keys of properties/traits with their kinds, for the inventory. Read only: events
   * of one batch with the same keys and kinds share one.
   */
  shape: ReadonlyArray<readonly [key: string, kind: JsonKind]>;
  /** Traits to remember (identify, group): the parsed object. */
  traits: Record<string, unknown> | null;
  timestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
  /** `timestamp` corrected for the sender's clock skew; `receivedAt` when it cannot be trusted. */
  eventTime: Date;
  /** Why eventTime is not the sender's (corrected) time; the original timestamp is kept. */
  clockFlag: 'future_timestamp' | 'implausible_timestamp' | null;
}

/** One request's events, as handed to the store. */
export interface IngestBatch {
  sourceId: string;
  receivedAt: Date;
  events: StoredEvent[];
  rejects: QuarantinedEvent[];
  /**
   * The events as a store that asks for them (`EventStore.encodesEvents`) writes them, made where
   * the batch was read; for `sourceId` only (a store makes its own when the source differs).
   */
  encoded?: EncodedEvents;
}

/**
 * A batch's events encoded ahead of the commit (see the PostgreSQL store's event-rows.ts): each
 * column's values as array elements in the database's binary format, one column after the other,
 * column `c` ending at `columnEnds[c]`, with a bit set in `nullColumns` for each column holding a
 * NULL; each message id's digest, a fixed number of bytes each.
 */
export interface EncodedEvents {
  sourceId: string;
  count: number;
  columns: Uint8Array;
  columnEnds: Uint32Array;
  nullColumns: number;
  digests: Uint8Array;
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
  /**
   * Commits one process may run at once (1 when left out): more only where the store itself
   * settles which of two concurrent commits stores an id (PostgreSQL).
   */
  readonly concurrentCommits?: number;
  /**
   * With `concurrentCommits`: the events that must wait before a commit starts beside one under
   * way (see the writer's option of the same name).
   */
  readonly concurrentCommitMinEvents?: number;
  /**
   * The encoder whose work `commit` takes ahead (`IngestBatch.encoded`), when it has one: ingest
   * then encodes each request's events where it reads them.
   */
  readonly encodesEvents?: 'postgres';
  /**
   * `journalSeq`: the last ingest journal record these batches come from, kept in the same
   * transaction (see `journalApplied`).
   */
  commit(batches: IngestBatch[], options?: { journalSeq?: number }): Promise<IngestOutcome[]>;
  /**
   * What `commit` will make of these batches when it gets them next after every batch reserved
   * before (accepted and duplicates, per batch), answered at once from memory; their new message
   * ids count as taken for later reservations until a commit stores them. A journal in front of
   * the store acknowledges with it before the commit.
   */
  reserve(batches: IngestBatch[]): IngestOutcome[];
  /**
   * The last ingest journal record committed with its batches; 0 when none was. Asked once at
   * start, before any `reserve`.
   */
  journalApplied(): Promise<number>;
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

/** The configured database could not be reached (or would not let the service in). */
export class StorageUnreachable extends Error {
  constructor(
    /** Where it was looked for, any password left out. */
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${location} cannot be reached: ${reason}`);
  }
}

export class SourceNameTaken extends DomainError {
  readonly code = 'source_exists';
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

// ---------------------------------------------------------------------------------------------
// Value: model versions, promises, customer assumptions, and value facts (a rollup of the events
// that match the model's drivers, per account, driver, day, user and segment values).

export interface StoredModel {
  version: number;
  model: ValueModel;
  createdAt: string;
}

export interface ModelVersion {
  version: number;
  createdAt: string;
  product: string;
  drivers: number;
}

export interface AssumptionChange {
  id: string;
  value: number;
  userId: string;
  changedAt: string;
}

/** One driver's rolled-up activity: `quantity` sums the facts, `users` counts distinct users. */
export interface DriverActivity {
  driverId: string;
  quantity: number;
  users: number;
  events: number;
}

export interface SeriesPoint extends DriverActivity {
  /** First day of the bucket. */
  bucket: string;
  /** The segment value, when the series is split by a segment. */
  segmentValue?: string;
}

/** One window of a series read: its days and the size of its buckets. */
export interface SeriesWindow {
  range: DayRange;
  grain: Grain;
}

/**
 * A cut of the facts: one segment value (by the segment's index in the model), or a set of drivers
 * (a feature's). Resolved from the request by the value service; stores apply it to every read.
 */
export type FactFilter = { segment: number; value: string } | { drivers: readonly string[] };

/** What a breakdown groups by besides the driver: a segment (by index), the user, or nothing. */
export type BreakdownDimension = { segment: number } | 'user' | 'driver';

export interface Contribution extends DriverActivity {
  /** The segment value or user id; empty for the `driver` dimension. */
  key: string;
}

/**
 * Everything the value service keeps: model versions, promises, customer assumptions, and value
 * facts with the reads over them. Every read takes an optional filter: only facts in that cut count.
 * Reads that take several periods (or windows, or dimensions) answer them all in one pass.
 */
export interface ValueStore {
  saveModel(model: ValueModel): Promise<StoredModel>;
  currentModel(): Promise<StoredModel | null>;
  modelVersions(): Promise<ModelVersion[]>;

  setPromises(accountId: string, promises: ValuePromise[]): Promise<void>;
  promises(accountId: string): Promise<ValuePromise[]>;

  recordAssumption(
    accountId: string,
    change: Omit<AssumptionChange, 'changedAt'>,
  ): Promise<AssumptionChange>;
  /** Oldest first. */
  assumptionHistory(accountId: string): Promise<AssumptionChange[]>;

  /** The latest value of an account trait (from group calls), or undefined. */
  accountTrait(accountId: string, key: string): Promise<unknown>;

  /** Rolls events committed since the last call into the facts (for the current model). */
  refresh(): Promise<void>;
  /** Keeps the facts quick to read (e.g. re-sorts them); cheap when there is nothing to do. */
  compact(): Promise<void>;

  /** Each driver's activity in each range, in the order given. */
  activity(accountId: string, ranges: DayRange[], filter?: FactFilter): Promise<DriverActivity[][]>;
  /** Activity per bucket (and per segment value, when asked) in each window, in the order given. */
  series(
    accountId: string,
    windows: SeriesWindow[],
    options?: { segment?: number; filter?: FactFilter },
  ): Promise<SeriesPoint[][]>;
  /** Activity per driver and key, `[range][dimension]`, in the order given. */
  breakdown(
    accountId: string,
    ranges: DayRange[],
    dimensions: BreakdownDimension[],
    filter?: FactFilter,
  ): Promise<Contribution[][][]>;
  /** The first and last day with facts for the account (in the cut), or null. */
  activeDays(accountId: string, filter?: FactFilter): Promise<DayRange | null>;
  /**
   * Every account's activity per driver in the range (vendor-wide, for peer figures): one row per
   * account and driver with any. Account ids stay on the server; callers aggregate.
   */
  usage(range: DayRange): Promise<AccountUsage[]>;
  /**
   * Every account's first day with value (vendor-wide, as `usage`): how long it has been a user,
   * so an account younger than a window is not read as if it had been idle before it started.
   */
  firstDays(): Promise<AccountFirstDay[]>;
  /**
   * Per account, its active users in the range: distinct people (userId, else anonymousId) with
   * any track, page or screen event, attributed to accounts as the value facts are (the event's
   * groupId, else the one account its person belongs to).
   */
  activeUsers(range: DayRange): Promise<ActiveUsers[]>;
  /** Per account holding any of these traits (from group calls), its values of them by key. */
  traitsByAccount(keys: readonly string[]): Promise<AccountTraits[]>;
}

export interface AccountUsage extends DriverActivity {
  accountId: string;
}

export interface AccountFirstDay {
  accountId: string;
  /** YYYY-MM-DD. */
  day: string;
}

export interface ActiveUsers {
  accountId: string;
  users: number;
}

export interface AccountTraits {
  accountId: string;
  traits: Record<string, unknown>;
}

/**
 * Value fact rows a store may hold in memory across accounts by default, so reads of those
 * accounts need no query: ~120 bytes each (measured), so about 120 MB at most.
 */
export const DEFAULT_FACT_CACHE_ROWS = 1_000_000;

/** Another process holds the store (DuckDB allows one process per file). */
export class StorageInUse extends Error {
  constructor(readonly location: string) {
    super(`${location} is in use by another process`);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios: plans a customer saved, per account.

/** A saved plan as stored: its inputs, and what it showed when it was saved (or last changed). */
export interface StoredScenario {
  accountId: string;
  id: string;
  authorId: string;
  name: string;
  description: string | null;
  levers: Record<string, number>;
  horizonMonths: number;
  rampMonths: number;
  shared: boolean;
  made: {
    modelVersion: number;
    from: string;
    to: string;
    baselineRunRate: number;
    planRunRate: number;
  };
  createdAt: string;
  updatedAt: string;
  /** A plan a success manager pushed into the account from a hand-off (always shared). */
  fromRep?: { repId: string; name: string; handoffId: string };
}

export interface ScenarioStore {
  /** Adds the plan unless its account keeps `limit` already: false then, and nothing changes. */
  create(scenario: StoredScenario, limit: number): Promise<boolean>;
  /** The account's plans, oldest first (who may see which is the caller's to decide). */
  list(accountId: string): Promise<StoredScenario[]>;
  get(accountId: string, id: string): Promise<StoredScenario | null>;
  /** Writes the plan over the one with its account and id; false when there is none. */
  replace(scenario: StoredScenario): Promise<boolean>;
  remove(accountId: string, id: string): Promise<boolean>;
}

/** An offer shown to an account: what was projected then, so realized value can be compared. */
export interface StoredDecision {
  accountId: string;
  id: string;
  offerId: string;
  userId: string;
  projected: { annual: number; low: number; high: number; basis: 'peers' | 'vendor_estimate' };
  createdAt: string;
}

/** What the customer did with a decision (blueprint/offer-feedback.ts reads these). */
export interface StoredReaction {
  accountId: string;
  decisionId: string;
  offerId: string;
  userId: string;
  action: FeedbackAction;
  reason?: DismissReason;
  at: string;
}

/** Per offer, how often each action (and dismissal reason) happened, over every account. */
export interface ReactionCount {
  offerId: string;
  action: FeedbackAction;
  reason?: DismissReason;
  count: number;
  accounts: number;
}

/** UTC days, both inclusive, as YYYY-MM-DD; a missing end leaves that side open. */
export interface DayBounds {
  from?: string | undefined;
  to?: string | undefined;
}

/** One offer's funnel over every account, within some days (reactionCounts' rows, and more). */
export interface OfferActivity {
  offerId: string;
  /** Decisions made (times it was offered). */
  decisions: number;
  /** Accounts given at least one decision for it. */
  accounts: number;
  reactions: Array<Omit<ReactionCount, 'offerId'>>;
  /** Accounts that dismissed it as one they already have, sorted: the vendor wants to know. */
  alreadyHave: string[];
}

export interface OfferStore {
  addDecisions(decisions: readonly StoredDecision[]): Promise<void>;
  decision(accountId: string, id: string): Promise<StoredDecision | null>;
  addReaction(reaction: StoredReaction): Promise<void>;
  /** The account's reactions, oldest first. */
  reactions(accountId: string): Promise<StoredReaction[]>;
  /** The vendor's funnel: counts per offer, action and reason, over every account. */
  reactionCounts(days?: DayBounds): Promise<ReactionCount[]>;
  /**
   * Per offer with a decision or a reaction in the days (decisions by when they were made,
   * reactions by when they came), by offer id: what the vendor's performance view counts.
   */
  performance(days?: DayBounds): Promise<OfferActivity[]>;
  /**
   * Every account's reactions except `shown`, oldest first: all that decides whether an offer is
   * in progress or hidden by its customer (shows alone only make it rest).
   */
  answers(): Promise<StoredReaction[]>;
}

// ---------------------------------------------------------------------------------------------
// The journey: what customers did in the value view, per account and user.

/** A journey event as stored: whose it is, and its time as ISO 8601 UTC with milliseconds. */
export type StoredJourneyEvent = JourneyEvent & { accountId: string; userId: string };

export interface JourneyStore {
  /** Keeps the events, all or none. */
  append(accountId: string, userId: string, events: readonly JourneyEvent[]): Promise<void>;
  /** The account's events at or after `since` (only `userId`'s, when given), oldest first. */
  read(accountId: string, options: { since: Date; userId?: string }): Promise<StoredJourneyEvent[]>;
  /** Forgets every event that happened before `before`; answers how many. */
  prune(before: Date): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Hand-offs: a customer's question to their success manager, with the brief, and the replies.

/** A hand-off as stored; `brief` is the brief's JSON text, exactly as it was sent. */
export interface StoredHandoff {
  accountId: string;
  id: string;
  askedBy: string;
  status: HandoffStatus;
  topic: { kind: HandoffTopicKind; ref: string | null; label: string };
  message: string;
  channel: HandoffChannel;
  timing: HandoffTiming | null;
  brief: string;
  createdAt: string;
  updatedAt: string;
}

/** A hand-off without its brief: what lists and queues read. */
export type HandoffRow = Omit<StoredHandoff, 'brief'>;

export interface StoredHandoffReply {
  accountId: string;
  handoffId: string;
  id: string;
  at: string;
  repId: string;
  repName: string;
  message: string;
  /** The plan the rep pushed with the reply, if any. */
  scenario: { id: string; name: string } | null;
}

/** Which hand-offs a rep's queue reads: some accounts (or all), some status. */
export interface HandoffQueueFilter {
  accounts: '*' | readonly string[];
  status?: HandoffStatus | undefined;
}

/**
 * A webhook event a hand-off change owes the vendor, written with the change itself (both or
 * neither) and relayed to the webhook outbox after: a crash between the two loses nothing, and the
 * relay sends it with this id however often it runs.
 */
export interface PendingHandoffEvent {
  accountId: string;
  /** The event's webhook-id. */
  id: string;
  handoffId: string;
  type: 'handoff.created' | 'handoff.updated' | 'handoff.replied';
  /** The event's data, JSON. */
  data: string;
  createdAt: string;
}

export interface HandoffStore {
  /**
   * Adds the hand-off and its `handoff.created` event unless its asker (in its account) already
   * asked `limit.max` times after `limit.since`: false then, and nothing is stored. The count is
   * read from the store, so it holds across restarts and processes.
   */
  create(
    handoff: StoredHandoff,
    limit: { max: number; since: string },
    event: PendingHandoffEvent,
  ): Promise<boolean>;
  /** When the user of the account asked after `since`, oldest first (ISO times). */
  askedSince(accountId: string, userId: string, since: string): Promise<string[]>;
  /** The account's hand-offs, newest first. */
  list(accountId: string): Promise<HandoffRow[]>;
  get(accountId: string, id: string): Promise<StoredHandoff | null>;
  /** Any account's hand-off by its id (reps and signed links; the caller checks scope). */
  find(id: string): Promise<StoredHandoff | null>;
  /** Hand-offs of the accounts (all with "*") in the status, newest first. */
  queue(filter: HandoffQueueFilter): Promise<HandoffRow[]>;
  /** Sets the status and updatedAt, with the event; false when there is no such hand-off. */
  setStatus(
    accountId: string,
    id: string,
    status: HandoffStatus,
    at: string,
    event: PendingHandoffEvent,
  ): Promise<boolean>;
  /** Keeps the reply and its event and marks its hand-off answered (at the reply's time), all or none. */
  addReply(reply: StoredHandoffReply, event: PendingHandoffEvent): Promise<boolean>;
  /** Events not yet relayed to the webhook outbox, oldest first. */
  pendingEvents(limit: number): Promise<PendingHandoffEvent[]>;
  /** The event is in the webhook outbox: it is no longer pending. */
  eventRelayed(accountId: string, id: string): Promise<void>;
  /** Replies to the account's hand-offs (those named, when given), oldest first. */
  replies(accountId: string, handoffIds?: readonly string[]): Promise<StoredHandoffReply[]>;
}

// Webhooks: the vendor's endpoints, and the outbox of deliveries to them (vendor-wide tables).

/** An endpoint the vendor registered. The secret is kept as is: every delivery is signed with it. */
export interface StoredWebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  secret: string;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
  /** The first failed attempt since the last success; null while it is healthy. */
  failingSince: string | null;
}

/**
 * One event for one endpoint, in the outbox. `id` is the `webhook-id`: one per event (shared by
 * its endpoints), kept across retries; `payload` is the body text exactly as it is signed and sent.
 */
export interface StoredDelivery {
  endpointId: string;
  id: string;
  eventType: WebhookEventType;
  payload: string;
  attempts: number;
  /** When it is due; null once delivered or dead. */
  nextAttemptAt: string | null;
  status: DeliveryStatus;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** What an attempt changed: everything about a delivery that is not fixed at enqueue. */
export type DeliveryAttempt = Pick<
  StoredDelivery,
  'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'
>;

export interface WebhookStore {
  addEndpoint(endpoint: StoredWebhookEndpoint): Promise<void>;
  /** Oldest first. */
  endpoints(): Promise<StoredWebhookEndpoint[]>;
  endpoint(id: string): Promise<StoredWebhookEndpoint | null>;
  /** Removes the endpoint and its deliveries; false when there is none. */
  removeEndpoint(id: string): Promise<boolean>;
  setSecret(id: string, secret: string): Promise<boolean>;
  /** Marks it failing since `since` (null: healthy again). */
  setFailingSince(id: string, since: string | null): Promise<void>;
  /** Stops it: no more attempts, and its outstanding deliveries are dead with the reason. */
  disableEndpoint(id: string, at: string, reason: string): Promise<void>;

  /**
   * Adds deliveries to the outbox, all or none; one already there (its endpoint and id) is left
   * as it is, so two processes relaying the same event enqueue it once.
   */
  enqueue(deliveries: readonly StoredDelivery[]): Promise<void>;
  /**
   * Claims pending or failed deliveries of enabled endpoints due by `now`, the most overdue first:
   * each one's next attempt moves to `until`, so no other caller (another service process) claims
   * it meanwhile, and one that stops before recording its attempt leaves it due again then.
   * Returned as claimed (`nextAttemptAt` is `until`).
   */
  claimDue(now: string, limit: number, until: string): Promise<StoredDelivery[]>;
  recordAttempt(endpointId: string, id: string, attempt: DeliveryAttempt): Promise<void>;
  /** The endpoint's deliveries, newest first. */
  deliveries(endpointId: string, limit: number): Promise<StoredDelivery[]>;
  delivery(endpointId: string, id: string): Promise<StoredDelivery | null>;
}

// ---------------------------------------------------------------------------------------------
// Changes other service processes made to a store they share (PostgreSQL).

/**
 * A change another process made that can alter what this one answers: events committed (with the
 * accounts they are for; null for events naming none), value facts rolled in, an account's
 * promises or assumptions, a new model; `all` when changes may have been missed (the feed was
 * down) and everything has to be read again.
 */
export type StoreChange =
  | { kind: 'events'; accounts: ReadonlyArray<string | null> }
  | { kind: 'facts'; accounts: readonly string[] }
  | { kind: 'account'; accountId: string }
  | { kind: 'model' }
  | { kind: 'all' };

export interface StoreChanges {
  /** Calls `listener` with each change other processes make from now on; returns how to stop. */
  subscribe(listener: (change: StoreChange) => void): () => void;
}

/** Everything the service needs from storage, opened and closed as one. */
export interface Storage {
  events: EventStore;
  sources: SourceStore;
  inventory: InventoryStore;
  values: ValueStore;
  scenarios: ScenarioStore;
  offers: OfferStore;
  journey: JourneyStore;
  webhooks: WebhookStore;
  handoffs: HandoffStore;
  /**
   * What other service processes sharing this store change, as they commit it; absent where
   * only one process can open the store (memory, DuckDB).
   */
  changes?: StoreChanges;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
