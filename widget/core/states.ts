import { html, nothing, type TemplateResult } from 'lit';
import { ValueprintError } from '../api/client.ts';
import { common } from '../i18n/common.strings.ts';
import { emit } from './events.ts';

/** Skeleton shaped like what is coming, so nothing jumps when it arrives. */
export function renderLoading(
  locale: string,
  shape: 'lines' | 'chart' | 'rows' = 'lines',
): TemplateResult {
  // Classes, not style attributes: a strict CSP (style-src 'self') refuses inline styles.
  const bars =
    shape === 'chart'
      ? html`<span class="skeleton skeleton-chart"></span>`
      : html`${['w90', 'w75', 'w80', 'w60'].map(
          (width) => html`<span class="skeleton skeleton-${shape} ${width}"></span>`,
        )}`;
  return html`<div class="loading" role="status" aria-busy="true" part="loading">
    <span class="visually-hidden">${common(locale, 'loading')}</span>${bars}
  </div>`;
}

/** Codes a retry cannot mend: the page must change (a fresh token, its configuration). */
const FINAL = new Set(['token_expired', 'not_configured', 'origin_not_allowed', 'no_token']);

/** What went wrong in the customer's words (in the page's language, no raw codes). */
export function errorMessage(error: unknown, locale: string): string {
  const code = error instanceof ValueprintError ? error.code : 'unexpected';
  const status = error instanceof ValueprintError ? error.status : 0;
  if (code === 'network') return common(locale, 'errorNetwork');
  if (code === 'not_configured' || code === 'origin_not_allowed' || code === 'no_token') {
    return common(locale, 'errorNotConfigured');
  }
  if (code === 'session_failed') return common(locale, 'errorSessionFailed');
  if (code === 'token_expired') return common(locale, 'errorExpired');
  if (status === 401) return common(locale, 'errorSession');
  if (status === 403) return common(locale, 'errorForbidden');
  return common(locale, 'errorOther');
}

/**
 * The error in words, with "Try again" unless retrying cannot help. The button retries its piece
 * and tells a surrounding dashboard (`vp-retry`), which retries every piece.
 */
export function renderError(error: unknown, locale: string, retry: () => void): TemplateResult {
  const final = error instanceof ValueprintError && FINAL.has(error.code);
  return html`<div class="state error" role="alert" part="error">
    <strong>${common(locale, 'errorTitle')}</strong>
    <div>${errorMessage(error, locale)}</div>
    ${
      final
        ? nothing
        : html`<button
          type="button"
          @click=${(event: Event) => {
            retry();
            emit(event.currentTarget as Element, 'vp-retry', {});
          }}
        >${common(locale, 'retry')}</button>`
    }
  </div>`;
}

export function renderEmpty(message: string): TemplateResult {
  return html`<div class="state empty" part="empty">${message}</div>`;
}
