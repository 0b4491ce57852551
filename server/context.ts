import type { Storage } from '../telemetry/storage/interface.ts';
import type { IngestWriter } from '../telemetry/writer.ts';
import type { EmbedSession } from './auth/embed.ts';
import type { WriteKeyRateLimiter } from './auth/rate-limit.ts';
import type { RepSession } from './auth/rep.ts';
import type { WriteKeyCache } from './auth/write-key.ts';
import type { HandoffService } from './handoffs/handoff-service.ts';
import type { EventReaders } from './ingest/event-readers.ts';
import type { JourneyService } from './journey/journey-service.ts';
import type { OfferPerformanceService } from './offers/offer-performance.ts';
import type { RecommendationService } from './offers/recommendation-service.ts';
import type { ScenarioService } from './scenarios/scenario-service.ts';
import type { StoryService } from './story/story-service.ts';
import type { AnswerCache } from './value/answer-cache.ts';
import type { ValueService } from './value/value-service.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';
import type { WebhookEndpoints } from './webhooks/endpoints.ts';

/** What routes reach through Hono's typed context instead of importing globals. */
export interface Services {
  storage: Storage;
  writer: IngestWriter;
  writeKeys: WriteKeyCache;
  /** Threads that decode, parse and validate ingest requests. */
  eventReaders: EventReaders;
  /** Events per second per write key. */
  rateLimiter: WriteKeyRateLimiter;
  secretKey: string | undefined;
  embed: {
    /** Derived from the secret key; absent when the deployment has none, so no token verifies. */
    signingKey: string | undefined;
    ttlMinutes: number;
  };
  rep: {
    /** Derived from the secret key under its own label; absent without one, so no token verifies. */
    signingKey: string | undefined;
    ttlMinutes: number;
  };
  /** Origins allowed to call customer-facing routes from a browser. */
  allowedOrigins: string[];
  /** Value: the model, promises, assumptions and every figure computed from the facts. */
  value: ValueService;
  /** The value story, told from the value service's figures. */
  story: StoryService;
  scenarios: ScenarioService;
  /** Next-best value: offers valued among peers, and what customers did with them. */
  recommendations: RecommendationService;
  /** Which offers work, for the vendor: reactions and realized value per offer, every account. */
  offerPerformance: OfferPerformanceService;
  /** The customer's journey: recorded, kept for the retention, told as a digest. */
  journey: JourneyService;
  /** The vendor's webhook endpoints and their delivery log. */
  webhookEndpoints: WebhookEndpoints;
  /** The outbox: events enqueued here reach the endpoints signed, retried until they answer. */
  webhooks: WebhookDispatcher;
  /** Hand-offs to success managers: briefs, the rep queue, replies. */
  handoffs: HandoffService;
  /** Finished value answers, served again while the account's data is unchanged. */
  answers: AnswerCache;
  /** Serve the demo host page at `/` and `/host/*` (only `serve --demo`). */
  demoHost?: boolean;
  /** Where the built widget is (default: dist/widget/ in the repository); tests point elsewhere. */
  widgetDir?: string;
  /** Where the built rep console is (default: dist/rep/ in the repository); tests point elsewhere. */
  repConsoleDir?: string;
  /** Where the demo host page's files are (default: examples/host/). */
  demoHostDir?: string;
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    /** Set by write-key auth on ingest routes. */
    sourceId: string;
    /** The write key's hash, set with `sourceId`: rate limits count per key. */
    writeKeyHash: string;
    /**
     * Set instead of `sourceId` when an ingest request has no Authorization header: the key is in
     * the body (`writeKey`), as Segment's browser library sends it, and is checked once it is read.
     */
    writeKeyInBody: boolean;
    /** Set by embed-token auth on customer-facing routes: who is asking, for which account. */
    embed: EmbedSession;
    /** Set by rep-token auth on rep routes: the rep and the accounts they serve. */
    rep: RepSession;
  };
}
