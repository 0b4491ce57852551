import { css } from 'lit';

/** Narrow boxes (a side panel) first: one column, each figure with its own label. */
export const driversStyles = css`
  .drivers,
  .promised {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .stale {
    opacity: 0.6;
  }
  h3,
  h4,
  p,
  dl,
  dd,
  ul {
    margin: 0;
  }
  h3 {
    font-size: 1.125em;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .quiet,
  .head,
  dt,
  .none,
  .flat,
  .onTrack,
  .notStarted {
    color: var(--_muted);
  }
  .quiet,
  .disclosure,
  .field-problem,
  .promise {
    font-size: 0.875em;
  }
  .head,
  dt {
    font-size: 0.8125em;
  }
  .head,
  dt,
  .label,
  .a-label,
  .p-label,
  .customer,
  .status,
  .primary,
  .field-problem {
    font-weight: 600;
  }
  .head {
    display: none;
    padding-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .row {
    display: grid;
    align-items: baseline;
    gap: var(--_space) calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.25) 0;
    border-bottom: 1px solid var(--_border);
  }
  .total {
    border: 0;
    border-top: 2px solid var(--_border);
  }
  .name,
  .assumption,
  .edit,
  .promise {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .name {
    justify-content: start;
  }
  .figures {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_space);
  }
  dd {
    font-variant-numeric: tabular-nums;
  }
  .money dd,
  .total {
    font-weight: 650;
  }
  .bar {
    width: 3.5rem;
    height: 6px;
    margin-inline-end: var(--_space);
    vertical-align: middle;
  }
  .track {
    fill: var(--_skeleton);
  }
  .fill {
    fill: var(--_accent);
  }
  .expected {
    fill: var(--_promise);
  }
  .up,
  .ahead,
  .met {
    color: var(--_positive);
  }
  .down,
  .behind,
  .missed,
  .field-problem {
    color: var(--_negative);
  }
  .arrow {
    font-size: 0.7em;
  }
  .disclosure {
    flex-basis: 100%;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-align: start;
    text-decoration: underline;
  }
  .disclosure::before {
    content: '›' / '';
    display: inline-block;
    margin-inline-end: 0.5em;
  }
  [aria-expanded='true']::before {
    transform: rotate(90deg);
  }
  .details {
    grid-column: 1 / -1;
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-weight: 400;
  }
  .details dd {
    margin-bottom: var(--_space);
  }
  .formula {
    overflow-wrap: break-word;
  }
  .assumptions {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .assumption > p,
  .edit,
  .edit p,
  .promise p,
  .progress {
    flex-basis: 100%;
  }
  input {
    width: 9rem;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  [aria-invalid='true'] {
    border: 2px solid var(--_negative);
  }
  .edit .button {
    margin: 0;
  }
  .primary {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  [disabled] {
    cursor: progress;
    opacity: 0.7;
  }
  .field-problem:empty {
    display: none;
  }
  .promised {
    gap: var(--_space);
  }
  .promises {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: calc(var(--_space) * 1.5);
  }
  .promise {
    padding: calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .progress {
    height: 8px;
  }

  /* Wide: one grid, every row a subgrid, so the columns line up from the header to the total. */
  @container (min-width: 481px) {
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
    }
    .head span + span,
    .figure {
      text-align: end;
    }
    .figure dt {
      position: absolute;
      width: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }
`;
