import { openDuckDbStorage } from '../telemetry/store/duckdb/index.ts';
import type { TelemetryStorage } from '../telemetry/store/interface.ts';
import { IngestWriter } from '../telemetry/writer.ts';
import { WriteKeyCache } from './auth/write-key.ts';
import type { Config } from './config.ts';
import type { Services } from './context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Rollup deltas grow by a few dozen rows a commit; folding them every few minutes keeps reads quick. */
const COMPACT_EVERY_MS = 5 * 60 * 1000;

export interface RunningServices extends Services {
  /** Stops taking events, commits what is queued, closes the store. */
  shutdown(): Promise<void>;
}

/** Opens storage and starts the writer and its maintenance; the app is built on top of this. */
export async function startServices(
  config: Pick<
    Config,
    'databasePath' | 'maxQueuedEvents' | 'maxGroupEvents' | 'dedupeDays' | 'secretKey'
  >,
  storage?: TelemetryStorage,
): Promise<RunningServices> {
  const store = storage ?? (await openDuckDbStorage(config.databasePath));
  const writer = new IngestWriter(store.events, {
    maxQueuedEvents: config.maxQueuedEvents,
    maxGroupEvents: config.maxGroupEvents,
  });
  const prune = () =>
    writer
      .exclusive(() =>
        store.events.pruneMessageIds(new Date(Date.now() - config.dedupeDays * DAY_MS)),
      )
      .catch((error: unknown) => console.error('pruning old message ids failed:', error));
  const compact = () =>
    writer
      .exclusive(() => store.events.compactRollups())
      .catch((error: unknown) => console.error('compacting rollups failed:', error));
  await prune();
  await compact();
  const timers = [setInterval(prune, PRUNE_EVERY_MS), setInterval(compact, COMPACT_EVERY_MS)];
  for (const timer of timers) timer.unref();
  return {
    storage: store,
    writer,
    writeKeys: new WriteKeyCache(store.sources),
    secretKey: config.secretKey,
    async shutdown() {
      for (const timer of timers) clearInterval(timer);
      await writer.close();
      await store.close();
    },
  };
}
