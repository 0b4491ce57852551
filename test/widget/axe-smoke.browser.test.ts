import { fixture, html } from '@open-wc/testing';
import { expectNoAxeViolations } from './axe.ts';

describe('axe helper', () => {
  it('finds a violation in an unlabelled input and none in a labelled one', async () => {
    const bad = await fixture(html`<div><input type="text" /></div>`);
    let failed = false;
    try {
      await expectNoAxeViolations(bad);
    } catch {
      failed = true;
    }
    if (!failed) throw new Error('axe did not report the unlabelled input');
    const good = await fixture(html`<div><label>Name <input type="text" /></label></div>`);
    await expectNoAxeViolations(good);
  });
});
