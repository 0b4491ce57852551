import { noChange } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM, never through a `style` attribute. Lit's
 * `styleMap` writes the attribute on its first render, which a strict Content-Security-Policy
 * (`style-src 'self'`) blocks; setting `element.style` properties is always allowed.
 *
 * Usage: `<div ${inlineStyle({ left: '12px', width: '40%' })}>`.
 */
class InlineStyle extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) {
      throw new Error('inlineStyle() goes where an attribute would, on the element itself');
    }
  }

  render(_styles: Readonly<Record<string, string>>) {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.previous) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(styles));
    return noChange;
  }
}

export const inlineStyle = directive(InlineStyle);
