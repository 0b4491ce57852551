import { z } from 'zod';
import {
  handoffChannels,
  handoffStatuses,
  handoffTimings,
  handoffTopicKinds,
} from '../../blueprint/api/handoffs.ts';
import type {
  HandoffRow,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from './interface.ts';

/**
 * What the SQL hand-off stores (DuckDB, PostgreSQL) share: the values of a hand-off, a reply and
 * an event in their tables' column order, and reading rows back, checked. Rows come with their
 * timestamps as ISO-8601 text (`created_at`, `updated_at`, and a reply's `replied_at`).
 */

type Row = Record<string, unknown>;

export const HANDOFF_COLUMNS = `account_id, id, asked_by, status, topic_kind, topic_ref,
  topic_label, message, channel, timing, brief, created_at, updated_at`;
export const REPLY_COLUMNS = `account_id, handoff_id, id, "at", rep_id, rep_name, message,
  scenario_id, scenario_name`;
export const EVENT_COLUMNS = 'account_id, id, handoff_id, type, data, created_at';

const rowSchema = z.object({
  account_id: z.string(),
  id: z.string(),
  asked_by: z.string(),
  status: z.enum(handoffStatuses),
  topic_kind: z.enum(handoffTopicKinds),
  topic_ref: z.string().nullable(),
  topic_label: z.string(),
  message: z.string(),
  channel: z.enum(handoffChannels),
  timing: z.enum(handoffTimings).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const eventRowSchema = z.object({
  account_id: z.string(),
  id: z.string(),
  handoff_id: z.string(),
  type: z.enum(['handoff.created', 'handoff.updated', 'handoff.replied']),
  data: z.string(),
  created_at: z.string(),
});

/** In HANDOFF_COLUMNS order. */
export function handoffValues(handoff: StoredHandoff) {
  return [
    handoff.accountId,
    handoff.id,
    handoff.askedBy,
    handoff.status,
    handoff.topic.kind,
    handoff.topic.ref,
    handoff.topic.label,
    handoff.message,
    handoff.channel,
    handoff.timing,
    handoff.brief,
    new Date(handoff.createdAt),
    new Date(handoff.updatedAt),
  ];
}

/** In REPLY_COLUMNS order. */
export function replyValues(reply: StoredHandoffReply) {
  return [
    reply.accountId,
    reply.handoffId,
    reply.id,
    new Date(reply.at),
    reply.repId,
    reply.repName,
    reply.message,
    reply.scenario?.id ?? null,
    reply.scenario?.name ?? null,
  ];
}

/** In EVENT_COLUMNS order. */
export function eventValues(event: PendingHandoffEvent) {
  return [
    event.accountId,
    event.id,
    event.handoffId,
    event.type,
    event.data,
    new Date(event.createdAt),
  ];
}

export function handoffRowOf(row: Row): HandoffRow {
  const parsed = rowSchema.parse(row);
  return {
    accountId: parsed.account_id,
    id: parsed.id,
    askedBy: parsed.asked_by,
    status: parsed.status,
    topic: { kind: parsed.topic_kind, ref: parsed.topic_ref, label: parsed.topic_label },
    message: parsed.message,
    channel: parsed.channel,
    timing: parsed.timing,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
  };
}

/** A row with HANDOFF_COLUMNS and the brief as JSON text. */
export function storedHandoffOf(row: Row): StoredHandoff {
  return { ...handoffRowOf(row), brief: String(row.brief) };
}

export function replyOf(row: Row): StoredHandoffReply {
  return {
    accountId: String(row.account_id),
    handoffId: String(row.handoff_id),
    id: String(row.id),
    at: String(row.replied_at),
    repId: String(row.rep_id),
    repName: String(row.rep_name),
    message: String(row.message),
    scenario:
      row.scenario_id === null
        ? null
        : { id: String(row.scenario_id), name: String(row.scenario_name) },
  };
}

export function pendingEventOf(row: Row): PendingHandoffEvent {
  const event = eventRowSchema.parse(row);
  return {
    accountId: event.account_id,
    id: event.id,
    handoffId: event.handoff_id,
    type: event.type,
    data: event.data,
    createdAt: event.created_at,
  };
}
