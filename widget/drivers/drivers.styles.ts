import { css } from 'lit';

export const driversStyles = css`
  .drivers {
    display: grid;
    gap: calc(var(--_space) * 2);
    transition: opacity 0.2s ease;
  }
  .drivers.stale {
    opacity: 0.6;
  }
  .title {
    margin: 0;
    font-size: 1.125em;
  }
  .notice {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
  }
  .quiet,
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* Wide: one grid, every row a subgrid, so the columns line up from the header to the total. */
  .grid {
    display: grid;
    grid-template-columns: minmax(12rem, 2.2fr) repeat(4, minmax(6rem, 1fr));
    column-gap: calc(var(--_space) * 2);
  }
  .head,
  .table,
  .row,
  .figures {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
  }
  .figures {
    grid-column: 2 / -1;
    margin: 0;
  }
  .head {
    padding-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .head span:not(:first-child),
  .figure {
    text-align: end;
  }
  .table {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    align-items: baseline;
    row-gap: var(--_space);
    padding: calc(var(--_space) * 1.25) 0;
    border-bottom: 1px solid var(--_border);
  }
  .row.total {
    border-bottom: 0;
    border-top: 2px solid var(--_border);
    font-weight: 650;
  }
  .name {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.5) var(--_space);
    min-width: 0;
  }
  .label {
    font-weight: 600;
  }
  .figure dt {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .figure dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .money dd {
    font-weight: 650;
  }
  .share dd {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
  }
  .bar {
    width: 3.5rem;
    height: 6px;
  }
  .track {
    fill: var(--_skeleton);
  }
  .fill {
    fill: var(--_accent);
  }
  .change.up {
    color: var(--_positive);
  }
  .change.down {
    color: var(--_negative);
  }
  .change.none,
  .change.flat {
    color: var(--_muted);
  }
  .arrow {
    font-size: 0.7em;
    margin-inline-end: 0.2em;
  }
  .disclosure {
    flex-basis: 100%;
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-size: 0.875em;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .chevron::before {
    content: '';
    display: inline-block;
    width: 0.45em;
    height: 0.45em;
    margin-inline-end: 0.45em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: translateY(-0.15em) rotate(-45deg);
    transition: transform 0.15s ease;
  }
  .disclosure[aria-expanded='true'] .chevron::before {
    transform: translateY(-0.2em) rotate(45deg);
  }
  .details {
    grid-column: 1 / -1;
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-weight: 400;
  }
  .details[hidden] {
    display: none;
  }
  .calc {
    display: grid;
    gap: var(--_space);
    margin: 0;
  }
  .calc dt,
  .subhead {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .calc dd {
    margin: 0;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .subhead {
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.5);
  }
  .assumptions {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .assumption p {
    margin: calc(var(--_space) * 0.25) 0 0;
  }
  .a-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
  }
  .a-label {
    font-weight: 600;
  }
  .a-source,
  .a-history {
    font-size: 0.875em;
  }
  .source.customer {
    font-weight: 600;
  }
  .a-source .note,
  .a-history {
    color: var(--_muted);
  }
  .edit {
    margin-top: var(--_space);
  }
  .edit-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  input {
    width: 9rem;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  input[aria-invalid='true'] {
    border-color: var(--_negative);
    border-width: 2px;
  }
  .unit {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .edit .button {
    margin-top: 0;
  }
  .button.primary {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  .button[disabled] {
    cursor: progress;
    opacity: 0.7;
  }
  .field-problem {
    color: var(--_negative);
    font-size: 0.875em;
    font-weight: 600;
  }
  .field-problem:empty {
    display: none;
  }

  .promised {
    display: grid;
    gap: var(--_space);
  }
  .promised h4 {
    margin: 0;
    font-size: 1em;
  }
  .returns p {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .promises {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .promise {
    padding: calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .p-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
  }
  .p-label {
    font-weight: 600;
  }
  .status {
    font-size: 0.8125em;
    font-weight: 650;
  }
  .status.ahead,
  .status.met {
    color: var(--_positive);
  }
  .status.behind,
  .status.missed {
    color: var(--_negative);
  }
  .status.onTrack,
  .status.unknown {
    color: var(--_muted);
  }
  .progress {
    display: block;
    width: 100%;
    height: 8px;
    margin: var(--_space) 0;
  }
  .expected {
    fill: var(--_promise);
  }
  .p-text {
    margin: 0;
    font-size: 0.875em;
  }
  .p-text .quiet {
    display: block;
  }

  .loading {
    display: grid;
  }
  .skeleton-title {
    width: 40%;
    height: 1.25rem;
    margin-bottom: 0.75rem;
  }

  /* Narrow boxes (a side panel): one column, each figure with its own label. */
  @container (max-width: 480px) {
    .grid,
    .table {
      display: block;
    }
    .head {
      display: none;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
    }
    .figures {
      grid-column: auto;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: var(--_space);
    }
    .figure {
      text-align: start;
    }
    .row.total .figure.units {
      display: none;
    }
    .figure dt {
      position: static;
      width: auto;
      height: auto;
      clip: auto;
      white-space: normal;
      color: var(--_muted);
      font-size: 0.75em;
      font-weight: 600;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .drivers,
    .chevron::before {
      transition: none;
    }
  }
`;
