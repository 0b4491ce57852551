import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import type { Handoff, HandoffList, HandoffReply } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit } from '../core/events.ts';
import { formatDay } from '../core/format.ts';
import { renderError, renderLoading } from '../core/states.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './handoff.strings.ts';
import { handoffStyles } from './handoff.styles.ts';

/**
 * The body of `<vp-handoff-replies>` (see widget/handoff/handoff-replies.ts), in the hand-off's
 * chunk. Hosts use `<vp-handoff-replies>`.
 * @internal
 */
export class VpHandoffRepliesPanel extends VpElement {
  static override properties = {
    ...VpElement.properties,
    handoffs: { attribute: false },
    planning: { type: Boolean },
  };

  static override styles = [tokens, handoffStyles];

  /** The account's hand-offs when the dashboard has them; fetched otherwise. */
  declare handoffs: Handoff[] | undefined;
  /** "Open this plan" is offered (a planner on the page answers `vp-plan-request`). */
  declare planning: boolean;

  private readonly task = new Task(this, {
    task: async ([client, given]) =>
      given ?? (await (client ?? this.requireClient()).get<HandoffList>('/v1/handoffs')).handoffs,
    args: () => [this.valueClient, this.handoffs, this.revision] as const,
  });

  constructor() {
    super();
    this.handoffs = undefined;
    this.planning = false;
  }

  override render() {
    const locale = this.uiLocale;
    return html`<section class="replies" part="replies" aria-labelledby="replies-title">
      <h3 id="replies-title">${strings(locale, 'repliesTitle')}</h3>
      ${this.task.render({
        pending: () => renderLoading(locale, 'rows'),
        error: (error) => {
          this.reportError(error);
          return renderError(error, locale, () => void this.task.run());
        },
        complete: (handoffs) =>
          html`<ul class="requests">${handoffs.map((handoff) => this.renderRequest(handoff))}</ul>`,
      })}
    </section>`;
  }

  private renderRequest(handoff: Handoff) {
    const locale = this.uiLocale;
    const date = formatDay(handoff.createdAt.slice(0, 10), this.intlLocale);
    return html`<li class="request" part="request">
      <div class="request-head">
        <strong>${handoff.topic.label}</strong>
        <span class="tag status-${handoff.status}">${strings(locale, `status_${handoff.status}`)}</span>
      </div>
      <p class="muted">
        ${strings(locale, handoff.mine === false ? 'teamAsked' : 'youAsked', { date })}
      </p>
      <p class="text">${handoff.message}</p>
      ${
        handoff.replies.length > 0
          ? html`<ul class="answers">${handoff.replies.map((reply) => this.renderReply(reply))}</ul>`
          : html`<p class="muted">${strings(locale, 'noReply')}</p>`
      }
    </li>`;
  }

  /** A reply as plain text (Lit escapes it), with its plan when the rep pushed one. */
  private renderReply(reply: HandoffReply) {
    const locale = this.uiLocale;
    const scenario = reply.scenario;
    return html`<li class="answer" part="reply">
      <p class="muted">
        ${strings(locale, 'replied', {
          name: reply.rep.name,
          date: formatDay(reply.at.slice(0, 10), this.intlLocale),
        })}
      </p>
      <p class="text">${reply.message}</p>
      ${
        scenario && this.planning
          ? html`<button
              type="button"
              class="button"
              @click=${(event: Event) =>
                emit(event.currentTarget as Element, 'vp-plan-request', {
                  scenarioId: scenario.id,
                })}
            >
              ${strings(locale, 'openPlan')}<span class="visually-hidden">: ${scenario.name}</span>
            </button>`
          : nothing
      }
    </li>`;
  }
}

defineElement('vp-handoff-replies-panel', VpHandoffRepliesPanel);

declare global {
  interface HTMLElementTagNameMap {
    'vp-handoff-replies-panel': VpHandoffRepliesPanel;
  }
}
