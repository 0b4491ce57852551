import type {
  HandoffQueueFilter,
  HandoffRow,
  HandoffStore,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from '../interface.ts';

const newestFirst = (a: HandoffRow, b: HandoffRow) =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id);

function rowOf(handoff: StoredHandoff): HandoffRow {
  const { brief: _brief, ...row } = handoff;
  return structuredClone(row);
}

/** Hand-offs and replies in memory; copies go in and out, as a database's rows would. */
export class MemoryHandoffStore implements HandoffStore {
  private readonly handoffs = new Map<string, StoredHandoff>();
  private readonly replyList: StoredHandoffReply[] = [];
  private readonly events = new Map<string, PendingHandoffEvent>();

  async create(
    handoff: StoredHandoff,
    limit: { max: number; since: string },
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    const asked = await this.askedSince(handoff.accountId, handoff.askedBy, limit.since);
    const key = keyOf(handoff.accountId, handoff.id);
    if (asked.length >= limit.max || this.handoffs.has(key)) return false;
    this.handoffs.set(key, structuredClone(handoff));
    this.keep(event);
    return true;
  }

  private keep(event: PendingHandoffEvent): void {
    this.events.set(keyOf(event.accountId, event.id), {
      ...structuredClone(event),
      createdAt: new Date(event.createdAt).toISOString(),
    });
  }

  async pendingEvents(limit: number): Promise<PendingHandoffEvent[]> {
    return [...this.events.values()]
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((event) => structuredClone(event));
  }

  async eventRelayed(accountId: string, id: string): Promise<void> {
    this.events.delete(keyOf(accountId, id));
  }

  async askedSince(accountId: string, userId: string, since: string): Promise<string[]> {
    const after = Date.parse(since);
    return [...this.handoffs.values()]
      .filter(
        (handoff) =>
          handoff.accountId === accountId &&
          handoff.askedBy === userId &&
          Date.parse(handoff.createdAt) > after,
      )
      .map((handoff) => handoff.createdAt)
      .sort((a, b) => Date.parse(a) - Date.parse(b));
  }

  async list(accountId: string): Promise<HandoffRow[]> {
    return [...this.handoffs.values()]
      .filter((handoff) => handoff.accountId === accountId)
      .map(rowOf)
      .sort(newestFirst);
  }

  async get(accountId: string, id: string): Promise<StoredHandoff | null> {
    const found = this.handoffs.get(keyOf(accountId, id));
    return found ? structuredClone(found) : null;
  }

  async find(id: string): Promise<StoredHandoff | null> {
    const found = [...this.handoffs.values()].find((handoff) => handoff.id === id);
    return found ? structuredClone(found) : null;
  }

  async queue(filter: HandoffQueueFilter): Promise<HandoffRow[]> {
    const { accounts, status } = filter;
    return [...this.handoffs.values()]
      .filter((handoff) => accounts === '*' || accounts.includes(handoff.accountId))
      .filter((handoff) => status === undefined || handoff.status === status)
      .map(rowOf)
      .sort(newestFirst);
  }

  async setStatus(
    accountId: string,
    id: string,
    status: StoredHandoff['status'],
    at: string,
    event: PendingHandoffEvent,
  ): Promise<boolean> {
    const found = this.handoffs.get(keyOf(accountId, id));
    if (!found) return false;
    found.status = status;
    found.updatedAt = new Date(at).toISOString();
    this.keep(event);
    return true;
  }

  async addReply(reply: StoredHandoffReply, event: PendingHandoffEvent): Promise<boolean> {
    const found = this.handoffs.get(keyOf(reply.accountId, reply.handoffId));
    if (!found) return false;
    found.status = 'answered';
    found.updatedAt = new Date(reply.at).toISOString();
    this.replyList.push({ ...structuredClone(reply), at: new Date(reply.at).toISOString() });
    this.keep(event);
    return true;
  }

  async replies(accountId: string, handoffIds?: readonly string[]): Promise<StoredHandoffReply[]> {
    return this.replyList
      .filter(
        (reply) =>
          reply.accountId === accountId &&
          (handoffIds === undefined || handoffIds.includes(reply.handoffId)),
      )
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id))
      .map((reply) => structuredClone(reply));
  }
}

const keyOf = (accountId: string, id: string) => JSON.stringify([accountId, id]);
