import {
  dateUnit,
  dayMs,
  fact,
  isEstimated,
  percentUnit,
  provenance,
  scoreOf,
  summaryQuery,
  TOTAL,
  totalEstimated,
  unitOf,
} from './facts.ts';
import type { Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/** Being 25% off the linear pace (either way) is as significant as a pace gets. */
export const FULL_PACE_GAP = 0.25;
/** Even exactly on pace, the status of a promise is worth telling: half significance at least. */
export const MIN_PROMISE_SIGNIFICANCE = 0.5;
/** A promise is what the account bought: its status matters in full, whatever its size in money. */
export const PROMISE_IMPACT = 1;

/** On pace, ahead or behind each promise (or met/missed once it ended), with the projected end. */
export function detectPaceToPromise(input: StoryInput): Insight[] {
  const insights: Insight[] = [];
  for (const [index, promise] of (input.promises ?? []).entries()) {
    if (promise.status === 'not_started' || !(promise.target > 0)) continue;
    const driverId = promise.driver ?? TOTAL;
    const driver = input.drivers.find((candidate) => candidate.id === promise.driver);
    const estimated = promise.driver ? isEstimated(driver) : totalEstimated(input);
    const span = {
      from: promise.from,
      // ISO days compare as strings: the span ends at the period's end or the promise's.
      to: [input.period.to, promise.to].sort()[0] as string,
    };
    const source = provenance(driverId, span, summaryQuery(input.period));
    const unit = unitOf(promise.unit, input.currency);
    const ended = promise.status === 'ended_met' || promise.status === 'ended_missed';
    const pace = promise.expectedByNow > 0 ? promise.realized / promise.expectedByNow : 1;
    const gap = ended ? Math.abs(promise.share - 1) : Math.abs(pace - 1);
    const significance = Math.max(MIN_PROMISE_SIGNIFICANCE, Math.min(1, gap / FULL_PACE_GAP));
    const facts = [
      fact('realized', 'Delivered so far', promise.realized, unit, estimated, source),
      fact('target', 'Promised', promise.target, unit, false, source),
      fact('endDate', 'The promise ends', dayMs(promise.to), dateUnit, false, source),
      fact(
        'share',
        'Share of the promise delivered',
        promise.share,
        percentUnit,
        estimated,
        source,
      ),
    ];
    if (!ended) {
      facts.push(
        fact(
          'expected',
          'Expected by now at a steady pace',
          promise.expectedByNow,
          unit,
          false,
          source,
        ),
      );
    }
    if (!ended && promise.projected !== null) {
      facts.push(
        fact(
          'projected',
          'Projected by the end of the promise',
          promise.projected,
          unit,
          estimated,
          source,
        ),
      );
    }
    insights.push({
      id: `pace_to_promise:${driverId}:${index}`,
      type: 'pace_to_promise',
      score: scoreOf(significance, PROMISE_IMPACT),
      drivers: [driverId],
      params: {
        status: promise.status,
        ...(promise.label ? { promise: promise.label } : {}),
        ...(driver ? { driver: driver.label } : {}),
      },
      facts,
    });
  }
  return insights;
}
