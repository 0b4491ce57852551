import { median } from 'simple-statistics';
import {
  fact,
  impactOf,
  isEstimated,
  moneyUnit,
  percentUnit,
  provenance,
  scoreOf,
  summaryQuery,
  TOTAL,
  totalEstimated,
} from './facts.ts';
import type { Insight } from './insight.ts';
import type { StoryInput } from './story-input.ts';

/** A driver delivering under 2% of the account's value is barely used (zero included). */
export const MAX_GAP_SHARE = 0.02;
/** A driver with 10% or more of the value is in real use: a peer that shows the product pays. */
export const MIN_ACTIVE_SHARE = 0.1;
/** Two drivers in real use show the account is active, so a dormant one is a gap, not a new account. */
export const MIN_ACTIVE_PEERS = 2;
/** What a part in use typically brings is said only from three or more: of two it is an average. */
export const MIN_PEERS_FOR_TYPICAL = 3;

/**
 * A driver the account barely uses while its other drivers are active: every driver has a positive
 * rate in the model, so it would pay. The opportunity is sized as the median active driver's money.
 */
export function detectAdoptionGap(input: StoryInput): Insight[] {
  const total = input.total.money;
  if (!(total > 0)) return [];
  const active = input.drivers.filter((driver) => driver.money / total >= MIN_ACTIVE_SHARE);
  if (active.length < MIN_ACTIVE_PEERS) return [];
  const peerMoney = median(active.map((driver) => driver.money));
  const source = provenance(TOTAL, input.period, summaryQuery(input.period));
  const money = moneyUnit(input.currency);
  return input.drivers
    .filter((driver) => driver.money / total < MAX_GAP_SHARE)
    .map((driver) => {
      const share = Math.max(0, driver.money) / total;
      const own = provenance(driver.id, input.period, summaryQuery(input.period));
      return {
        id: `adoption_gap:${driver.id}`,
        type: 'adoption_gap' as const,
        score: scoreOf(1 - share / MAX_GAP_SHARE, impactOf(peerMoney - driver.money, input)),
        drivers: [driver.id],
        params: {
          driver: driver.label,
          ...(driver.feature ? { feature: driver.feature } : {}),
        },
        facts: [
          fact(
            'money',
            `${driver.label} this period`,
            driver.money,
            money,
            isEstimated(driver),
            own,
          ),
          fact(
            'share',
            'Share of the account value',
            share,
            percentUnit,
            totalEstimated(input),
            own,
          ),
          ...(active.length >= MIN_PEERS_FOR_TYPICAL
            ? [
                fact(
                  'peerMoney',
                  'What a driver in use delivers (median)',
                  peerMoney,
                  money,
                  totalEstimated(input),
                  source,
                ),
              ]
            : []),
          fact(
            'activeDrivers',
            'Drivers in use',
            active.length,
            { kind: 'count', singular: 'driver', plural: 'drivers' },
            false,
            source,
          ),
        ],
      };
    });
}
