import { css } from 'lit';

/**
 * The theme, in three layers. Hosts set public `--vp-*` tokens anywhere above the element; each
 * element reads them through private `--_*` variables with light or dark defaults, so an element
 * works alone and inside the dashboard alike. Nothing here styles anything outside the shadow root.
 *
 * Public tokens: --vp-font (a font-family list; size and weight come from the host), --vp-color-bg, --vp-color-surface, --vp-color-text, --vp-color-muted,
 * --vp-color-border, --vp-color-accent, --vp-color-promise, --vp-color-forecast,
 * --vp-color-positive, --vp-color-negative, --vp-color-focus, --vp-radius, --vp-space,
 * --vp-chart-1 … --vp-chart-6.
 */
/** Dark defaults, for theme="dark" and for theme="auto" on a dark system. */
const dark = css`
    --_bg: var(--vp-color-bg, #0d1117);
    --_surface: var(--vp-color-surface, #161b22);
    --_text: var(--vp-color-text, #e6edf3);
    --_muted: var(--vp-color-muted, #9da7b3);
    --_border: var(--vp-color-border, #3d444d);
    --_accent: var(--vp-color-accent, #4c9aff);
    --_promise: var(--vp-color-promise, #a0a9b3);
    --_forecast: var(--vp-color-forecast, #7d8590);
    --_positive: var(--vp-color-positive, #3fb950);
    --_negative: var(--vp-color-negative, #ff7b72);
    --_focus: var(--vp-color-focus, #58a6ff);
    --_chart-1: var(--vp-chart-1, #56b4e9);
    --_chart-2: var(--vp-chart-2, #e69f00);
    --_chart-3: var(--vp-chart-3, #3fc29c);
    --_chart-4: var(--vp-chart-4, #e39bc4);
    --_chart-5: var(--vp-chart-5, #f0e442);
    --_chart-6: var(--vp-chart-6, #a8c8ff);
`;

export const tokens = css`
  :host {
    --_font: var(--vp-font, inherit);
    --_bg: var(--vp-color-bg, #ffffff);
    --_surface: var(--vp-color-surface, #f6f7f9);
    --_text: var(--vp-color-text, #1b1f24);
    --_muted: var(--vp-color-muted, #57606a);
    --_border: var(--vp-color-border, #d0d7de);
    --_accent: var(--vp-color-accent, #0b6bcb);
    --_promise: var(--vp-color-promise, #6e7781);
    --_forecast: var(--vp-color-forecast, #8c959f);
    --_positive: var(--vp-color-positive, #1a7f37);
    --_negative: var(--vp-color-negative, #cf222e);
    --_focus: var(--vp-color-focus, #0969da);
    --_radius: var(--vp-radius, 8px);
    --_space: var(--vp-space, 8px);
    /* Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
    --_chart-1: var(--vp-chart-1, #0072b2);
    --_chart-2: var(--vp-chart-2, #d55e00);
    --_chart-3: var(--vp-chart-3, #009e73);
    --_chart-4: var(--vp-chart-4, #cc79a7);
    --_chart-5: var(--vp-chart-5, #8a6d00);
    --_chart-6: var(--vp-chart-6, #56b4e9);
    --_skeleton: color-mix(in srgb, var(--_text) 8%, transparent);

    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.45;
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .badge {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    letter-spacing: 0.01em;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.estimated {
    color: var(--_muted);
    border-style: dashed;
  }
  .badge.measured {
    color: var(--_positive);
  }
  .state {
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .state.error {
    border: 1px solid var(--_negative);
    color: var(--_text);
  }
  .state button,
  .button {
    margin-top: var(--_space);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  /* A button that reads as a link; "Ask about this" is a small one, beside what it asks about. */
  .link,
  .ask {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  .ask {
    font-size: 0.8125em;
  }
  .skeleton {
    display: block;
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_skeleton);
    animation: vp-pulse 1.4s ease-in-out infinite;
  }
  .skeleton-chart {
    height: 12rem;
  }
  .skeleton-lines,
  .skeleton-rows {
    height: 1rem;
    margin: 0.5rem 0;
  }
  .skeleton-rows {
    height: 2.25rem;
  }
  .w90 {
    width: 90%;
  }
  .w80 {
    width: 80%;
  }
  .w75 {
    width: 75%;
  }
  .w60 {
    width: 60%;
  }
  @keyframes vp-pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    * {
      transition: none !important;
    }
  }
`;
