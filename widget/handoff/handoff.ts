import { html } from 'lit';
import type { HandoffTopic } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { Chunk, VpLazyElement } from '../core/lazy.ts';
import type { VpHandoffPanel } from './handoff-panel.ts';

/** The hand-off's body and the answers' body: one chunk, fetched when either is first shown. */
export const handoffChunk = new Chunk(() => import('./handoff-panel.ts'));

const PARTS = 'handoff, topic, message, channel, when, preview, brief-part, confirmation, problem';

/**
 * The hand-off to a person: the customer writes to their success manager about a topic (a story
 * sentence, a saved plan, an offer, or anything), says how and when they would like to talk, and
 * sees exactly what will be shared with the message — the brief, as the service would send it now
 * (`POST /v1/handoffs/preview`): the value figures, the story's headline, what they looked at,
 * planned, learned and set aside here, their plans and the suggestions — each part with a checkbox
 * to leave it out. Send fires the cancelable `vp-handoff-request`; a host that cancels it routes
 * the brief to its own chat (the panel says so); otherwise the element sends it
 * (`POST /v1/handoffs`) and confirms. A refused send keeps the message: after too many in an hour
 * it says in how many minutes it can go; other failures offer "Try again".
 *
 * Inside `<vp-dashboard>` it opens inline when the customer presses "Talk to your success manager"
 * in the header or "Ask about this" on a story sentence, a saved plan or a suggestion (each fires
 * `vp-handoff-open`). On its own it shows the panel; hide it on `vp-handoff-close`.
 *
 * Its body is a chunk of its own, fetched the first time the element is shown; the parts below are
 * those of the body, exported.
 *
 * @summary Talk to your success manager: a message, how and when, and a preview of what is shared.
 *
 * @fires vp-handoff-request - Send was pressed; cancelable. detail: {brief (the brief as it will be shared, message included), topic: {kind, ref?}, message, channel: 'meeting'|'call'|'chat'|'email', when: 'today'|'this_week'|'next_week'|'any_time', include: {value, story, journey, scenarios, offers} (true: shared)}. Cancel it (`preventDefault()`) to route the brief yourself; else the element POSTs /v1/handoffs.
 * @fires vp-handoff-sent - The element sent the hand-off. detail: {id}
 * @fires vp-handoff-close - Escape, Cancel, or Done after sending: the host (the dashboard) hides the panel and returns focus.
 * @fires vp-error - {code, message} when the preview could not load or the hand-off could not be sent.
 *
 * @csspart handoff - The whole panel (a form).
 * @csspart topic - What the question is about, with the way back to a general question.
 * @csspart message - The message field and its character counter.
 * @csspart channel - How the customer would like to talk (meeting, call, chat, email).
 * @csspart when - When (today, this week, next week, any time).
 * @csspart preview - What will be shared, part by part.
 * @csspart brief-part - One part of the preview with its checkbox.
 * @csspart confirmation - "Sent" or "handed to the chat on this page", with Done.
 * @csspart problem - Why the hand-off was not sent, with "Try again" when it may help.
 *
 * @cssprop --vp-color-bg - Background and field background.
 * @cssprop --vp-color-surface - The preview.
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Hints, the counter, parts left out.
 * @cssprop --vp-color-border - Field, preview and button borders.
 * @cssprop --vp-color-accent - Send and links.
 * @cssprop --vp-color-negative - Problems.
 * @cssprop --vp-color-positive - The confirmation.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 * @cssprop --vp-font - Font (inherits the host's by default).
 */
export class VpHandoff extends VpLazyElement {
  static override properties = {
    ...VpLazyElement.properties,
    topic: { attribute: false },
    label: { type: String },
  };

  /** What it is about, {kind: 'general'|'story'|'scenario'|'offer'|'figure', ref?}; general by default. */
  declare topic: HandoffTopic;
  /** The topic as the customer sees it named (the sentence, the plan's or the offer's name). */
  declare label: string;
  protected readonly chunk = handoffChunk;

  constructor() {
    super();
    this.topic = { kind: 'general' };
    this.label = '';
  }

  /** Moves focus to the message, once the panel is shown. */
  async focusPanel(): Promise<void> {
    await this.bodyReady();
    await this.renderRoot.querySelector<VpHandoffPanel>('vp-handoff-panel')?.focusMessage();
  }

  protected renderBody() {
    return html`<vp-handoff-panel
      exportparts=${PARTS}
      .topic=${this.topic}
      label=${this.label}
      .client=${this.valueClient}
      .revision=${this.revision}
      locale=${this.locale}
      theme=${this.theme}
    ></vp-handoff-panel>`;
  }
}

defineElement('vp-handoff', VpHandoff);

declare global {
  interface HTMLElementTagNameMap {
    'vp-handoff': VpHandoff;
  }
}
