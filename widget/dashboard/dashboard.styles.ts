import { css } from 'lit';

export const dashboardStyles = css`
  :host {
    background: var(--_bg);
    border-radius: var(--_radius);
  }
  /* Scrolled into view for "Why did it change?": clear of a sticky host header. */
  vp-explain {
    scroll-margin-top: var(--vp-scroll-margin, 0px);
  }
  .frame {
    display: grid;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  .period {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .grid {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: minmax(0, 1fr);
    align-items: start;
  }
  .panel {
    min-width: 0;
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .plan-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .plan h3 {
    margin: 0;
    font-size: 1.125em;
  }
  .pitch {
    margin: var(--_space) 0 0;
    color: var(--_muted);
  }
  vp-scenario-planner {
    margin-top: calc(var(--_space) * 2);
  }
  vp-scenario-planner[hidden] {
    display: none;
  }
  /* Two columns when the box the host gives us is wide enough, whatever the viewport. */
  @container (min-width: 900px) {
    .grid {
      grid-template-columns: minmax(0, 5fr) minmax(0, 7fr);
    }
    .panel.wide {
      grid-column: 1 / -1;
    }
  }
  @container (max-width: 480px) {
    .frame,
    .panel {
      padding: var(--_space);
    }
  }
`;
