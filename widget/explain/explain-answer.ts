import { html, nothing, type TemplateResult } from 'lit';
import type { CutOptions, ExplainContribution, ValueExplanation } from '../api/types.ts';
import { comparable, comparisonNote } from '../core/comparison.ts';
import { formatDayRange, formatMoney, formatPercent, formatQuantity } from '../core/format.ts';
import { inlineStyle } from '../core/inline-style.ts';
import { renderEmpty } from '../core/states.ts';
import { inSentence, wayName } from '../cuts/cuts-model.ts';
import { common } from '../i18n/common.strings.ts';
import { strings } from './explain.strings.ts';
import { leadOf, type RestSum, signed, topContributions, withMinus } from './explain-model.ts';

/**
 * The answer of `<vp-explain>`: the sentence first, then per dimension the largest changes as a
 * diverging bar list or a table. Words for drivers and dimensions come from the cut options.
 */

type Row = (ExplainContribution | RestSum) & { name: string; rest?: boolean };
type Format = (value: number) => string;

/** Whether the money is modelled: the driver's basis, or any modelled driver in all value. */
function estimated(body: ValueExplanation, options: CutOptions | undefined): boolean {
  const drivers = options?.drivers;
  if (!drivers) return true;
  return body.driver
    ? drivers.find((driver) => driver.id === body.driver)?.basis !== 'measured'
    : drivers.some((driver) => driver.basis === 'modelled');
}

function formatter(body: ValueExplanation, intl: string, options: CutOptions | undefined): Format {
  const { unit, currency } = body;
  if (unit) return (value) => formatQuantity(value, unit, currency, intl);
  const modelled = estimated(body, options);
  return (value) => formatMoney(value, currency, intl, modelled);
}

function subject(body: ValueExplanation, locale: string, options: CutOptions | undefined): string {
  if (!body.driver) return strings(locale, 'subjectTotal');
  return options?.drivers.find((driver) => driver.id === body.driver)?.label ?? body.driver;
}

/** "Team" for a dimension's values, from the server's words where it has them. */
function nameOf(by: string, locale: string, options: CutOptions | undefined): string {
  return by === 'user' ? strings(locale, 'nameUser') : wayName(by, options, locale);
}

const percentOf = (share: number, intl: string) => withMinus(formatPercent(share, intl));

/** The one-sentence answer, from the endpoint's numbers only. */
export function answerOf(
  body: ValueExplanation,
  locale: string,
  intl: string,
  options: CutOptions | undefined,
): string {
  const format = formatter(body, intl, options);
  const { total } = body;
  const up = total.delta > 0;
  const first = strings(locale, 'moved', {
    way: strings(locale, up ? 'up' : 'down'),
    subject: subject(body, locale, options),
    amount: format(Math.abs(total.delta)),
    // No change in percent from a compared period that is no baseline.
    percent:
      total.deltaShare === null || !comparable(body.comparison)
        ? ''
        : ` (${withMinus(formatPercent(total.deltaShare, intl, true))})`,
    compare: formatDayRange(body.comparePeriod.from, body.comparePeriod.to, intl),
  });
  const lead = leadOf(body);
  if (!lead) return `${first}.`;
  const { by, contribution } = lead;
  const share = contribution.shareOfChange ?? 0;
  const value =
    by === 'user' ? personName(body, contribution.segment, locale) : contribution.segment;
  return `${first}; ${strings(locale, share > 1 ? 'cameFromBeyond' : 'cameFrom', {
    part: strings(locale, share >= 0.5 ? 'most' : 'largest', {
      change: strings(locale, up ? 'rise' : 'drop'),
    }),
    who:
      by === 'user'
        ? strings(locale, 'whoUser', { value })
        : strings(locale, 'whoNamed', {
            value,
            label: inSentence(nameOf(by, locale, options), locale),
          }),
    delta: signed(contribution.delta, format),
    share: formatPercent(share, intl),
  })}.`;
}

function renderBars(rows: Row[], format: Format, locale: string, intl: string): TemplateResult {
  const largest = Math.max(...rows.map((row) => Math.abs(row.delta)));
  // Diverging only when the changes went both ways; otherwise the whole track is one side.
  const sides = `${rows.some((row) => row.delta < 0) ? 'has-down' : ''} ${rows.some((row) => row.delta > 0) ? 'has-up' : ''}`;
  return html`<ol class="rows ${sides}">
    ${rows.map((row) => {
      const direction = row.delta > 0 ? 'up' : row.delta < 0 ? 'down' : 'flat';
      const bar = html`<span
        class="bar ${direction}"
        part="bar"
        ${inlineStyle({ width: `${largest ? (Math.abs(row.delta) / largest) * 100 : 0}%` })}
      ></span>`;
      return html`<li class="row ${row.rest ? 'rest' : ''}">
        <span class="name">${row.name}</span>
        <span class="track" aria-hidden="true">
          <span class="half negative">${direction === 'down' ? bar : nothing}</span>
          <span class="half positive">${direction === 'up' ? bar : nothing}</span>
        </span>
        <span class="delta ${direction}">${signed(row.delta, format)}</span>
        <span class="detail">
          ${strings(locale, 'now', { value: format(row.current) })} ·
          ${strings(locale, 'before', { value: format(row.previous) })}${
            row.shareOfChange === null ? '' : ` · ${shareWords(row.shareOfChange, locale, intl)}`
          }
        </span>
      </li>`;
    })}
  </ol>`;
}

function renderTable(
  name: string,
  heading: string,
  rows: Row[],
  format: Format,
  locale: string,
  intl: string,
): TemplateResult {
  return html`<table part="table">
    <caption class="visually-hidden">${heading}</caption>
    <thead>
      <tr>
        ${[
          name,
          ...(['thisPeriod', 'columnPrevious', 'columnChange', 'columnShare'] as const).map((key) =>
            strings(locale, key),
          ),
        ].map((label) => html`<th scope="col">${label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <th scope="row">${row.name}</th>
          <td>${format(row.current)}</td>
          <td>${format(row.previous)}</td>
          <td>${signed(row.delta, format)}</td>
          <td>
            ${
              row.shareOfChange === null
                ? '—'
                : row.shareOfChange > 1 || row.shareOfChange < 0
                  ? shareWords(row.shareOfChange, locale, intl)
                  : percentOf(row.shareOfChange, intl)
            }
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function renderAnswer(
  body: ValueExplanation,
  locale: string,
  intl: string,
  options: CutOptions | undefined,
  asTable: boolean,
  toggleTable: () => void,
): TemplateResult {
  const { total } = body;
  const period = formatDayRange(body.period.from, body.period.to, intl);
  const compare = formatDayRange(body.comparePeriod.from, body.comparePeriod.to, intl);
  if (total.delta === 0) {
    return renderEmpty(
      total.current === 0 && total.previous === 0
        ? strings(locale, 'noValue', { period, compare })
        : strings(locale, 'noChange', { subject: subject(body, locale, options), period, compare }),
    );
  }
  const format = formatter(body, intl, options);
  const dimensions = body.dimensions.filter((dimension) => dimension.contributions.length > 0);
  const note = comparisonNote(body.comparison, locale);
  return html`<p class="answer" part="answer">
      ${answerOf(body, locale, intl, options)}
      ${
        !body.unit && estimated(body, options)
          ? html`<span class="badge estimated" title=${common(locale, 'estimatedHint')}>
              ${common(locale, 'estimated')}
            </span>`
          : nothing
      }
    </p>
    ${note ? html`<p class="note" part="comparison-note">${note}</p>` : nothing}
    ${
      dimensions.length
        ? html`<button type="button" class="button toolbar" id="toggle-table" @click=${toggleTable}>
            ${common(locale, asTable ? 'showChart' : 'showTable')}
          </button>`
        : nothing
    }
    <div class="dimensions ${asTable ? 'tables' : ''}">
      ${dimensions.map(({ by, contributions }) => {
        const name = nameOf(by, locale, options);
        const heading = strings(locale, 'byLabel', { label: inSentence(name, locale) });
        const { top, rest } = topContributions(contributions);
        const rows: Row[] = top.map((row) => ({
          ...row,
          name: by === 'user' ? personName(body, row.segment, locale) : row.segment,
        }));
        if (rest) {
          rows.push({
            ...rest,
            name: strings(locale, 'everythingElse', { count: rest.count }),
            rest: true,
          });
        }
        return html`<section class="dimension" part="dimension" aria-labelledby="dimension-${by}">
          <h4 id="dimension-${by}">${heading}</h4>
          ${asTable ? renderTable(name, heading, rows, format, locale, intl) : renderBars(rows, format, locale, intl)}
        </section>`;
      })}
    </div>`;
}

/**
 * A person as the reader knows them, never by raw id: "User 1", numbered by how much their value
 * moved in this answer (the same number in the sentence, the bars and the table).
 */
function personName(body: ValueExplanation, id: string, locale: string): string {
  const users = body.dimensions.find((dimension) => dimension.by === 'user')?.contributions ?? [];
  const ranked = [...users].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  const index = ranked.findIndex((row) => row.segment === id);
  return strings(locale, 'person', { n: index === -1 ? ranked.length + 1 : index + 1 });
}

/** A share of the change in words when it is more than all of it or against it, else a percent. */
function shareWords(share: number, locale: string, intl: string): string {
  if (share > 1) return strings(locale, 'shareBeyond');
  if (share < 0) return strings(locale, 'shareAgainst');
  return strings(locale, 'shareOfChange', { share: percentOf(share, intl) });
}
