import { randomUUID } from 'node:crypto';
import type { EventStore, IngestBatch, IngestOutcome, StoredEvent } from '../interface.ts';
import { keyOf, type MemoryState, type MemoryTrait } from './state.ts';

/**
 * Events in memory with the same guarantees as the DuckDB store: message ids de-duplicated per
 * source (within the group and against earlier commits), rejects quarantined, traits, memberships
 * and the inventory's property counts kept up to date. A commit applies all of it or, when it
 * throws before the first change, nothing.
 */
export class MemoryEventStore implements EventStore {
  /** Ids reserved ahead of their commit, until committed. */
  private readonly reserved = new Set<string>();
  private appliedSeq = 0;

  constructor(private readonly state: MemoryState) {}

  reserve(batches: IngestBatch[]): IngestOutcome[] {
    return batches.map((batch) => {
      const outcome = { accepted: 0, duplicates: 0 };
      for (const event of batch.events) {
        if (!event.messageIdAssigned) {
          const key = keyOf(batch.sourceId, event.messageId);
          if (this.state.messageIds.has(key) || this.reserved.has(key)) {
            outcome.duplicates++;
            continue;
          }
          this.reserved.add(key);
        }
        outcome.accepted++;
      }
      return outcome;
    });
  }

  async journalApplied(): Promise<number> {
    return this.appliedSeq;
  }

  async commit(
    batches: IngestBatch[],
    options: { journalSeq?: number } = {},
  ): Promise<IngestOutcome[]> {
    const { state } = this;
    const claimed = new Set<string>();
    const outcomes = batches.map((batch) => {
      const outcome = { accepted: 0, duplicates: 0 };
      const fresh: StoredEvent[] = [];
      for (const event of batch.events) {
        const key = keyOf(batch.sourceId, event.messageId);
        if (!event.messageIdAssigned && (claimed.has(key) || state.messageIds.has(key))) {
          outcome.duplicates++;
          continue;
        }
        if (!event.messageIdAssigned) claimed.add(key);
        outcome.accepted++;
        fresh.push(event);
      }
      return { batch, outcome, fresh };
    });
    for (const { batch, outcome, fresh } of outcomes) {
      for (const event of fresh) {
        if (!event.messageIdAssigned) {
          const key = keyOf(batch.sourceId, event.messageId);
          state.messageIds.set(key, batch.receivedAt);
          this.reserved.delete(key);
        }
        state.events.push({ ...event, sourceId: batch.sourceId, seq: state.events.length + 1 });
        this.countProperties(batch.sourceId, event);
      }
      for (const reject of batch.rejects) {
        state.quarantine.push({
          id: randomUUID(),
          sourceId: batch.sourceId,
          receivedAt: batch.receivedAt.toISOString(),
          code: reject.code,
          message: reject.message,
          path: reject.path,
          raw: reject.raw,
        });
      }
      if (outcome.duplicates > 0) {
        const day = keyOf(batch.sourceId, batch.receivedAt.toISOString().slice(0, 10));
        state.duplicates.set(day, (state.duplicates.get(day) ?? 0) + outcome.duplicates);
      }
    }
    // Traits in event-time order across the whole commit, as the DuckDB store replays them.
    const withTraits = outcomes
      .flatMap(({ fresh }) => fresh.filter((event) => event.traits))
      .sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
    for (const event of withTraits) this.rememberTraits(event);
    if (options.journalSeq !== undefined) this.appliedSeq = options.journalSeq;
    state.revision++;
    return outcomes.map(({ outcome }) => outcome);
  }

  async pruneMessageIds(before: Date): Promise<number> {
    let pruned = 0;
    for (const [key, firstSeen] of this.state.messageIds) {
      if (firstSeen < before) {
        this.state.messageIds.delete(key);
        pruned++;
      }
    }
    return pruned;
  }

  /** Property counts are totals already: nothing to fold. */
  async compactRollups(): Promise<void> {}

  private countProperties(sourceId: string, event: StoredEvent): void {
    for (const [key, kind] of event.shape) {
      const id = keyOf(sourceId, event.type, event.name ?? '', key, kind);
      this.state.properties.set(id, (this.state.properties.get(id) ?? 0) + 1);
    }
  }

  private rememberTraits(event: StoredEvent): void {
    const person = event.userId ?? event.anonymousId;
    const target = event.type === 'identify' ? person : event.accountId;
    if (target) {
      const traits = event.type === 'identify' ? this.state.userTraits : this.state.accountTraits;
      for (const [key, value] of Object.entries(event.traits ?? {})) {
        setTrait(traits, keyOf(target, key), JSON.stringify(value ?? null), event.eventTime);
      }
    }
    if (event.type === 'group' && person && event.accountId) {
      const id = keyOf(event.accountId, person);
      const known = this.state.memberships.get(id);
      const at = event.eventTime;
      this.state.memberships.set(id, {
        accountId: event.accountId,
        userId: person,
        firstSeen: known && known.firstSeen < at ? known.firstSeen : at,
        lastSeen: known && known.lastSeen > at ? known.lastSeen : at,
      });
    }
  }
}

/** An older observation never overwrites a newer one; a value changes when it differs. */
function setTrait(traits: Map<string, MemoryTrait>, id: string, value: string, at: Date): void {
  const known = traits.get(id);
  if (!known) {
    traits.set(id, { value, observedAt: at, changedAt: at });
    return;
  }
  if (at < known.observedAt) return;
  traits.set(id, {
    value,
    observedAt: at,
    changedAt: known.value === value ? known.changedAt : at,
  });
}
