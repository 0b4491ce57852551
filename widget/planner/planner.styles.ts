import { css } from 'lit';

/** Narrow boxes first: one column; the levers beside the results from 720 px of the planner's box. */
export const plannerStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--_bg);
  }
  h4,
  p,
  fieldset,
  figure,
  ul {
    margin: 0;
  }
  h4 {
    font-size: 1em;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  button {
    cursor: pointer;
  }
  .planner,
  .inputs,
  .outputs,
  .results,
  .saved,
  .compare {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: minmax(0, 1fr);
    align-content: start;
    min-width: 0;
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 3);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 720px) {
    .layout {
      grid-template-columns: minmax(0, 5fr) minmax(0, 7fr);
    }
  }
  .intro,
  .note,
  .about,
  .range,
  .delta,
  .label,
  .plan-worth,
  .legend {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .group {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend {
    padding: 0 calc(var(--_space) * 0.5);
    font-weight: 600;
  }
  .lever {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .group,
  .lever,
  .goal,
  .save {
    grid-template-columns: minmax(0, 1fr);
  }
  .lever label {
    font-size: 0.9375em;
  }
  .lever.moved label {
    font-weight: 600;
  }
  /* Slider, number and unit line up from one lever to the next. */
  .lever-controls {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 6.5em minmax(3em, 6.5em);
    align-items: center;
    gap: var(--_space);
  }
  input[type='range'] {
    flex: 1 1 4em;
    width: 100%;
    min-width: 0;
    accent-color: var(--_accent);
  }
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
  }
  select {
    max-width: 100%;
    min-width: 0;
  }
  .amount {
    width: 6.5em;
  }
  .unit {
    color: var(--_muted);
    font-size: 0.875em;
    min-width: 3em;
    overflow-wrap: anywhere;
  }
  .timing,
  .goal-fields,
  .save-fields,
  .plan-head,
  .plan-actions,
  .chart-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .timing label {
    display: grid;
    gap: calc(var(--_space) * 0.25);
    font-size: 0.875em;
  }
  .chart-head {
    justify-content: space-between;
  }
  .reset {
    justify-self: start;
  }
  .button {
    margin-top: 0;
    font: inherit;
    color: var(--_text);
  }
  .danger {
    font: inherit;
    padding: calc(var(--_space) * 0.25) var(--_space);
    border: 1px solid var(--_negative);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_bg);
    color: var(--_negative);
  }
  /* Kept in view while the customer scrolls through the levers (inside the planner only). */
  .cards {
    position: sticky;
    top: var(--vp-scroll-margin, 0px);
    z-index: 1;
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    padding-block: var(--_space);
    background: var(--_bg);
  }
  .card {
    display: grid;
    gap: calc(var(--_space) * 0.25);
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .figure {
    font-size: 1.5em;
  }
  .results:focus {
    outline: none;
  }
  .chart svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .axis {
    fill: var(--_muted);
    font-size: 12px;
  }
  path.band {
    fill: color-mix(in srgb, var(--_accent) 18%, transparent);
    stroke: none;
  }
  path.plan {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.5;
  }
  path.today {
    fill: none;
    stroke: var(--_promise);
    stroke-width: 2;
    stroke-dasharray: 6 4;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .legend > span {
    display: inline-flex;
    align-items: center;
    white-space: nowrap;
  }
  .key {
    display: inline-block;
    width: 1.5em;
    height: 0.6em;
    margin-right: calc(var(--_space) * 0.5);
    vertical-align: middle;
  }
  .key.plan {
    height: 0;
    border-top: 2.5px solid var(--_accent);
  }
  .key.band {
    background: color-mix(in srgb, var(--_accent) 18%, transparent);
  }
  .key.today {
    height: 0;
    border-top: 2px dashed var(--_promise);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: calc(var(--_space) * 0.5);
  }
  th,
  td {
    padding: calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
    text-align: end;
    vertical-align: top;
  }
  th[scope='row'],
  .section-row th {
    text-align: start;
  }
  .section-row th {
    color: var(--_muted);
  }
  tr.moved th {
    font-weight: 700;
  }
  .table-scroll {
    overflow-x: auto;
  }
  .goal,
  .save {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  #goal-target {
    width: 9em;
  }
  .message.ok {
    color: var(--_text);
  }
  .message.problem {
    color: var(--_text);
    border-left: 3px solid var(--_negative);
    padding-left: var(--_space);
  }
  .plans {
    display: grid;
    gap: var(--_space);
  }
  .plan {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding: var(--_space) 0;
    border-bottom: 1px solid var(--_border);
  }
  .tag {
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.75em;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .rename {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  @container (max-width: 480px) {
    .figure {
      font-size: 1.25em;
    }
    .lever-controls {
      grid-template-columns: 6.5em minmax(0, 1fr);
    }
    input[type='range'] {
      grid-column: 1 / -1;
    }
  }
`;
