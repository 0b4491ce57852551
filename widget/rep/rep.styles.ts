import { css } from 'lit';

/** What the console's elements share on top of the widget's tokens: headings, lists, forms. */
export const repStyles = css`
  :host {
    color: var(--_text);
  }
  h2,
  h3,
  h4 {
    margin: 0 0 var(--_space);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.1em;
  }
  h4 {
    font-size: 1em;
  }
  p {
    margin: 0 0 var(--_space);
  }
  ul {
    margin: 0 0 var(--_space);
    padding-left: 1.25em;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .card {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    min-width: 0;
  }
  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .status.new {
    color: var(--_accent);
  }
  .status.accepted {
    color: var(--_text);
  }
  .status.answered,
  .status.closed {
    color: var(--_muted);
    border-style: dashed;
  }
  .button {
    margin: 0;
    color: var(--_text);
  }
  .button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
  }
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .message {
    margin: var(--_space) 0 0;
  }
  .message.problem {
    color: var(--_negative);
  }
  .message.ok {
    color: var(--_positive);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875em;
  }
  th,
  td {
    text-align: left;
    padding: calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
`;
