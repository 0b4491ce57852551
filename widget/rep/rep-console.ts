import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Handoff, HandoffBrief } from '../../blueprint/api/handoffs.ts';
import type { TokenSource } from '../api/client.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { tokens } from '../styles/tokens.ts';
import './rep-brief.ts';
import './rep-queue.ts';
import './rep-reply.ts';
import { strings } from './rep.strings.ts';
import { repStyles } from './rep.styles.ts';
import type { VpRepQueue } from './rep-queue.ts';
import type { VpRepReply } from './rep-reply.ts';

type BriefScenario = NonNullable<HandoffBrief['scenarios']>[number];

/** A view token minted this recently is handed out again (the pieces of one account ask at once). */
const VIEW_TOKEN_REUSE_MS = 10_000;
/** What the read-only dashboard beside the brief shows (no planner, no suggestions to act on). */
const DASHBOARD_SECTIONS = 'story,trend,drivers,cuts,explain';

/**
 * The success manager's console (`/rep`): the queue of hand-offs, the brief of the one picked
 * with the account's live dashboard beside it (read-only, with a view token from
 * `POST /v1/rep/accounts/{id}/view`), and the answer: a note, a plan built in the planner in rep
 * mode, status changes. `token` / `fetchToken` take a rep token (`POST /v1/rep/sessions`); the
 * page needs the widget's script too (it defines `<vp-dashboard>` and `<vp-scenario-planner>`).
 *
 * @summary The rep console: queue, brief, live dashboard and reply.
 *
 * @fires vp-rep-select - A hand-off was picked. detail: {id, accountId}
 * @fires vp-rep-replied - An answer was sent. detail: {handoffId, reply}
 * @fires vp-rep-status - A status changed. detail: {handoffId, status}
 * @fires vp-error - {code, message} when something could not load or be sent.
 *
 * @csspart console - The whole console.
 */
export class VpRepConsole extends VpElement {
  static override properties = {
    ...VpElement.properties,
    repName: { type: String, attribute: 'rep-name' },
    signInError: { attribute: false },
    selected: { state: true },
    queueRevision: { state: true },
    detailRevision: { state: true },
  };

  static override styles = [
    tokens,
    repStyles,
    css`
      :host {
        background: var(--_surface);
      }
      .console {
        display: grid;
        gap: calc(var(--_space) * 2);
        padding: calc(var(--_space) * 2);
      }
      .layout {
        display: grid;
        gap: calc(var(--_space) * 2);
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
      }
      .detail {
        display: grid;
        gap: calc(var(--_space) * 2);
        min-width: 0;
      }
      .live {
        min-width: 0;
      }
      @container (min-width: 900px) {
        .layout {
          grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr);
        }
        .live {
          grid-column: 2;
        }
      }
      @container (min-width: 1400px) {
        .layout {
          grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr) minmax(0, 1fr);
        }
        .live {
          grid-column: 3;
          grid-row: 1;
        }
      }
    `,
  ];

  /** The rep's name, as customers see it ("Signed in as …"). */
  declare repName: string;
  /** Set by the page when signing in failed (no token, or the demo session refused). */
  declare signInError: 'no_token' | 'failed' | undefined;
  declare private selected: { id: string; accountId: string } | undefined;
  declare private queueRevision: number;
  declare private detailRevision: number;
  private readonly viewSources = new Map<string, TokenSource>();

  private readonly detailTask = new Task(this, {
    task: async ([client, selected]) => {
      if (!selected) return undefined;
      return (client ?? this.requireClient()).get<Handoff>(
        `/v1/rep/handoffs/${encodeURIComponent(selected.id)}`,
      );
    },
    args: () => [this.valueClient, this.selected, this.detailRevision] as const,
  });

  constructor() {
    super();
    this.repName = '';
    this.signInError = undefined;
    this.selected = undefined;
    this.queueRevision = 0;
    this.detailRevision = 0;
  }

  /**
   * Mints the account's read-only view token with the rep token. The dashboard, the brief and
   * the planner ask at once: a token minted moments ago is shared; later asks (a refresh, a 401)
   * mint a new one.
   */
  viewToken(accountId: string): TokenSource {
    let source = this.viewSources.get(accountId);
    if (source) return source;
    let recent: { token: string; at: number } | undefined;
    let pending: Promise<string> | undefined;
    source = () => {
      if (recent && Date.now() - recent.at < VIEW_TOKEN_REUSE_MS) {
        return Promise.resolve(recent.token);
      }
      pending ??= this.requireClient()
        .post<{ token: string; expiresAt: string }>(
          `/v1/rep/accounts/${encodeURIComponent(accountId)}/view`,
          {},
        )
        .then((view) => {
          recent = { token: view.token, at: Date.now() };
          return view.token;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    };
    this.viewSources.set(accountId, source);
    return source;
  }

  private handleSelect(event: CustomEvent<{ id: string; accountId: string }>): void {
    this.selected = { id: event.detail.id, accountId: event.detail.accountId };
  }

  /** After an answer or a status change, the queue and the hand-off are read again. */
  private handleChanged(): void {
    this.queueRevision += 1;
    this.detailRevision += 1;
  }

  private handleStartPlan(event: CustomEvent<{ scenarioId: string }>): void {
    const plan = this.detailTask.value?.brief?.scenarios?.find(
      (candidate) => candidate.id === event.detail.scenarioId,
    );
    void this.renderRoot.querySelector<VpRepReply>('vp-rep-reply')?.startFrom(plan);
  }

  /** The queue element (tests and the page wait on it). */
  get queue(): VpRepQueue | null {
    return this.renderRoot.querySelector('vp-rep-queue');
  }

  override render() {
    const locale = this.uiLocale;
    if (this.signInError || (!this.token && !this.fetchToken && !this.client)) {
      return html`<div class="console" part="console">
        <div class="state error" role="alert">
          ${strings(locale, this.signInError === 'failed' ? 'signInFailed' : 'noToken')}
        </div>
      </div>`;
    }
    return html`<div class="console" part="console">
      ${
        this.repName
          ? html`<p class="muted" id="signed-in">${strings(locale, 'signedInAs', { name: this.repName })}</p>`
          : nothing
      }
      <div class="layout">
        <vp-rep-queue
          class="card"
          .client=${this.valueClient}
          .revision=${this.queueRevision}
          .selected=${this.selected?.id ?? ''}
          locale=${this.locale}
          theme=${this.theme}
          @vp-rep-select=${this.handleSelect}
        ></vp-rep-queue>
        ${this.renderDetail()}
      </div>
    </div>`;
  }

  private renderDetail() {
    const locale = this.uiLocale;
    const selected = this.selected;
    if (!selected) {
      return html`<section class="detail card" aria-label=${strings(locale, 'title')}>
        ${renderEmpty(strings(locale, 'pick'))}
      </section>`;
    }
    const shown = (handoff: Handoff | undefined) =>
      handoff && handoff.id === selected.id ? this.renderHandoff(handoff) : undefined;
    return html`${this.detailTask.render({
      // Read again after a reply: the one on screen stays (with what is typed) until it is here.
      pending: () =>
        shown(this.detailTask.value) ??
        html`<section class="detail card">${renderLoading(locale, 'lines')}</section>`,
      error: (error) => {
        this.reportError(error);
        return html`<section class="detail card">
          ${renderError(error, locale, () => void this.detailTask.run())}
        </section>`;
      },
      complete: (handoff) => shown(handoff) ?? nothing,
    })}
    ${this.renderLive(selected.accountId)}`;
  }

  private renderHandoff(handoff: Handoff) {
    const view = this.viewToken(handoff.accountId);
    const scenarios = handoff.brief?.scenarios ?? [];
    const start: BriefScenario | undefined = scenarios.find((plan) => plan.topic) ?? scenarios[0];
    return html`<section class="detail">
      <vp-rep-brief
        class="card"
        .handoff=${handoff}
        .fetchToken=${view}
        api=${this.api}
        locale=${this.locale}
        theme=${this.theme}
        @vp-rep-plan=${this.handleStartPlan}
      ></vp-rep-brief>
      <vp-rep-reply
        class="card"
        .handoff=${handoff}
        .client=${this.valueClient}
        .viewToken=${view}
        .startPlan=${start}
        api=${this.api}
        locale=${this.locale}
        theme=${this.theme}
        @vp-rep-replied=${this.handleChanged}
        @vp-rep-status=${this.handleChanged}
      ></vp-rep-reply>
    </section>`;
  }

  private renderLive(accountId: string) {
    const locale = this.uiLocale;
    return html`<section class="live card" aria-labelledby="live-title">
      <h2 id="live-title">${strings(locale, 'dashboardTitle')}</h2>
      ${keyed(
        accountId,
        html`<vp-dashboard
          sections=${DASHBOARD_SECTIONS}
          .fetchToken=${this.viewToken(accountId)}
          api=${this.api}
          locale=${this.locale}
          theme=${this.theme}
        ></vp-dashboard>`,
      )}
    </section>`;
  }
}

defineElement('vp-rep-console', VpRepConsole);

declare global {
  interface HTMLElementTagNameMap {
    'vp-rep-console': VpRepConsole;
  }
}
