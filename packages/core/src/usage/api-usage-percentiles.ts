import { LATENCY_BUCKET_BOUNDS_MS } from "./rollup-api-usage";

/**
 * A latency percentile estimated from bucket counts (non-cumulative, upper bounds
 * 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 ms and an open last bucket).
 *
 * The q-th percentile is the request at rank q × total. We find the bucket holding that rank and
 * assume its requests are spread evenly between the bucket's bounds, interpolating linearly:
 * lower + (upper − lower) × (rank − requests before the bucket) / requests in the bucket.
 * The first bucket starts at 0 ms. A rank in the open bucket (> 5,000 ms) has no upper bound, so
 * the estimate is its lower bound, 5,000 ms, with `aboveLastBound` set (shown as "> 5,000 ms").
 * The error is at most the width of the bucket the rank falls in. Null without any request.
 */
export type LatencyEstimate = { ms: number; aboveLastBound: boolean };

export function estimateLatencyPercentile(buckets: readonly number[], quantile: number): LatencyEstimate | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return null;
  const rank = Math.min(Math.max(quantile, 0), 1) * total;
  let before = 0;
  for (const [index, count] of buckets.entries()) {
    if (count > 0 && before + count >= rank) {
      const upper = LATENCY_BUCKET_BOUNDS_MS[index];
      const lower = index === 0 ? 0 : (LATENCY_BUCKET_BOUNDS_MS[index - 1] ?? 0);
      if (upper === undefined) return { ms: lower, aboveLastBound: true };
      const share = Math.max(rank - before, 0) / count;
      return { ms: Math.round((lower + (upper - lower) * share) * 10) / 10, aboveLastBound: false };
    }
    before += count;
  }
  // Only reachable with rounding at q = 1: the slowest non-empty bucket's upper bound.
  const last = buckets.findLastIndex((count) => count > 0);
  const upper = LATENCY_BUCKET_BOUNDS_MS[last];
  return upper === undefined
    ? { ms: LATENCY_BUCKET_BOUNDS_MS.at(-1) ?? 0, aboveLastBound: true }
    : { ms: upper, aboveLastBound: false };
}
