import type { IngestBatch, StoredEvent } from '../../telemetry/storage/interface.ts';
import type { EventsRead } from './read-events.ts';

/**
 * What a reader thread's answer holds on its way to the main thread: the batch's events as one
 * flat list of their fields, FIELDS_PER_EVENT each, times as epoch milliseconds. A structured
 * clone of event objects writes and reads back every key of every event; of one flat list, only
 * the values. Measured on 100-event batches of 8-property events: 0.34 µs an event to write and
 * 0.65 µs to read back and rebuild, against 1.5–1.8 and 2.4 µs for the objects.
 */
export type WireRead =
  | (Omit<Extract<EventsRead, { ok: true }>, 'batch'> & {
      batch: Omit<IngestBatch, 'events'> & { events: WireValue[] };
    })
  | Extract<EventsRead, { ok: false }>;

type WireValue = StoredEvent[keyof StoredEvent] | number;

const FIELDS_PER_EVENT = 16;

export function toWire(read: EventsRead): WireRead {
  if (!read.ok) return read;
  const { events, ...batch } = read.batch;
  const values: WireValue[] = [];
  for (const event of events) {
    values.push(
      event.messageId,
      event.messageIdAssigned,
      event.type,
      event.name,
      event.userId,
      event.anonymousId,
      event.accountId,
      event.properties,
      event.context,
      event.shape,
      event.traits,
      event.timestamp === null ? null : event.timestamp.getTime(),
      event.sentAt === null ? null : event.sentAt.getTime(),
      event.receivedAt.getTime(),
      event.eventTime.getTime(),
      event.clockFlag,
    );
  }
  return { ...read, batch: { ...batch, events: values } };
}

export function fromWire(read: WireRead): EventsRead {
  if (!read.ok) return read;
  const { events: values, ...batch } = read.batch;
  if (values.length % FIELDS_PER_EVENT !== 0) {
    throw new Error(`a reader thread sent ${values.length} event fields, not whole events`);
  }
  const [sent, received] = [new SameDates(), new SameDates()];
  const events: StoredEvent[] = [];
  for (let at = 0; at < values.length; at += FIELDS_PER_EVENT) {
    const field = (offset: number) => values[at + offset];
    events.push({
      messageId: field(0) as string,
      messageIdAssigned: field(1) as boolean,
      type: field(2) as StoredEvent['type'],
      name: field(3) as string | null,
      userId: field(4) as string | null,
      anonymousId: field(5) as string | null,
      accountId: field(6) as string | null,
      properties: field(7) as string,
      context: field(8) as string | null,
      shape: field(9) as StoredEvent['shape'],
      traits: field(10) as StoredEvent['traits'],
      timestamp: dateOrNull(field(11) as number | null),
      sentAt: sent.maybe(field(12) as number | null),
      receivedAt: received.of(field(13) as number),
      eventTime: new Date(field(14) as number),
      clockFlag: field(15) as StoredEvent['clockFlag'],
    });
  }
  return { ...read, batch: { ...batch, events } };
}

function dateOrNull(time: number | null): Date | null {
  return time === null ? null : new Date(time);
}

/**
 * Dates for a time a batch's events mostly share (sent, received): one Date while the time stays
 * the same, as the reader made them. Nothing changes a stored event's dates.
 */
class SameDates {
  private last: Date | undefined;

  of(time: number): Date {
    if (this.last?.getTime() !== time) this.last = new Date(time);
    return this.last;
  }

  maybe(time: number | null): Date | null {
    return time === null ? null : this.of(time);
  }
}
