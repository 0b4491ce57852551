import type { LeversAnswer, NewScenario, ScenarioChange } from '../../blueprint/api/scenarios.ts';
import { addDays, type DayRange, daysIn, fromDay, lastCompleteDay } from '../../blueprint/days.ts';
import {
  BASELINE_WEEKS,
  type GoalSeek,
  goalSeek,
  leversOf,
  type PeerIntensity,
  type ProjectionBasis,
  type ProjectionOptions,
  peerIntensityOf,
  project,
  unusedDrivers,
  weeksActive,
  windowSince,
} from '../../blueprint/projection.ts';
import { driverMoney } from '../../blueprint/value-math.ts';
import type {
  AccountFirstDay,
  AccountUsage,
  ScenarioStore,
} from '../../telemetry/storage/interface.ts';
import type { AccountContext } from '../value/figures.ts';
import type { ValueService } from '../value/value-service.ts';
import { type CurrentBasis, type Reader, SavedScenarios } from './saved-scenarios.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Scenario planning for one account: reads what the account did in its baseline window (the 12
 * complete weeks ending yesterday, UTC) and hands it to the projection model. The account always
 * comes from the context, which the route builds from the embed token.
 */
export class ScenarioService {
  private readonly saved: SavedScenarios;

  constructor(
    private readonly value: ValueService,
    store: ScenarioStore,
  ) {
    this.saved = new SavedScenarios(store);
  }

  /** The account's basis as of `now`, with its window: what every saved plan is shown on. */
  private async current(context: AccountContext, now: number): Promise<CurrentBasis> {
    const window = await this.windowFor(context, now);
    return { basis: await this.basis(context, window), window };
  }

  /**
   * The account's baseline window as of `now`: the 12 complete weeks ending yesterday, or the days
   * since it started when it is younger (its pace, not weeks before it was a customer).
   */
  async windowFor(context: AccountContext, now = Date.now()): Promise<DayRange> {
    const start = await this.value.accountStart(context);
    return windowSince(ScenarioService.windowOf(now), start?.day);
  }

  async savedPlans(context: AccountContext, reader: Reader, now = Date.now()) {
    return this.saved.list(context, reader, await this.current(context, now));
  }

  async savedPlan(context: AccountContext, reader: Reader, id: string, now = Date.now()) {
    return this.saved.get(context, reader, id, await this.current(context, now));
  }

  async savePlan(context: AccountContext, reader: Reader, input: NewScenario, now = Date.now()) {
    return this.saved.create(
      context,
      reader,
      input,
      await this.current(context, now),
      new Date(now),
    );
  }

  /** Saves a plan a success manager pushed from a hand-off: shared, authored `rep:<repId>`. */
  async pushPlan(
    context: AccountContext,
    rep: { repId: string; name: string; handoffId: string },
    input: {
      name: string;
      levers: Record<string, number>;
      horizonMonths: number;
      rampMonths: number;
    },
    now = Date.now(),
  ) {
    return this.saved.push(context, rep, input, await this.current(context, now));
  }

  async changePlan(
    context: AccountContext,
    reader: Reader,
    id: string,
    change: ScenarioChange,
    now = Date.now(),
  ) {
    return this.saved.change(context, reader, id, change, await this.current(context, now));
  }

  deletePlan(context: AccountContext, reader: Reader, id: string): Promise<void> {
    return this.saved.remove(context, reader, id);
  }

  /** The baseline window as of `now`: 84 days ending with the last complete day. */
  static windowOf(now = Date.now()): DayRange {
    const to = lastCompleteDay(now);
    return { from: addDays(to, -(BASELINE_WEEKS * 7 - 1)), to };
  }

  /**
   * What the account did in its window (see `windowFor`), as the projection model takes it; other
   * accounts are read over the whole 12 weeks ending the same day, each for the weeks it was a user.
   */
  async basis(context: AccountContext, window: DayRange): Promise<ProjectionBasis> {
    const { store } = this.value;
    const { accountId, model } = context;
    const weeks = daysIn(window) / 7;
    // Complete weeks only, counted back from the window's end: a younger account's first days
    // are in its totals, but a part of a week says nothing of how its weeks spread.
    const whole = Math.floor(weeks);
    const full: DayRange = { from: addDays(window.to, -(BASELINE_WEEKS * 7 - 1)), to: window.to };
    const seatsTrait = model.scenarios?.seatsTrait;
    const [[activity = []], [days = []], seats, spend] = await Promise.all([
      store.activity(accountId, [window]),
      store.series(accountId, [{ range: window, grain: 'day' }]),
      seatsTrait ? this.value.accountTrait(accountId, seatsTrait) : undefined,
      this.value.annualSpend(context),
    ]);
    const drivers = model.drivers.map((driver) => {
      const row = activity.find((candidate) => candidate.driverId === driver.id);
      const adopters = row?.users ?? 0;
      return {
        driverId: driver.id,
        adopters,
        quantity: 'distinctUsers' in driver.quantity ? adopters : (row?.quantity ?? 0),
      };
    });
    const weeklyMoney = Array.from({ length: whole }, () => 0);
    const end = fromDay(window.to);
    for (const point of days) {
      const driver = model.drivers.find((candidate) => candidate.id === point.driverId);
      // People are counted once per period, not per day: their value is spread evenly below.
      if (!driver || 'distinctUsers' in driver.quantity) continue;
      const week = whole - 1 - Math.floor((end - fromDay(point.bucket)) / DAY_MS / 7);
      if (week < 0 || week >= whole) continue;
      weeklyMoney[week] =
        (weeklyMoney[week] as number) + driverMoney(driver, point.quantity, context.rates).money;
    }
    for (const driver of model.drivers) {
      if (!('distinctUsers' in driver.quantity)) continue;
      const people = drivers.find((row) => row.driverId === driver.id)?.quantity ?? 0;
      // A person counts once per 12 weeks (as the run rate has it), whatever the window's length.
      const share = driverMoney(driver, people, context.rates).money / BASELINE_WEEKS;
      for (let week = 0; week < whole; week++) {
        weeklyMoney[week] = (weeklyMoney[week] as number) + share;
      }
    }
    const [usage, active, firstDays] = await Promise.all([
      store.usage(full),
      store.activeUsers(window),
      store.firstDays(),
    ]);
    const { peers, reach } = peersOf(context, usage, firstDays, full, drivers);
    const activeUsers = active.find((row) => row.accountId === accountId)?.users ?? 0;
    const seatCount = typeof seats === 'string' ? Number(seats) : seats;
    return {
      model: { currency: model.currency, drivers: model.drivers, assumptions: model.assumptions },
      assumptions: context.assumptions,
      drivers,
      weeklyMoney,
      ...(weeks < BASELINE_WEEKS ? { weeks } : {}),
      ...(typeof seatCount === 'number' && Number.isFinite(seatCount) && seatCount >= 0
        ? { seats: Math.floor(seatCount) }
        : {}),
      ...(spend === null ? {} : { annualSpend: spend }),
      ...(activeUsers > 0 ? { activeUsers } : {}),
      ...(Object.keys(peers).length > 0 ? { peers } : {}),
      ...(Object.keys(reach).length > 0 ? { reach } : {}),
    };
  }

  async levers(context: AccountContext, now = Date.now()): Promise<LeversAnswer> {
    const window = await this.windowFor(context, now);
    const basis = await this.basis(context, window);
    return {
      currency: context.model.currency,
      baseline: {
        ...window,
        weeks: basis.weeks ?? BASELINE_WEEKS,
        annualRunRate: project(basis, {}, { horizonMonths: 1, rampMonths: 0 }).annualRunRate,
      },
      levers: leversOf(basis),
      unusedDrivers: unusedDrivers(basis),
      basis: {
        ...basis,
        assumptions: [...basis.assumptions],
        drivers: [...basis.drivers],
        weeklyMoney: [...basis.weeklyMoney],
      },
    };
  }

  async project(
    context: AccountContext,
    levers: Record<string, number>,
    options: ProjectionOptions,
    now = Date.now(),
  ) {
    const basis = await this.basis(context, await this.windowFor(context, now));
    return { currency: context.model.currency, ...project(basis, levers, options) };
  }

  async goalSeek(
    context: AccountContext,
    request: {
      target: number;
      lever: string;
      levers?: Record<string, number> | undefined;
      driver?: string | undefined;
    },
    now = Date.now(),
  ): Promise<GoalSeek> {
    const basis = await this.basis(context, await this.windowFor(context, now));
    return goalSeek(
      basis,
      request.lever,
      request.target,
      request.levers ?? {},
      request.driver ? { driver: request.driver } : {},
    );
  }
}

/**
 * What other accounts do with each counted or summed driver, as aggregates over at least
 * MIN_PEER_ACCOUNTS of them (none of their ids or own figures): for a driver this account has not
 * used, where its plan starts (`peers`); for one it uses, how far a plan may reach (`reach`: their
 * 90th percentile, or the vendor's own figure for an offer that grows the driver, when higher).
 */
function peersOf(
  context: AccountContext,
  usage: readonly AccountUsage[],
  firstDays: readonly AccountFirstDay[],
  window: DayRange,
  own: ReadonlyArray<{ driverId: string; adopters: number; quantity: number }>,
): { peers: Record<string, PeerIntensity>; reach: Record<string, number> } {
  const peers: Record<string, PeerIntensity> = {};
  const reach: Record<string, number> = {};
  const since = new Map(firstDays.map((first) => [first.accountId, first.day]));
  for (const driver of context.model.drivers) {
    if ('distinctUsers' in driver.quantity) continue;
    const intensities = usage
      .filter((row) => row.driverId === driver.id && row.accountId !== context.accountId)
      .filter((row) => row.users > 0 && row.quantity > 0)
      .flatMap((row) => {
        const weeks = weeksActive(window, since.get(row.accountId));
        // An account not a week old has no pace yet to compare with.
        return weeks >= 1 ? [(row.quantity * driver.perUnit) / weeks / row.users] : [];
      });
    const found = peerIntensityOf(intensities);
    const mine = own.find((row) => row.driverId === driver.id);
    if (!mine || (mine.adopters === 0 && mine.quantity === 0)) {
      if (found) peers[driver.id] = found;
      continue;
    }
    const offered = context.model.offers
      .filter((offer) => offer.estimate && offer.drivers[0] === driver.id)
      .map((offer) => (offer.estimate?.perUserPerWeek ?? 0) * driver.perUnit);
    const highest = Math.max(found?.p90 ?? 0, ...offered);
    if (highest > 0) reach[driver.id] = highest;
  }
  return { peers, reach };
}
