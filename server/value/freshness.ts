import type { IngestBatch, StoreChange } from '../../telemetry/storage/interface.ts';

/**
 * How current each account's value is. A commit makes an account's events "pending" until the next
 * refresh of the value facts has rolled them in; every change that can alter an account's answers
 * (its events committed or rolled in, its promises or assumptions, the model) moves its version on,
 * so an answer cached under an older version is never served again.
 */
export class AccountFreshness {
  /** Moves on for changes that reach every account: a new model, or events without an account. */
  private shared = 0;
  /**
   * Moves on whenever what the store holds may have changed for any account: events committed
   * (their traits with them), a refresh rolled in, a new model. Reads across all accounts (peer
   * cohorts) are kept while it stands.
   */
  private stored = 0;
  private readonly versions = new Map<string, number>();
  /** Accounts (null: events without one) committed since the refresh that is next to run. */
  private pending = new Set<string | null>();
  /** What the refresh under way is rolling in; still pending until it has finished. */
  private refreshing = new Set<string | null>();
  /** Batches acknowledged (by the ingest journal) and not yet in the store, per account. */
  private readonly unapplied = new Map<string | null, number>();

  /** The version reads across every account are computed under (see `stored`). */
  get storeVersion(): number {
    return this.stored;
  }

  /** The version an answer for `accountId` is computed under. */
  versionOf(accountId: string): string {
    return `${this.shared}.${this.versions.get(accountId) ?? 0}`;
  }

  /** True while events of the account have been acknowledged but are not in its value yet. */
  isProcessing(accountId: string): boolean {
    return (
      this.unapplied.has(accountId) || this.pending.has(accountId) || this.refreshing.has(accountId)
    );
  }

  /**
   * A batch with events for these accounts was acknowledged ahead of the store (the ingest
   * journal): processing from now, until the store has it (`applied`) and a refresh rolled it in.
   */
  accepted(accountIds: Iterable<string | null>): void {
    for (const accountId of accountIds) {
      this.unapplied.set(accountId, (this.unapplied.get(accountId) ?? 0) + 1);
      this.touch(accountId);
    }
  }

  /** The store now holds a batch `accepted` announced: it is committed, pending the next refresh. */
  applied(accountIds: Iterable<string | null>): void {
    const ids = [...accountIds];
    this.committed(ids);
    for (const accountId of ids) {
      const left = (this.unapplied.get(accountId) ?? 1) - 1;
      if (left > 0) this.unapplied.set(accountId, left);
      else this.unapplied.delete(accountId);
    }
  }

  /** Events were committed for these accounts (null for events that name none). */
  committed(accountIds: Iterable<string | null>): void {
    this.stored++;
    for (const accountId of accountIds) {
      this.pending.add(accountId);
      this.touch(accountId);
    }
  }

  /** One account's answers changed (promises, assumptions). */
  touch(accountId: string | null): void {
    if (accountId === null) this.shared++;
    else this.versions.set(accountId, (this.versions.get(accountId) ?? 0) + 1);
  }

  /** Every account's answers changed (a new model). */
  touchAll(): void {
    this.shared++;
    this.stored++;
  }

  /**
   * Another service process sharing the store changed it: events it committed (pending here too,
   * until a refresh), facts it rolled in, an account's inputs, or anything (`all`).
   */
  changedElsewhere(change: StoreChange): void {
    switch (change.kind) {
      case 'events':
        this.committed(change.accounts);
        return;
      case 'facts':
        this.stored++;
        for (const accountId of change.accounts) this.touch(accountId);
        return;
      case 'account':
        this.touch(change.accountId);
        return;
      case 'model':
      case 'all':
        this.touchAll();
        return;
    }
  }

  /**
   * Runs a refresh of the facts: what was pending when it started is no longer pending once it
   * succeeds, and those accounts' versions move on, their new facts now in. A failed refresh
   * leaves it pending for the next one. Callers run one at a time (ValueService queues them).
   */
  async rollIn<T>(refresh: () => Promise<T>): Promise<T> {
    this.refreshing = this.pending;
    this.pending = new Set();
    try {
      const result = await refresh();
      // A refresh with nothing to roll in changed nothing.
      if (this.refreshing.size > 0) this.stored++;
      for (const accountId of this.refreshing) this.touch(accountId);
      this.refreshing = new Set();
      return result;
    } catch (error) {
      for (const accountId of this.refreshing) this.pending.add(accountId);
      this.refreshing = new Set();
      throw error;
    }
  }
}

/** Entries kept before the memo starts over. */
const MAX_MEMO_ENTRIES = 5_000;

/**
 * Small reads of one account that many answers share (its activity's first and last day, a trait),
 * kept while the account's version stands: the widget's first load asks summary, series, story
 * and more at once, and each would read them again.
 */
export class AccountMemo {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(private readonly freshness: AccountFreshness) {}

  read<T>(accountId: string, what: string, load: () => Promise<T>): Promise<T> {
    const key = `${accountId}\u0000${what}`;
    const version = this.freshness.versionOf(accountId);
    const known = this.entries.get(key);
    if (known && known.version === version) return known.value as Promise<T>;
    if (this.entries.size >= MAX_MEMO_ENTRIES) this.entries.clear();
    const entry = { version, value: load() as Promise<unknown> };
    // A failed read is not remembered: the next answer tries again.
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.entries.set(key, entry);
    return entry.value as Promise<T>;
  }
}

/**
 * The accounts whose value a batch can change: their own, and (null) any account at all for
 * events naming none, or for a user joining an account, which can move their earlier events.
 */
export function accountsTouched(batch: IngestBatch): Set<string | null> {
  const accounts = new Set<string | null>();
  for (const event of batch.events) {
    accounts.add(event.accountId);
    if (event.type === 'group') accounts.add(null);
  }
  return accounts;
}
