import type { LeversAnswer, NewScenario, ScenarioChange } from '../../blueprint/api/scenarios.ts';
import { addDays, type DayRange, fromDay, lastCompleteDay } from '../../blueprint/days.ts';
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
} from '../../blueprint/projection.ts';
import { driverMoney } from '../../blueprint/value-math.ts';
import type { AccountUsage, ScenarioStore } from '../../telemetry/storage/interface.ts';
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
    const window = ScenarioService.windowOf(now);
    return { basis: await this.basis(context, window), window };
  }

  async savedPlans(context: AccountContext, reader: Reader, now = Date.now()) {
    return this.saved.list(context, reader, await this.current(context, now));
  }

  async savedPlan(context: AccountContext, reader: Reader, id: string, now = Date.now()) {
    return this.saved.get(context, reader, id, await this.current(context, now));
  }

  async savePlan(context: AccountContext, reader: Reader, input: NewScenario, now = Date.now()) {
    return this.saved.create(context, reader, input, await this.current(context, now));
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

  /** What the account did in the window, as the projection model takes it. */
  async basis(context: AccountContext, window: DayRange): Promise<ProjectionBasis> {
    const { store } = this.value;
    const { accountId, model } = context;
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
    const weeklyMoney = Array.from({ length: BASELINE_WEEKS }, () => 0);
    const start = fromDay(window.from);
    for (const point of days) {
      const driver = model.drivers.find((candidate) => candidate.id === point.driverId);
      // People are counted once per period, not per day: their value is spread evenly below.
      if (!driver || 'distinctUsers' in driver.quantity) continue;
      const week = Math.floor((fromDay(point.bucket) - start) / DAY_MS / 7);
      if (week < 0 || week >= BASELINE_WEEKS) continue;
      weeklyMoney[week] =
        (weeklyMoney[week] as number) + driverMoney(driver, point.quantity, context.rates).money;
    }
    for (const driver of model.drivers) {
      if (!('distinctUsers' in driver.quantity)) continue;
      const people = drivers.find((row) => row.driverId === driver.id)?.quantity ?? 0;
      const share = driverMoney(driver, people, context.rates).money / BASELINE_WEEKS;
      for (let week = 0; week < BASELINE_WEEKS; week++) {
        weeklyMoney[week] = (weeklyMoney[week] as number) + share;
      }
    }
    // Every account's usage is read only when this one has a driver it never used.
    const unused = drivers.filter((row) => row.adopters === 0 && row.quantity === 0);
    const peers = unused.length > 0 ? peersOf(context, await store.usage(window), drivers) : {};
    const seatCount = typeof seats === 'string' ? Number(seats) : seats;
    return {
      model: { currency: model.currency, drivers: model.drivers, assumptions: model.assumptions },
      assumptions: context.assumptions,
      drivers,
      weeklyMoney,
      ...(typeof seatCount === 'number' && Number.isFinite(seatCount) && seatCount >= 0
        ? { seats: Math.floor(seatCount) }
        : {}),
      ...(spend === null ? {} : { annualSpend: spend }),
      ...(Object.keys(peers).length > 0 ? { peers } : {}),
    };
  }

  async levers(context: AccountContext, now = Date.now()): Promise<LeversAnswer> {
    const window = ScenarioService.windowOf(now);
    const basis = await this.basis(context, window);
    return {
      currency: context.model.currency,
      baseline: {
        ...window,
        weeks: BASELINE_WEEKS,
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
    const basis = await this.basis(context, ScenarioService.windowOf(now));
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
    const basis = await this.basis(context, ScenarioService.windowOf(now));
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
 * For each counted or summed driver the account has not used: what adopters in other accounts do
 * with it, as aggregates over at least MIN_PEER_ACCOUNTS of them (none of their ids or own figures).
 */
function peersOf(
  context: AccountContext,
  usage: readonly AccountUsage[],
  own: ReadonlyArray<{ driverId: string; adopters: number; quantity: number }>,
): Record<string, PeerIntensity> {
  const peers: Record<string, PeerIntensity> = {};
  for (const driver of context.model.drivers) {
    if ('distinctUsers' in driver.quantity) continue;
    const mine = own.find((row) => row.driverId === driver.id);
    if (mine && (mine.adopters > 0 || mine.quantity > 0)) continue;
    const intensities = usage
      .filter((row) => row.driverId === driver.id && row.accountId !== context.accountId)
      .filter((row) => row.users > 0 && row.quantity > 0)
      .map((row) => (row.quantity * driver.perUnit) / BASELINE_WEEKS / row.users);
    const found = peerIntensityOf(intensities);
    if (found) peers[driver.id] = found;
  }
  return peers;
}
