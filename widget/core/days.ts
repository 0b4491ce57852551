/**
 * Calendar days as YYYY-MM-DD in UTC: the day arithmetic the value API counts with, shared with
 * the server (blueprint/days.ts is pure and free of zod, so the bundle takes it as it is).
 */
export {
  addDays,
  bucketEnd,
  clipRange,
  type DayRange,
  daysIn,
  earlierDay,
  fromDay,
  type Grain,
  isDay,
  MAX_PERIOD_DAYS,
  overlapDays,
  previousRange,
  toDay,
  today,
} from '../../blueprint/days.ts';
