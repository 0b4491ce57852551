import type { z } from 'zod';
import { eventTypes, type SegmentEvent, segmentEventSchema } from '../../blueprint/api/events.ts';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import type { RejectionCode } from '../storage/interface.ts';
import { inexactValueIn } from './exact-values.ts';

export type Validated =
  | { kind: 'ok'; event: SegmentEvent }
  | { kind: 'quarantine'; code: RejectionCode; message: string; path: string };

/** Checks one raw event against the Segment shape and our limits. Never throws. */
export function validateEvent(raw: unknown): Validated {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return reject('not_an_object', 'an event must be a JSON object', '');
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return reject(
      'unsupported_type',
      `type is ${type === undefined ? 'missing' : 'not a string'}: expected one of ${eventTypes.join(', ')}`,
      'type',
    );
  }
  if (type === 'alias' || !isKnownType(type)) {
    return reject(
      'unsupported_type',
      `type "${type.slice(0, 40)}" is not supported: expected one of ${eventTypes.join(', ')}`,
      'type',
    );
  }
  const parsed = segmentEventSchema.safeParse(raw);
  if (!parsed.success) return fromZodIssue(parsed.error.issues[0]);
  // On the event as sent: the parsed copy has already lost a __proto__ key.
  const inexact = inexactValueIn(raw);
  if (inexact) return reject('inexact_value', inexact.message, inexact.path);
  const event = parsed.data;
  for (const field of ['properties', 'traits', 'context'] as const) {
    const value = (event as Record<string, unknown>)[field];
    if (value != null && depthOf(value) > ingestLimits.maxDepth) {
      return reject(
        'too_deep',
        `${field} is nested more than ${ingestLimits.maxDepth} levels deep`,
        field,
      );
    }
  }
  return { kind: 'ok', event };
}

function isKnownType(type: string): boolean {
  return (eventTypes as readonly string[]).includes(type);
}

function reject(code: RejectionCode, message: string, path: string): Validated {
  return { kind: 'quarantine', code, message, path };
}

function fromZodIssue(issue: z.core.$ZodIssue | undefined): Validated {
  if (!issue) return reject('invalid_field', 'the event is not valid', '');
  const path = issue.path.map(String).join('.');
  const field = String(issue.path[0] ?? '');
  const message = path ? `${path}: ${issue.message}` : issue.message;
  return reject(codeForField(field, issue), message, path);
}

function codeForField(field: string, issue: z.core.$ZodIssue): RejectionCode {
  switch (field) {
    case 'type':
      return 'unsupported_type';
    case 'userId':
    case 'anonymousId':
      return issue.code === 'custom' ? 'missing_identity' : 'invalid_field';
    // A name or account id that is there but too long is invalid, not missing.
    case 'event':
      return issue.code === 'too_big' ? 'invalid_field' : 'missing_event_name';
    case 'groupId':
      return issue.code === 'too_big' ? 'invalid_field' : 'missing_group_id';
    case 'timestamp':
    case 'sentAt':
      return 'invalid_timestamp';
    default:
      return 'invalid_field';
  }
}

/** Nesting depth of a JSON value, iteratively so hostile input cannot overflow the stack. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > ingestLimits.maxDepth) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
