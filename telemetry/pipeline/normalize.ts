import { randomUUID } from 'node:crypto';
import type { SegmentEvent } from '../../blueprint/api/events.ts';
import type { JsonKind, StoredEvent } from '../storage/interface.ts';
import { correctClockSkew } from './clock-skew.ts';

/**
 * Turns a validated event into the row the store keeps. `replay` marks history being imported: the
 * event arrives long after it was sent, so its own timestamp is its time (Segment's skew correction
 * assumes the event was sent just now); `sentAt` is still kept.
 */
export function normalizeEvent(
  event: SegmentEvent,
  receivedAt: Date,
  options: { replay?: boolean; shapes?: Shapes } = {},
): StoredEvent {
  const payload = payloadOf(event);
  // The device's time: Segment's clients call it timestamp, RudderStack's originalTimestamp.
  const timestamp = event.timestamp ?? event.originalTimestamp ?? null;
  const { eventTime, clockFlag } = correctClockSkew(
    timestamp,
    options.replay ? null : (event.sentAt ?? null),
    receivedAt,
  );
  const contextGroup = event.context?.groupId;
  const accountId =
    event.groupId ??
    (typeof contextGroup === 'string' && contextGroup !== '' ? contextGroup : null);
  return {
    messageId: event.messageId ?? `vp-${randomUUID()}`,
    messageIdAssigned: event.messageId === undefined,
    type: event.type,
    name: nameOf(event),
    userId: event.userId ?? null,
    anonymousId: event.anonymousId ?? null,
    accountId,
    properties: JSON.stringify(payload),
    context: event.context ? JSON.stringify(event.context) : null,
    shape: shapeOf(payload, options.shapes),
    traits: event.type === 'identify' || event.type === 'group' ? payload : null,
    timestamp,
    sentAt: event.sentAt ?? null,
    receivedAt,
    eventTime,
    clockFlag,
  };
}

function payloadOf(event: SegmentEvent): Record<string, unknown> {
  switch (event.type) {
    case 'identify':
    case 'group':
      return event.traits ?? {};
    default:
      return event.properties ?? {};
  }
}

function nameOf(event: SegmentEvent): string | null {
  switch (event.type) {
    case 'track':
      return event.event;
    case 'page':
    case 'screen':
      return event.name ?? null;
    default:
      return null;
  }
}

/**
 * Shapes already made for one batch, by their keys and kinds: the events that share a shape (most
 * events of one name) share one array, which is cloned once when a batch crosses to another
 * thread rather than once per event. A shape is never changed once made.
 */
export type Shapes = Map<string, StoredEvent['shape']>;

function shapeOf(
  payload: Record<string, unknown>,
  shapes: Shapes | undefined,
): StoredEvent['shape'] {
  const shape: Array<[string, JsonKind]> = [];
  // Each key with its length, so no key can run into the next one.
  let signature = '';
  for (const key in payload) {
    if (!Object.hasOwn(payload, key)) continue;
    const kind = kindOf(payload[key]);
    shape.push([key, kind]);
    if (shapes) signature += `${kind}${key.length}:${key}`;
  }
  if (!shapes) return shape;
  const known = shapes.get(signature);
  if (known) return known;
  shapes.set(signature, shape);
  return shape;
}

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  if (kind === 'string' || kind === 'number' || kind === 'boolean') return kind;
  return 'object';
}
