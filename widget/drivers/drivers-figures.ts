import { html, svg, type TemplateResult } from 'lit';
import { formatPercent } from '../core/format.ts';
import { common } from '../i18n/common.strings.ts';
import { strings } from './drivers.strings.ts';
import { changeOf } from './drivers-model.ts';

/** The pieces of one row of `<vp-drivers>`: badge, figures with their labels, bars. */

const clamp = (percent: number) => Math.max(0, Math.min(100, percent));

/** "Estimated" or "Measured", with the longer hint for screen readers and on hover. */
export function badge(locale: string, estimated: boolean): TemplateResult {
  const kind = estimated ? 'estimated' : 'measured';
  const hint = common(locale, `${kind}Hint`);
  return html`<span part="badge" class="badge ${kind}" title=${hint}
    ><span aria-hidden="true">${common(locale, kind)}</span
    ><span class="visually-hidden">${hint}</span></span
  >`;
}

/** A share as a bar (0–1), with an optional "expected by now" mark: decoration only. */
export function bar(kind: string, share: number, expected?: number): TemplateResult {
  return html`<svg class=${kind} viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
    ${svg`<rect class="track" width="100" height="8" rx="4"></rect><rect class="fill" width=${clamp(share * 100)} height="8" rx="4"></rect>${
      expected === undefined
        ? ''
        : svg`<rect class="expected" x=${clamp(expected * 100) - 0.4} width="0.8" height="8"></rect>`
    }`}
  </svg>`;
}

/** One labelled figure; the label shows only in a narrow box (the header names it when wide). */
function figure(
  locale: string,
  kind: string,
  label: 'colMoney' | 'colUnits' | 'colShare' | 'colChange',
  value: unknown,
  dd = '',
) {
  return html`<div class="figure ${kind}">
    <dt>${strings(locale, label)}</dt>
    <dd class=${dd}>${value}</dd>
  </div>`;
}

/** Money, amount (none for the total), share of the total and change of one row. */
export function figures(
  locale: string,
  intl: string,
  money: string,
  units: string | undefined,
  share: number | undefined,
  current: number,
  previous: number | undefined,
): TemplateResult {
  const change = changeOf(current, previous);
  const direction =
    change === undefined
      ? 'none'
      : change === 'new' || change > 0
        ? 'up'
        : change < 0
          ? 'down'
          : 'flat';
  return html`<dl class="figures">
    ${figure(locale, 'money', 'colMoney', money)}
    ${
      units === undefined
        ? html`<div class="figure units" aria-hidden="true"></div>`
        : figure(locale, 'units', 'colUnits', units)
    }
    ${figure(
      locale,
      'share',
      'colShare',
      share === undefined ? '–' : html`${bar('bar', share)}${formatPercent(share, intl)}`,
    )}
    ${figure(
      locale,
      'change-cell',
      'colChange',
      typeof change === 'number'
        ? html`<span aria-hidden="true" class="arrow">${direction === 'up' ? '▲' : direction === 'down' ? '▼' : '•'}</span>
            ${formatPercent(change, intl, true)}`
        : strings(locale, change ? 'changeNew' : 'changeNone'),
      `change ${direction}`,
    )}
  </dl>`;
}
