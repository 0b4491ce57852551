/**
 * The shapes of the value API the widget reads: the contract's own types, inferred from the zod
 * schemas in blueprint/api. Imported as types only, so the bundle carries no zod.
 */
export type {
  ApiErrorBody,
  Basis,
  Category,
  Comparison,
  DataStatus,
  DayRange,
  DriverUnit,
  SegmentFilter,
  UnitWords,
} from '../../blueprint/api/common.ts';
export type {
  BriefPart,
  Handoff,
  HandoffBrief,
  HandoffChannel,
  HandoffList,
  HandoffReply,
  HandoffStatus,
  HandoffTiming,
  HandoffTopic,
  HandoffTopicKind,
} from '../../blueprint/api/handoffs.ts';
export type { JourneyDigest } from '../../blueprint/api/journey.ts';
export type { Recommendations } from '../../blueprint/api/recommendations.ts';
export type {
  GoalSeek as GoalSeekAnswer,
  LeversAnswer,
  Projection as ProjectionAnswer,
  SavedScenario,
  SavedScenarios,
} from '../../blueprint/api/scenarios.ts';
export type {
  Fact,
  FactUnit,
  Insight as StoryInsight,
  ValueStory,
} from '../../blueprint/api/story.ts';
export type {
  Assumption,
  Assumptions,
  CutOptions,
  DriverFigure,
  Formula,
  PromiseProgress,
  ValueBreakdown,
  ValueExplanation,
  ValueForecast,
  ValueSeries,
  ValueSummary,
} from '../../blueprint/api/value.ts';

import type { ValueExplanation, ValueSeries } from '../../blueprint/api/value.ts';

export type SeriesPoint = ValueSeries['series'][number]['points'][number];
export type ExplainContribution = ValueExplanation['dimensions'][number]['contributions'][number];
