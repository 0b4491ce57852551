import type { ValueprintClient } from '../api/client.ts';
import type { JourneyHost } from './journey-recorder.ts';

/**
 * Starts the journey recorder (widget/journey/journey-recorder.ts) for a ready dashboard. The
 * recorder is a chunk of its own that imports nothing from the main bundle, so the main bundle
 * carries only this; events fired before it arrives (a few milliseconds) are not recorded.
 * Returns `stop`, which sends what is left.
 */
export function recordJourney(
  host: JourneyHost,
  client: () => ValueprintClient | undefined,
): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  import('./journey-recorder.ts').then(
    ({ startJourney }) => {
      if (!stopped) stop = startJourney(host, client);
    },
    // Not recording is never the customer's problem.
    () => undefined,
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
