import type { AccountFact } from './fact-reads.ts';

/**
 * The value facts of recently read accounts, held in memory so that every read of an account after
 * the first is answered in JavaScript rather than by a query (a query costs ~1–15 ms under load;
 * the same answer from ~2,000 facts in memory costs a fraction of one). Bounded by a number of fact
 * rows, least recently read account out first; an account bigger than a quarter of that is never
 * held (its reads stay in SQL).
 *
 * Facts only change through the store's refresh, which names the accounts it changed (`forget`),
 * or all of them (`clear`). A load that began before such a change does not fill the cache.
 */
export class AccountFacts {
  private readonly held = new Map<string, readonly AccountFact[] | typeof TOO_MANY>();
  private readonly loading = new Map<string, Promise<readonly AccountFact[] | null>>();
  private rows = 0;
  private generation = 0;

  /** `budgetRows` 0 holds nothing: every read is a query. */
  constructor(private readonly budgetRows: number) {}

  /** The most facts one account may have and be held. */
  get accountLimit(): number {
    return Math.floor(this.budgetRows / 4);
  }

  /**
   * The account's facts, from memory or from `load` (given the most it may return plus one); null
   * when they are not held here (nothing held, or the account has more than accountLimit).
   */
  async get(
    accountId: string,
    load: (limit: number) => Promise<AccountFact[]>,
  ): Promise<readonly AccountFact[] | null> {
    if (this.accountLimit === 0) return null;
    const hit = this.held.get(accountId);
    if (hit !== undefined) {
      // Most recently read last: the map's order is the eviction order.
      this.held.delete(accountId);
      this.held.set(accountId, hit);
      return hit === TOO_MANY ? null : hit;
    }
    let pending = this.loading.get(accountId);
    if (!pending) {
      const started = this.load(accountId, load).finally(() => {
        if (this.loading.get(accountId) === started) this.loading.delete(accountId);
      });
      pending = started;
      this.loading.set(accountId, started);
    }
    return pending;
  }

  /** Drops what is held of these accounts (their facts changed). */
  forget(accounts: Iterable<string>): void {
    this.generation++;
    for (const accountId of accounts) this.drop(accountId);
    this.loading.clear();
  }

  /** Drops everything (the facts were rebuilt). */
  clear(): void {
    this.generation++;
    this.held.clear();
    this.loading.clear();
    this.rows = 0;
  }

  /** Rows held now (tests and the benchmark). */
  get size(): { accounts: number; rows: number } {
    return { accounts: this.held.size, rows: this.rows };
  }

  private async load(
    accountId: string,
    load: (limit: number) => Promise<AccountFact[]>,
  ): Promise<readonly AccountFact[] | null> {
    const generation = this.generation;
    const facts = await load(this.accountLimit + 1);
    const tooMany = facts.length > this.accountLimit;
    if (generation === this.generation) {
      this.drop(accountId);
      this.held.set(accountId, tooMany ? TOO_MANY : facts);
      if (!tooMany) this.rows += facts.length;
      for (const [oldest, entry] of this.held) {
        if (this.rows <= this.budgetRows) break;
        this.held.delete(oldest);
        if (entry !== TOO_MANY) this.rows -= entry.length;
      }
    }
    return tooMany ? null : facts;
  }

  private drop(accountId: string): void {
    const entry = this.held.get(accountId);
    if (entry === undefined) return;
    this.held.delete(accountId);
    if (entry !== TOO_MANY) this.rows -= entry.length;
  }
}

/** Held in place of the facts of an account with more than accountLimit of them. */
const TOO_MANY = Symbol('too many facts to hold');
