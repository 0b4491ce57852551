/** The ingest contract's limits. They match Segment's so existing tracking code fits unchanged. */
export const ingestLimits = {
  /** Serialized size of one event. */
  maxEventBytes: 32 * 1024,
  /** Size of one HTTP request body. */
  maxRequestBytes: 500 * 1024,
  /** Events in one batch. */
  maxBatchEvents: 2_500,
  /** Nesting depth of properties, traits and context; deeper payloads are almost always a bug. */
  maxDepth: 32,
  /** Length of ids (messageId, userId, anonymousId, groupId) and event names. */
  maxIdLength: 256,
  /** An event time this far past the receive time is not trusted. */
  maxFutureSkewMs: 24 * 60 * 60 * 1000,
} as const;
