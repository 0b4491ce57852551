import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import type { ValueprintClient } from '../api/client.ts';
import type { Recommendations } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { emit } from '../core/events.ts';
import { formatDay, formatMoney } from '../core/format.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { renderAsk } from '../handoff/handoff-ask.ts';
import { common } from '../i18n/common.strings.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './next-best.strings.ts';
import { nextBestStyles } from './next-best.styles.ts';
import { firstShows, type Hidden, hiddenWords, type Item } from './next-best-model.ts';

type Reaction =
  | { action: 'accepted' | 'snoozed' | 'restored' }
  | { action: 'dismissed'; reason: 'not_now' | 'not_relevant' | 'already_have' };

const REASONS = ['not_now', 'not_relevant', 'already_have'] as const;
/** The facts an offer's reason cites, by id, in the order they are listed. */
const FACTS = ['annual', 'potential', 'users', 'adopters', 'low', 'high', 'perUser'] as const;

/** A safe piece of an id attribute from an offer id (ids are the vendor's words). */
const idOf = (offerId: string) => offerId.replace(/[^\w-]/g, '_');

/**
 * The body of `<vp-next-best>` (see widget/next-best/next-best.ts), in its own chunk: loaded the
 * first time the suggestions are shown. Hosts use `<vp-next-best>`.
 * @internal
 */
export class VpNextBestPanel extends VpElement {
  static override properties = {
    ...VpElement.properties,
    planning: { type: Boolean },
    handoff: { type: Boolean },
    menuFor: { state: true },
    factsFor: { state: true },
    hiddenOpen: { state: true },
    busy: { state: true },
    problem: { state: true },
    announcement: { state: true },
    reload: { state: true },
  };

  static override styles = [tokens, nextBestStyles];

  /** "Plan it" is offered (a planner on the page answers `vp-plan-request`). */
  declare planning: boolean;
  /** "Ask about this" is offered (the page answers `vp-handoff-open`). */
  declare handoff: boolean;
  /** The offer whose "Hide…" choices are open. */
  declare private menuFor: string | undefined;
  /** The offer whose facts are showing (pointer over or focus on "The facts behind it"). */
  declare private factsFor: string | undefined;
  declare private hiddenOpen: boolean;
  /** The offer a reaction is being sent for. */
  declare private busy: string | undefined;
  /** A reaction that did not go through: the offer and what to say. */
  declare private problem: { offerId: string; text: string } | undefined;
  declare private announcement: string;
  declare private reload: number;
  /** What to focus once the answer after a reaction is on screen. */
  private focusAfter: string | undefined;

  private readonly task = new Task(this, {
    task: async ([client]) => {
      const active = client ?? this.requireClient();
      const [answer, session] = await Promise.all([
        active.get<Recommendations>('/v1/recommendations'),
        active.session(),
      ]);
      const account = session.accountId ?? '';
      emit(this, 'vp-loaded', { piece: 'next', account });
      this.reportShown(active, account, answer.items);
      return answer;
    },
    args: () => [this.valueClient, this.revision, this.reload, this.locale] as const,
  });

  constructor() {
    super();
    this.planning = false;
    this.handoff = false;
    this.menuFor = undefined;
    this.factsFor = undefined;
    this.hiddenOpen = false;
    this.busy = undefined;
    this.problem = undefined;
    this.announcement = '';
    this.reload = 0;
  }

  /** Each offer counts as shown once a browser session; a lost report is not the customer's problem. */
  private reportShown(client: ValueprintClient, account: string, items: readonly Item[]): void {
    const fresh = new Set(
      firstShows(
        account,
        items.map((item) => item.offer.id),
      ),
    );
    for (const item of items) {
      if (!fresh.has(item.offer.id)) continue;
      emit(this, 'vp-offer-feedback', {
        offerId: item.offer.id,
        decisionId: item.decisionId,
        action: 'shown',
      });
      client
        .post(this.feedbackPath(item.offer.id), { decisionId: item.decisionId, action: 'shown' })
        .catch(() => undefined);
    }
  }

  private feedbackPath(offerId: string): string {
    return `/v1/recommendations/${encodeURIComponent(offerId)}/feedback`;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.focusAfter || this.task.status !== TaskStatus.COMPLETE) return;
    const target =
      this.renderRoot.querySelector<HTMLElement>(this.focusAfter) ??
      this.renderRoot.querySelector<HTMLElement>('h3');
    this.focusAfter = undefined;
    target?.focus();
  }

  /** Sends what the customer did; on success the suggestions load again (the server decides). */
  private async react(
    offerId: string,
    decisionId: string,
    reaction: Reaction,
    said: string,
    focus: string,
  ) {
    this.busy = offerId;
    this.problem = undefined;
    try {
      await this.requireClient().post(this.feedbackPath(offerId), { decisionId, ...reaction });
      emit(this, 'vp-offer-feedback', { offerId, decisionId, ...reaction });
      this.menuFor = undefined;
      this.announcement = said;
      this.focusAfter = focus;
      this.reload += 1;
    } catch (error) {
      this.problem = { offerId, text: strings(this.uiLocale, 'failed') };
      this.reportError(error);
    } finally {
      this.busy = undefined;
    }
  }

  private handleAction(item: Item): void {
    const { offer, decisionId } = item;
    const proceed = emit(
      this,
      'vp-offer-action',
      { offer: { id: offer.id, label: offer.label, kind: offer.kind }, decisionId, cta: offer.cta },
      true,
    );
    this.valueClient
      ?.post(this.feedbackPath(offer.id), { decisionId, action: 'clicked' })
      .catch(() => undefined);
    // The host routes it when it cancels the event; otherwise the offer's page opens beside this one.
    if (proceed && offer.cta.url) window.open(offer.cta.url, '_blank', 'noopener');
  }

  private handlePlan(item: Item): void {
    emit(this, 'vp-plan-request', {
      preset: { levers: item.plan.levers, label: item.offer.label },
    });
  }

  private toggleMenu(offerId: string): void {
    const opening = this.menuFor !== offerId;
    this.menuFor = opening ? offerId : undefined;
    if (opening) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#hide-${idOf(offerId)} button`)?.focus(),
      );
    }
  }

  private closeMenu(event: KeyboardEvent, offerId: string): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.menuFor = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#hide-toggle-${idOf(offerId)}`)?.focus(),
    );
  }

  override render() {
    const locale = this.uiLocale;
    const answer = this.task.value;
    if (!answer) {
      return this.task.render({
        pending: () => renderLoading(locale, 'rows'),
        error: (error) => {
          this.reportError(error);
          return renderError(error, locale, () => void this.task.run());
        },
      });
    }
    // While it reloads after a reaction, the last answer stays on screen (no jump).
    const reloading = this.task.status === TaskStatus.PENDING;
    return html`<div class="next-best" part="next-best" aria-busy=${reloading ? 'true' : 'false'}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <h3 tabindex="-1">${strings(locale, 'title')}</h3>
      <p class="intro">${strings(locale, 'intro')}</p>
      ${
        answer.items.length > 0
          ? html`<ul class="offers">
              ${answer.items.map((item) => html`<li>${this.renderOffer(item, answer.currency)}</li>`)}
            </ul>`
          : renderEmpty(strings(locale, 'none'))
      }
      ${this.renderInProgress(answer)} ${this.renderHidden(answer.hidden)}
    </div>`;
  }

  private renderOffer(item: Item, currency: string) {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const { offer, projected, cohort } = item;
    const id = idOf(offer.id);
    const money = (value: number) => formatMoney(value, currency, intl, true);
    // Its reason already says "accounts like yours"; a fallback or the vendor's figure is said here.
    const basis =
      projected.basis === 'vendor_estimate' || !cohort
        ? strings(locale, 'fromVendor')
        : cohort.traits.length === 0
          ? strings(locale, 'fromAll', { adopters: cohort.adopters })
          : '';
    const busy = this.busy === offer.id;
    return html`<article class="offer" part="offer" aria-labelledby="offer-${id}">
      <p class="kind">${strings(locale, `kind_${offer.kind}`)}</p>
      <h4 id="offer-${id}" tabindex="-1">${offer.label}</h4>
      <p class="description">${offer.description}</p>
      <p class="money" part="offer-money">
        <strong
          >${
            // A range from nothing reads as "up to": the low end may be no more than today.
            projected.low < 0.5
              ? strings(locale, 'upTo', { high: money(projected.high) })
              : strings(locale, 'more', { low: money(projected.low), high: money(projected.high) })
          }</strong
        >
        <span class="likely">${strings(locale, 'likely', { annual: money(projected.annual) })}</span>
        <span class="badge estimated" title=${common(locale, 'estimatedHint')}>${common(locale, 'estimated')}</span>
      </p>
      ${basis ? html`<p class="basis">${basis}</p>` : nothing}
      <div class="why" part="offer-why">
        <p>${item.why.text}</p>
        ${this.renderFacts(item)}
      </div>
      <div class="actions" part="offer-actions">
        <button type="button" class="button primary" ?disabled=${busy} @click=${() => this.handleAction(item)}>
          ${offer.cta.label}
        </button>
        ${
          this.planning
            ? html`<button
                type="button"
                class="button"
                aria-label=${strings(locale, 'planItLabel', { offer: offer.label })}
                @click=${() => this.handlePlan(item)}
              >${strings(locale, 'planIt')}</button>`
            : nothing
        }
        <button
          type="button"
          class="button"
          ?disabled=${busy}
          aria-label=${strings(locale, 'startedLabel', { offer: offer.label })}
          @click=${() =>
            this.react(
              offer.id,
              item.decisionId,
              { action: 'accepted' },
              strings(locale, 'saidStarted', { offer: offer.label }),
              '#in-progress',
            )}
        >${strings(locale, 'started')}</button>
        <button
          type="button"
          class="button quiet"
          id="hide-toggle-${id}"
          aria-label=${strings(locale, 'hideLabel', { offer: offer.label })}
          aria-expanded=${this.menuFor === offer.id ? 'true' : 'false'}
          aria-controls="hide-${id}"
          ?disabled=${busy}
          @click=${() => this.toggleMenu(offer.id)}
        >${strings(locale, 'hide')}</button>
      </div>
      ${
        this.handoff
          ? renderAsk(locale, { topic: { kind: 'offer', ref: offer.id }, label: offer.label })
          : nothing
      }
      ${this.menuFor === offer.id ? this.renderHideMenu(item) : nothing}
      ${
        this.problem?.offerId === offer.id
          ? html`<p class="problem" role="alert">${this.problem.text}</p>`
          : nothing
      }
    </article>`;
  }

  /** The facts the reason cites: shown while the pointer is over "The facts behind it" or it has focus. */
  private renderFacts(item: Item) {
    if (item.why.facts.length === 0) return nothing;
    const id = idOf(item.offer.id);
    const open = this.factsFor === item.offer.id;
    const show = () => {
      this.factsFor = item.offer.id;
    };
    const hide = () => {
      if (this.factsFor === item.offer.id) this.factsFor = undefined;
    };
    return html`<span class="facts" @mouseenter=${show} @mouseleave=${hide}>
      <button
        type="button"
        class="link"
        aria-describedby="facts-${id}"
        @focus=${show}
        @blur=${hide}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') hide();
        }}
      >${strings(this.uiLocale, 'facts')}</button>
      <span role="tooltip" id="facts-${id}" class="tip" part="offer-facts" ?hidden=${!open}>
        ${FACTS.map((key) => {
          const fact = item.why.facts.find((candidate) => candidate.id === key);
          return fact
            ? html`<span class="fact"
                ><span>${strings(this.uiLocale, `fact_${key}`)}</span>
                <strong>${fact.formatted ?? fact.value}</strong></span
              >`
            : nothing;
        })}
      </span>
    </span>`;
  }

  private renderHideMenu(item: Item) {
    const locale = this.uiLocale;
    const { offer, decisionId } = item;
    const said = strings(locale, 'saidHidden', { offer: offer.label });
    const focus = '#hidden-toggle';
    return html`<div
      class="hide-menu"
      part="hide-menu"
      id="hide-${idOf(offer.id)}"
      role="group"
      aria-label=${strings(locale, 'hideWhy')}
      @keydown=${(event: KeyboardEvent) => this.closeMenu(event, offer.id)}
    >
      ${REASONS.map(
        (reason) => html`<button
          type="button"
          class="button"
          @click=${() => this.react(offer.id, decisionId, { action: 'dismissed', reason }, said, focus)}
        >${strings(locale, `reason_${reason}`)}</button>`,
      )}
      <button
        type="button"
        class="button"
        @click=${() => this.react(offer.id, decisionId, { action: 'snoozed' }, said, focus)}
      >${strings(locale, 'reason_snoozed')}</button>
    </div>`;
  }

  private renderInProgress(answer: Recommendations) {
    if (answer.inProgress.length === 0) return nothing;
    const locale = this.uiLocale;
    const money = (value: number) => formatMoney(value, answer.currency, this.intlLocale, true);
    return html`<section class="in-progress" part="in-progress" aria-labelledby="in-progress">
      <h4 id="in-progress" tabindex="-1">${strings(locale, 'inProgress')}</h4>
      <ul>
        ${answer.inProgress.map(
          (item) => html`<li>
            <strong>${item.offer.label}</strong>
            <span>${strings(locale, 'realized', {
              realized: money(item.realized),
              annual: money(item.projected.annual),
              date: formatDay(item.since, this.intlLocale),
            })}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderHidden(hidden: readonly Hidden[]) {
    if (hidden.length === 0) return nothing;
    const locale = this.uiLocale;
    return html`<section class="hidden-offers" part="hidden">
      <button
        type="button"
        class="link"
        id="hidden-toggle"
        aria-expanded=${this.hiddenOpen ? 'true' : 'false'}
        aria-controls="hidden-list"
        @click=${() => {
          this.hiddenOpen = !this.hiddenOpen;
        }}
      >${strings(locale, hidden.length === 1 ? 'hidden_one' : 'hidden_other', { count: hidden.length })}</button>
      <ul id="hidden-list" ?hidden=${!this.hiddenOpen}>
        ${hidden.map((item) => {
          const words = hiddenWords(item);
          const date = words.until ? formatDay(words.until.slice(0, 10), this.intlLocale) : '';
          return html`<li>
            <span><strong>${item.offer.label}</strong> · ${strings(locale, words.key, { date })}</span>
            <button
              type="button"
              class="button"
              ?disabled=${this.busy === item.offer.id}
              aria-label=${strings(locale, 'restoreLabel', { offer: item.offer.label })}
              @click=${() =>
                this.react(
                  item.offer.id,
                  item.decisionId,
                  { action: 'restored' },
                  strings(locale, 'saidRestored', { offer: item.offer.label }),
                  `#offer-${idOf(item.offer.id)}`,
                )}
            >${strings(locale, 'restore')}</button>
            ${
              this.problem?.offerId === item.offer.id
                ? html`<p class="problem" role="alert">${this.problem.text}</p>`
                : nothing
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

defineElement('vp-next-best-panel', VpNextBestPanel);

declare global {
  interface HTMLElementTagNameMap {
    'vp-next-best-panel': VpNextBestPanel;
  }
}
