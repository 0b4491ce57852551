import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dayAt,
  expectNumber,
  type Fixture,
  HOURS_PER_RUN,
  mondayOf,
  startFixture,
  weeklyRunEvents,
} from './value-fixture.ts';

/**
 * The forecast fits the regime the account is in now, through the real API: a ramp that levelled
 * off forecasts the level, a decline forecasts below its last weeks. Expectations come from the
 * runs the fixture sends (0.2 hours each), not from a run of the code.
 */

const today = new Date().toISOString().slice(0, 10);
const thisMonday = mondayOf(today);
/** The Monday of week `index` of a history `length` complete weeks long. */
const weekOf = (index: number, length: number) => dayAt(thisMonday, -7 * (length - index));

/** A fixed wobble of whole runs, mean 0. */
const WOBBLE = [2, -2, 1, -1, 0, 2, -1, -1];
const wobble = (i: number) => WOBBLE[i % WOBBLE.length] as number;

/** Eight weeks rising 5 runs a week, then fourteen weeks around 60 runs. */
const RAMP = Array.from({ length: 22 }, (_, i) => (i < 8 ? 5 * (i + 1) : 60 + wobble(i)));
/** Ten weeks around 60 runs, then eight weeks falling 4 runs a week (56 … 28). */
const DECLINE = Array.from({ length: 18 }, (_, i) => (i < 10 ? 60 : 60 - 4 * (i - 9)) + wobble(i));

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({
    events: [
      ...weeklyRunEvents('ramp-co', RAMP, today),
      ...weeklyRunEvents('fall-co', DECLINE, today),
    ],
  });
});
afterAll(async () => {
  await f.close();
});

interface Forecast {
  history: Array<{ bucket: string; value: number }>;
  fit?: { from: string; to: string; weeks: number; changeAt?: string; method: string };
  forecast: Array<{ bucket: string; value: number; low: number; high: number }>;
  dataStatus: { state: string };
}
const forecastOf = (account: string) =>
  f.getJson<Forecast>('/v1/value/forecast?driver=automation_hours&horizon=28', account);

describe('GET /v1/value/forecast fits the current regime', () => {
  it('a ramp that levelled off: the forecast is the level, not the ramp continued', async () => {
    const body = await forecastOf('ramp-co');
    expect(body.dataStatus.state).toBe('ok');
    expect(body.history).toHaveLength(RAMP.length);
    expect(body.fit).toEqual({
      from: weekOf(8, RAMP.length),
      to: weekOf(RAMP.length - 1, RAMP.length),
      weeks: 14,
      changeAt: weekOf(8, RAMP.length),
      method: 'level',
    });
    const flat = RAMP.slice(8);
    const level = (flat.reduce((sum, runs) => sum + runs, 0) / flat.length) * HOURS_PER_RUN;
    for (const week of body.forecast) {
      expectNumber(week.value, level, 1e-6);
      expect(week.low).toBeLessThan(level);
      expect(week.high).toBeGreaterThan(level);
      // Within the flat weeks' own wobble (±2 runs), far from the ramp's 1 hour a week.
      expect(week.high - week.low).toBeLessThan(2);
    }
  });

  it('a decline: the forecast continues below the last weeks', async () => {
    const body = await forecastOf('fall-co');
    expect(body.fit?.method).toBe('linear');
    // The decline's line passes through week 9 (60 runs): with the wobble, the change is found
    // within a week of it.
    expect([8, 9, 10].map((index) => weekOf(index, DECLINE.length))).toContain(body.fit?.changeAt);
    expect(body.fit?.to).toBe(weekOf(DECLINE.length - 1, DECLINE.length));
    const lastWeeks = Math.min(...DECLINE.slice(-3)) * HOURS_PER_RUN;
    expect(body.forecast[0]?.value).toBeLessThan(lastWeeks);
    body.forecast.slice(1).forEach((week, index) => {
      expect(week.value).toBeLessThan(body.forecast[index]?.value ?? 0);
    });
    // About 4 runs (0.8 hours) less each week.
    const step = (body.forecast[0]?.value ?? 0) - (body.forecast[1]?.value ?? 0);
    expect(Math.abs(step - 4 * HOURS_PER_RUN)).toBeLessThan(0.15);
  });
});
