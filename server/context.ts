import type { TelemetryStorage } from '../telemetry/store/interface.ts';
import type { IngestWriter } from '../telemetry/writer.ts';
import type { WriteKeyCache } from './auth/write-key.ts';

/** What routes reach through Hono's typed context instead of importing globals. */
export interface Services {
  storage: TelemetryStorage;
  writer: IngestWriter;
  writeKeys: WriteKeyCache;
  secretKey: string | undefined;
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    /** Set by write-key auth on ingest routes. */
    sourceId: string;
  };
}
