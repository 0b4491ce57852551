import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { ValueprintError } from '../../widget/api/client.ts';
import { defineElement } from '../../widget/core/define.ts';
import { Chunk, VpLazyElement } from '../../widget/core/lazy.ts';

/** A chunk whose loads fail until `failing` is false, counting how often it was fetched. */
const load = { failing: true, calls: 0 };
const flaky = new Chunk(async () => {
  load.calls += 1;
  await new Promise((resolve) => setTimeout(resolve, 30));
  if (load.failing) throw new TypeError('Failed to fetch dynamically imported module');
});

class FlakyPiece extends VpLazyElement {
  protected readonly chunk = flaky;
  protected renderBody() {
    return litHtml`<p part="body">loaded</p>`;
  }
}
defineElement('test-flaky-piece', FlakyPiece);

describe('lazily loaded pieces (core/lazy.ts)', () => {
  it('a chunk loads once, and a failed load is a network error that may be tried again', async () => {
    let calls = 0;
    const chunk = new Chunk(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('offline');
    });
    const error = await chunk.fetch().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ValueprintError);
    expect((error as ValueprintError).code).to.equal('network');
    expect((error as ValueprintError).message).to.contain('offline');
    expect(chunk.loaded).to.equal(false);
    await chunk.fetch();
    await chunk.fetch();
    expect(chunk.loaded).to.equal(true);
    expect(calls).to.equal(2);
  });

  it('shows a skeleton, then the error in words with "Try again", then the body', async () => {
    const element = await fixture<FlakyPiece>(
      html`<test-flaky-piece locale="en"></test-flaky-piece>`,
    );
    expect(element.shadowRoot?.querySelector('[part="loading"]')).to.exist;
    const reported = await oneEvent(element, 'vp-error');
    expect(reported.detail.code).to.equal('network');
    await element.updateComplete;
    const alert = element.shadowRoot?.querySelector('[part="error"]') as HTMLElement;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Try again');
    load.failing = false;
    alert.querySelector('button')?.click();
    await element.bodyReady();
    expect(element.shadowRoot?.querySelector('[part="body"]')?.textContent).to.equal('loaded');
    expect(load.calls).to.equal(2);
  });
});
