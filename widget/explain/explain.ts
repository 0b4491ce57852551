import { html } from 'lit';
import type { CutOptions } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import type { ExplainRequest } from '../core/events.ts';
import { Chunk, VpLazyElement } from '../core/lazy.ts';
import type { VpExplainPanel } from './explain-panel.ts';

const body = new Chunk(() => import('./explain-panel.ts'));

const PARTS = 'controls, answer, dimension, bar, table, loading, error, empty, idle';

/**
 * Troubleshooting: "what moved it". For one driver or all value, in a period against another,
 * the one-sentence answer first, then per team, workspace, feature and user the largest changes
 * as a diverging bar list (a table on request), with the explain endpoint's numbers.
 *
 * Asked by the dashboard (`request`, from a chart click or a story question), by the `driver`
 * property with the cut's periods, or by the customer with the controls and "Explain".
 *
 * Its body is a chunk of its own, fetched the first time the element is shown (a skeleton until
 * then, "Try again" if the fetch fails); the parts below are those of the body, exported.
 *
 * @summary What moved the value, by team, workspace, feature and user.
 *
 * @fires vp-loaded - {piece: "explain", account} when an answer arrived.
 * @fires vp-error - {code, message} when the answer could not load.
 *
 * @csspart controls - What to explain, the two periods and the Explain button.
 * @csspart answer - The one-sentence answer.
 * @csspart dimension - One way of cutting the change (by team, by workspace, …).
 * @csspart bar - A bar of the diverging bar list.
 * @csspart table - The table alternative of a dimension.
 * @csspart loading - The skeleton while the answer loads.
 * @csspart error - The error state, with a retry.
 * @csspart empty - Nothing moved, or no value in either period.
 * @csspart idle - The prompt before anything is asked.
 *
 * @cssprop --vp-color-bg - Background and field background.
 * @cssprop --vp-color-surface - Controls background.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Labels, details, the centre line.
 * @cssprop --vp-color-border - Borders and row rules.
 * @cssprop --vp-color-accent - The Explain button and links.
 * @cssprop --vp-color-positive - Bars and changes that went up.
 * @cssprop --vp-color-negative - Bars and changes that went down; date problems.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpExplain extends VpLazyElement {
  static override properties = {
    ...VpLazyElement.properties,
    driver: { type: String },
    request: { attribute: false },
    options: { attribute: false },
  };

  /** A driver id, or "total" for all value, to explain over the cut's periods; empty: not asked. */
  declare driver: string;
  /** What to explain, set by the dashboard; wins over `driver` and the cut's periods. */
  declare request: ExplainRequest | undefined;
  /** The drivers and ways to cut, when the dashboard already has them (else GET /cuts). */
  declare options: CutOptions | undefined;
  protected readonly chunk = body;
  protected override readonly loadingShape = 'rows';

  constructor() {
    super();
    this.driver = '';
    this.request = undefined;
    this.options = undefined;
  }

  /** Moves focus to the answer once it is shown; Escape there returns to `trigger`. */
  async showAnswer(trigger?: HTMLElement | SVGElement): Promise<void> {
    await this.bodyReady();
    await this.renderRoot.querySelector<VpExplainPanel>('vp-explain-panel')?.showAnswer(trigger);
  }

  protected renderBody() {
    return html`<vp-explain-panel
      exportparts=${PARTS}
      driver=${this.driver}
      .request=${this.request}
      .options=${this.options}
      .client=${this.valueClient}
      .cut=${this.cut}
      .revision=${this.revision}
      locale=${this.locale}
      theme=${this.theme}
    ></vp-explain-panel>`;
  }
}

defineElement('vp-explain', VpExplain);

declare global {
  interface HTMLElementTagNameMap {
    'vp-explain': VpExplain;
  }
}
