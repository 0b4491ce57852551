import { type DayRange, daysIn } from './days.ts';
import { DomainError } from './errors.ts';
import { roundTo } from './format.ts';
import { MIN_PEER_ACCOUNTS, quantileOf } from './peers.ts';
import { paybackDays, type ResolvedAssumption, roi } from './value-math.ts';
import type { Driver, Unit, ValueModel } from './value-model.ts';

/**
 * Scenario planning's arithmetic: from what an account did in its baseline window to the value it
 * would get if it used the product differently. Pure, on plain numbers, imported by the server and
 * the widget alike, so a plan shows the same figures wherever it is computed.
 *
 * Each driver's steady-state value a year is 52 × adopters × intensity × the driver's rates, where
 * intensity is the driver's value (its quantity × perUnit, in the driver's unit) per adopter per
 * week. A `distinctUsers` driver counts people once per period, so it has no intensity: its year is
 * 52/12 × its window's value, and only its adopters move it. With every lever at its baseline the
 * run rate is 52/12 × the money the window realized, the figure the value API shows for it (52 / its
 * weeks for an account younger than the 12 weeks: its pace since it started).
 */

export const BASELINE_WEEKS = 12;
export const WEEKS_PER_YEAR = 52;
/** How far a figure may fall or rise when the account's own weeks say nothing (too few, or none). */
export const UNKNOWN_SPREAD = { low: 0.5, high: 1.5 } as const;
/** Weeks with value needed before their spread is trusted as the account's own. */
const MIN_WEEKS_FOR_SPREAD = 4;

/** What one driver did in the baseline window. */
export interface DriverBaseline {
  driverId: string;
  /** Distinct people with at least one of the driver's events in the window. */
  adopters: number;
  /** The driver's quantity in the window (events, a property's sum, or distinct people). */
  quantity: number;
}

/** Everything a projection starts from, for one account. */
export interface ProjectionBasis {
  model: Pick<ValueModel, 'currency' | 'drivers' | 'assumptions'>;
  /** The account's assumption values (customer edits included). */
  assumptions: readonly ResolvedAssumption[];
  drivers: readonly DriverBaseline[];
  /** The account's money in each week of the window, oldest first. */
  weeklyMoney: readonly number[];
  /**
   * Weeks in the window: unset for the 12 weeks; fewer (fractions included) for an account younger
   * than that, its time since it started, so its pace is not diluted by weeks before it began.
   * `weeklyMoney` then holds its complete weeks only, counted back from the window's end.
   */
  weeks?: number;
  /** The account's seats (from the model's `scenarios.seatsTrait`), the most adopters can reach. */
  seats?: number;
  /** The account's annual spend, for ROI and payback. */
  annualSpend?: number;
  /** People with any event in the window: without seats, as many as a plan may give a driver. */
  activeUsers?: number;
  /**
   * What adopters elsewhere do with drivers this account has not used: per driver, the median and
   * 90th percentile intensity among at least MIN_PEER_ACCOUNTS other accounts that use it.
   */
  peers?: Record<string, PeerIntensity>;
  /**
   * For drivers the account uses: an intensity a plan may reach even beyond four times today's
   * (what the top tenth of other accounts do, or the vendor's figure for an offer that grows it),
   * so the planner can set the account at the level an offer speaks of.
   */
  reach?: Record<string, number>;
}

export interface PeerIntensity {
  accounts: number;
  median: number;
  p90: number;
}

export type LeverKind = 'adoption' | 'intensity' | 'assumption';

export interface Lever {
  id: string;
  kind: LeverKind;
  driver?: string;
  assumption?: string;
  /** The driver's or the assumption's label, in the model's words. */
  label: string;
  /** adoption: people; intensity: the driver's unit per person per week; assumption: its unit. */
  unit: Unit | 'people' | string;
  baseline: number;
  min: number;
  max: number;
  step: number;
  /**
   * Set when the account has never used the driver: the intensity lever starts at what adopters
   * in that many other accounts do (their median), since the account's own data says nothing.
   */
  peerAccounts?: number;
}

export interface Band {
  value: number;
  low: number;
  high: number;
}

export interface ProjectionOptions {
  /** Months projected, 1–36. */
  horizonMonths: number;
  /** Months each lever takes to move from its baseline to its new value; 0 = at once. */
  rampMonths: number;
}

export const DEFAULT_PROJECTION: ProjectionOptions = { horizonMonths: 12, rampMonths: 3 };

export interface Clamped {
  lever: string;
  requested: number;
  used: number;
}

export interface Projection {
  baseline: { annualRunRate: Band };
  annualRunRate: Band;
  firstYear: Band;
  months: Array<{ month: number; baseline: number } & Band>;
  drivers: Array<{ id: string; baseline: number; scenario: number; delta: number }>;
  /** The plan's run rate over the annual spend; null without a spend. */
  roi: number | null;
  /** Days of the plan's value that pay a year's spend; null without a spend or value. */
  payback: number | null;
  clamped: Clamped[];
}

/** The run rate in money, and the driver's value a year when the goal was one driver's. */
interface Reached {
  annualRunRate: number;
  driverValue?: number;
}

export type GoalSeek =
  | ({ found: true; value: number } & Reached)
  | ({ found: false; best: { value: number } & Reached } & Reached);

/** A lever id the account does not have, one the target does not depend on, or no such driver. */
export class LeverRefused extends DomainError {
  constructor(
    readonly code: 'unknown_lever' | 'lever_not_relevant' | 'unknown_driver',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The levers of an account: adoption and intensity per driver, and every editable assumption. A
 * driver the account has never used starts from what adopters in at least MIN_PEER_ACCOUNTS other
 * accounts do; with fewer, it has none (its own data cannot say how intensely people would use
 * it). `unusedDrivers` names those.
 */
export function leversOf(basis: ProjectionBasis): Lever[] {
  const levers: Lever[] = [];
  for (const driver of basis.model.drivers) {
    const { adopters, intensity, peers } = driverStart(basis, driver);
    if (intensity === 0) continue;
    const seats = basis.seats !== undefined && basis.seats >= adopters ? basis.seats : undefined;
    levers.push({
      id: `adoption:${driver.id}`,
      kind: 'adoption',
      driver: driver.id,
      label: driver.label,
      unit: 'people',
      baseline: adopters,
      min: 0,
      max: seats ?? Math.max(3 * adopters, adopters + 25, basis.activeUsers ?? 0),
      step: 1,
    });
    if (intensity === null) continue;
    const max = peers ? peers.p90 : Math.max(4 * intensity, basis.reach?.[driver.id] ?? 0);
    levers.push({
      id: `intensity:${driver.id}`,
      kind: 'intensity',
      driver: driver.id,
      label: driver.label,
      unit: driver.unit,
      baseline: intensity,
      min: 0,
      max,
      // Four times finer than other levers: a plan can sit within a few hundred dollars a year of
      // the level an offer speaks of ("Plan it") rather than a whole step away.
      step: niceStep(max / 4),
      ...(peers ? { peerAccounts: peers.accounts } : {}),
    });
  }
  for (const assumption of basis.assumptions) {
    if (!assumption.customerEditable) continue;
    levers.push({
      id: `assumption:${assumption.id}`,
      kind: 'assumption',
      assumption: assumption.id,
      label: assumption.label,
      unit: assumption.unit,
      baseline: assumption.value,
      min: assumption.min,
      max: assumption.max,
      step: niceStep(assumption.max - assumption.min),
    });
  }
  return levers;
}

/** Drivers without levers: counted or summed, nobody used them in the window, too few peers. */
export function unusedDrivers(basis: ProjectionBasis): string[] {
  return basis.model.drivers
    .filter((driver) => driverStart(basis, driver).intensity === 0)
    .map((driver) => driver.id);
}

/**
 * Lever values as a plan uses them: each within its bounds and on its step (a value equal to the
 * baseline stays exact), with what had to change. Unknown ids are refused, naming the valid ones.
 */
export function settle(
  levers: readonly Lever[],
  requested: Readonly<Record<string, number>>,
): { values: Map<string, number>; clamped: Clamped[] } {
  const byId = new Map(levers.map((lever) => [lever.id, lever]));
  const values = new Map(levers.map((lever) => [lever.id, lever.baseline]));
  const clamped: Clamped[] = [];
  for (const [id, asked] of Object.entries(requested)) {
    const lever = byId.get(id);
    if (!lever) {
      throw new LeverRefused(
        'unknown_lever',
        `no lever "${id}" for this account; the levers are ${[...byId.keys()].join(', ')}`,
      );
    }
    const used = onStep(lever, asked);
    values.set(id, used);
    if (used !== asked) clamped.push({ lever: id, requested: asked, used });
  }
  return { values, clamped };
}

/** A value within the lever's bounds, on its step counted from the minimum (what a plan uses). */
export function onStep(lever: Lever, value: number): number {
  if (value === lever.baseline) return value;
  const within = Math.min(lever.max, Math.max(lever.min, value));
  if (within === lever.max || within === lever.min) return within;
  const steps = Math.round((within - lever.min) / lever.step);
  // Rounding to the step's decimals keeps 0.1 + 0.2 from showing as 0.30000000000000004.
  return roundTo(Math.min(lever.max, lever.min + steps * lever.step), decimalsOf(lever.step) + 2);
}

/** The plan's value: run rate, each month over the horizon, per driver, with ranges and ROI. */
export function project(
  basis: ProjectionBasis,
  requested: Readonly<Record<string, number>>,
  options: ProjectionOptions = DEFAULT_PROJECTION,
): Projection {
  const levers = leversOf(basis);
  const { values, clamped } = settle(levers, requested);
  const start = new Map(levers.map((lever) => [lever.id, lever.baseline]));
  const spread = spreadOf(basis.weeklyMoney);
  const baselineRates = driverRates(basis, start);
  const planRates = driverRates(basis, values);
  const band = (rates: DriverRate[]): Band => bandOf(rates, spread);
  const months: Projection['months'] = [];
  const baselineMonth = sumOf(baselineRates) / 12;
  for (let month = 1; month <= options.horizonMonths; month++) {
    const share = options.rampMonths === 0 ? 1 : Math.min(1, month / options.rampMonths);
    const between = new Map(
      levers.map((lever) => {
        const from = lever.baseline;
        const to = values.get(lever.id) as number;
        return [lever.id, from + (to - from) * share];
      }),
    );
    const monthBand = band(driverRates(basis, between));
    months.push({
      month,
      baseline: money(baselineMonth),
      value: money(monthBand.value / 12),
      low: money(monthBand.low / 12),
      high: money(monthBand.high / 12),
    });
  }
  const firstYear = months.slice(0, 12).reduce(
    (sum, month) => ({
      value: sum.value + month.value,
      low: sum.low + month.low,
      high: sum.high + month.high,
    }),
    { value: 0, low: 0, high: 0 },
  );
  const annualRunRate = band(planRates);
  const spend = basis.annualSpend;
  return {
    baseline: { annualRunRate: roundBand(band(baselineRates)) },
    annualRunRate: roundBand(annualRunRate),
    firstYear: roundBand(firstYear),
    months,
    drivers: basis.model.drivers.map((driver, index) => {
      const before = money((baselineRates[index] as DriverRate).money);
      const after = money((planRates[index] as DriverRate).money);
      return { id: driver.id, baseline: before, scenario: after, delta: money(after - before) };
    }),
    roi: roi(annualRunRate.value, spend),
    payback: paybackDays(annualRunRate.value / 365, spend),
    clamped,
  };
}

/**
 * The value of one lever that brings the annual run rate to `target`, the others as given. Found
 * values are rounded up to the lever's step, so the plan reaches the target rather than falls just
 * short; when no value within the bounds does, the best the lever can give.
 */
export function goalSeek(
  basis: ProjectionBasis,
  leverId: string,
  target: number,
  requested: Readonly<Record<string, number>> = {},
  options: { driver?: string } = {},
): GoalSeek {
  const levers = leversOf(basis);
  const lever = levers.find((candidate) => candidate.id === leverId);
  if (!lever) {
    throw new LeverRefused(
      'unknown_lever',
      `no lever "${leverId}" for this account; the levers are ${levers.map((l) => l.id).join(', ')}`,
    );
  }
  const index = options.driver
    ? basis.model.drivers.findIndex((driver) => driver.id === options.driver)
    : -1;
  if (options.driver && index < 0) {
    throw new LeverRefused(
      'unknown_driver',
      `there is no driver "${options.driver}"; the drivers are ${basis.model.drivers.map((d) => d.id).join(', ')}`,
    );
  }
  const { values } = settle(levers, requested);
  const at = (x: number) => {
    const trial = new Map(values);
    trial.set(lever.id, x);
    return driverRates(basis, trial);
  };
  // The target is the run rate in money, or one driver's value a year in its own unit.
  const measure = (rates: DriverRate[]) =>
    index < 0 ? sumOf(rates) : (rates[index] as DriverRate).value;
  const atMin = measure(at(lever.min));
  const atMax = measure(at(lever.max));
  if (atMin === atMax) {
    throw new LeverRefused(
      'lever_not_relevant',
      `the ${index < 0 ? 'annual value' : `value of "${options.driver}"`} does not depend on "${leverId}" with the other levers where they are (a driver nobody uses gains nothing from more intensity, for one)`,
    );
  }
  const answer = (x: number) => {
    const rates = at(x);
    return {
      annualRunRate: money(sumOf(rates)),
      ...(index < 0 ? {} : { driverValue: roundTo((rates[index] as DriverRate).value, 4) }),
    };
  };
  const current = answer(values.get(lever.id) as number);
  const rising = atMax > atMin;
  const [lowest, highest] = rising ? [atMin, atMax] : [atMax, atMin];
  if (target > highest || target < lowest) {
    const value = target > highest === rising ? lever.max : lever.min;
    return { found: false, best: { value, ...answer(value) }, ...current };
  }
  // Each lever multiplies its drivers' terms once, so the run rate is linear in it: solve exactly.
  const exact = lever.min + ((target - atMin) / (atMax - atMin)) * (lever.max - lever.min);
  const value = reaching(lever, exact, rising);
  return { found: true, value, ...answer(value) };
}

/** `exact` on the lever's step, towards the side that reaches the target, within the bounds. */
function reaching(lever: Lever, exact: number, rising: boolean): number {
  const steps = (exact - lever.min) / lever.step;
  const whole = Math.abs(steps - Math.round(steps)) < 1e-9 ? Math.round(steps) : steps;
  const snapped = lever.min + (rising ? Math.ceil(whole) : Math.floor(whole)) * lever.step;
  return roundTo(Math.min(lever.max, Math.max(lever.min, snapped)), decimalsOf(lever.step) + 2);
}

interface DriverRate {
  money: number;
  /** The driver's value a year in its own unit (hours, tickets; money for a currency driver). */
  value: number;
  /** The driver has done nothing in the window, so its own weeks say nothing of its spread. */
  unproven: boolean;
}

/** Each driver's money a year at the given lever values, in the model's order. */
function driverRates(basis: ProjectionBasis, values: ReadonlyMap<string, number>): DriverRate[] {
  const rates = new Map(basis.assumptions.map((assumption) => [assumption.id, assumption.value]));
  for (const [id, value] of values) {
    if (id.startsWith('assumption:')) rates.set(id.slice('assumption:'.length), value);
  }
  return basis.model.drivers.map((driver) => {
    const adopters = values.get(`adoption:${driver.id}`) ?? 0;
    const start = driverStart(basis, driver);
    const factor =
      driver.unit === 'currency' ? 1 : product(driver.rates.map((id) => rates.get(id)));
    const yearly =
      start.intensity === null
        ? (WEEKS_PER_YEAR / BASELINE_WEEKS) * adopters * driver.perUnit
        : WEEKS_PER_YEAR * adopters * (values.get(`intensity:${driver.id}`) ?? 0);
    return { money: yearly * factor, value: yearly, unproven: start.adopters === 0 };
  });
}

/**
 * Adopters and intensity (value per adopter per week; null for distinctUsers) in the window. A
 * driver nobody used starts at its peers' median intensity when there are enough peers, else 0.
 */
function driverStart(
  basis: ProjectionBasis,
  driver: Driver,
): { adopters: number; intensity: number | null; peers?: PeerIntensity } {
  const found = basis.drivers.find((row) => row.driverId === driver.id);
  const quantity = found?.quantity ?? 0;
  // Value from events that name nobody still counts: as one adopter, so the baseline keeps it.
  const adopters = found?.adopters || (quantity > 0 ? 1 : 0);
  if ('distinctUsers' in driver.quantity) return { adopters, intensity: null };
  if (adopters === 0) {
    const peers = basis.peers?.[driver.id];
    return peers && peers.accounts >= MIN_PEER_ACCOUNTS && peers.median > 0
      ? { adopters, intensity: peers.median, peers }
      : { adopters, intensity: 0 };
  }
  return { adopters, intensity: (quantity * driver.perUnit) / weeksOf(basis) / adopters };
}

/**
 * An account's own baseline window within the 12 weeks: all of them, or for an account that started
 * inside them the days since its start (none before: they were not a customer yet).
 */
export function windowSince(window: DayRange, start: string | undefined): DayRange {
  if (!start || start <= window.from) return window;
  return { from: start > window.to ? window.to : start, to: window.to };
}

/**
 * The weeks an account was a user within a window (fractions of a week included): the window's,
 * or fewer since its start, so its figures are a pace, not diluted by weeks before it began.
 */
export function weeksActive(window: DayRange, start: string | undefined): number {
  if (!start || start <= window.from) return daysIn(window) / 7;
  if (start > window.to) return 0;
  return daysIn({ from: start, to: window.to }) / 7;
}

/** The weeks of the window the basis covers (see `ProjectionBasis.weeks`). */
export function weeksOf(basis: Pick<ProjectionBasis, 'weeks'>): number {
  return basis.weeks ?? BASELINE_WEEKS;
}

/** Peers' intensities (value per adopter per week, one per account) as the basis carries them. */
export function peerIntensityOf(intensities: readonly number[]): PeerIntensity | undefined {
  if (intensities.length < MIN_PEER_ACCOUNTS) return undefined;
  const sorted = [...intensities].sort((a, b) => a - b);
  return {
    accounts: sorted.length,
    median: quantileOf(sorted, 0.5),
    p90: quantileOf(sorted, 0.9),
  };
}

/**
 * How far the account's weeks fall below and rise above their mean: the 10th and 90th percentile
 * of weekly money over the mean. With fewer than MIN_WEEKS_FOR_SPREAD weeks of value, a wide
 * default instead.
 */
export function spreadOf(weeklyMoney: readonly number[]): { low: number; high: number } {
  const weeks = weeklyMoney.filter((week) => Number.isFinite(week));
  const mean = weeks.reduce((sum, week) => sum + week, 0) / Math.max(1, weeks.length);
  if (weeks.filter((week) => week > 0).length < MIN_WEEKS_FOR_SPREAD || !(mean > 0)) {
    return { ...UNKNOWN_SPREAD };
  }
  const sorted = [...weeks].sort((a, b) => a - b);
  return {
    low: Math.min(1, quantileOf(sorted, 0.1) / mean),
    high: Math.max(1, quantileOf(sorted, 0.9) / mean),
  };
}

/** The run rate with its range: proven drivers by the account's spread, the others wider. */
function bandOf(rates: readonly DriverRate[], spread: { low: number; high: number }): Band {
  let value = 0;
  let low = 0;
  let high = 0;
  for (const rate of rates) {
    const { low: down, high: up } = rate.unproven
      ? {
          low: Math.min(spread.low, UNKNOWN_SPREAD.low),
          high: Math.max(spread.high, UNKNOWN_SPREAD.high),
        }
      : spread;
    value += rate.money;
    low += rate.money * down;
    high += rate.money * up;
  }
  return { value, low, high };
}

/** A round step giving about 100–200 positions over the span: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / 200;
  // The power from its decimal text and the ratio rounded: engines differ in the last bit of
  // 10 ** -5, which put 0.00005 in the 10s in Node and in the 5s in Chromium.
  const power = Number(`1e${Math.floor(Math.log10(raw))}`);
  const scaled = roundTo(raw / power, 9);
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return roundTo(power * factor, Math.max(0, -Math.floor(Math.log10(power))));
}

/** Decimals of a step (0.1 → 1, 5 → 0): the precision a lever's values are shown in. */
export function decimalsOf(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function product(factors: ReadonlyArray<number | undefined>): number {
  return factors.reduce<number>((total, factor) => total * (factor ?? 0), 1);
}

function sumOf(rates: readonly DriverRate[]): number {
  return rates.reduce((sum, rate) => sum + rate.money, 0);
}

function money(value: number): number {
  return roundTo(value, 2);
}

function roundBand(band: Band): Band {
  return { value: money(band.value), low: money(band.low), high: money(band.high) };
}
