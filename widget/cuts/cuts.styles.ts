import { css } from 'lit';

export const cutsStyles = css`
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_space) calc(var(--_space) * 2);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.875em;
  }
  .group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    min-width: 0;
  }
  .field {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
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
  input[type='checkbox'] {
    min-height: 0;
    width: 1.1rem;
    height: 1.1rem;
    accent-color: var(--vp-color-focus, currentColor);
  }
  input[aria-invalid='true'] {
    border-color: var(--_negative);
  }
  .custom {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
  }
  .custom legend {
    padding: 0;
  }
  .bar .button {
    margin-top: 0;
    min-height: 2rem;
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
    color: var(--_muted);
  }
  .summary {
    flex-basis: 100%;
    margin: 0;
    color: var(--_muted);
  }
  .skeleton-select {
    display: inline-block;
    width: 9rem;
    height: 2rem;
  }
  @container (max-width: 480px) {
    .bar {
      flex-direction: column;
      flex-wrap: nowrap;
      align-items: stretch;
    }
    .group,
    .custom {
      display: grid;
      width: 100%;
    }
    .field {
      display: grid;
      grid-template-columns: 7.5rem minmax(0, 1fr);
      width: 100%;
    }
    .custom .button {
      justify-self: start;
    }
  }
`;
