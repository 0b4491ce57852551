/**
 * The typed facts a story is told from. Detectors produce insights; the narrative renders them
 * through message templates; nothing in a sentence is not one of these facts. The shapes are the
 * story's contract (blueprint/api/story.ts).
 */
import type { Fact } from '../../blueprint/api/story.ts';

export type { Fact, FactUnit, Insight, InsightType } from '../../blueprint/api/story.ts';
export { insightTypes } from '../../blueprint/api/story.ts';

/** Where a fact's number comes from: the driver, period, segment and the query that reproduces it. */
export type FactProvenance = Fact['provenance'];
