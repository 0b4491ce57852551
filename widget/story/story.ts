import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { Fact, StoryInsight, ValueStory } from '../api/types.ts';
import { cutKey, cutParams } from '../core/cut.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit } from '../core/events.ts';
import { renderEmpty, renderError } from '../core/states.ts';
import { renderAsk } from '../handoff/handoff-ask.ts';
import { common } from '../i18n/common.strings.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './story.strings.ts';
import { storyStyles } from './story.styles.ts';
import {
  explainRequestOf,
  factFocusOf,
  hasEstimate,
  isStatusStory,
  planGoalOf,
  splitSentence,
} from './story-model.ts';

/**
 * @summary The value story: the answer in one headline, then a few sentences, each with the facts
 * it cites one hover or focus away. Estimated figures are marked; a story the data cannot tell yet
 * says so and why.
 *
 * @fires vp-facts-focus - A sentence is hovered or focused (its facts), or left (`facts: []`).
 *   detail: {facts: Array<{driver, from, to}>}, each cited driver and period once.
 * @fires vp-plan-request - The customer asked "What would it take?" under a promise they are behind on. detail: {goal: {target, driver?} (the pace a year that keeps the promise, in its unit), explain: the same question as a vp-explain-request detail}; a dashboard opens its planner with it.
 * @fires vp-explain-request - The customer asked a sentence's question ("Why did it change?").
 *   detail: {driver, from, to, compareFrom?, compareTo?}
 * @fires vp-handoff-open - "Ask about this" under a sentence (with `handoff`). detail: {topic: {kind: 'story', ref: the insight's id}, label: the sentence}; a dashboard opens the hand-off about it.
 * @fires vp-story-question - The customer asked a sentence's question. detail: {insightId, type}
 * @fires vp-story-change - A story loaded. detail: {story}
 * @fires vp-loaded - A story loaded. detail: {piece: 'story', account}
 * @fires vp-error - The story could not load. detail: {code, message}
 *
 * @csspart headline - The headline, the answer (an h3).
 * @csspart notice - A plain notice next to the headline: incomplete data, not enough data yet,
 *   the story shown in another language.
 * @csspart chapter - A chapter: its title (h4) and sentences.
 * @csspart sentence - One story sentence.
 * @csspart question - The question under a sentence, a button that opens the troubleshooting.
 * @csspart ask - "Ask about this" under a sentence (with `handoff`).
 * @csspart loading - The loading skeleton.
 * @csspart error - The error state with its retry button.
 * @csspart empty - The empty state.
 *
 * @cssprop --vp-font - Font (inherits the host's by default).
 * @cssprop --vp-color-text - Text.
 * @cssprop --vp-color-muted - Chapter titles, badges, notices.
 * @cssprop --vp-color-surface - Notices and the not-enough-data headline.
 * @cssprop --vp-color-border - Notice and question borders.
 * @cssprop --vp-color-accent - The highlighted numbers of a hovered or focused sentence.
 * @cssprop --vp-color-focus - Focus ring.
 * @cssprop --vp-radius - Corner radius.
 * @cssprop --vp-space - Spacing unit.
 */
export class VpValueStory extends VpElement {
  static override properties = {
    ...VpElement.properties,
    announcement: { state: true },
    active: { state: true },
    handoff: { type: Boolean },
  };

  static override styles = [tokens, storyStyles];

  /** What the live region says after a new story arrived (not on the first load). */
  declare announcement: string;
  /** The facts of the sentence being pointed at or focused: its numbers are highlighted. */
  declare active: readonly Fact[] | undefined;
  /** Offer "Ask about this" under each sentence: set it when the page answers `vp-handoff-open` (the dashboard does). */
  declare handoff: boolean;
  private loads = 0;
  private announcedFor: ValueStory | undefined;
  /** The one sentence or question in the tab order (roving tabindex); arrow keys move it. */
  private roving = 0;

  private readonly task = new Task(this, {
    task: async ([client, , , locale]) => {
      const api = client ?? this.requireClient();
      return api.get<ValueStory>('/v1/value/story', { ...cutParams(this.cut, true), locale });
    },
    // The request's parameters, not the cut object: an equal cut asks nothing again.
    args: () => [this.valueClient, cutKey(this.cut, true), this.revision, this.intlLocale] as const,
    onComplete: (story) => {
      this.loads += 1;
      if (this.loads > 1) {
        this.announcement = strings(this.uiLocale, 'updated', { headline: story.headline.text });
      }
    },
  });

  constructor() {
    super();
    this.announcement = '';
    this.active = undefined;
    this.handoff = false;
    this.addEventListener('keydown', (event) => this.handleKey(event));
    this.addEventListener('focusin', (event) => {
      const at = this.stops().indexOf(event.composedPath()[0] as HTMLElement);
      if (at >= 0) this.rove(at);
    });
  }

  /** The sentences with facts and the questions, in reading order. */
  private stops(): HTMLElement[] {
    return [
      ...this.renderRoot.querySelectorAll<HTMLElement>(
        '.story .sentence[tabindex], .story button.question, .story button.ask',
      ),
    ];
  }

  /** One tab stop for the whole story: the current item has tabindex 0, the others -1. */
  private rove(index = this.roving): HTMLElement | undefined {
    const stops = this.stops();
    this.roving = Math.min(Math.max(index, 0), Math.max(stops.length - 1, 0));
    stops.forEach((stop, at) => {
      stop.tabIndex = at === this.roving ? 0 : -1;
    });
    return stops[this.roving];
  }

  private handleKey(event: KeyboardEvent): void {
    const at = this.stops().indexOf(event.composedPath()[0] as HTMLElement);
    if (at < 0) return;
    const last = this.stops().length - 1;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowRight: at + 1,
      ArrowUp: at - 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: last,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.rove(to)?.focus();
  }

  /** The story on screen, if one has loaded. */
  get story(): ValueStory | undefined {
    return this.task.value;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    this.rove();
    const story = this.task.value;
    // Told once per loaded story, after it is on screen.
    if (this.task.status === TaskStatus.COMPLETE && story && story !== this.announcedFor) {
      this.announcedFor = story;
      emit(this, 'vp-story-change', { story });
      emit(this, 'vp-loaded', { piece: 'story', account: story.account });
    }
  }

  private handleFocusFacts(facts: readonly Fact[]): void {
    this.active = facts;
    emit(this, 'vp-facts-focus', { facts: factFocusOf(facts) });
  }

  private handleLeaveFacts(): void {
    this.active = undefined;
    emit(this, 'vp-facts-focus', { facts: [] });
  }

  private handleQuestion(insight: StoryInsight, story: ValueStory): void {
    const explain = explainRequestOf(insight, story.period);
    const goal = planGoalOf(insight);
    emit(this, 'vp-story-question', { insightId: insight.id, type: insight.type });
    // Behind a promise, the question is what it would take: the planner answers it.
    if (goal) emit(this, 'vp-plan-request', { goal, explain });
    else emit(this, 'vp-explain-request', explain);
  }

  override render() {
    return html`<div class="live visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
      ${this.task.render({
        initial: () => this.renderSkeleton(),
        pending: () => {
          const previous = this.task.value;
          return previous ? this.renderStory(previous, true) : this.renderSkeleton();
        },
        complete: (story) => this.renderStory(story, false),
        error: (error) => {
          this.reportError(error);
          return renderError(error, this.uiLocale, () => void this.task.run());
        },
      })}`;
  }

  /** Shaped like a headline over a few sentences, so nothing jumps when the story arrives. */
  private renderSkeleton(): TemplateResult {
    return html`<div class="loading" role="status" aria-busy="true" part="loading">
      <span class="visually-hidden">${common(this.uiLocale, 'loading')}</span>
      <span class="skeleton skeleton-headline w90"></span>
      <span class="skeleton skeleton-headline w60"></span>
      <span class="skeleton skeleton-title"></span>
      ${['w90', 'w75', 'w80'].map((width) => html`<span class="skeleton skeleton-lines ${width}"></span>`)}
    </div>`;
  }

  /** A sentence's words with its cited numbers marked, and the badge when one is estimated. */
  private renderWords(text: string, facts: readonly Fact[], lang: string) {
    const parts = splitSentence(text, facts, lang);
    return html`${parts.map((part) =>
      part.fact
        ? html`<span class="fact ${part.fact.estimated ? 'estimated' : ''}">${part.text}</span>`
        : part.text,
    )}${hasEstimate(facts) ? this.renderBadge() : nothing}`;
  }

  private renderBadge() {
    const hint = strings(this.uiLocale, 'estimatedHint');
    return html` <span class="badge estimated" title=${hint} lang=${this.uiLocale}
      ><span aria-hidden="true">${common(this.uiLocale, 'estimated')}</span
      ><span class="visually-hidden">${hint}</span></span
    >`;
  }

  private renderStory(story: ValueStory, stale: boolean): TemplateResult {
    const status = isStatusStory(story);
    const headlineFacts = story.headline.facts;
    const focusable = headlineFacts.length > 0;
    if (!story.headline.text && story.chapters.length === 0) {
      return renderEmpty(strings(this.uiLocale, 'noStory'));
    }
    return html`<article
      class="story ${stale ? 'stale' : ''}"
      lang=${story.locale}
      aria-busy=${stale ? 'true' : 'false'}
    >
      <h3
        part="headline"
        class="headline sentence ${status ? 'status' : ''} ${this.active === headlineFacts ? 'active' : ''}"
        tabindex=${focusable ? '0' : nothing}
        @mouseenter=${focusable ? () => this.handleFocusFacts(headlineFacts) : nothing}
        @focus=${focusable ? () => this.handleFocusFacts(headlineFacts) : nothing}
        @mouseleave=${focusable ? this.handleLeaveFacts : nothing}
        @blur=${focusable ? this.handleLeaveFacts : nothing}
      >
        ${this.renderWords(story.headline.text, headlineFacts, story.locale)}
      </h3>
      ${
        story.notices.length > 0
          ? html`<div class="notices">
              ${story.notices.map((notice) => this.renderNotice(notice, story.locale))}
            </div>`
          : nothing
      }
      ${story.chapters.map(
        (chapter) => html`<section part="chapter" class="chapter">
          <h4>${chapter.title}</h4>
          <ul class="insights">
            ${chapter.insights.map((insight) => this.renderInsight(insight, story))}
          </ul>
        </section>`,
      )}
    </article>`;
  }

  private renderNotice(notice: { text: string; facts: Fact[] }, lang: string) {
    const focusable = notice.facts.length > 0;
    return html`<p
      part="notice"
      class="notice sentence ${this.active === notice.facts ? 'active' : ''}"
      tabindex=${focusable ? '0' : nothing}
      @mouseenter=${focusable ? () => this.handleFocusFacts(notice.facts) : nothing}
      @focus=${focusable ? () => this.handleFocusFacts(notice.facts) : nothing}
      @mouseleave=${focusable ? this.handleLeaveFacts : nothing}
      @blur=${focusable ? this.handleLeaveFacts : nothing}
    >
      <span class="notice-mark" aria-hidden="true">i</span>
      <span class="notice-text">${this.renderWords(notice.text, notice.facts, lang)}</span>
    </p>`;
  }

  private renderInsight(insight: StoryInsight, story: ValueStory) {
    if (!insight.text) return nothing;
    const focusable = insight.facts.length > 0;
    return html`<li class="insight">
      <p
        part="sentence"
        class="sentence ${this.active === insight.facts ? 'active' : ''}"
        tabindex=${focusable ? '0' : nothing}
        @mouseenter=${focusable ? () => this.handleFocusFacts(insight.facts) : nothing}
        @focus=${focusable ? () => this.handleFocusFacts(insight.facts) : nothing}
        @mouseleave=${focusable ? this.handleLeaveFacts : nothing}
        @blur=${focusable ? this.handleLeaveFacts : nothing}
      >
        ${this.renderWords(insight.text, insight.facts, story.locale)}
      </p>
      ${
        insight.question
          ? html`<button
              type="button"
              part="question"
              class="question"
              @click=${() => this.handleQuestion(insight, story)}
            >
              ${insight.question}
            </button>`
          : nothing
      }
      ${
        this.handoff
          ? renderAsk(this.uiLocale, {
              topic: { kind: 'story', ref: insight.id },
              label: insight.text,
            })
          : nothing
      }
    </li>`;
  }
}

defineElement('vp-value-story', VpValueStory);

declare global {
  interface HTMLElementTagNameMap {
    'vp-value-story': VpValueStory;
  }
}
