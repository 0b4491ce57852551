import { html, type TemplateResult } from 'lit';
import { ValueprintError } from '../api/client.ts';
import { common } from '../i18n/common.strings.ts';

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

/** What went wrong in the customer's words, and a way to try again. */
export function errorMessage(error: unknown, locale: string): string {
  const code = error instanceof ValueprintError ? error.code : 'unexpected';
  const status = error instanceof ValueprintError ? error.status : 0;
  if (code === 'network') return common(locale, 'errorNetwork');
  if (code === 'not_configured') return common(locale, 'errorNotConfigured');
  if (status === 401 || code === 'no_token' || code === 'token_refresh_failed') {
    return common(locale, 'errorSession');
  }
  if (status === 403) return common(locale, 'errorForbidden');
  return common(locale, 'errorOther', { code });
}

export function renderError(error: unknown, locale: string, retry: () => void): TemplateResult {
  return html`<div class="state error" role="alert" part="error">
    <strong>${common(locale, 'errorTitle')}</strong>
    <div>${errorMessage(error, locale)}</div>
    <button type="button" @click=${retry}>${common(locale, 'retry')}</button>
  </div>`;
}

export function renderEmpty(message: string): TemplateResult {
  return html`<div class="state empty" part="empty">${message}</div>`;
}
