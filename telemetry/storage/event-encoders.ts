import type { EncodedEvents, EventStore, StoredEvent } from './interface.ts';
import { encodeEvents as forPostgres } from './postgres/event-rows.ts';

/** The name of an engine's encoder (EventStore.encodesEvents). */
export type EventEncoder = NonNullable<EventStore['encodesEvents']>;

const encoders: Record<
  EventEncoder,
  (sourceId: string, events: readonly StoredEvent[]) => EncodedEvents
> = {
  postgres: forPostgres,
};

/**
 * A batch's events encoded as the store that asked (`encoder`) writes them: the part of its
 * commit that needs nothing but the events, run where the batch is read (a reader thread), so the
 * service reaches it without knowing the engine.
 */
export function encodeEventsFor(
  encoder: EventEncoder,
  sourceId: string,
  events: readonly StoredEvent[],
): EncodedEvents {
  return encoders[encoder](sourceId, events);
}
