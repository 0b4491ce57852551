import { css } from 'lit';

export const explainStyles = css`
  :host {
    background: var(--_bg);
  }
  h3 {
    margin: 0 0 var(--_space);
    font-size: 1em;
  }
  h4 {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 0.875em;
    color: var(--_muted);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 2);
    margin-bottom: calc(var(--_space) * 2);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.875em;
  }
  .field {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-width: 0;
  }
  .label {
    color: var(--_muted);
    font-weight: 600;
  }
  select,
  input {
    min-height: 2rem;
    max-width: 100%;
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  select {
    max-width: min(100%, 22rem);
  }
  input[aria-invalid='true'] {
    border-color: var(--_negative);
  }
  .periods {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    margin: 0;
  }
  .dates {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    flex-basis: 100%;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0;
    padding: calc(var(--_space) * 0.5) var(--_space) var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }
  legend {
    padding: 0 calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-weight: 600;
  }
  .controls .button {
    margin-top: 0;
    min-height: 2rem;
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
    font-weight: 600;
  }
  .problem {
    flex-basis: 100%;
    margin: 0;
    color: var(--_negative);
  }
  .problem:empty {
    display: none;
  }
  .note {
    flex-basis: 100%;
    margin: 0;
    color: var(--_muted);
  }
  .note .button {
    margin-left: var(--_space);
  }
  .answer {
    margin: 0 0 calc(var(--_space) * 2);
    font-size: 1.05em;
    font-weight: 600;
  }
  .answer .badge {
    margin-left: calc(var(--_space) * 0.5);
    vertical-align: 0.1em;
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
    margin-bottom: var(--_space);
  }
  .toolbar .button {
    margin-top: 0;
  }
  .dimensions {
    display: grid;
    gap: calc(var(--_space) * 2) calc(var(--_space) * 3);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
  }
  .dimension {
    min-width: 0;
  }
  .rows {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(5rem, 9rem) minmax(4rem, 1fr) auto;
    grid-template-areas:
      'name track delta'
      'name detail detail';
    align-items: center;
    column-gap: var(--_space);
    padding: calc(var(--_space) * 0.5) 0;
    border-bottom: 1px solid var(--_border);
    font-size: 0.875em;
  }
  .row:last-child {
    border-bottom: 0;
  }
  .name {
    grid-area: name;
    overflow-wrap: anywhere;
  }
  .rest .name {
    color: var(--_muted);
    font-style: italic;
  }
  .track {
    grid-area: track;
    display: grid;
    grid-template-columns: 1fr 1fr;
    height: 0.75rem;
  }
  .half {
    display: flex;
    height: 100%;
  }
  .rows:not(.has-down) .track {
    grid-template-columns: 0 1fr;
  }
  .rows:not(.has-up) .track {
    grid-template-columns: 1fr 0;
  }
  .rows:not(.has-down) .half.negative {
    border-right: 0;
  }
  .rows:not(.has-down) .half.positive {
    border-left: 1px solid var(--_muted);
  }
  .half.negative {
    justify-content: flex-end;
    border-right: 1px solid var(--_muted);
  }
  .bar {
    display: block;
    height: 100%;
    min-width: 2px;
  }
  .bar.up {
    background: var(--_positive);
    border-radius: 0 3px 3px 0;
  }
  .bar.down {
    background: var(--_negative);
    border-radius: 3px 0 0 3px;
  }
  .delta {
    grid-area: delta;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    text-align: right;
    white-space: nowrap;
  }
  .delta.up {
    color: var(--_positive);
  }
  .delta.down {
    color: var(--_negative);
  }
  .detail {
    grid-area: detail;
    color: var(--_muted);
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
    border-bottom: 1px solid var(--_border);
    text-align: right;
  }
  td {
    white-space: nowrap;
  }
  th:first-child {
    min-width: 7rem;
    text-align: left;
    font-weight: normal;
    overflow-wrap: break-word;
  }
  .dimensions.tables {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr));
  }

  thead th,
  thead th:first-child {
    color: var(--_muted);
    font-weight: 600;
  }
  .idle {
    color: var(--_muted);
  }
  @container (max-width: 480px) {
    .controls {
      flex-direction: column;
      flex-wrap: nowrap;
      align-items: stretch;
    }
    .row {
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas:
        'name delta'
        'track track'
        'detail detail';
    }
    .track {
      margin: calc(var(--_space) * 0.25) 0;
    }
    th,
    td {
      padding: calc(var(--_space) * 0.25);
      white-space: normal;
    }
    th:first-child {
      min-width: 0;
    }
  }
`;
