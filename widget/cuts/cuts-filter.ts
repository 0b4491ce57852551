import { html, nothing } from 'lit';
import type { CutOptions, SegmentFilter } from '../api/types.ts';
import { common } from '../i18n/common.strings.ts';
import { strings } from './cuts.strings.ts';
import { inSentence, wayName } from './cuts-model.ts';

/** What to show in `<vp-cuts>`: everything, or one value of a team, workspace, feature…. */

/** What the filter needs from `<vp-cuts>`: the filter that is on, the one being picked, handlers. */
export interface Filter {
  locale: string;
  /** The cut's filter, if any. */
  filter: SegmentFilter | undefined;
  /** The way to filter picked so far; empty for everything. */
  by: string;
  chooseBy(event: Event): void;
  chooseValue(event: Event): void;
  clear(): void;
  retry(): void;
}

/** While the ways to filter are on their way: the label and a placeholder. */
export function renderFilterLoading(locale: string) {
  return html`<span class="field" role="status">
        <span class="label">${strings(locale, 'show')}</span>
        <span class="skeleton skeleton-select" aria-hidden="true"></span>
        <span class="visually-hidden">${strings(locale, 'filterLoading')}</span>
      </span>`;
}

/** The ways to filter, then the values of the one picked, and Clear when a filter is on. */
export function renderFilterControls(options: CutOptions, view: Filter) {
  const { locale, filter, by } = view;
  const segments = options.segments.map((segment) => ({
    ...segment,
    label: wayName(segment.id, options, locale),
  }));
  // A filter set from elsewhere (a story question, the host) shows even when not offered here.
  if (filter) {
    const known = segments.find((segment) => segment.id === filter.by);
    if (!known) {
      segments.push({
        id: filter.by,
        label: wayName(filter.by, options, locale),
        values: [filter.value],
      });
    } else if (!known.values.includes(filter.value)) known.values = [...known.values, filter.value];
  }
  const chosen = segments.find((segment) => segment.id === by);
  const applied = filter && filter.by === by ? filter.value : '';
  return html`<span class="field">
        <label class="label" for="filter-by">${strings(locale, 'show')}</label>
        <select id="filter-by" @change=${(event: Event) => view.chooseBy(event)}>
          <option value="" .selected=${by === ''}>${strings(locale, 'everything')}</option>
          ${segments.map(
            (segment) =>
              html`<option value=${segment.id} .selected=${by === segment.id}>
                ${strings(locale, 'byLabel', { label: inSentence(segment.label, locale) })}
              </option>`,
          )}
        </select>
      </span>
      ${
        chosen
          ? html`<span class="field">
              <label class="label" for="filter-value">${chosen.label}</label>
              <select id="filter-value" @change=${(event: Event) => view.chooseValue(event)}>
                ${
                  applied === ''
                    ? html`<option value="" .selected=${true}>${strings(locale, 'pickValue')}</option>`
                    : nothing
                }
                ${chosen.values.map(
                  (value) =>
                    html`<option .value=${value} .selected=${applied === value}>${value}</option>`,
                )}
              </select>
            </span>`
          : nothing
      }
      ${renderClear(view)}`;
}

/** When the ways to filter cannot load: say so, offer Retry, and still let a filter be cleared. */
export function renderFilterUnavailable(view: Filter) {
  const { locale } = view;
  return html`<span class="note" role="status">${strings(locale, 'filterUnavailable')}</span>
            <button type="button" class="button" id="retry-filter" @click=${() => view.retry()}>
              ${common(locale, 'retry')}
            </button>
            ${renderClear(view)}`;
}

function renderClear(view: Filter) {
  return view.filter
    ? html`<button type="button" class="button" id="clear-filter" @click=${() => view.clear()}>
          ${strings(view.locale, 'clearFilter')}
        </button>`
    : nothing;
}
