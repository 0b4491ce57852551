import { html, nothing, type TemplateResult } from 'lit';
import type { BriefPart, Fact, HandoffBrief, JourneyDigest } from '../api/types.ts';
import { formatDayRange, formatFact } from '../core/format.ts';
import { common } from '../i18n/common.strings.ts';
import { pluralForm } from '../i18n/locale.ts';
import { strings } from './handoff.strings.ts';
import { BRIEF_PARTS, type Included } from './handoff-model.ts';

/**
 * The brief laid out for a person: what the success manager will read, part by part, each with its
 * checkbox to leave it out. Figures are formatted the way the rest of the widget formats them.
 */

export interface BriefView {
  locale: string;
  intlLocale: string;
  included: Included;
  toggle(part: BriefPart): void;
}

type Key = Parameters<typeof strings>[1];

const say = (v: BriefView, key: Key, vars?: Record<string, string | number>) =>
  strings(v.locale, key, vars);

/** A count in words with its plural: `explained_one` / `explained_other`. */
const counted = (v: BriefView, key: string, count: number) =>
  say(v, `${key}_${pluralForm(v.locale, count)}` as Key, { count });

function figure(v: BriefView, fact: Fact): TemplateResult {
  return html`<strong>${formatFact(fact.value, fact.unit, v.intlLocale, fact.estimated)}</strong>${
    fact.estimated
      ? html` <span class="badge estimated">${common(v.locale, 'estimated')}</span>`
      : nothing
  }`;
}

function renderValue(v: BriefView, value: NonNullable<HandoffBrief['value']>) {
  const period = formatDayRange(value.period.from, value.period.to, v.intlLocale);
  return html`<p>${period}: ${figure(v, value.total)}${
    value.roi
      ? html` · ${say(v, 'roi', { multiple: formatFact(value.roi.value, value.roi.unit, v.intlLocale, value.roi.estimated) })}`
      : nothing
  }</p>
    ${
      value.byCategory.length > 0
        ? html`<ul>
          ${value.byCategory.map(
            (row) =>
              html`<li>${say(v, `category_${row.category}` as Key)}: ${figure(v, row.money)}</li>`,
          )}
        </ul>`
        : nothing
    }
    ${
      value.promises.length > 0
        ? html`<ul>
          ${value.promises.map(
            (promise) =>
              html`<li>${say(v, 'promise', {
                label: promise.label,
                progress: formatFact(
                  promise.progress.value,
                  promise.progress.unit,
                  v.intlLocale,
                  promise.progress.estimated,
                ),
              })}</li>`,
          )}
        </ul>`
        : nothing
    }`;
}

/** The journey in the seed's terms: looked at, planned, learned, set aside, in plain words. */
export function journeyLines(v: BriefView, brief: HandoffBrief, journey: JourneyDigest) {
  const offerName = (id: string) => brief.offers?.find((offer) => offer.offerId === id)?.label;
  const looked: string[] = [];
  const sections = journey.explored.sections.map((row) => say(v, `section_${row.section}` as Key));
  if (sections.length > 0) looked.push(sections.join(', '));
  for (const cut of journey.explored.cuts.slice(0, 3)) {
    const period = formatDayRange(cut.from, cut.to, v.intlLocale);
    looked.push(cut.filter ? `${period} (${cut.filter.value})` : period);
  }
  const explains = journey.explored.drivers.reduce((sum, row) => sum + row.explains, 0);
  if (explains > 0) looked.push(counted(v, 'explained', explains));

  const planned: string[] = [];
  if (journey.prioritized.plans.length > 0) {
    planned.push(journey.prioritized.plans.map((plan) => plan.name).join(', '));
  }
  if (journey.prioritized.comparedPlans.length > 0) {
    planned.push(counted(v, 'compared', journey.prioritized.comparedPlans.length));
  }
  const started = journey.prioritized.acceptedOffers.map((row) => offerName(row.offerId));
  const named = started.filter((name): name is string => name !== undefined);
  if (named.length > 0) planned.push(say(v, 'started', { names: named.join(', ') }));

  const learned: string[] = [];
  const questions = journey.learned.storyQuestions.reduce((sum, row) => sum + row.times, 0);
  if (questions > 0) learned.push(counted(v, 'storyQuestions', questions));
  if (journey.learned.explains.length > 0) {
    learned.push(counted(v, 'explained', journey.learned.explains.length));
  }

  const aside: string[] = [];
  const unnamed = journey.discarded.offers.filter((row) => !offerName(row.offerId)).length;
  for (const row of journey.discarded.offers) {
    const name = offerName(row.offerId);
    if (name) aside.push(`${name} (${say(v, `reason_${row.reason}` as Key)})`);
  }
  if (unnamed > 0) aside.push(counted(v, 'hiddenOffers', unnamed));
  if (journey.discarded.plans.length > 0) {
    aside.push(counted(v, 'deletedPlans', journey.discarded.plans.length));
  }
  return [
    { key: 'looked' as const, lines: looked },
    { key: 'planned' as const, lines: planned },
    { key: 'learned' as const, lines: learned },
    { key: 'setAside' as const, lines: aside },
  ];
}

function renderJourney(v: BriefView, brief: HandoffBrief, journey: JourneyDigest) {
  return html`<dl class="journey">
    ${journeyLines(v, brief, journey).map(
      (row) => html`<dt>${say(v, row.key)}</dt>
        <dd>${row.lines.length > 0 ? row.lines.join(' · ') : say(v, 'nothingYet')}</dd>`,
    )}
  </dl>`;
}

function renderScenarios(v: BriefView, scenarios: NonNullable<HandoffBrief['scenarios']>) {
  if (scenarios.length === 0) return html`<p>${say(v, 'nothingYet')}</p>`;
  return html`<ul>
    ${scenarios.map(
      (plan) => html`<li>
        <strong>${plan.name}</strong>
        (${plan.shared ? say(v, 'sharedPlan') : say(v, 'privatePlan')}${
          plan.topic ? `, ${say(v, 'asking')}` : ''
        })<br />
        ${say(v, 'planFigures', {
          plan: formatFact(plan.planRunRate.value, plan.planRunRate.unit, v.intlLocale, true),
          today: formatFact(
            plan.baselineRunRate.value,
            plan.baselineRunRate.unit,
            v.intlLocale,
            true,
          ),
        })}
        <span class="badge estimated">${common(v.locale, 'estimated')}</span>
      </li>`,
    )}
  </ul>`;
}

function renderOffers(v: BriefView, offers: NonNullable<HandoffBrief['offers']>) {
  if (offers.length === 0) return html`<p>${say(v, 'nothingYet')}</p>`;
  return html`<ul>
    ${offers.map(
      (offer) => html`<li>
        <strong>${offer.label}</strong>${offer.topic ? ` (${say(v, 'asking')})` : ''}:
        ${say(v, `state_${offer.state}` as Key)}${
          offer.reason ? ` (${say(v, `reason_${offer.reason}` as Key)})` : ''
        }${
          offer.projected
            ? html`, ${say(v, 'projected', {
                money: formatFact(
                  offer.projected.value,
                  offer.projected.unit,
                  v.intlLocale,
                  offer.projected.estimated,
                ),
              })}`
            : nothing
        }
      </li>`,
    )}
  </ul>`;
}

function renderPart(v: BriefView, brief: HandoffBrief, part: BriefPart) {
  const left = !v.included[part] || brief.omitted.includes(part);
  let body: TemplateResult | string = say(v, 'nothingYet');
  if (left) body = say(v, 'notShared');
  else if (part === 'value' && brief.value) body = renderValue(v, brief.value);
  else if (part === 'story' && brief.story) body = html`<p>${brief.story.headline}</p>`;
  else if (part === 'journey' && brief.journey) body = renderJourney(v, brief, brief.journey);
  else if (part === 'scenarios' && brief.scenarios) body = renderScenarios(v, brief.scenarios);
  else if (part === 'offers' && brief.offers) body = renderOffers(v, brief.offers);
  return html`<section class="part ${left ? 'left-out' : ''}" part="brief-part" data-part=${part}>
    <div class="part-head">
      <h5>${say(v, `part_${part}` as Key)}</h5>
      <label class="check">
        <input
          type="checkbox"
          name="share-${part}"
          .checked=${v.included[part]}
          @change=${() => v.toggle(part)}
        />
        ${say(v, `share_${part}` as Key)}
      </label>
    </div>
    ${typeof body === 'string' ? html`<p class="muted">${body}</p>` : body}
  </section>`;
}

/** Every part of the brief in order, with its checkbox. */
export function renderBrief(v: BriefView, brief: HandoffBrief): TemplateResult {
  return html`${BRIEF_PARTS.map((part) => renderPart(v, brief, part))}`;
}
