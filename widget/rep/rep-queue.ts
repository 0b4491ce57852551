import { Task } from '@lit/task';
import { css, html } from 'lit';
import type { HandoffStatus } from '../../blueprint/api/handoffs.ts';
import type { RepQueue } from '../../blueprint/api/rep.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { formatMoney, formatRatio } from '../core/format.ts';
import { renderEmpty, renderError, renderLoading } from '../core/states.ts';
import { pluralForm } from '../i18n/locale.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './rep.strings.ts';
import { repStyles } from './rep.styles.ts';
import { emitRep } from './rep-events.ts';
import { formatAge, formatWhen, type QueueItem, queueOrder, STATUSES } from './rep-model.ts';

/**
 * The rep's queue: every hand-off the rep may see (`GET /v1/rep/handoffs`, a rep token), oldest
 * open first, each with its status, how long it has waited, the account, the topic, how and when
 * the customer wants to talk, and the account's value at a glance. A status filter narrows it.
 *
 * @summary The success manager's queue of hand-offs.
 *
 * @fires vp-rep-select - A hand-off was picked. detail: {id, accountId}
 * @fires vp-error - {code, message} when the queue could not load.
 *
 * @csspart queue - The whole queue.
 * @csspart item - One hand-off's button.
 */
export class VpRepQueue extends VpElement {
  static override properties = {
    ...VpElement.properties,
    status: { type: String },
    selected: { type: String },
  };

  static override styles = [
    tokens,
    repStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: baseline;
        justify-content: space-between;
      }
      label {
        display: inline-flex;
        gap: calc(var(--_space) * 0.5);
        align-items: baseline;
        font-size: 0.875em;
      }
      select {
        padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 0.5);
        background: var(--_bg);
      }
      ol {
        list-style: none;
        margin: var(--_space) 0 0;
        padding: 0;
        display: grid;
        gap: var(--_space);
      }
      .item {
        display: grid;
        gap: calc(var(--_space) * 0.25);
        width: 100%;
        text-align: left;
        padding: var(--_space) calc(var(--_space) * 1.5);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_bg);
      }
      .item:hover {
        border-color: var(--_accent);
      }
      .item[aria-current='true'] {
        border-color: var(--_accent);
        box-shadow: inset 3px 0 0 var(--_accent);
        background: var(--_surface);
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 0.75);
        align-items: baseline;
      }
      .topic {
        font-weight: 600;
      }
      .glance {
        font-size: 0.875em;
      }
    `,
  ];

  /** Only hand-offs with this status ("" for every status). */
  declare status: HandoffStatus | '';
  /** The id of the hand-off shown beside the queue. */
  declare selected: string;
  /** Bump to read the queue again (after a reply or a status change). */
  private readonly queueTask = new Task(this, {
    task: async ([client, status]) => {
      const answer = await (client ?? this.requireClient()).get<RepQueue>('/v1/rep/handoffs', {
        status: status || undefined,
      });
      return queueOrder(answer.handoffs);
    },
    args: () => [this.valueClient, this.status, this.revision] as const,
  });

  constructor() {
    super();
    this.status = '';
    this.selected = '';
  }

  /** The queue as it loaded last (the console picks the first one from it). */
  get items(): QueueItem[] | undefined {
    return this.queueTask.value;
  }

  /** Resolves when the queue has loaded (or failed). */
  get loaded(): Promise<unknown> {
    return this.queueTask.taskComplete.catch(() => undefined);
  }

  private handleFilter(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value as HandoffStatus | '';
  }

  override render() {
    const locale = this.uiLocale;
    return html`<section class="queue" part="queue" aria-labelledby="queue-title">
      <div class="head">
        <h2 id="queue-title">${strings(locale, 'queueTitle')}</h2>
        <label>
          ${strings(locale, 'filter')}
          <select id="status-filter" @change=${this.handleFilter}>
            <option value="" ?selected=${this.status === ''}>${strings(locale, 'filterAll')}</option>
            ${STATUSES.map(
              (status) =>
                html`<option value=${status} ?selected=${this.status === status}>
                  ${strings(locale, `status_${status}`)}
                </option>`,
            )}
          </select>
        </label>
      </div>
      ${this.queueTask.render({
        pending: () => renderLoading(locale, 'rows'),
        error: (error) => {
          this.reportError(error);
          return renderError(error, locale, () => void this.queueTask.run());
        },
        complete: (items) => this.renderItems(items),
      })}
    </section>`;
  }

  private renderItems(items: QueueItem[]) {
    const locale = this.uiLocale;
    if (items.length === 0) {
      return renderEmpty(strings(locale, this.status ? 'queueEmptyFiltered' : 'queueEmpty'));
    }
    return html`<p class="muted" role="status">
        ${strings(locale, `queueCount_${pluralForm(locale, items.length)}`, { count: items.length })}
      </p>
      <ol>
        ${items.map((item) => html`<li>${this.renderItem(item)}</li>`)}
      </ol>`;
  }

  private renderItem(item: QueueItem) {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const channel = strings(locale, `channel_${item.channel}`);
    const how = item.when
      ? strings(locale, 'channelWhen', { channel, when: strings(locale, `when_${item.when}`) })
      : channel;
    return html`<button
      type="button"
      class="item"
      part="item"
      data-id=${item.id}
      aria-current=${this.selected === item.id ? 'true' : 'false'}
      @click=${() => {
        this.selected = item.id;
        emitRep(this, 'vp-rep-select', { id: item.id, accountId: item.accountId });
      }}
    >
      <span class="line">
        <span class="status ${item.status}">${strings(locale, `status_${item.status}`)}</span>
        <span class="topic">${item.topic.label}</span>
      </span>
      <span class="line muted">
        <span>${item.accountId}</span>
        <span title=${formatWhen(item.createdAt, intl)}
          >${strings(locale, 'asked', { age: formatAge(item.createdAt, intl) })}</span
        >
        <span>${how}</span>
      </span>
      <span class="glance">${this.glanceText(item)}</span>
    </button>`;
  }

  private glanceText(item: QueueItem): string {
    const locale = this.uiLocale;
    const glance = item.glance;
    if (!glance) return strings(locale, 'glanceNone');
    const parts = [
      strings(locale, 'glance', {
        total: formatMoney(glance.total, glance.currency, this.intlLocale, glance.estimated),
      }),
    ];
    if (glance.roi !== null) {
      parts.push(strings(locale, 'glanceRoi', { roi: formatRatio(glance.roi, this.intlLocale) }));
    }
    if (glance.behindPromises > 0) {
      parts.push(
        strings(locale, `glanceBehind_${pluralForm(locale, glance.behindPromises)}`, {
          count: glance.behindPromises,
        }),
      );
    }
    return parts.join(' · ');
  }
}

defineElement('vp-rep-queue', VpRepQueue);

declare global {
  interface HTMLElementTagNameMap {
    'vp-rep-queue': VpRepQueue;
  }
}
