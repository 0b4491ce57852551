import { z } from 'zod';
import { segmentEventSchema } from './events.ts';

/** Ingest's answers (write key): `/v1/batch` and the single-event routes. */

export const rejectionCodes = [
  'invalid_json',
  'not_an_object',
  'unsupported_type',
  'missing_identity',
  'missing_event_name',
  'missing_group_id',
  'invalid_timestamp',
  'invalid_field',
  'event_too_large',
  'too_deep',
  'inexact_value',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export const ingestAnswerSchema = z
  .object({
    accepted: z.number().int().meta({ description: 'Stored, durably, before this answer.' }),
    duplicates: z.number().int().meta({ description: 'Seen before (same source and messageId).' }),
    rejected: z
      .array(
        z.object({
          index: z.number().int().meta({ description: "The event's position in the batch." }),
          code: z.enum(rejectionCodes),
          message: z.string(),
          path: z.string(),
        }),
      )
      .meta({ description: 'Refused events, each kept in quarantine with the reason.' }),
  })
  .meta({
    id: 'IngestAnswer',
    example: {
      accepted: 99,
      duplicates: 0,
      rejected: [
        {
          index: 4,
          code: 'missing_identity',
          message: 'every event needs a userId or an anonymousId',
          path: 'userId',
        },
      ],
    },
  });
export type IngestAnswer = z.infer<typeof ingestAnswerSchema>;

/** The `/v1/batch` body as documented; it is read event by event, so one bad event sinks nothing. */
export const batchBodySchema = z
  .object({
    batch: z.array(segmentEventSchema).max(2_500),
    sentAt: z.string().optional().meta({ description: 'When the batch was sent (clock skew).' }),
    context: z.record(z.string(), z.unknown()).optional(),
    writeKey: z.string().optional().meta({
      description:
        "The write key, when the request has no Authorization header (Segment's browser library).",
    }),
  })
  .meta({
    id: 'Batch',
    example: {
      batch: [
        {
          type: 'track',
          messageId: 'c1f0a8e2-5b6d-4a1f-9c3e-7d2b8a4f6e10',
          userId: 'u-42',
          groupId: 'acme-corp',
          event: 'Workflow Run Completed',
          properties: { status: 'success', team: 'Finance' },
          timestamp: '2026-12-03T10:15:00.000Z',
        },
      ],
      sentAt: '2026-12-03T10:15:02.000Z',
    },
  });

/** An alias call as Segment's browser library sends it: documented, kept in quarantine. */
export const aliasBodySchema = z
  .object({
    previousId: z.string().optional(),
    userId: z.string().optional(),
    writeKey: z.string().optional(),
  })
  .meta({ id: 'Alias' });
