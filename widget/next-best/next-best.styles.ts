import { css } from 'lit';

/** Cards in one column in a narrow box, side by side from 720 px of the element's box. */
export const nextBestStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--_bg);
  }
  h3,
  h4,
  p,
  ul {
    margin: 0;
  }
  h3 {
    font-size: 1.125em;
  }
  h4 {
    font-size: 1em;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .next-best {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .intro,
  .kind,
  .basis,
  .likely,
  .description {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .kind {
    text-transform: uppercase;
    letter-spacing: 0.04em;
    font-size: 0.75em;
    font-weight: 600;
  }
  .offers {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 720px) {
    .offers {
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    }
  }
  .offers > li {
    display: flex;
  }
  .offer {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    width: 100%;
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .offer > .ask {
    align-self: flex-start;
  }
  .money {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.75);
  }
  .money strong {
    font-size: 1.125em;
  }
  .why {
    font-size: 0.875em;
  }
  .facts {
    position: relative;
    display: inline-block;
  }
  .tip {
    position: absolute;
    z-index: 1;
    top: 100%;
    left: 0;
    display: grid;
    gap: calc(var(--_space) * 0.5);
    min-width: 16em;
    max-width: 24em;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    box-shadow: 0 4px 12px color-mix(in srgb, var(--_text) 15%, transparent);
  }
  .tip[hidden] {
    display: none;
  }
  .fact {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .actions,
  .hide-menu {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-top: auto;
  }
  .button {
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  .button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
  }
  .button.quiet {
    border-color: transparent;
    background: transparent;
    text-decoration: underline;
  }
  .button[disabled] {
    cursor: progress;
    opacity: 0.6;
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  .hide-menu {
    padding: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .problem {
    color: var(--_negative);
    font-size: 0.875em;
  }
  .in-progress ul,
  .hidden-offers ul {
    display: grid;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .in-progress li,
  .hidden-offers li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
    font-size: 0.875em;
  }
  .hidden-offers ul[hidden] {
    display: none;
  }
  .state.empty {
    color: var(--_muted);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
`;
