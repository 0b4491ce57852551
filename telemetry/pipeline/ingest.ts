import { timestampSchema } from '../../blueprint/api/events.ts';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import type { IngestBatch, QuarantinedEvent, StoredEvent } from '../storage/interface.ts';
import { normalizeEvent, type Shapes } from './normalize.ts';
import { depthOf, validateEvent } from './validate.ts';

/** A line of an import file that is not JSON; it is quarantined as `invalid_json`, not lost. */
export class UnparsedLine {
  constructor(
    readonly text: string,
    readonly reason: string,
  ) {}
}

export interface PrepareOptions {
  sourceId: string;
  receivedAt: Date;
  /** Batch-level fields that apply to each event lacking its own (Segment's batch envelope). */
  defaults?: { sentAt?: unknown; context?: unknown };
  /** History being imported rather than events just sent: see `normalizeEvent`. */
  replay?: boolean;
}

/**
 * Runs raw events through validate → clock skew → normalize. Every input ends up either in
 * `events` or in `rejects` (with its index), so nothing is silently dropped.
 */
export function prepareBatch(raws: readonly unknown[], options: PrepareOptions): IngestBatch {
  const events: StoredEvent[] = [];
  const rejects: QuarantinedEvent[] = [];
  const shared = sharedDefaults(options.defaults);
  const shapes: Shapes = new Map();
  raws.forEach((raw, index) => {
    if (raw instanceof UnparsedLine) {
      rejects.push({ index, code: 'invalid_json', message: raw.reason, path: '', raw: raw.text });
      return;
    }
    const validated = validateEvent(shared ? raw : applyDefaults(raw, options.defaults));
    if (validated.kind === 'quarantine') {
      rejects.push({ index, ...validated, raw: safeStringify(raw) });
      return;
    }
    if (shared?.sentAt && validated.event.sentAt === undefined)
      validated.event.sentAt = shared.sentAt;
    if (shared?.context && validated.event.context === undefined) {
      validated.event.context = shared.context;
    }
    const event = normalizeEvent(validated.event, options.receivedAt, {
      replay: options.replay,
      shapes,
    });
    const bytes = eventBytes(event);
    if (bytes > ingestLimits.maxEventBytes) {
      rejects.push({
        index,
        code: 'event_too_large',
        message: `the event is ${Math.ceil(bytes / 1024)} KB; the limit is ${ingestLimits.maxEventBytes / 1024} KB`,
        path: '',
        raw: safeStringify(raw),
      });
      return;
    }
    events.push(event);
  });
  return { sourceId: options.sourceId, receivedAt: options.receivedAt, events, rejects };
}

/** Serialized size of what is stored for the event; the JSON parts dominate it. */
function eventBytes(event: StoredEvent): number {
  let bytes =
    Buffer.byteLength(event.properties) + (event.context ? Buffer.byteLength(event.context) : 0);
  for (const text of [
    event.messageId,
    event.name,
    event.userId,
    event.anonymousId,
    event.accountId,
  ]) {
    if (text) bytes += text.length;
  }
  return bytes;
}

/**
 * The envelope's defaults, checked once for the whole batch rather than copied into every event.
 * Null when one of them is invalid: then they are applied per event, so each event is rejected
 * with the reason, as if it had carried the bad value itself.
 */
function sharedDefaults(
  defaults: PrepareOptions['defaults'],
): { sentAt?: Date; context?: Record<string, unknown> } | null {
  const shared: { sentAt?: Date; context?: Record<string, unknown> } = {};
  if (defaults?.sentAt != null) {
    const sentAt = timestampSchema.safeParse(defaults.sentAt);
    if (!sentAt.success) return null;
    shared.sentAt = sentAt.data;
  }
  const context = defaults?.context;
  if (context != null) {
    if (typeof context !== 'object' || Array.isArray(context)) return null;
    if (depthOf(context) > ingestLimits.maxDepth) return null;
    shared.context = context as Record<string, unknown>;
  }
  return shared;
}

function applyDefaults(raw: unknown, defaults: PrepareOptions['defaults']): unknown {
  if (!defaults || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const event = raw as Record<string, unknown>;
  const needsSentAt = defaults.sentAt !== undefined && event.sentAt === undefined;
  const needsContext = defaults.context !== undefined && event.context === undefined;
  if (!needsSentAt && !needsContext) return raw;
  return {
    ...event,
    ...(needsSentAt ? { sentAt: defaults.sentAt } : {}),
    ...(needsContext ? { context: defaults.context } : {}),
  };
}

function safeStringify(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    try {
      return stringifyDeep(raw);
    } catch {
      return String(raw);
    }
  }
}

type Work = { value: unknown } | { text: string };

/**
 * JSON.stringify without recursion. A too-deep payload (a few thousand levels fit in 32 KB) would
 * overflow JSON.stringify's stack, and quarantine must still keep it whole.
 */
function stringifyDeep(raw: unknown): string {
  const out: string[] = [];
  const work: Work[] = [{ value: raw }];
  while (work.length > 0) {
    const item = work.pop() as Work;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const value = toJsonValue(item.value);
    if (Array.isArray(value)) {
      out.push('[');
      work.push({ text: ']' });
      for (let index = value.length - 1; index >= 0; index--) {
        const element = toJsonValue(value[index]);
        work.push({ value: element === undefined ? null : element });
        if (index > 0) work.push({ text: ',' });
      }
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).filter(([, v]) => toJsonValue(v) !== undefined);
      out.push('{');
      work.push({ text: '}' });
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, member] = entries[index] as [string, unknown];
        work.push({ value: member });
        work.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` });
      }
    } else {
      out.push(JSON.stringify(value) ?? 'null');
    }
  }
  return out.join('');
}

/** What JSON.stringify would write for a value: its toJSON(), and nothing for functions. */
function toJsonValue(value: unknown): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(value) : value;
}
