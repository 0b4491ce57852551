import { html, nothing } from 'lit';
import type { SavedScenario } from '../api/types.ts';
import { emit, type HandoffOpen } from '../core/events.ts';
import { strings } from './handoff-ask.strings.ts';

/**
 * The hand-off's pieces inside other elements, in the main bundle (the planner's and the
 * suggestions' chunks are full): "Ask about this" under a story sentence, a saved plan or a
 * suggestion asks the page (the dashboard) to open the hand-off about it (`vp-handoff-open`).
 */
export function renderAsk(locale: string, open: HandoffOpen) {
  return html`<button
    type="button"
    class="ask"
    part="ask"
    @click=${(event: Event) => emit(event.currentTarget as Element, 'vp-handoff-open', open)}
  >
    ${strings(locale, 'ask')}<span class="visually-hidden">: ${open.label}</span>
  </button>`;
}

/** A saved plan's line: "Shared by …, your success manager" when a rep pushed it, and "Ask about this". */
export function renderPlanHandoff(locale: string, plan: SavedScenario, ask: boolean) {
  const by = plan.successManager;
  if (!by && !ask) return nothing;
  return html`<p class="note">
    ${by ? strings(locale, 'sharedBy', { name: by.name }) : nothing}
    ${ask ? renderAsk(locale, { topic: { kind: 'scenario', ref: plan.id }, label: plan.name }) : nothing}
  </p>`;
}

/** The hand-off's words the planner shows: a plan that is no longer saved. */
export const handoffWords = strings;
