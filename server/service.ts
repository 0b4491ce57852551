import { openIngestJournal } from '../telemetry/journal/open-journal.ts';
import type { IngestBatch, Storage } from '../telemetry/storage/interface.ts';
import { openStorage } from '../telemetry/storage/open.ts';
import { IngestWriter } from '../telemetry/writer.ts';
import { embedSigningKey } from './auth/embed.ts';
import { WriteKeyRateLimiter } from './auth/rate-limit.ts';
import { repSigningKey } from './auth/rep.ts';
import { WriteKeyCache } from './auth/write-key.ts';
import {
  type Config,
  DEFAULT_JOURNEY_RETENTION_DAYS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_REP_TTL_MINUTES,
} from './config.ts';
import type { Services } from './context.ts';
import { briefLinkKey } from './handoffs/brief-link.ts';
import { HandoffService } from './handoffs/handoff-service.ts';
import { defaultReaderThreads, sharedEventReaders } from './ingest/event-readers.ts';
import { readJournaledRequest } from './ingest/read-events.ts';
import { JourneyService } from './journey/journey-service.ts';
import { OfferPerformanceService } from './offers/offer-performance.ts';
import { RecommendationService } from './offers/recommendation-service.ts';
import { ScenarioService } from './scenarios/scenario-service.ts';
import type { RephraseHook } from './story/guard.ts';
import { StoryService } from './story/story-service.ts';
import { AnswerCache } from './value/answer-cache.ts';
import { accountsTouched } from './value/freshness.ts';
import { ValueService } from './value/value-service.ts';
import { type DispatcherOptions, WebhookDispatcher } from './webhooks/dispatcher.ts';
import { WebhookEndpoints } from './webhooks/endpoints.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Hand-off events still pending (an outbox that failed) are tried again this often. */
const HANDOFF_RELAY_EVERY_MS = 60 * 1000;
/** Rollup deltas grow by a few dozen rows a commit; folding them every few minutes keeps reads quick. */
const COMPACT_EVERY_MS = 5 * 60 * 1000;
/** Value facts follow committed events at least this often… */
const VALUE_REFRESH_MS = 1_000;
/**
 * …and this soon after a commit (later commits join the same refresh), so an acknowledged event
 * shows in value well within a second.
 */
const VALUE_REFRESH_AFTER_COMMIT_MS = 150;

export interface RunningServices extends Services {
  /** Stops taking events, commits what is queued, closes the store. */
  shutdown(): Promise<void>;
}

/**
 * Opens storage and starts the writer and its maintenance; the app is built on top of this.
 * Embed, rep and CORS settings may be left out (15-minute embed tokens, 60-minute rep tokens, no
 * browser origins).
 */
export async function startServices(
  config: Pick<
    Config,
    'databasePath' | 'maxQueuedEvents' | 'maxGroupEvents' | 'dedupeDays' | 'secretKey'
  > &
    Partial<
      Pick<
        Config,
        | 'embedTtlMinutes'
        | 'repTtlMinutes'
        | 'allowedOrigins'
        | 'demoHost'
        | 'rateLimit'
        | 'factCacheRows'
        | 'ingestThreads'
        | 'ingestJournal'
        | 'journeyRetentionDays'
        | 'allowLocalWebhooks'
        | 'publicUrl'
      >
    >,
  storage?: Storage,
  options: {
    rephrase?: RephraseHook;
    /** The webhook worker's clock, fetch and resolver (tests); real ones when left out. */
    webhooks?: Omit<DispatcherOptions, 'allowLocal'>;
    /** The hand-offs' clock (tests): the hourly limit and brief links count from it. */
    handoffs?: { now?: () => number };
  } = {},
): Promise<RunningServices> {
  const store =
    storage ??
    (await openStorage({
      location: config.databasePath,
      ...(config.factCacheRows === undefined ? {} : { factCacheRows: config.factCacheRows }),
    }));
  const { values } = store;
  const eventReaders = sharedEventReaders(config.ingestThreads ?? defaultReaderThreads());
  eventReaders.warm();
  // Every refresh first waits for the store to hold what ingest has acknowledged (the journal
  // answers ahead of it), so a refresh asked for after an answer includes its events.
  const value = new ValueService(values, () => writer.caughtUp());
  const refresh = () =>
    value
      .refresh()
      .catch((error: unknown) => console.error('refreshing value facts failed:', error));
  let soon: NodeJS.Timeout | undefined;
  let closing = false;
  /** Value facts follow soon after events reach the store (later commits join the same refresh). */
  const refreshSoon = () => {
    if (soon || closing) return;
    soon = setTimeout(() => {
      soon = undefined;
      void refresh();
    }, VALUE_REFRESH_AFTER_COMMIT_MS);
    soon.unref();
  };
  const opened = await openIngestJournal(
    config.databasePath,
    store.events,
    config.maxGroupEvents,
    readJournaledRequest,
    config.ingestJournal !== false,
  ).catch(async (error: unknown) => {
    // Storage this call opened is closed again, so the file is not left locked.
    if (!storage) await store.close();
    throw error;
  });
  if (opened && opened.replayedRecords > 0)
    console.log(
      `applied ${opened.replayedRecords} ingest journal record(s) acknowledged before the last stop`,
    );
  // The accounts a batch touches, found once: when it is accepted, kept until it is applied.
  const touched = new WeakMap<IngestBatch, Set<string | null>>();
  const writer = new IngestWriter(store.events, {
    maxQueuedEvents: config.maxQueuedEvents,
    maxGroupEvents: config.maxGroupEvents,
    ...(opened?.journal ? { journal: opened.journal } : {}),
    ...(store.events.concurrentCommits
      ? {
          concurrentCommits: store.events.concurrentCommits,
          concurrentCommitMinEvents: store.events.concurrentCommitMinEvents ?? 0,
        }
      : {}),
    accepted: (batches) => {
      for (const batch of batches) {
        const accounts = accountsTouched(batch);
        touched.set(batch, accounts);
        value.freshness.accepted(accounts);
      }
    },
    applied: (batches) => {
      for (const batch of batches)
        value.freshness.applied(touched.get(batch) ?? accountsTouched(batch));
      refreshSoon();
    },
    log: (message, error) => console.error(`${message}:`, error),
  });
  // Other processes sharing the store: what they commit is pending here too, until a refresh
  // (theirs or this one's) rolls it in; what they change moves this process's answers on.
  const stopHearing = store.changes?.subscribe((change) => {
    value.freshness.changedElsewhere(change);
    if (change.kind === 'events' || change.kind === 'all') refreshSoon();
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
  // Not at startup: a re-sort of a big table would hold the first refresh back.
  const compactFacts = () =>
    values
      .compact()
      .catch((error: unknown) => console.error('compacting value facts failed:', error));
  const journey = new JourneyService(
    store,
    config.journeyRetentionDays ?? DEFAULT_JOURNEY_RETENTION_DAYS,
  );
  const pruneJourney = () =>
    journey
      .prune()
      .catch((error: unknown) => console.error('pruning old journey events failed:', error));
  await prune();
  await pruneJourney();
  await compact();
  await refresh();
  const timers = [
    setInterval(prune, PRUNE_EVERY_MS),
    setInterval(pruneJourney, PRUNE_EVERY_MS),
    setInterval(compact, COMPACT_EVERY_MS),
    setInterval(compactFacts, COMPACT_EVERY_MS),
    setInterval(refresh, VALUE_REFRESH_MS),
  ];
  for (const timer of timers) timer.unref();
  const allowLocal = config.allowLocalWebhooks ?? false;
  const webhooks = new WebhookDispatcher(store.webhooks, { ...options.webhooks, allowLocal });
  webhooks.start();
  const recommendations = new RecommendationService(value, store, undefined, webhooks);
  const story = new StoryService(value, { rephrase: options.rephrase, offers: recommendations });
  const scenarios = new ScenarioService(value, store.scenarios);
  const handoffs = new HandoffService(
    { value, story, journey, scenarios, recommendations, offers: store.offers },
    store.handoffs,
    webhooks,
    {
      linkKey: config.secretKey ? briefLinkKey(config.secretKey) : undefined,
      publicUrl: config.publicUrl,
      ...(options.handoffs?.now ? { now: options.handoffs.now } : {}),
    },
  );
  // Hand-off events a crash left between their change and the webhook outbox go out now, and any
  // that a failing outbox kept back go out on the next pass.
  const relayHandoffEvents = () =>
    handoffs
      .relay()
      .catch((error: unknown) => console.error('relaying hand-off events failed:', error));
  await relayHandoffEvents();
  const relayTimer = setInterval(relayHandoffEvents, HANDOFF_RELAY_EVERY_MS);
  relayTimer.unref();
  timers.push(relayTimer);
  return {
    storage: store,
    writer,
    writeKeys: new WriteKeyCache(store.sources),
    eventReaders,
    rateLimiter: new WriteKeyRateLimiter(config.rateLimit ?? DEFAULT_RATE_LIMIT),
    secretKey: config.secretKey,
    embed: {
      signingKey: config.secretKey ? embedSigningKey(config.secretKey) : undefined,
      ttlMinutes: config.embedTtlMinutes ?? 15,
    },
    rep: {
      signingKey: config.secretKey ? repSigningKey(config.secretKey) : undefined,
      ttlMinutes: config.repTtlMinutes ?? DEFAULT_REP_TTL_MINUTES,
    },
    allowedOrigins: config.allowedOrigins ?? [],
    demoHost: config.demoHost ?? false,
    value,
    story,
    scenarios,
    recommendations,
    offerPerformance: new OfferPerformanceService(value, store),
    journey,
    webhookEndpoints: new WebhookEndpoints(store.webhooks, {
      allowLocal,
      ...(options.webhooks?.now ? { now: options.webhooks.now } : {}),
      ...(options.webhooks?.resolve ? { resolve: options.webhooks.resolve } : {}),
    }),
    webhooks,
    handoffs,
    answers: new AnswerCache(),
    async shutdown() {
      stopHearing?.();
      for (const timer of timers) clearInterval(timer);
      clearTimeout(soon);
      closing = true;
      await webhooks.stop();
      await writer.close();
      await value.refresh().catch(() => undefined);
      await store.close();
    },
  };
}
