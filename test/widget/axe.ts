import 'axe-core/axe.min.js';
import { expect } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';

declare global {
  interface Window {
    axe: { run(context: Element, options: RunOptions): Promise<AxeResults> };
  }
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules) on an element, shadow roots included, and fails
 * with a readable list of violations.
 */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await window.axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    resultTypes: ['violations'],
  });
  const problems = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary}`)
        .join('\n'),
  );
  expect(problems, problems.join('\n')).to.deep.equal([]);
}
