/**
 * Per-account answers from tables only this store writes, so a write here is the only way they go
 * stale: it drops the account's entry and bumps the generation, and a read that began before a
 * write does not fill the cache. Cleared when it holds `limit` accounts, to stay bounded.
 */
export class AccountCache<T> {
  private readonly entries = new Map<string, T>();
  private generation = 0;

  constructor(private readonly limit = 10_000) {}

  async get(accountId: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(accountId);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(accountId, value);
    }
    return value;
  }

  invalidate(accountId: string): void {
    this.generation++;
    this.entries.delete(accountId);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
