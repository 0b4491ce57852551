// `cem analyze` (run by `npm run build`): the Custom Elements Manifest hosts and editors read for the
// elements' attributes, properties, events, parts and CSS tokens, from the JSDoc on each class.
export default {
  globs: ['widget/**/*.ts'],
  exclude: ['widget/build/**', 'widget/**/*.strings.ts', 'widget/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
