import { html } from 'lit';
import { defineElement } from '../core/define.ts';
import { Chunk, VpLazyElement } from '../core/lazy.ts';

const body = new Chunk(() => import('./next-best-panel.ts'));

const PARTS =
  'next-best, offer, offer-money, offer-why, offer-facts, offer-actions, ask, hide-menu, in-progress, hidden, loading, error, empty';

/**
 * Next-best value: up to three suggestions (a feature, an add-on, a plan, a service) for the
 * account in the token, each with the money it would likely bring a year as a range, who the
 * figure comes from (accounts like this one, at least five, or the vendor's own estimate), why in
 * one line with its facts on hover or focus, and the offer's call to action. The customer can say
 * "we've started" (it moves to "In progress", with the value realized since against the
 * projection), hide it (not now, not relevant, already have, remind in two weeks) and show hidden
 * ones again. Each suggestion shown is reported once a browser session.
 *
 * Its body is a chunk of its own, fetched the first time the element is shown; the parts below are
 * those of the body, exported.
 *
 * @summary Suggestions for more value, valued among accounts like this one.
 *
 * @fires vp-offer-action - The call to action was pressed; cancelable. detail: {offer: {id, label, kind}, decisionId, cta: {label, url?}}. Not cancelled and with a URL, the URL opens in a new tab (noopener).
 * @fires vp-offer-feedback - A suggestion was first shown this browser session, or the customer's reaction was saved. detail: {offerId, decisionId, action: 'shown'|'accepted'|'dismissed'|'snoozed'|'restored', reason?: 'not_now'|'not_relevant'|'already_have'}
 * @fires vp-plan-request - "Plan it" (with `planning`): detail {preset: {levers, label}}, the lever values that put the account at the suggestion's level.
 * @fires vp-handoff-open - "Ask about this" on a suggestion (with `handoff`). detail: {topic: {kind: 'offer', ref: the offer's id}, label: its name}; a dashboard opens the hand-off about it.
 * @fires vp-loaded - {piece: 'next', account} when the suggestions loaded.
 * @fires vp-error - {code, message} when they could not load or a reaction could not be saved.
 *
 * @csspart next-best - The whole piece.
 * @csspart offer - One suggestion's card.
 * @csspart offer-money - The range a year, with the "Estimated" badge.
 * @csspart offer-why - Why, in one line, with "The facts behind it".
 * @csspart offer-facts - The facts, shown on hover or focus.
 * @csspart offer-actions - The call to action, "Plan it", "We've started", "Hide…".
 * @csspart ask - "Ask about this" on a suggestion (with `handoff`).
 * @csspart hide-menu - The reasons to hide a suggestion.
 * @csspart in-progress - Suggestions the customer started, with the value realized since.
 * @csspart hidden - Hidden suggestions, each with "Show again".
 * @csspart loading - The skeleton while loading.
 * @csspart error - The error state, with a retry.
 * @csspart empty - No suggestion right now.
 *
 * @cssprop --vp-color-bg - Background of buttons and the facts.
 * @cssprop --vp-color-surface - The cards.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Notes and who a figure comes from.
 * @cssprop --vp-color-border - Card and button borders.
 * @cssprop --vp-color-accent - The call to action and links.
 * @cssprop --vp-color-negative - A reaction that did not go through.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpNextBest extends VpLazyElement {
  static override properties = {
    ...VpLazyElement.properties,
    planning: { type: Boolean },
    handoff: { type: Boolean },
  };

  /** Offer "Plan it": set it when a planner on the page answers `vp-plan-request` (the dashboard does). */
  declare planning: boolean;
  /** Offer "Ask about this" on each suggestion: set it when the page answers `vp-handoff-open` (the dashboard does). */
  declare handoff: boolean;
  protected readonly chunk = body;
  protected override readonly loadingShape = 'rows';

  constructor() {
    super();
    this.planning = false;
    this.handoff = false;
  }

  protected renderBody() {
    return html`<vp-next-best-panel
      exportparts=${PARTS}
      ?planning=${this.planning}
      ?handoff=${this.handoff}
      .client=${this.valueClient}
      .revision=${this.revision}
      locale=${this.locale}
      theme=${this.theme}
    ></vp-next-best-panel>`;
  }
}

defineElement('vp-next-best', VpNextBest);

declare global {
  interface HTMLElementTagNameMap {
    'vp-next-best': VpNextBest;
  }
}
