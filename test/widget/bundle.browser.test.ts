import { expect, fixture, oneEvent, html as testHtml } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { ELEMENT_TAGS } from './elements.ts';
import { API, fakeToken, loadFixture, type MockApi, mockApi } from './mock-api.ts';

/**
 * The built bundle as a host gets it (npm test builds it first): loaded twice, next to the host's
 * own copy of Lit, it still defines every element once and works.
 */
const DIST = new URL('../../dist/widget/', import.meta.url);

/** The hashed entry the build wrote, from Vite's manifest. */
async function entryUrl(): Promise<string> {
  const manifest = (await (await fetch(new URL('.vite/manifest.json', DIST))).json()) as Record<
    string,
    { file: string; isEntry?: boolean }
  >;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error('the build manifest names no entry: run "npm run build"');
  return new URL(entry.file, DIST).href;
}

class HostCard extends LitElement {
  override render() {
    return html`<p>The host's own Lit element</p>`;
  }
}

describe('the built bundle in a host page', () => {
  let api: MockApi;
  afterEach(() => api?.restore());

  it('can be loaded twice, beside the host’s own Lit, and still works', async () => {
    customElements.define('host-card', HostCard);
    const bundle = await entryUrl();
    const first = await import(/* @vite-ignore */ `${bundle}?copy=1`);
    const second = await import(/* @vite-ignore */ `${bundle}?copy=2`);
    expect(first.VpDashboard).to.not.equal(second.VpDashboard);
    expect(customElements.get('vp-dashboard')).to.equal(first.VpDashboard);
    for (const tag of ELEMENT_TAGS) {
      expect(customElements.get(tag), tag).to.exist;
    }
    const card = await fixture(testHtml`<host-card></host-card>`);
    expect(card.shadowRoot?.textContent).to.contain('host');

    const story = await loadFixture('story');
    api = mockApi({ '/v1/value/story': { body: story } });
    const element = document.createElement('vp-dashboard') as HTMLElement & {
      api: string;
      token: string;
    };
    element.setAttribute('sections', 'story');
    element.api = API;
    element.token = fakeToken();
    const ready = oneEvent(element, 'vp-ready');
    document.body.append(element);
    expect((await ready).detail).to.deep.equal({ account: 'acme-corp' });
    element.remove();
  });
});
