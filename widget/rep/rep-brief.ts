import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import type { Handoff, HandoffBrief } from '../../blueprint/api/handoffs.ts';
import type { Fact } from '../../blueprint/api/story.ts';
import { type Lever, leversOf, type ProjectionBasis } from '../../blueprint/projection.ts';
import type { LeversAnswer } from '../api/types.ts';
import { defineElement } from '../core/define.ts';
import { VpElement } from '../core/element.ts';
import { formatDayRange, formatFact } from '../core/format.ts';
import { common } from '../i18n/common.strings.ts';
import { pluralForm } from '../i18n/locale.ts';
import { leverName, leverValueText } from '../planner/planner-model.ts';
import { tokens } from '../styles/tokens.ts';
import { strings } from './rep.strings.ts';
import { repStyles } from './rep.styles.ts';
import { briefStrings as t } from './rep-brief.strings.ts';
import { digestSentences } from './rep-digest.ts';
import { emitRep } from './rep-events.ts';
import { formatAge, formatList, formatWhen } from './rep-model.ts';

type BriefScenario = NonNullable<HandoffBrief['scenarios']>[number];

/**
 * One hand-off's brief laid out for a person: the customer's message and topic first, then what
 * they did (the digest, in sentences), their numbers as they stood, their plans with inputs and
 * outputs, and the suggestions they saw. Lever names come from `GET /v1/scenarios/levers`, read
 * with the account's view token (`fetchToken` or `client`).
 *
 * @summary The brief of a hand-off, for the success manager.
 *
 * @fires vp-rep-plan - "Reply with a variant of this plan". detail: {scenarioId}
 *
 * @csspart brief - The whole brief.
 * @csspart message - The customer's message.
 */
export class VpRepBrief extends VpElement {
  static override properties = {
    ...VpElement.properties,
    handoff: { attribute: false },
  };

  static override styles = [
    tokens,
    repStyles,
    css`
      .brief {
        display: grid;
        gap: calc(var(--_space) * 2);
      }
      blockquote {
        margin: 0;
        padding: var(--_space) calc(var(--_space) * 2);
        border-left: 3px solid var(--_accent);
        background: var(--_surface);
        border-radius: 0 var(--_radius) var(--_radius) 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 2);
        margin: 0 0 var(--_space);
      }
      .figure {
        display: grid;
      }
      .figure strong {
        font-size: 1.25em;
      }
      .plan {
        display: grid;
        gap: var(--_space);
        padding-top: var(--_space);
        border-top: 1px solid var(--_border);
      }
      .topic-mark {
        font-weight: normal;
        color: var(--_muted);
        font-size: 0.875em;
      }
      .table-scroll {
        overflow-x: auto;
      }
    `,
  ];

  /** The hand-off with its brief (`GET /v1/rep/handoffs/{id}`). */
  declare handoff: Handoff | undefined;

  private readonly leversTask = new Task(this, {
    task: async ([client]) => {
      const answer = await (client ?? this.requireClient()).get<LeversAnswer>(
        '/v1/scenarios/levers',
      );
      const basis = answer.basis as ProjectionBasis;
      return { basis, levers: leversOf(basis) };
    },
    args: () => [this.valueClient] as const,
  });

  constructor() {
    super();
    this.handoff = undefined;
  }

  override render() {
    const handoff = this.handoff;
    const brief = handoff?.brief;
    if (!handoff) return nothing;
    const locale = this.uiLocale;
    const channel = strings(locale, `channel_${handoff.channel}`);
    const how = handoff.when
      ? strings(locale, 'channelWhen', { channel, when: strings(locale, `when_${handoff.when}`) })
      : channel;
    return html`<article class="brief" part="brief" aria-labelledby="brief-topic">
      <header>
        <h2 id="brief-topic">${handoff.topic.label}</h2>
        <p class="muted">
          <span class="status ${handoff.status}">${strings(locale, `status_${handoff.status}`)}</span>
          ${handoff.accountId} ·
          <span title=${formatWhen(handoff.createdAt, this.intlLocale)}
            >${t(locale, 'askedBy', {
              user: handoff.askedBy,
              age: formatAge(handoff.createdAt, this.intlLocale),
              channel: how,
            })}</span
          >
        </p>
        <h3 class="visually-hidden">${t(locale, 'message')}</h3>
        <blockquote part="message">${handoff.message}</blockquote>
        ${
          brief && brief.omitted.length > 0
            ? html`<p class="muted">${t(locale, 'omitted', {
                parts: formatList(
                  brief.omitted.map((part) => t(locale, `part_${part}`)),
                  this.intlLocale,
                ),
              })}</p>`
            : nothing
        }
      </header>
      ${brief ? this.renderDigest(brief) : nothing}
      ${brief ? this.renderNumbers(brief) : nothing}
      ${brief ? this.renderPlans(brief) : nothing}
      ${brief ? this.renderOffers(brief) : nothing}
    </article>`;
  }

  /** Labels of drivers by id: from the model when the levers loaded, else from the brief. */
  private driverLabels(brief: HandoffBrief): Map<string, string> {
    const labels = new Map<string, string>();
    for (const promise of brief.value?.promises ?? []) labels.set(promise.driver, promise.label);
    for (const driver of this.leversTask.value?.basis.model.drivers ?? []) {
      labels.set(driver.id, driver.label);
    }
    return labels;
  }

  private renderDigest(brief: HandoffBrief) {
    const locale = this.uiLocale;
    const heading = html`<h3>${t(locale, 'digestTitle')}</h3>`;
    if (!brief.journey) {
      return html`<section>${heading}<p class="muted">${t(locale, 'notShared')}</p></section>`;
    }
    const parts = digestSentences(brief.journey, {
      locale,
      intlLocale: this.intlLocale,
      now: Date.now(),
      drivers: this.driverLabels(brief),
      offers: new Map((brief.offers ?? []).map((offer) => [offer.offerId, offer.label])),
      plans: new Map([
        ...brief.journey.prioritized.plans.map((plan) => [plan.scenarioId, plan.name] as const),
        ...(brief.scenarios ?? []).map((plan) => [plan.id, plan.name] as const),
      ]),
    }).filter((part) => part.sentences.length > 0);
    return html`<section class="digest" aria-labelledby="digest-title">
      <h3 id="digest-title">${t(locale, 'digestTitle')}</h3>
      <p class="muted">${t(locale, 'digestWindow')}</p>
      ${
        parts.length === 0
          ? html`<p>${t(locale, 'nothingRecorded')}</p>`
          : parts.map(
              (part) => html`<h4 class="part-title">${t(locale, part.key)}</h4>
                ${part.key === 'openQuestions' ? html`<p class="muted">${t(locale, 'openQuestionsHint')}</p>` : nothing}
                <ul data-part=${part.key}>
                  ${part.sentences.map((sentence) => html`<li>${sentence}</li>`)}
                </ul>`,
            )
      }
    </section>`;
  }

  private fact(fact: Fact) {
    const locale = this.uiLocale;
    const text =
      fact.formatted ?? formatFact(fact.value, fact.unit, this.intlLocale, fact.estimated);
    return html`${text}
      <span class="badge ${fact.estimated ? 'estimated' : 'measured'}"
        >${common(locale, fact.estimated ? 'estimated' : 'measured')}</span
      >`;
  }

  private renderNumbers(brief: HandoffBrief) {
    const locale = this.uiLocale;
    const value = brief.value;
    const story = brief.story;
    if (!value && !story) return nothing;
    return html`<section aria-labelledby="numbers-title">
      <h3 id="numbers-title">${t(locale, 'numbersTitle')}</h3>
      ${
        value
          ? html`<p class="muted">${t(locale, 'numbersWhen', {
              range: formatDayRange(value.period.from, value.period.to, this.intlLocale),
            })}</p>
              <div class="figures">
                <span class="figure"
                  ><span class="muted">${t(locale, 'total')}</span><strong>${this.fact(value.total)}</strong></span
                >
                ${
                  value.roi
                    ? html`<span class="figure"
                        ><span class="muted">${t(locale, 'roi')}</span><strong>${this.fact(value.roi)}</strong></span
                      >`
                    : nothing
                }
              </div>
              ${
                value.byCategory.length > 0
                  ? html`<ul>
                      ${value.byCategory.map(
                        (row) =>
                          html`<li>${t(locale, `category_${row.category}` as 'category_cost')}: ${this.fact(row.money)}</li>`,
                      )}
                    </ul>`
                  : nothing
              }
              ${
                value.promises.length > 0
                  ? html`<h4 class="part-title">${t(locale, 'promises')}</h4>
                      <ul>
                        ${value.promises.map((promise) => {
                          const status = this.promiseStatus(promise.status);
                          return html`<li>
                            ${t(locale, 'promiseLine', {
                              label: promise.label,
                              progress:
                                promise.progress.formatted ??
                                formatFact(
                                  promise.progress.value,
                                  promise.progress.unit,
                                  this.intlLocale,
                                  promise.progress.estimated,
                                ),
                            })}${status ? ` (${status})` : ''}
                          </li>`;
                        })}
                      </ul>`
                  : nothing
              }`
          : nothing
      }
      ${
        story
          ? html`<h4 class="part-title">${t(locale, 'storyTitle')}</h4>
              <p>${story.headline}</p>
              <ul>
                ${story.points.map(
                  (point) =>
                    html`<li>${point.text}${point.topic ? html` <span class="topic-mark">${t(locale, 'aboutThis')}</span>` : nothing}</li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`;
  }

  /** A promise's status in words; a code the console does not know is left unsaid. */
  private promiseStatus(status: string): string | undefined {
    const known = ['ahead', 'on_pace', 'behind', 'not_started', 'ended_met', 'ended_missed'];
    return known.includes(status)
      ? t(this.uiLocale, `promise_${status}` as 'promise_ahead')
      : undefined;
  }

  private renderPlans(brief: HandoffBrief) {
    const plans = brief.scenarios ?? [];
    if (plans.length === 0) return nothing;
    const locale = this.uiLocale;
    const levers = this.leversTask.value?.levers;
    return html`<section aria-labelledby="plans-title">
      <h3 id="plans-title">${t(locale, 'plansTitle')}</h3>
      ${
        this.leversTask.error
          ? html`<p class="muted" role="status">${t(locale, 'leversUnknown')}</p>`
          : nothing
      }
      ${plans.map((plan) => this.renderPlan(plan, levers))}
    </section>`;
  }

  private renderPlan(plan: BriefScenario, levers: readonly Lever[] | undefined) {
    const locale = this.uiLocale;
    const intl = this.intlLocale;
    const currency = this.leversTask.value?.basis.model.currency ?? planCurrency(plan);
    const who = plan.author.startsWith('rep:')
      ? t(locale, 'byRep')
      : t(locale, plan.shared ? 'byThemShared' : 'byThem');
    const ramp =
      plan.rampMonths === 0
        ? t(locale, 'rampNow')
        : t(locale, `rampMonths_${pluralForm(locale, plan.rampMonths)}`, {
            count: plan.rampMonths,
          });
    const rows = Object.entries(plan.levers).map(([id, value]) => {
      const lever = levers?.find((candidate) => candidate.id === id);
      return {
        id,
        name: lever
          ? lever.kind === 'assumption'
            ? lever.label
            : `${lever.label}: ${leverName(lever, locale)}`
          : id,
        today: lever ? leverValueText(lever, lever.baseline, currency, intl) : '—',
        plan: lever ? leverValueText(lever, value, currency, intl) : String(value),
      };
    });
    const titleId = `plan-${plan.id}`;
    return html`<div class="plan" data-plan=${plan.id}>
      <h4 id=${titleId}>
        “${plan.name}”
        ${plan.topic ? html`<span class="topic-mark">${t(locale, 'aboutThis')}</span>` : nothing}
      </h4>
      <p class="muted">
        ${t(locale, 'planMeta', {
          who,
          age: formatAge(plan.updatedAt, intl),
          horizon: plan.horizonMonths,
          ramp,
        })}
      </p>
      ${
        rows.length === 0
          ? html`<p>${t(locale, 'noLevers')}</p>`
          : html`<div class="table-scroll"><table aria-labelledby=${titleId}>
              <thead>
                <tr>
                  <th scope="col">${t(locale, 'lever')}</th>
                  <th scope="col" class="number">${t(locale, 'today')}</th>
                  <th scope="col" class="number">${t(locale, 'plan')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) => html`<tr data-lever=${row.id}>
                    <th scope="row">${row.name}</th>
                    <td class="number">${row.today}</td>
                    <td class="number">${row.plan}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
      }
      <p>
        ${t(locale, 'planOutcome', {
          plan:
            plan.planRunRate.formatted ??
            formatFact(plan.planRunRate.value, plan.planRunRate.unit, intl, true),
          today:
            plan.baselineRunRate.formatted ??
            formatFact(plan.baselineRunRate.value, plan.baselineRunRate.unit, intl, true),
        })}
        <span class="badge estimated">${common(locale, 'estimated')}</span>
      </p>
      <div>
        <button
          type="button"
          class="button"
          data-action="start-from"
          aria-describedby=${titleId}
          @click=${() => emitRep(this, 'vp-rep-plan', { scenarioId: plan.id })}
        >
          ${t(locale, 'startFrom')}
        </button>
      </div>
    </div>`;
  }

  private renderOffers(brief: HandoffBrief) {
    const offers = brief.offers ?? [];
    if (offers.length === 0) return nothing;
    const locale = this.uiLocale;
    return html`<section aria-labelledby="offers-title">
      <h3 id="offers-title">${t(locale, 'offersTitle')}</h3>
      <ul>
        ${offers.map((offer) => {
          const state =
            offer.state === 'dismissed' && offer.reason
              ? `${t(locale, 'offer_dismissed')}: ${t(locale, `reason_${offer.reason}`)}`
              : t(locale, `offer_${offer.state}`);
          const projected = offer.projected
            ? `, ${t(locale, 'offerProjected', {
                money:
                  offer.projected.formatted ??
                  formatFact(offer.projected.value, offer.projected.unit, this.intlLocale, true),
              })}`
            : '';
          return html`<li data-offer=${offer.offerId}>
            <strong>${offer.label}</strong> — ${state}${projected}
            ${offer.topic ? html`<span class="topic-mark">${t(locale, 'aboutThis')}</span>` : nothing}
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

/** The currency of a plan's figures when the model has not loaded (its run rate is money). */
function planCurrency(plan: BriefScenario): string {
  return plan.planRunRate.unit.kind === 'money' ? plan.planRunRate.unit.currency : 'USD';
}

defineElement('vp-rep-brief', VpRepBrief);

declare global {
  interface HTMLElementTagNameMap {
    'vp-rep-brief': VpRepBrief;
  }
}
