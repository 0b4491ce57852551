import {
  comparedNameOf,
  fact,
  impactOf,
  isEstimated,
  moneyUnit,
  percentUnit,
  periodNameOf,
  provenance,
  relativeChange,
  scoreOf,
  summaryQuery,
  TOTAL,
  totalEstimated,
  unitOf,
} from './facts.ts';
import type { Fact, Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/** A change under 10% between two periods is within ordinary week-to-week wobble: not news. */
export const MIN_PERIOD_CHANGE = 0.1;
/** A 50% rise or drop is as significant as a period-over-period change gets. */
export const FULL_PERIOD_CHANGE = 0.5;

/**
 * Realized money against the compared period (the previous one unless the customer chose
 * another), for the total and each driver. A compared period that is no fair baseline (the
 * account did not exist for much of it, or today is still under way) gives no growth rate: none.
 */
export function detectPeriodChange(input: StoryInput): Insight[] {
  if (input.comparison && !input.comparison.comparable) return [];
  const insights: Insight[] = [];
  const query = summaryQuery(input.period);
  const previousQuery = summaryQuery(input.previousPeriod);
  const currency = moneyUnit(input.currency);

  const total = periodChange(input, TOTAL, input.total.money, input.total.previous.money);
  if (total) {
    const estimated = totalEstimated(input);
    insights.push({
      ...total.base,
      facts: [
        fact(
          'current',
          'Value this period',
          input.total.money,
          currency,
          estimated,
          provenance(TOTAL, input.period, query),
        ),
        fact(
          'previous',
          'Value the period before',
          input.total.previous.money,
          currency,
          estimated,
          provenance(TOTAL, input.previousPeriod, previousQuery),
        ),
        total.changeFact,
      ],
    });
  }

  for (const driver of input.drivers) {
    const change = periodChange(input, driver.id, driver.money, driver.previous.money);
    if (!change) continue;
    const estimated = isEstimated(driver);
    const facts: Fact[] = [
      fact(
        'current',
        `${driver.label} this period`,
        driver.money,
        currency,
        estimated,
        provenance(driver.id, input.period, query),
      ),
      fact(
        'previous',
        `${driver.label} the period before`,
        driver.previous.money,
        currency,
        estimated,
        provenance(driver.id, input.previousPeriod, previousQuery),
      ),
      change.changeFact,
    ];
    if (driver.unit !== 'currency') {
      facts.push(
        fact(
          'value',
          `${driver.label} this period, in ${driver.unit.plural}`,
          driver.value,
          unitOf(driver.unit, input.currency),
          estimated,
          provenance(driver.id, input.period, query),
        ),
      );
    }
    insights.push({
      ...change.base,
      params: { ...change.base.params, driver: driver.label },
      facts,
    });
  }
  return insights;
}

function periodChange(input: StoryInput, driver: string, current: number, previous: number) {
  const change = relativeChange(current, previous);
  if (change === null || Math.abs(change) < MIN_PERIOD_CHANGE) return null;
  const direction = change > 0 ? 'up' : 'down';
  // The percentage compares a driver with itself under the same rates: it rests on no assumption.
  const compared = input.comparison?.kind ?? 'previous';
  // The change cites the compared period: the summary call against it reproduces it.
  const changeFact = fact(
    'change',
    'Change against the compared period',
    change,
    percentUnit,
    false,
    provenance(
      driver,
      input.period,
      compared === 'previous'
        ? summaryQuery(input.period)
        : summaryQuery(input.period, input.previousPeriod),
    ),
  );
  const base: Omit<Insight, 'facts'> = {
    id: `period_change:${driver}`,
    type: 'period_change',
    score: scoreOf(Math.abs(change) / FULL_PERIOD_CHANGE, impactOf(current - previous, input)),
    drivers: [driver],
    // previous, last_year, or chosen (any other period the customer compares with).
    params: {
      direction,
      ...periodNameOf(input.period),
      ...comparedNameOf(input.previousPeriod),
      compared: compared === 'other' ? 'chosen' : compared,
    },
  };
  return { base, changeFact };
}
