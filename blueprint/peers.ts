/**
 * Figures about other accounts ("customers like you") are aggregates only: never from fewer than
 * this many accounts, and never an account's id, name or own figure.
 */
export const MIN_PEER_ACCOUNTS = 5;

/**
 * The q-quantile (0–1) of values sorted ascending, interpolated between neighbours (the method
 * spreadsheets call PERCENTILE.INC), so the median of [1, 2, 3, 4] is 2.5.
 */
export function quantileOf(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(at);
  const low = sorted[below] as number;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return low + (high - low) * (at - below);
}
