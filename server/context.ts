import type { Storage } from '../telemetry/storage/interface.ts';
import type { IngestWriter } from '../telemetry/writer.ts';
import type { EmbedSession } from './auth/embed.ts';
import type { WriteKeyCache } from './auth/write-key.ts';
import type { RephraseHook } from './story/guard.ts';
import type { ValueEngine } from './value/value-engine.ts';

/** What routes reach through Hono's typed context instead of importing globals. */
export interface Services {
  storage: Storage;
  writer: IngestWriter;
  writeKeys: WriteKeyCache;
  secretKey: string | undefined;
  embed: {
    /** Derived from the secret key; absent when the deployment has none, so no token verifies. */
    signingKey: string | undefined;
    ttlMinutes: number;
  };
  /** Origins allowed to call customer-facing routes from a browser. */
  allowedOrigins: string[];
  /** The value engine: model, facts and the figures computed from them. */
  value: ValueEngine;
  /** Serve the demo host page at `/` and `/host/*` (only `serve --demo`). */
  demoHost?: boolean;
  /** Where the built widget is (default: dist/widget/ in the repository); tests point elsewhere. */
  widgetDir?: string;
  /** Where the demo host page's files are (default: examples/host/). */
  demoHostDir?: string;
  /** A deployment's optional story rephrasing (e.g. a language model); off unless given. */
  rephrase?: RephraseHook;
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    /** Set by write-key auth on ingest routes. */
    sourceId: string;
    /** Set by embed-token auth on customer-facing routes: who is asking, for which account. */
    embed: EmbedSession;
  };
}
