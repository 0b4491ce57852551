/**
 * Registers an element once. A host may load the script twice (two bundles, a hashed and an
 * unhashed URL); the second load must neither throw nor replace the first definition.
 */
export function defineElement(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
