/** One scored tenant-month of the backtest: its score then and whether it churned within the horizon. */
export type BacktestObservation = { score: number; churned: boolean };

/**
 * Area under the ROC curve of "lower score = more likely to churn" (Mann–Whitney): the chance a
 * churned tenant scored below a retained one, ties counting half. Null without both outcomes.
 */
export function areaUnderCurve(observations: readonly BacktestObservation[]): number | null {
  const churned = observations.filter((o) => o.churned).map((o) => o.score);
  const retained = observations.filter((o) => !o.churned).map((o) => o.score);
  if (churned.length === 0 || retained.length === 0) return null;
  const sorted = [...retained].sort((a, b) => a - b);
  let wins = 0;
  for (const score of churned) {
    // Retained scores above this churned one count 1, equal ones 1/2.
    const below = lowerBound(sorted, score);
    const atOrBelow = lowerBound(sorted, score + 1e-9);
    wins += sorted.length - atOrBelow + (atOrBelow - below) / 2;
  }
  return wins / (churned.length * retained.length);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Churn rate inside a subset ÷ the overall churn rate; null when nobody churned or the subset is empty. */
export function liftOf(subset: readonly BacktestObservation[], all: readonly BacktestObservation[]): number | null {
  const base = all.filter((o) => o.churned).length / (all.length || 1);
  if (subset.length === 0 || base === 0) return null;
  return subset.filter((o) => o.churned).length / subset.length / base;
}
