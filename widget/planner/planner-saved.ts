import { html, nothing, type TemplateResult } from 'lit';
import {
  type Band,
  type Lever,
  type ProjectionBasis,
  project,
} from '../../blueprint/projection.ts';
import type { SavedScenario } from '../api/types.ts';
import { formatDay, formatMoney } from '../core/format.ts';
import { renderPlanHandoff } from '../handoff/handoff-ask.ts';
import { strings } from './planner.strings.ts';
import { compareRows, type LeverValues, leverName, leverValueText } from './planner-model.ts';

/** What the saved plans and the comparison need from the planner. */
export interface SavedView {
  locale: string;
  intlLocale: string;
  basis: ProjectionBasis;
  levers: readonly Lever[];
  plans: readonly SavedScenario[];
  /** "Ask about this" on each plan. */
  handoff: boolean;
  canChange(plan: SavedScenario): boolean;
  comparing: readonly string[];
  renaming: string | undefined;
  confirmingDelete: string | undefined;
  open(plan: SavedScenario): void;
  toggleCompare(plan: SavedScenario): void;
  startRename(plan: SavedScenario | undefined): void;
  rename(plan: SavedScenario, name: string): void;
  toggleShare(plan: SavedScenario): void;
  askDelete(plan: SavedScenario | undefined): void;
  remove(plan: SavedScenario): void;
  closeCompare(): void;
}

/** A plan's levers this account still has (a changed model may have dropped some). */
export function knownLevers(levers: readonly Lever[], values: LeverValues): LeverValues {
  const known: LeverValues = {};
  for (const lever of levers) {
    const value = values[lever.id];
    if (value !== undefined) known[lever.id] = value;
  }
  return known;
}

const money = (v: SavedView, value: number) =>
  formatMoney(value, v.basis.model.currency, v.intlLocale, true);

const bandText = (v: SavedView, band: Band) =>
  `${money(v, band.value)} (${strings(v.locale, 'range', { low: money(v, band.low), high: money(v, band.high) })})`;

function renderPlan(v: SavedView, plan: SavedScenario): TemplateResult {
  const editable = v.canChange(plan);
  const comparing = v.comparing.includes(plan.id);
  const before = plan.saved.planRunRate;
  const now = plan.current.planRunRate.value;
  return html`<li class="plan" part="saved-plan">
    <div class="plan-head">
      ${
        v.renaming === plan.id
          ? html`<form
              class="rename"
              @submit=${(event: Event) => {
                event.preventDefault();
                const field = (event.currentTarget as HTMLFormElement).elements.namedItem(
                  'name',
                ) as HTMLInputElement;
                v.rename(plan, field.value);
              }}
            >
              <label class="visually-hidden" for="rename-${plan.id}">${strings(v.locale, 'name')}</label>
              <input id="rename-${plan.id}" name="name" required maxlength="120" .value=${plan.name} />
              <button type="submit" class="button">${strings(v.locale, 'done')}</button>
              <button type="button" class="link" @click=${() => v.startRename(undefined)}>
                ${strings(v.locale, 'cancel')}
              </button>
            </form>`
          : html`<strong class="plan-name">${plan.name}</strong>`
      }
      <span class="tag">${plan.shared ? strings(v.locale, 'shared') : strings(v.locale, 'private')}</span>
      ${plan.mine ? html`<span class="tag">${strings(v.locale, 'yours')}</span>` : nothing}
    </div>
    ${renderPlanHandoff(v.locale, plan, v.handoff)}
    <p class="plan-worth">
      ${strings(v.locale, 'planWorth', { value: money(v, now) })} ·
      ${formatDay(plan.updatedAt.slice(0, 10), v.intlLocale)}
    </p>
    ${plan.current.moved ? html`<p class="note">${thenNow(v, before, now)}</p>` : nothing}
    ${
      plan.current.droppedLevers.length > 0
        ? html`<p class="note">${strings(v.locale, 'dropped')}</p>`
        : nothing
    }
    <div class="plan-actions">
      <button type="button" class="link" @click=${() => v.open(plan)}>
        ${strings(v.locale, 'open')}<span class="visually-hidden">: ${plan.name}</span>
      </button>
      <label class="check">
        <input type="checkbox" .checked=${comparing} @change=${() => v.toggleCompare(plan)} />
        ${strings(v.locale, 'compare')}<span class="visually-hidden">: ${plan.name}</span>
      </label>
      ${
        editable
          ? html`<button type="button" class="link" @click=${() => v.startRename(plan)}>
                ${strings(v.locale, 'rename')}<span class="visually-hidden">: ${plan.name}</span>
              </button>
              <button type="button" class="link" @click=${() => v.toggleShare(plan)}>
                ${plan.shared ? strings(v.locale, 'unshare') : strings(v.locale, 'shareIt')}<span
                  class="visually-hidden"
                  >: ${plan.name}</span
                >
              </button>
              ${
                v.confirmingDelete === plan.id
                  ? html`<span class="confirm" role="group" aria-label=${strings(v.locale, 'confirmDelete', { name: plan.name })}>
                      ${strings(v.locale, 'confirmDelete', { name: plan.name })}
                      <button type="button" class="danger" @click=${() => v.remove(plan)}>
                        ${strings(v.locale, 'delete')}
                      </button>
                      <button type="button" class="link" @click=${() => v.askDelete(undefined)}>
                        ${strings(v.locale, 'cancel')}
                      </button>
                    </span>`
                  : html`<button type="button" class="link" @click=${() => v.askDelete(plan)}>
                      ${strings(v.locale, 'delete')}<span class="visually-hidden">: ${plan.name}</span>
                    </button>`
              }`
          : nothing
      }
    </div>
  </li>`;
}

export function renderSaved(v: SavedView): TemplateResult {
  return html`<section class="saved" aria-labelledby="saved-title">
    <h4 id="saved-title">${strings(v.locale, 'savedTitle')}</h4>
    ${
      v.plans.length === 0
        ? html`<p class="state empty" part="empty">${strings(v.locale, 'noneSaved')}</p>`
        : html`<ul class="plans">${v.plans.map((plan) => renderPlan(v, plan))}</ul>`
    }
    ${renderCompare(v)}
  </section>`;
}

/** Two plans side by side: what each changes (its inputs), then what each brings, on today's basis. */
function renderCompare(v: SavedView): TemplateResult | typeof nothing {
  const chosen = v.comparing
    .map((id) => v.plans.find((plan) => plan.id === id))
    .filter((plan): plan is SavedScenario => plan !== undefined);
  if (chosen.length < 2) {
    return chosen.length === 1
      ? html`<p class="note">${strings(v.locale, 'compareHint')}</p>`
      : nothing;
  }
  const pair = [chosen[0], chosen[1]] as [SavedScenario, SavedScenario];
  const results = pair.map((plan) =>
    project(v.basis, knownLevers(v.levers, plan.levers), {
      horizonMonths: plan.horizonMonths,
      rampMonths: plan.rampMonths,
    }),
  );
  const currency = v.basis.model.currency;
  const months = (count: number) =>
    strings(v.locale, count === 1 ? 'months_one' : 'months_other', { months: count });
  const ramp = (count: number) =>
    count === 0
      ? strings(v.locale, 'rampNow')
      : strings(v.locale, count === 1 ? 'rampOver_one' : 'rampOver_other', { months: count });
  return html`<section class="compare" part="compare" aria-labelledby="compare-title">
    <h4 id="compare-title">${strings(v.locale, 'compareTitle')}</h4>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <td></td>
            ${pair.map((plan) => html`<th scope="col">${plan.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          <tr class="section-row"><th scope="rowgroup" colspan="3">${strings(v.locale, 'inputs')}</th></tr>
          ${compareRows(v.levers, pair).map(
            (row) => html`<tr>
              <th scope="row">${row.lever.kind === 'assumption' ? row.lever.label : `${row.lever.label}: ${leverName(row.lever, v.locale)}`}</th>
              ${row.values.map((value) => {
                const words = leverValueText(row.lever, value, currency, v.intlLocale);
                return html`<td>
                  ${value === row.lever.baseline ? strings(v.locale, 'asToday', { value: words }) : words}
                </td>`;
              })}
            </tr>`,
          )}
          <tr>
            <th scope="row">${strings(v.locale, 'horizon')}</th>
            ${pair.map((plan) => html`<td>${months(plan.horizonMonths)}</td>`)}
          </tr>
          <tr>
            <th scope="row">${strings(v.locale, 'ramp')}</th>
            ${pair.map((plan) => html`<td>${ramp(plan.rampMonths)}</td>`)}
          </tr>
          <tr class="section-row"><th scope="rowgroup" colspan="3">${strings(v.locale, 'outputs')}</th></tr>
          <tr>
            <th scope="row">${strings(v.locale, 'runRate')}</th>
            ${results.map((result) => html`<td>${bandText(v, result.annualRunRate)}</td>`)}
          </tr>
          <tr>
            <th scope="row">${strings(v.locale, 'change')}</th>
            ${results.map(
              (result) =>
                html`<td>${signedMoney(v, result.annualRunRate.value - result.baseline.annualRunRate.value)}</td>`,
            )}
          </tr>
          <tr>
            <th scope="row">${strings(v.locale, 'firstYearRow')}</th>
            ${results.map((result) => html`<td>${bandText(v, result.firstYear)}</td>`)}
          </tr>
        </tbody>
      </table>
    </div>
    <button type="button" class="link" @click=${() => v.closeCompare()}>
      ${strings(v.locale, 'closeCompare')}
    </button>
  </section>`;
}

/**
 * What a saved plan was worth and is worth on today's numbers; "about the same" when the two
 * amounts read alike at the precision shown (not "$3.7M … about $3.7M").
 */
function thenNow(v: SavedView, before: number, now: number): string {
  const [saved, today] = [money(v, before), money(v, now)];
  return saved === today
    ? strings(v.locale, 'thenNowSame', { saved })
    : strings(v.locale, 'thenNow', { saved, now: today });
}

function signedMoney(v: SavedView, delta: number): string {
  if (delta === 0) return strings(v.locale, 'sameAsToday');
  const text = money(v, Math.abs(delta));
  return delta > 0 ? `+${text}` : `−${text}`;
}
