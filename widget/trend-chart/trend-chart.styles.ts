import { css } from 'lit';

export const trendChartStyles = css`
  .frame {
    display: grid;
    /* The plot follows the box, never the other way round (no resize loop). */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 1.5);
  }
  .title {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    margin-inline-end: auto;
    font-size: 1rem;
    font-weight: 600;
  }
  .pick {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    color: var(--_muted);
    font-size: 0.875rem;
  }
  select {
    max-width: 16rem;
    padding: calc(var(--_space) * 0.375) calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_text);
  }
  .toolbar .button {
    margin-top: 0;
    font-size: 0.875rem;
    color: var(--_text);
  }
  .body {
    position: relative;
    min-width: 0;
    min-height: 15rem;
  }
  .skeleton-chart {
    height: 15rem;
  }

  .chart {
    position: relative;
    border-radius: calc(var(--_radius) * 0.5);
    touch-action: pan-y;
  }
  svg {
    display: block;
    overflow: visible;
  }
  svg.plot {
    max-width: 100%;
  }
  .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .axis {
    fill: var(--_muted);
    font-size: 0.75rem;
  }
  .realized {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.25;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .pace {
    fill: none;
    stroke: var(--_promise);
    stroke-width: 1.75;
    stroke-dasharray: 10 5;
  }
  .promised {
    fill: none;
    stroke: var(--_promise);
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .promise-status {
    margin: 0;
    font-weight: 600;
  }
  .promise-status.behind {
    color: var(--_negative);
  }
  .forecast {
    fill: none;
    stroke: var(--_forecast);
    stroke-width: 2;
    stroke-dasharray: 2 4;
    stroke-linecap: round;
  }
  .band {
    fill: var(--_forecast);
    fill-opacity: 0.18;
    stroke: none;
  }
  .point {
    fill: var(--_accent);
    stroke: var(--_bg);
    stroke-width: 1.5;
    transition: opacity 120ms ease;
  }
  .point-swatch,
  .point.partial {
    fill: var(--_bg);
    stroke: var(--_accent);
  }
  .point.dimmed,
  .mark.dimmed {
    opacity: 0.3;
  }
  .point.highlighted {
    stroke: var(--_text);
    stroke-width: 2;
  }
  .highlight {
    fill: var(--_accent);
    fill-opacity: 0.1;
  }
  .dimmed-line {
    opacity: 0.45;
  }
  .mark {
    fill: var(--_text);
    stroke: var(--_bg);
    stroke-width: 1.5;
  }
  .guide {
    stroke: var(--_muted);
    stroke-width: 1;
    stroke-dasharray: 2 2;
  }
  .ring {
    fill: none;
    stroke: var(--_focus);
    stroke-width: 2;
  }

  .tooltip {
    position: absolute;
    z-index: 1;
    min-width: 12rem;
    max-width: 18rem;
    padding: var(--_space) calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 4px 16px color-mix(in srgb, var(--_text) 14%, transparent);
    font-size: 0.8125rem;
    pointer-events: none;
    transform: translate(12px, -50%);
  }
  .tooltip.end {
    transform: translate(calc(-100% - 12px), -50%);
  }
  .tooltip strong {
    display: block;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .tooltip dl {
    display: grid;
    grid-template-columns: auto auto;
    gap: 2px calc(var(--_space) * 1.5);
    margin: 0;
  }
  .tooltip dt {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
  }
  .tooltip dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .tooltip .range {
    grid-column: 1 / -1;
    color: var(--_muted);
  }
  .tooltip p {
    margin: calc(var(--_space) * 0.5) 0 0;
  }
  .tooltip .hint {
    color: var(--_muted);
  }

  .legend,
  .marks {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .marks {
    flex-direction: column;
    color: var(--_text);
  }
  .legend li,
  .marks li {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .swatch {
    flex: none;
    overflow: visible;
  }

  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    color: var(--_muted);
    padding-bottom: calc(var(--_space) * 0.5);
  }
  th,
  td {
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-bottom: 1px solid var(--_border);
    text-align: end;
    white-space: nowrap;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
  }
  th[scope='row'] .note {
    max-width: 22rem;
    font-weight: 400;
    white-space: normal;
  }
  thead th {
    color: var(--_muted);
    font-weight: 600;
  }
  tr.dimmed {
    color: var(--_muted);
  }
  tr.highlighted th {
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .range-text {
    display: block;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  @container (max-width: 400px) {
    .frame {
      padding: var(--_space);
    }
    .body {
      min-height: 6rem;
    }
    .skeleton-chart {
      height: 6rem;
    }
    select {
      max-width: 11rem;
    }
    .tooltip {
      min-width: 10rem;
    }
    table {
      font-size: 0.8125rem;
    }
    th,
    td {
      padding: calc(var(--_space) * 0.5);
      white-space: normal;
    }
  }
`;
