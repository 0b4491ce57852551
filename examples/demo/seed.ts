import { ingestLimits } from '../../blueprint/api/limits.ts';
import { chunked, type ImportSummary, ingestChunks } from '../../telemetry/import/ingest-chunks.ts';
import type { Storage } from '../../telemetry/storage/interface.ts';
import { IngestWriter } from '../../telemetry/writer.ts';
import { type DemoOptions, demoEvents, peerEvents } from './telemetry.ts';

/** The featured accounts' events, then their peers'. */
function* everyDemoEvent(options: DemoOptions): Generator<Record<string, unknown>> {
  yield* demoEvents(options);
  yield* peerEvents(options);
}

/**
 * Writes the demo telemetry (the featured accounts and their peers) into a source through the normal ingest path (validation, clock
 * handling, de-duplication), so the demo exercises exactly what real senders do.
 */
export async function seedDemoTelemetry(
  storage: Storage,
  sourceId: string,
  options: DemoOptions = {},
): Promise<ImportSummary> {
  const writer = new IngestWriter(storage.events, {
    maxQueuedEvents: 50_000,
    maxGroupEvents: 10_000,
  });
  try {
    return await ingestChunks(
      writer,
      chunked(everyDemoEvent(options), ingestLimits.maxBatchEvents),
      {
        source: async () => sourceId,
      },
    );
  } finally {
    await writer.close();
  }
}
