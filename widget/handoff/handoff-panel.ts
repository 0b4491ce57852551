import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { ValueprintError } from '../api/client.ts';
import type {
  BriefPart,
  HandoffBrief,
  HandoffChannel,
  HandoffTiming,
  HandoffTopic,
} from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit } from '../core/events.ts';
import { formatNumber } from '../core/format.ts';
import { errorMessage, renderError, renderLoading } from '../core/states.ts';
import { common } from '../i18n/common.strings.ts';
import { pluralForm } from '../i18n/locale.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './handoff.strings.ts';
import { handoffStyles } from './handoff.styles.ts';
import { renderBrief } from './handoff-brief.ts';
import {
  CHANNELS,
  type HandoffForm,
  handoffBody,
  type Included,
  includeAll,
  MAX_MESSAGE_CHARS,
  minutesToWait,
  TIMINGS,
  topicKey,
} from './handoff-model.ts';
import './handoff-replies-panel.ts';

type Phase = 'form' | 'sending' | 'sent' | 'handed';

/**
 * The body of `<vp-handoff>` (see widget/handoff/handoff.ts), in its own chunk with the answers'
 * body. Hosts use `<vp-handoff>`.
 * @internal
 */
export class VpHandoffPanel extends VpElement {
  static override properties = {
    ...VpElement.properties,
    topic: { attribute: false },
    label: { type: String },
    general: { state: true },
    message: { state: true },
    channel: { state: true },
    when: { state: true },
    included: { state: true },
    phase: { state: true },
    missing: { state: true },
    problem: { state: true },
  };

  static override styles = [tokens, handoffStyles];

  declare topic: HandoffTopic;
  declare label: string;
  /** The customer chose "Ask a general question instead". */
  declare private general: boolean;
  declare private message: string;
  declare private channel: HandoffChannel;
  declare private when: HandoffTiming;
  declare private included: Included;
  declare private phase: Phase;
  /** Send was pressed with no message. */
  declare private missing: boolean;
  /** Why the last send failed. */
  declare private problem: unknown;

  private readonly preview = new Task(this, {
    task: async ([client]) =>
      (client ?? this.requireClient()).post<HandoffBrief>(
        '/v1/handoffs/preview',
        handoffBody(this.form(), false),
      ),
    // The topic and the parts left out change what is shared; the message and the channel do not.
    args: () =>
      [
        this.valueClient,
        topicKey(this.currentTopic),
        JSON.stringify(this.included),
        this.revision,
      ] as const,
  });

  constructor() {
    super();
    this.topic = { kind: 'general' };
    this.label = '';
    this.general = false;
    this.message = '';
    this.channel = 'email';
    this.when = 'any_time';
    this.included = includeAll();
    this.phase = 'form';
    this.missing = false;
    this.problem = undefined;
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      this.close();
    });
  }

  private get currentTopic(): HandoffTopic {
    const { period } = this.topic;
    return this.general ? { kind: 'general', ...(period ? { period } : {}) } : this.topic;
  }

  private form(): HandoffForm {
    return {
      topic: this.currentTopic,
      message: this.message,
      channel: this.channel,
      when: this.when,
      included: this.included,
    };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new topic (another "Ask about this") starts a new question; the message stays.
    if (changed.has('topic') && changed.get('topic') !== undefined) {
      this.general = false;
      this.phase = 'form';
      this.problem = undefined;
    }
  }

  /** Moves focus to the message (the panel was just opened). */
  async focusMessage(): Promise<void> {
    await this.updateComplete;
    const field = this.renderRoot.querySelector<HTMLElement>('#message, .confirmation');
    field?.scrollIntoView({ block: 'nearest' });
    field?.focus();
  }

  private close(): void {
    emit(this, 'vp-handoff-close', {});
  }

  private toggle(part: BriefPart): void {
    this.included = { ...this.included, [part]: !this.included[part] };
  }

  /** The brief of the current topic and parts; waits for the preview when it is on its way. */
  private async brief(): Promise<HandoffBrief> {
    await this.preview.taskComplete;
    const brief = this.preview.value;
    if (!brief) throw new ValueprintError('bad_response', 'no preview of the brief');
    return brief;
  }

  private async handleSend(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.phase === 'sending') return;
    const message = this.message.trim();
    if (!message) {
      this.missing = true;
      await this.focusMessage();
      return;
    }
    this.missing = false;
    this.problem = undefined;
    this.phase = 'sending';
    try {
      const form = this.form();
      const brief = await this.brief();
      const proceed = emit(
        this,
        'vp-handoff-request',
        {
          brief: { ...brief, message, channel: form.channel, when: form.when },
          topic: form.topic,
          message,
          channel: form.channel,
          when: form.when,
          include: { ...form.included },
        },
        true,
      );
      if (proceed) {
        const created = await this.requireClient().post<{ id: string }>(
          '/v1/handoffs',
          handoffBody(form),
        );
        this.phase = 'sent';
        emit(this, 'vp-handoff-sent', { id: created.id });
      } else {
        this.phase = 'handed';
      }
      await this.focusMessage();
    } catch (error) {
      this.phase = 'form';
      this.problem = error;
      if (!(error instanceof ValueprintError && error.status === 429)) this.reportError(error);
    }
  }

  private problemText(error: unknown): string {
    const locale = this.uiLocale;
    if (error instanceof ValueprintError && error.status === 429) {
      const minutes = minutesToWait(error.retryAfter);
      if (minutes === undefined) return strings(locale, 'tooManyLater');
      return strings(locale, `tooMany_${pluralForm(locale, minutes)}`, { minutes });
    }
    return strings(locale, 'notSent', { reason: errorMessage(error, locale) });
  }

  override render() {
    const locale = this.uiLocale;
    if (this.phase === 'sent' || this.phase === 'handed') {
      return html`<div class="confirmation" part="confirmation" role="status" tabindex="-1">
        <p>
          ${this.phase === 'sent' ? strings(locale, `sent_${this.channel}`) : strings(locale, 'handed')}
        </p>
        <button type="button" class="button" @click=${this.close}>${strings(locale, 'done')}</button>
      </div>`;
    }
    const topic = this.currentTopic;
    const count = this.message.length;
    return html`<form
      class="handoff"
      part="handoff"
      aria-labelledby="handoff-title"
      novalidate
      @submit=${this.handleSend}
    >
      <h3 id="handoff-title">${strings(locale, 'title')}</h3>
      <p class="topic" part="topic">
        <span class="muted">${strings(locale, 'about')}:</span>
        <strong>${topic.kind === 'general' ? strings(locale, 'general') : this.label}</strong>
        ${
          topic.kind === 'general'
            ? nothing
            : html`<button
                type="button"
                class="link"
                @click=${() => {
                  this.general = true;
                }}
              >
                ${strings(locale, 'toGeneral')}
              </button>`
        }
      </p>
      <div class="message" part="message">
        <label for="message">${strings(locale, 'message')}</label>
        <span id="message-hint" class="muted">${strings(locale, 'messageHint')}</span>
        <textarea
          id="message"
          name="message"
          rows="4"
          maxlength=${MAX_MESSAGE_CHARS}
          required
          aria-invalid=${this.missing ? 'true' : 'false'}
          aria-describedby="message-hint message-count${this.missing ? ' message-missing' : ''}"
          .value=${this.message}
          @input=${(event: Event) => {
            this.message = (event.target as HTMLTextAreaElement).value;
            if (this.message.trim()) this.missing = false;
          }}
        ></textarea>
        <span id="message-count" class="counter muted">
          ${strings(locale, 'counter', {
            count: formatNumber(count, this.intlLocale),
            max: formatNumber(MAX_MESSAGE_CHARS, this.intlLocale),
          })}
        </span>
        ${
          this.missing
            ? html`<span id="message-missing" class="problem-text">${strings(locale, 'messageMissing')}</span>`
            : nothing
        }
      </div>
      <div class="choices">
        ${this.renderChoice('channel', strings(locale, 'how'), CHANNELS, this.channel, (value) => {
          this.channel = value;
        })}
        ${this.renderChoice('when', strings(locale, 'when'), TIMINGS, this.when, (value) => {
          this.when = value;
        })}
      </div>
      <section class="preview" part="preview" aria-labelledby="preview-title">
        <h4 id="preview-title">${strings(locale, 'previewTitle')}</h4>
        <p class="muted">${strings(locale, 'previewIntro')}</p>
        ${this.preview.render({
          pending: () => {
            const stale = this.preview.value;
            return stale ? this.renderBriefOf(stale, true) : renderLoading(locale, 'lines');
          },
          complete: (brief) => this.renderBriefOf(brief, false),
          error: (error) => {
            this.reportError(error);
            return renderError(error, locale, () => void this.preview.run());
          },
        })}
      </section>
      ${
        this.problem
          ? html`<div class="problem" part="problem" role="alert">
              <p>${this.problemText(this.problem)}</p>
              ${
                this.problem instanceof ValueprintError && this.problem.status === 429
                  ? nothing
                  : html`<button type="submit" class="button">${common(locale, 'retry')}</button>`
              }
            </div>`
          : nothing
      }
      <div class="actions">
        <button type="submit" class="button primary" ?disabled=${this.phase === 'sending'}>
          ${this.phase === 'sending' ? strings(locale, 'sending') : strings(locale, 'send')}
        </button>
        <button type="button" class="link" @click=${this.close}>${strings(locale, 'cancel')}</button>
      </div>
    </form>`;
  }

  private renderBriefOf(brief: HandoffBrief, stale: boolean) {
    return html`<div class="brief ${stale ? 'stale' : ''}" aria-busy=${stale ? 'true' : 'false'}>
      ${renderBrief(
        {
          locale: this.uiLocale,
          intlLocale: this.intlLocale,
          included: this.included,
          toggle: (part) => this.toggle(part),
        },
        brief,
      )}
    </div>`;
  }

  private renderChoice<T extends string>(
    name: 'channel' | 'when',
    legend: string,
    values: readonly T[],
    chosen: T,
    choose: (value: T) => void,
  ) {
    return html`<fieldset part=${name}>
      <legend>${legend}</legend>
      ${values.map(
        (value) => html`<label class="radio">
          <input
            type="radio"
            name=${name}
            .value=${value}
            .checked=${value === chosen}
            @change=${() => choose(value)}
          />
          ${strings(this.uiLocale, `${name}_${value}` as Parameters<typeof strings>[1])}
        </label>`,
      )}
    </fieldset>`;
  }
}

defineElement('vp-handoff-panel', VpHandoffPanel);

declare global {
  interface HTMLElementTagNameMap {
    'vp-handoff-panel': VpHandoffPanel;
  }
}
