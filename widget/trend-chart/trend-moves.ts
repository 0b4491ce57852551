import type { ExplainRequest } from '../core/events.ts';
import { previousRange } from './trend-model.ts';
import type { View } from './trend-words.ts';

/** Moving through the chart's points, and asking why one changed. */

/** The point an arrow key, Home or End goes to from `at` among `count`; undefined for other keys. */
export function keyTarget(key: string, at: number | undefined, count: number): number | undefined {
  return (
    {
      ArrowRight: Math.min(count - 1, (at ?? -1) + 1),
      ArrowLeft: Math.max(0, (at ?? count) - 1),
      Home: 0,
      End: count - 1,
    } as Record<string, number | undefined>
  )[key];
}

/** "Why did this change?" for a realized bucket: it against the one before; else undefined. */
export function explainRequest(view: View, index: number): ExplainRequest | undefined {
  const row = view.model.rows[index];
  if (row?.realized === undefined) return undefined;
  const before = previousRange(row, row.bucket, view.model.grain);
  return {
    driver: view.driver || 'total',
    from: row.from,
    to: row.to,
    compareFrom: before.from,
    compareTo: before.to,
  };
}
