/**
 * Valueprint's embeddable value dashboard. Importing this module defines every `vp-*` element
 * (once, however often it is loaded) and exports their classes and the API client.
 */
export { ValueprintClient, ValueprintError } from './api/client.ts';
export type * from './api/types.ts';
export type { Cut } from './core/cut.ts';
export type { VpEventDetails } from './core/events.ts';
export { VpCuts } from './cuts/cuts.ts';
export { VpDashboard } from './dashboard/dashboard.ts';
export { VpDrivers } from './drivers/drivers.ts';
export { VpExplain } from './explain/explain.ts';
export { VpHandoff } from './handoff/handoff.ts';
export { VpHandoffReplies } from './handoff/handoff-replies.ts';
export { VpNextBest } from './next-best/next-best.ts';
export { VpScenarioPlanner } from './planner/planner.ts';
export { VpValueStory } from './story/story.ts';
export { VpTrendChart } from './trend-chart/trend-chart.ts';
