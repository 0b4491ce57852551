import type { JourneyEvent } from '../../../blueprint/api/journey.ts';
import type { JourneyStore, StoredJourneyEvent } from '../interface.ts';

/** The customers' journeys in memory; copies go in and out, times as ISO UTC like DuckDB's. */
export class MemoryJourneyStore implements JourneyStore {
  private events: StoredJourneyEvent[] = [];

  async append(accountId: string, userId: string, events: readonly JourneyEvent[]): Promise<void> {
    for (const event of events) {
      this.events.push({
        ...structuredClone(event),
        at: new Date(event.at).toISOString(),
        accountId,
        userId,
      });
    }
  }

  async read(
    accountId: string,
    options: { since: Date; userId?: string },
  ): Promise<StoredJourneyEvent[]> {
    const since = options.since.getTime();
    return this.events
      .filter(
        (event) =>
          event.accountId === accountId &&
          Date.parse(event.at) >= since &&
          (options.userId === undefined || event.userId === options.userId),
      )
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map((event) => structuredClone(event));
  }

  async prune(before: Date): Promise<number> {
    const kept = this.events.filter((event) => Date.parse(event.at) >= before.getTime());
    const pruned = this.events.length - kept.length;
    this.events = kept;
    return pruned;
  }
}
