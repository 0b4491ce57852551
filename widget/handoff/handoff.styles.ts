import { css } from 'lit';

/** The hand-off panel and the answers: one column in a narrow box, the choices side by side from 560 px. */
export const handoffStyles = css`
  :host {
    display: block;
  }
  h3,
  h4,
  h5,
  p,
  ul,
  dl,
  dd {
    margin: 0;
  }
  h3 {
    font-size: 1.125em;
  }
  h4,
  h5 {
    font-size: 1em;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .handoff,
  .replies,
  .requests,
  .answers,
  .brief,
  .message {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .message {
    gap: calc(var(--_space) * 0.5);
  }
  .muted,
  .counter {
    color: var(--_muted);
    font-size: 0.875em;
  }
  label {
    font-weight: 600;
  }
  textarea {
    width: 100%;
    min-height: 6em;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: inherit;
    font: inherit;
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_negative);
  }
  .choices {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 560px) {
    .choices {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }
  legend {
    padding: 0 calc(var(--_space) * 0.5);
    font-weight: 600;
  }
  .radio,
  .check {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    font-weight: normal;
  }
  .preview {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .stale {
    opacity: 0.6;
  }
  .part {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .part-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .part ul {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .journey {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .journey dt {
    font-weight: 600;
  }
  @container (max-width: 420px) {
    .journey {
      grid-template-columns: minmax(0, 1fr);
    }
    .journey dd {
      margin-bottom: var(--_space);
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 2);
  }
  .button {
    margin: 0;
  }
  .button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
  }
  .button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  .problem,
  .confirmation {
    display: grid;
    gap: var(--_space);
    justify-items: start;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_negative);
    border-radius: var(--_radius);
  }
  .confirmation {
    border-color: var(--_positive);
  }
  .problem-text {
    color: var(--_negative);
    font-size: 0.875em;
  }
  .request {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .request-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  .tag {
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8125em;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .answer {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    justify-items: start;
    padding-left: calc(var(--_space) * 1.5);
    border-left: 3px solid var(--_accent);
  }
`;
