// `cem analyze` (run by `npm run build`): the Custom Elements Manifest hosts and editors read for the
// elements' attributes, properties, events, parts and CSS tokens, from the JSDoc on each class.

/**
 * Our elements register through `defineElement('vp-…', Class)` (so a second copy of the script
 * is harmless); teach the analyzer that call, as it knows `customElements.define`.
 */
function defineElementCalls() {
  const tags = new Map();
  return {
    name: 'valueprint-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'defineElement' &&
        ts.isStringLiteral(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        const tagName = node.arguments[0].text;
        const className = node.arguments[1].text;
        tags.set(`${moduleDoc.path}#${className}`, tagName);
        moduleDoc.exports = [
          ...(moduleDoc.exports ?? []),
          {
            kind: 'custom-element-definition',
            name: tagName,
            declaration: { name: className, module: moduleDoc.path },
          },
        ];
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const tagName = tags.get(`${moduleDoc.path}#${declaration.name}`);
        if (tagName) {
          declaration.tagName = tagName;
          declaration.customElement = true;
        }
      }
    },
  };
}

/** Names in a class's `static properties` marked `state: true`: internal, not attributes. */
function statePropertiesOf(ts, node) {
  const names = new Set();
  for (const member of node.members ?? []) {
    const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (!isStatic || !ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties')
      continue;
    if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
    for (const entry of member.initializer.properties) {
      if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer))
        continue;
      const isState = entry.initializer.properties.some(
        (option) =>
          ts.isPropertyAssignment(option) &&
          option.name.getText() === 'state' &&
          option.initializer.kind === ts.SyntaxKind.TrueKeyword,
      );
      if (isState) names.add(entry.name.getText());
    }
  }
  return names;
}

/**
 * Hosts need the public surface only: private, protected and internal state (`state: true`) stay
 * out of the manifest, and so do modules that define no element.
 */
function publicSurfaceOnly() {
  const states = new Map();
  return {
    name: 'valueprint-public-surface',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isClassDeclaration(node) && node.name) {
        states.set(`${moduleDoc.path}#${node.name.text}`, statePropertiesOf(ts, node));
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const inheritedStates = new Set(
        [...states]
          .filter(([key]) => key.startsWith('widget/core/'))
          .flatMap(([, names]) => [...names]),
      );
      for (const moduleDoc of customElementsManifest.modules) {
        for (const declaration of moduleDoc.declarations ?? []) {
          // Its own state and what it inherits (a lazy element's chunk state, for one).
          const internal = new Set([
            ...(states.get(`${moduleDoc.path}#${declaration.name}`) ?? []),
            ...inheritedStates,
          ]);
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (member) =>
                (!member.privacy || member.privacy === 'public') && !internal.has(member.name),
            );
          }
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter(
              (attribute) => !internal.has(attribute.fieldName ?? attribute.name),
            );
          }
        }
      }
      // Sorted, so the file only changes when the elements do (the analyzer's order varies).
      customElementsManifest.modules = customElementsManifest.modules
        .filter(
          (moduleDoc) =>
            moduleDoc.path === 'widget/index.ts' ||
            (moduleDoc.declarations ?? []).some((declaration) => declaration.customElement),
        )
        .sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  globs: ['widget/**/*.ts'],
  // A `*-panel.ts` is the body of a lazily loaded element (`vp-explain` shows `vp-explain-panel`):
  // hosts use the element, whose JSDoc documents the body's parts.
  exclude: [
    'widget/build/**',
    'widget/**/*.strings.ts',
    'widget/**/*.styles.ts',
    'widget/**/*-panel.ts',
    // A lazily loaded part of one element, rendered inside its shadow root (a row's "How is this
    // calculated?"): internal, documented by the element it belongs to.
    'widget/drivers/drivers-details.ts',
  ],
  outdir: '.',
  // Never rewrite package.json: its "customElements" is set by hand and a test's run must not move it.
  packagejson: false,
  litelement: true,
  plugins: [defineElementCalls(), publicSurfaceOnly()],
};
