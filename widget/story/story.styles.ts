import { css } from 'lit';

export const storyStyles = css`
  .story {
    display: grid;
    gap: calc(var(--_space) * 2);
    transition: opacity 0.2s ease;
  }
  .story.stale {
    opacity: 0.6;
  }
  .headline {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
    font-weight: 650;
    letter-spacing: -0.01em;
    text-wrap: balance;
  }
  .headline.status {
    font-size: 1.15em;
    font-weight: 600;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .headline .badge {
    font-size: 0.5em;
    vertical-align: middle;
  }
  .notices {
    display: grid;
    gap: var(--_space);
  }
  .notice {
    display: flex;
    gap: var(--_space);
    align-items: baseline;
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.9375em;
  }
  .notice-mark {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.25em;
    height: 1.25em;
    border-radius: 50%;
    border: 1px solid currentColor;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 700;
    font-style: italic;
  }
  .chapter h4 {
    margin: 0 0 calc(var(--_space) * 0.75);
    font-size: 0.8125em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--_muted);
  }
  .insights {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .sentence {
    margin: 0;
    border-radius: calc(var(--_radius) * 0.5);
  }
  .insight .sentence {
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
    margin-inline: calc(var(--_space) * -0.5);
  }
  .sentence[tabindex] {
    cursor: default;
  }
  .fact {
    border-radius: 3px;
    padding: 0 1px;
  }
  .fact.estimated {
    text-decoration: underline dotted;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
  }
  /* The sentence the customer points at or tabs to shows which of its numbers are facts. */
  .sentence.active .fact,
  .sentence[tabindex]:hover .fact,
  .sentence[tabindex]:focus .fact {
    background: color-mix(in srgb, var(--_accent) 16%, transparent);
    box-shadow: 0 -2px 0 var(--_accent) inset;
  }
  .insight .sentence.active,
  .insight .sentence[tabindex]:hover,
  .insight .sentence[tabindex]:focus {
    background: color-mix(in srgb, var(--_accent) 5%, transparent);
  }
  .question {
    display: inline-block;
    margin-top: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.25) var(--_space);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: transparent;
    color: var(--_accent);
    font-size: 0.8125em;
    text-align: start;
  }
  .ask {
    margin-inline-start: var(--_space);
  }
  .question:hover {
    border-color: var(--_accent);
  }
  .loading {
    display: grid;
  }
  .skeleton-headline {
    height: 1.5em;
    margin: 0.25rem 0;
  }
  .skeleton-title {
    width: 30%;
    height: 0.75rem;
    margin: 1rem 0 0.25rem;
  }
  @container (max-width: 480px) {
    .headline {
      font-size: 1.25em;
    }
    .story {
      gap: calc(var(--_space) * 1.5);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .story {
      transition: none;
    }
  }
`;
