/** Every element the bundle defines: the dashboard and the pieces, each usable alone. */
export const ELEMENT_TAGS = [
  'vp-dashboard',
  'vp-value-story',
  'vp-trend-chart',
  'vp-drivers',
  'vp-cuts',
  'vp-explain',
  'vp-scenario-planner',
  'vp-next-best',
  'vp-handoff',
  'vp-handoff-replies',
] as const;
