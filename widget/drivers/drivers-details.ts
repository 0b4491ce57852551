import { html } from 'lit';
import type { Assumptions, DriverFigure } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { Chunk, VpLazyElement } from '../core/lazy.ts';

const body = new Chunk(() => import('./drivers-details-panel.ts'));

/**
 * "How is this calculated?" for one row of `<vp-drivers>`: the formula, the events counted and the
 * assumptions (inputs for editors). Shown only when the customer opens it, so its body (and its
 * words) is a chunk of its own, fetched the first time one is opened (a skeleton until then, "Try
 * again" if the fetch fails). Saving an assumption emits `vp-assumption-change` from the body.
 *
 * It renders without a shadow root, inside `<vp-drivers>`' own: the details are styled by
 * `<vp-drivers>` and their parts (`assumption`) stay those of `<vp-drivers>`. Used by `<vp-drivers>`
 * only; hosts use `<vp-drivers>`.
 * @internal
 */
export class VpDriversDetails extends VpLazyElement {
  static override properties = {
    ...VpLazyElement.properties,
    driver: { attribute: false },
    assumptions: { attribute: false },
    editor: { type: Boolean },
    vendor: { type: String },
    currency: { type: String },
  };

  /** The row whose calculation is shown. */
  declare driver: DriverFigure | undefined;
  /** Every assumption with its bounds and history (GET /v1/value/assumptions). */
  declare assumptions: Assumptions | undefined;
  /** The token's role is editor: customer-editable assumptions get an input. */
  declare editor: boolean;
  /** The vendor's name, for "Acme Flow's default". */
  declare vendor: string;
  /** The currency of the figures (ISO 4217). */
  declare currency: string;
  protected readonly chunk = body;

  constructor() {
    super();
    this.driver = undefined;
    this.assumptions = undefined;
    this.editor = false;
    this.vendor = '';
    this.currency = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected renderBody() {
    return html`<vp-drivers-details-panel
      .driver=${this.driver}
      .assumptions=${this.assumptions}
      ?editor=${this.editor}
      vendor=${this.vendor}
      currency=${this.currency}
      .client=${this.valueClient}
      locale=${this.locale}
    ></vp-drivers-details-panel>`;
  }
}

defineElement('vp-drivers-details', VpDriversDetails);

declare global {
  interface HTMLElementTagNameMap {
    'vp-drivers-details': VpDriversDetails;
  }
}
