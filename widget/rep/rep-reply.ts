import { css, html, nothing, type PropertyValues } from 'lit';
import type {
  Handoff,
  HandoffBrief,
  HandoffReply,
  HandoffStatus,
} from '../../blueprint/api/handoffs.ts';
import type { RepReplyRequest } from '../../blueprint/api/rep.ts';
import { DEFAULT_PROJECTION } from '../../blueprint/projection.ts';
import { type TokenSource, ValueprintError } from '../api/client.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import type { PlanPreset, ScenarioChange } from '../core/events.ts';
import { errorMessage } from '../core/states.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './rep.strings.ts';
import { repStyles } from './rep.styles.ts';
import { emitRep } from './rep-events.ts';
import { formatAge, formatWhen, MAX_PLAN_NAME_CHARS, MAX_REPLY_CHARS } from './rep-model.ts';

type BriefScenario = NonNullable<HandoffBrief['scenarios']>[number];

interface Message {
  kind: 'ok' | 'problem';
  text: string;
}

const STATUS_ACTIONS: ReadonlyArray<{
  status: HandoffStatus;
  label: 'accept' | 'markAnswered' | 'close';
}> = [
  { status: 'accepted', label: 'accept' },
  { status: 'answered', label: 'markAnswered' },
  { status: 'closed', label: 'close' },
];

/**
 * Answering a hand-off: the replies sent so far, a note to the customer and, if the rep wants, a
 * plan built in `<vp-scenario-planner>` in rep mode (it starts from the customer's plan in the
 * brief when there is one; the levers come from its `vp-scenario-change` events), and the status
 * buttons. Sends with the rep token (`client`); the planner reads with the account's view token
 * (`viewToken`). A failed send keeps what was typed.
 *
 * @summary The success manager's answer to a hand-off.
 *
 * @fires vp-rep-replied - The answer was sent. detail: {handoffId, reply}
 * @fires vp-rep-status - The status changed. detail: {handoffId, status}
 *
 * @csspart reply - The whole answer form.
 */
export class VpRepReply extends VpElement {
  static override properties = {
    ...VpElement.properties,
    handoff: { attribute: false },
    viewToken: { attribute: false },
    startPlan: { attribute: false },
    note: { state: true },
    withPlan: { state: true },
    planName: { state: true },
    sending: { state: true },
    message: { state: true },
    statusMessage: { state: true },
  };

  static override styles = [
    tokens,
    repStyles,
    css`
      form,
      .replies,
      .statuses {
        display: grid;
        gap: var(--_space);
      }
      .reply-form {
        display: grid;
        gap: calc(var(--_space) * 2);
      }
      label {
        font-weight: 600;
      }
      textarea,
      input[type='text'] {
        width: 100%;
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 0.5);
        background: var(--_bg);
        font: inherit;
        color: inherit;
      }
      textarea {
        min-height: 7em;
        resize: vertical;
      }
      .check {
        display: flex;
        gap: var(--_space);
        align-items: center;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
      }
      .sent-reply {
        padding: var(--_space) calc(var(--_space) * 1.5);
        border-radius: var(--_radius);
        background: var(--_surface);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .sent-reply p {
        margin: 0;
      }
      vp-scenario-planner {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
    `,
  ];

  /** The hand-off being answered. */
  declare handoff: Handoff | undefined;
  /** Mints the account's read-only view token for the planner. */
  declare viewToken: TokenSource | undefined;
  /** The customer's plan to start a variant from (the brief's topic plan, or one the rep picked). */
  declare startPlan: BriefScenario | undefined;
  declare private note: string;
  declare private withPlan: boolean;
  declare private planName: string;
  declare private sending: boolean;
  declare private message: Message | undefined;
  declare private statusMessage: Message | undefined;
  /** The plan's inputs as the planner last reported them (it reports changes, not its start). */
  private plan: Pick<ScenarioChange, 'levers' | 'horizonMonths' | 'rampMonths'> = {
    levers: {},
    ...DEFAULT_PROJECTION,
  };
  private preset: PlanPreset | undefined;

  constructor() {
    super();
    this.handoff = undefined;
    this.viewToken = undefined;
    this.startPlan = undefined;
    this.note = '';
    this.withPlan = false;
    this.planName = '';
    this.sending = false;
    this.message = undefined;
    this.statusMessage = undefined;
  }

  /** Opens the plan part, starting from `plan`, and moves focus to the plan's name. */
  async startFrom(plan: BriefScenario | undefined): Promise<void> {
    this.startPlan = plan;
    this.withPlan = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#plan-name')?.focus();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('handoff')) {
      const previous = changed.get('handoff') as Handoff | undefined;
      if (previous?.id !== this.handoff?.id) {
        // Another hand-off: nothing typed for the last one carries over.
        this.note = '';
        this.withPlan = false;
        this.message = undefined;
        this.statusMessage = undefined;
      }
    }
    // The same plan read again (after a status change) keeps what the rep has moved.
    if (
      changed.has('startPlan') &&
      (changed.get('startPlan') as BriefScenario | undefined)?.id !== this.startPlan?.id
    ) {
      const start = this.startPlan;
      // A variant starts where their plan stands: its levers, horizon and ramp.
      this.preset = start
        ? {
            levers: { ...start.levers },
            label: start.name,
            horizonMonths: start.horizonMonths,
            rampMonths: start.rampMonths,
          }
        : undefined;
      this.plan = {
        levers: { ...(start?.levers ?? {}) },
        horizonMonths: start?.horizonMonths ?? DEFAULT_PROJECTION.horizonMonths,
        rampMonths: start?.rampMonths ?? DEFAULT_PROJECTION.rampMonths,
      };
      this.planName = start
        ? strings(this.uiLocale, 'variantName', { name: start.name }).slice(0, MAX_PLAN_NAME_CHARS)
        : '';
    }
  }

  /** The request as it would be sent now, or the problem with it in words. */
  private request(): RepReplyRequest | Message {
    const locale = this.uiLocale;
    const message = this.note.trim();
    if (!message) return { kind: 'problem', text: strings(locale, 'noteMissing') };
    if (!this.withPlan) return { message } as RepReplyRequest;
    const name = this.planName.trim();
    if (!name) return { kind: 'problem', text: strings(locale, 'nameMissing') };
    if (Object.keys(this.plan.levers).length === 0) {
      return { kind: 'problem', text: strings(locale, 'leversMissing') };
    }
    return {
      message,
      scenario: {
        name,
        levers: { ...this.plan.levers },
        horizonMonths: this.plan.horizonMonths,
        rampMonths: this.plan.rampMonths,
      },
    };
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const handoff = this.handoff;
    if (!handoff || this.sending) return;
    const request = this.request();
    if ('kind' in request) {
      this.message = request;
      return;
    }
    this.sending = true;
    this.message = undefined;
    try {
      const reply = await this.requireClient().post<HandoffReply>(
        `/v1/rep/handoffs/${encodeURIComponent(handoff.id)}/replies`,
        request,
      );
      this.handoff = { ...handoff, replies: [...handoff.replies, reply] };
      this.note = '';
      this.withPlan = false;
      this.message = { kind: 'ok', text: strings(this.uiLocale, 'sent') };
      emitRep(this, 'vp-rep-replied', { handoffId: handoff.id, reply });
    } catch (error) {
      this.reportError(error);
      this.message = { kind: 'problem', text: this.failure(error) };
    } finally {
      this.sending = false;
    }
  }

  private failure(error: unknown): string {
    const locale = this.uiLocale;
    if (error instanceof ValueprintError && (error.status === 400 || error.status === 413)) {
      return strings(locale, 'refused', { reason: strings(locale, 'tooLong') });
    }
    return strings(locale, 'notSent', { reason: errorMessage(error, locale) });
  }

  private async changeStatus(status: HandoffStatus): Promise<void> {
    const handoff = this.handoff;
    if (!handoff) return;
    const locale = this.uiLocale;
    this.statusMessage = undefined;
    try {
      await this.requireClient().post<unknown>(
        `/v1/rep/handoffs/${encodeURIComponent(handoff.id)}/status`,
        { status },
      );
      this.handoff = { ...handoff, status };
      this.statusMessage = {
        kind: 'ok',
        text: strings(locale, 'statusChanged', { status: strings(locale, `status_${status}`) }),
      };
      emitRep(this, 'vp-rep-status', { handoffId: handoff.id, status });
    } catch (error) {
      this.reportError(error);
      this.statusMessage = {
        kind: 'problem',
        text: strings(locale, 'statusFailed', { reason: errorMessage(error, locale) }),
      };
    }
  }

  private handlePlanChange(event: CustomEvent<ScenarioChange>): void {
    const { levers, horizonMonths, rampMonths } = event.detail;
    this.plan = { levers: { ...levers }, horizonMonths, rampMonths };
  }

  override render() {
    const handoff = this.handoff;
    if (!handoff) return nothing;
    return html`<div class="reply-form" part="reply">
      ${this.renderReplies(handoff)} ${this.renderForm()} ${this.renderStatus(handoff)}
    </div>`;
  }

  private renderReplies(handoff: Handoff) {
    if (handoff.replies.length === 0) return nothing;
    const locale = this.uiLocale;
    return html`<section class="replies" aria-labelledby="replies-title">
      <h3 id="replies-title">${strings(locale, 'repliesTitle')}</h3>
      ${handoff.replies.map(
        (reply) => html`<div class="sent-reply" data-reply=${reply.id}>
          <p class="muted" title=${formatWhen(reply.at, this.intlLocale)}>
            ${strings(locale, 'replyBy', {
              name: reply.rep.name,
              age: formatAge(reply.at, this.intlLocale),
            })}
          </p>
          <p>${reply.message}</p>
          ${
            reply.scenario
              ? html`<p class="muted">${strings(locale, 'replyPlan', { name: reply.scenario.name })}</p>`
              : nothing
          }
        </div>`,
      )}
    </section>`;
  }

  private renderForm() {
    const locale = this.uiLocale;
    return html`<form @submit=${this.handleSubmit} aria-labelledby="reply-title" novalidate>
      <h3 id="reply-title">${strings(locale, 'replyTitle')}</h3>
      <label for="reply-note">${strings(locale, 'note')}</label>
      <textarea
        id="reply-note"
        name="note"
        maxlength=${MAX_REPLY_CHARS}
        aria-describedby="reply-note-hint"
        .value=${this.note}
        @input=${(event: Event) => {
          this.note = (event.target as HTMLTextAreaElement).value;
        }}
      ></textarea>
      <p class="muted" id="reply-note-hint">${strings(locale, 'noteHint')}</p>
      <label class="check">
        <input
          type="checkbox"
          id="reply-with-plan"
          .checked=${this.withPlan}
          @change=${(event: Event) => {
            this.withPlan = (event.target as HTMLInputElement).checked;
          }}
        />
        ${strings(locale, 'withPlan')}
      </label>
      ${this.withPlan ? this.renderPlan() : nothing}
      <div class="actions">
        <button type="submit" class="button primary" id="reply-send" ?disabled=${this.sending}>
          ${strings(locale, this.sending ? 'sending' : 'send')}
        </button>
      </div>
      ${
        this.message
          ? html`<p class="message ${this.message.kind}" role=${this.message.kind === 'problem' ? 'alert' : 'status'}>
              ${this.message.text}
            </p>`
          : nothing
      }
    </form>`;
  }

  private renderPlan() {
    const locale = this.uiLocale;
    return html`<label for="plan-name">${strings(locale, 'planName')}</label>
      <input
        type="text"
        id="plan-name"
        maxlength=${MAX_PLAN_NAME_CHARS}
        .value=${this.planName}
        @input=${(event: Event) => {
          this.planName = (event.target as HTMLInputElement).value;
        }}
      />
      <p class="muted">
        ${strings(locale, 'planHint')}
        ${this.startPlan ? strings(locale, 'planFrom', { name: this.startPlan.name }) : ''}
      </p>
      <vp-scenario-planner
        .fetchToken=${this.viewToken}
        .preset=${this.preset}
        api=${this.api}
        locale=${this.locale}
        theme=${this.theme}
        @vp-scenario-change=${this.handlePlanChange}
      ></vp-scenario-planner>`;
  }

  private renderStatus(handoff: Handoff) {
    const locale = this.uiLocale;
    return html`<section class="statuses" aria-labelledby="status-title">
      <h3 id="status-title">${strings(locale, 'statusTitle')}</h3>
      <p>${strings(locale, 'statusNow', { status: strings(locale, `status_${handoff.status}`) })}</p>
      <div class="actions">
        ${STATUS_ACTIONS.map(
          (action) => html`<button
            type="button"
            class="button"
            data-status=${action.status}
            ?disabled=${handoff.status === action.status}
            @click=${() => void this.changeStatus(action.status)}
          >
            ${strings(locale, action.label)}
          </button>`,
        )}
      </div>
      ${
        this.statusMessage
          ? html`<p class="message ${this.statusMessage.kind}" role=${this.statusMessage.kind === 'problem' ? 'alert' : 'status'}>
              ${this.statusMessage.text}
            </p>`
          : nothing
      }
    </section>`;
  }
}

defineElement('vp-rep-reply', VpRepReply);

declare global {
  interface HTMLElementTagNameMap {
    'vp-rep-reply': VpRepReply;
  }
}
