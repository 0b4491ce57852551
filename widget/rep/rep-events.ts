import type { HandoffReply, HandoffStatus } from '../../blueprint/api/handoffs.ts';

/** The rep console's own events (between its elements; the page may listen too). */
export interface RepEventDetails {
  /** A hand-off was picked in the queue. */
  'vp-rep-select': { id: string; accountId: string };
  /** The rep answered: the reply as the server stored it. */
  'vp-rep-replied': { handoffId: string; reply: HandoffReply };
  /** The rep changed a hand-off's status. */
  'vp-rep-status': { handoffId: string; status: HandoffStatus };
  /** "Reply with a variant of this plan" in the brief. */
  'vp-rep-plan': { scenarioId: string };
}

export function emitRep<K extends keyof RepEventDetails>(
  from: EventTarget,
  name: K,
  detail: RepEventDetails[K],
): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'vp-rep-select': CustomEvent<RepEventDetails['vp-rep-select']>;
    'vp-rep-replied': CustomEvent<RepEventDetails['vp-rep-replied']>;
    'vp-rep-status': CustomEvent<RepEventDetails['vp-rep-status']>;
    'vp-rep-plan': CustomEvent<RepEventDetails['vp-rep-plan']>;
  }
}
