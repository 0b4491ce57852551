/**
 * Tree-shaking for both widget builds. simple-statistics declares no `sideEffects: false`, so its
 * module-level code (a normal table, classifier prototypes) was kept whole though the widget uses
 * three pure functions of it (it cost the planner ~470 bytes gzip).
 */
export const treeshake = {
  moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]simple-statistics[\\/]/.test(id),
};
