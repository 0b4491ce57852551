import { html } from 'lit';
import type { Handoff } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpLazyElement } from '../core/lazy.ts';
import { handoffChunk } from './handoff.ts';

const PARTS = 'replies, request, reply, loading, error';

/**
 * "From your success manager": the account's hand-offs, newest first, each with what it was about,
 * its status in words (sent, seen by your success manager, answered, closed), the message, and
 * the replies — who answered and when, the answer as plain text — with "Open this plan" when the
 * success manager pushed a plan (it fires `vp-plan-request` {scenarioId}; the dashboard opens its
 * planner on that plan). The dashboard shows it once it is ready and only when the account has
 * hand-offs.
 *
 * Its body shares the hand-off's chunk, fetched the first time either is shown; the parts below
 * are those of the body, exported.
 *
 * @summary From your success manager: your questions, their status and the answers.
 *
 * @fires vp-plan-request - "Open this plan" under an answer. detail: {scenarioId}, the saved plan's id.
 * @fires vp-error - {code, message} when the hand-offs could not load.
 *
 * @csspart replies - The whole section.
 * @csspart request - One question, with its status.
 * @csspart reply - One answer.
 * @csspart loading - The skeleton while loading.
 * @csspart error - The error state, with a retry.
 *
 * @cssprop --vp-color-surface - Each question's card.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Dates and who answered.
 * @cssprop --vp-color-border - Card and status borders.
 * @cssprop --vp-color-accent - The answers' rule.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpHandoffReplies extends VpLazyElement {
  static override properties = {
    ...VpLazyElement.properties,
    handoffs: { attribute: false },
    planning: { type: Boolean },
  };

  /** The account's hand-offs (`GET /v1/handoffs`) when the page has them; fetched otherwise. */
  declare handoffs: Handoff[] | undefined;
  /** Offer "Open this plan": set it when a planner on the page answers `vp-plan-request` {scenarioId} (the dashboard does). */
  declare planning: boolean;
  protected readonly chunk = handoffChunk;
  protected override readonly loadingShape = 'rows';

  constructor() {
    super();
    this.handoffs = undefined;
    this.planning = false;
  }

  protected renderBody() {
    return html`<vp-handoff-replies-panel
      exportparts=${PARTS}
      .handoffs=${this.handoffs}
      ?planning=${this.planning}
      .client=${this.valueClient}
      .revision=${this.revision}
      locale=${this.locale}
      theme=${this.theme}
    ></vp-handoff-replies-panel>`;
  }
}

defineElement('vp-handoff-replies', VpHandoffReplies);

declare global {
  interface HTMLElementTagNameMap {
    'vp-handoff-replies': VpHandoffReplies;
  }
}
