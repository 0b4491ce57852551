import { html, nothing } from 'lit';
import type { ValueSummary } from '../api/types.ts';
import { formatDays, formatPercent, formatQuantity, formatRatio } from '../core/format.ts';
import { strings } from './drivers.strings.ts';
import { badge, bar } from './drivers-figures.ts';
import { promiseWord } from './drivers-model.ts';

/**
 * "Against what was promised": return on spend, payback, and how far along each promise is. A
 * filtered view has none of them (they are for the whole account): a quiet line says so.
 */
export function renderPromised(summary: ValueSummary, locale: string, intl: string) {
  if (summary.omitted) {
    return html`<p class="quiet">${strings(locale, summary.omitted.reason)}</p>`;
  }
  const promises = summary.promises ?? [];
  const roi = summary.roi?.multiple ?? undefined;
  const payback = summary.payback?.days ?? undefined;
  if (roi === undefined && payback === undefined && promises.length === 0) return nothing;
  return html`<section class="promised">
    <h4>${strings(locale, 'promisedTitle')}</h4>
    ${
      roi === undefined
        ? nothing
        : html`<p class="roi">
            ${strings(locale, 'roi', { multiple: formatRatio(roi, intl) })}
            ${badge(locale, true)}
          </p>`
    }
    ${
      payback === undefined
        ? nothing
        : html`<p class="payback">
            ${strings(locale, 'payback', { days: formatDays(payback, intl) })}
            ${badge(locale, true)}
          </p>`
    }
    ${
      promises.length
        ? html`<ul class="promises" role="list">
            ${promises.map((promise) => {
              const word = promiseWord(promise.status);
              const amount = (value: number) =>
                // Rounded as the story rounds it: a modelled amount is an estimate.
                formatQuantity(
                  value,
                  promise.unit,
                  summary.currency,
                  intl,
                  promise.unit !== 'currency',
                );
              return html`<li part="promise" class="promise">
                <span class="p-label">${promise.label}</span>
                <span class="status ${word}">${strings(locale, word)}</span>
                ${bar('progress', promise.share, promise.target > 0 ? promise.expectedByNow / promise.target : 0)}
                <p>
                  ${strings(locale, 'promiseProgress', {
                    realized: amount(promise.realized),
                    target: amount(promise.target),
                    share: formatPercent(promise.share, intl),
                  })}
                  <span class="quiet">${strings(locale, 'expectedByNow', { expected: amount(promise.expectedByNow) })}</span>
                </p>
              </li>`;
            })}
          </ul>`
        : nothing
    }
  </section>`;
}
