import { css } from 'lit';

export const explainStyles = css`
  :host {
    background: var(--_bg);
  }
  h3,
  h4,
  p {
    margin: 0 0 var(--_space);
  }
  h3 {
    font-size: 1em;
  }
  h4,
  .label,
  legend,
  .detail,
  .note,
  thead th,
  .rest .name {
    color: var(--_muted);
  }
  h4 {
    font-size: 0.875em;
  }
  .label,
  legend,
  .primary,
  .answer,
  .delta,
  thead th {
    font-weight: 600;
  }
  .controls,
  .periods,
  .dates,
  fieldset,
  .field {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 2);
    margin: 0;
  }
  .controls {
    margin-bottom: calc(var(--_space) * 2);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.875em;
  }
  .field {
    gap: calc(var(--_space) * 0.5);
  }
  select,
  input,
  fieldset {
    max-width: 100%;
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  select {
    max-width: min(100%, 22rem);
  }
  [aria-invalid='true'] {
    border-color: var(--_negative);
  }
  .dates,
  .problem,
  .note {
    flex-basis: 100%;
  }
  .button,
  select,
  input {
    min-height: 2rem;
    margin: 0;
  }
  .note .button {
    margin-left: var(--_space);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  .primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_bg);
  }
  .problem,
  .down {
    color: var(--_negative);
  }
  .up {
    color: var(--_positive);
  }
  .problem:empty {
    display: none;
  }
  .answer {
    margin-bottom: calc(var(--_space) * 2);
    font-size: 1.05em;
  }
  /* Focused after "Why did it change?": clear of a sticky host header. */
  [part~='answer'],
  [part~='error'],
  [part~='empty'],
  [part~='idle'] {
    scroll-margin-top: var(--vp-scroll-margin, 0px);
  }
  .badge {
    margin-left: calc(var(--_space) * 0.5);
  }
  .toolbar {
    display: block;
    margin: 0 0 var(--_space) auto;
  }
  .dimensions {
    display: grid;
    gap: calc(var(--_space) * 2) calc(var(--_space) * 3);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
  }
  .tables {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr));
  }
  .dimension {
    min-width: 0;
  }
  .rows {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row,
  th,
  td {
    border-bottom: 1px solid var(--_border);
  }
  .row {
    display: grid;
    grid-template: 'name track delta' 'name detail detail' / minmax(5rem, 9rem) minmax(4rem, 1fr) auto;
    align-items: center;
    column-gap: var(--_space);
    padding: calc(var(--_space) * 0.5) 0;
    font-size: 0.875em;
  }
  .row:last-child {
    border: 0;
  }
  .name {
    grid-area: name;
    overflow-wrap: anywhere;
  }
  .rest .name {
    font-style: italic;
  }
  .track {
    grid-area: track;
    display: grid;
    grid-template-columns: 1fr 1fr;
    height: 0.75rem;
  }
  .rows:not(.has-down) .track {
    grid-template-columns: 0 1fr;
  }
  .rows:not(.has-up) .track {
    grid-template-columns: 1fr 0;
  }
  .half {
    display: flex;
  }
  .negative {
    justify-content: flex-end;
    border-right: 1px solid var(--_muted);
  }
  .rows:not(.has-down) .negative {
    border: 0;
  }
  .rows:not(.has-down) .positive {
    border-left: 1px solid var(--_muted);
  }
  .bar {
    min-width: 2px;
    background: currentColor;
  }
  .bar.up {
    border-radius: 0 3px 3px 0;
  }
  .bar.down {
    border-radius: 3px 0 0 3px;
  }
  .delta {
    grid-area: delta;
    font-variant-numeric: tabular-nums;
    text-align: right;
    white-space: nowrap;
  }
  .detail {
    grid-area: detail;
    font-size: 0.9em;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: calc(var(--_space) * 0.5);
    text-align: right;
  }
  td {
    white-space: nowrap;
  }
  tr > :first-child {
    min-width: 7rem;
    text-align: left;
    overflow-wrap: break-word;
  }
  tbody th {
    font-weight: normal;
  }
  @container (max-width: 480px) {
    /* One line, so stretched children take the box's width, not their widest content's. */
    .controls {
      flex-direction: column;
      flex-wrap: nowrap;
      align-items: stretch;
    }
    .controls > * {
      min-width: 0;
      max-width: 100%;
    }
    .row {
      grid-template: 'name delta' 'track track' 'detail detail' / minmax(0, 1fr) auto;
    }
    th,
    td {
      padding: calc(var(--_space) * 0.25);
      white-space: normal;
    }
    tr > :first-child {
      min-width: 0;
    }
  }
`;
