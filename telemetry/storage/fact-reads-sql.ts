import type { DayRange } from '../../blueprint/days.ts';
import { type AccountFact, activeDaysOf, activityOf, breakdownOf, seriesOf } from './fact-reads.ts';
import type {
  AccountFirstDay,
  AccountUsage,
  BreakdownDimension,
  Contribution,
  DriverActivity,
  FactFilter,
  SeriesPoint,
  SeriesWindow,
} from './interface.ts';
import type { SqlRow } from './sql-dialect.ts';
import {
  activeDaysQuery,
  activityQuery,
  breakdownQuery,
  type FactQuery,
  type FactSqlDialect,
  firstDaysQuery,
  seriesQuery,
  usageQuery,
} from './value-facts-sql.ts';
import {
  activeDaysOfRow,
  activityInto,
  breakdownColumns,
  contributionsInto,
  firstDaysOf,
  seriesPointsInto,
  usageOf,
} from './value-rows.ts';

/**
 * The value store's reads of facts, for a SQL engine: an account's facts held in memory answer
 * without a query; otherwise the shared SQL (value-facts-sql.ts) runs on the engine. One copy for
 * DuckDB and PostgreSQL, each giving how it holds facts and runs a query.
 */
export class SqlFactReads {
  constructor(
    private readonly dialect: FactSqlDialect,
    /** The account's facts when held (or now loaded) in memory; null to read them in SQL. */
    private readonly held: (accountId: string) => Promise<readonly AccountFact[] | null>,
    private readonly read: (query: FactQuery) => Promise<SqlRow[]>,
  ) {}

  async activity(
    accountId: string,
    ranges: DayRange[],
    filter?: FactFilter,
  ): Promise<DriverActivity[][]> {
    const facts = await this.held(accountId);
    if (facts) return activityOf(facts, ranges, filter);
    const result: DriverActivity[][] = ranges.map(() => []);
    if (ranges.length === 0) return result;
    return activityInto(
      result,
      await this.read(activityQuery(this.dialect, accountId, ranges, filter)),
    );
  }

  async series(
    accountId: string,
    windows: SeriesWindow[],
    options: { segment?: number; filter?: FactFilter } = {},
  ): Promise<SeriesPoint[][]> {
    const facts = await this.held(accountId);
    if (facts) return seriesOf(facts, windows, options);
    const result: SeriesPoint[][] = windows.map(() => []);
    if (windows.length === 0) return result;
    const rows = await this.read(seriesQuery(this.dialect, accountId, windows, options));
    return seriesPointsInto(result, rows, options.segment !== undefined);
  }

  async breakdown(
    accountId: string,
    ranges: DayRange[],
    dimensions: BreakdownDimension[],
    filter?: FactFilter,
  ): Promise<Contribution[][][]> {
    const facts = await this.held(accountId);
    if (facts) return breakdownOf(facts, ranges, dimensions, filter);
    const result: Contribution[][][] = ranges.map(() => dimensions.map(() => []));
    if (ranges.length === 0 || dimensions.length === 0) return result;
    const columns = breakdownColumns(dimensions);
    const rows = await this.read(breakdownQuery(this.dialect, accountId, ranges, columns, filter));
    return contributionsInto(result, rows, columns);
  }

  async activeDays(accountId: string, filter?: FactFilter): Promise<DayRange | null> {
    const facts = await this.held(accountId);
    if (facts) return activeDaysOf(facts, filter);
    const [row] = await this.read(activeDaysQuery(this.dialect, accountId, filter));
    return activeDaysOfRow(row);
  }

  async usage(range: DayRange): Promise<AccountUsage[]> {
    return usageOf(await this.read(usageQuery(this.dialect, range)));
  }

  async firstDays(): Promise<AccountFirstDay[]> {
    return firstDaysOf(await this.read(firstDaysQuery(this.dialect)));
  }
}
