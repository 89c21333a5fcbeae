import {
  BURN_RATE_MIN_REQUESTS,
  BURN_RATE_RULES,
  type BurnRateRule,
  MINUTE_WINDOW_LIMIT_MS,
  type SliKind,
  type SloDefinition,
  SPIKE_FACTOR,
  SPIKE_MIN_COUNT,
} from "./slo-definitions";

/** Requests in one time bucket: all of them, those answered 5xx, those slower than the threshold. */
export type SloBucket = { start: number; total: number; bad: number; slow: number };

/** Minute buckets for the last 6 hours (raw rows) and hour buckets for up to 28 days (rollups). */
export type SloSeries = { minutes: readonly SloBucket[]; hours: readonly SloBucket[] };

export type WindowCounts = { total: number; bad: number; slow: number };

const HOUR_MS = 3_600_000;

/** The requests of the `windowMs` before `now`: minute buckets for short windows, hour buckets for long. */
export function windowCounts(series: SloSeries, now: number, windowMs: number): WindowCounts {
  const minuteResolution = windowMs <= MINUTE_WINDOW_LIMIT_MS;
  const buckets = minuteResolution ? series.minutes : series.hours;
  // Hour buckets: the hour holding the window's start counts whole (rollups have no finer grain).
  const from = minuteResolution ? now - windowMs : Math.floor((now - windowMs) / HOUR_MS) * HOUR_MS;
  const counts = { total: 0, bad: 0, slow: 0 };
  for (const bucket of buckets) {
    if (bucket.start >= from && bucket.start < now) {
      counts.total += bucket.total;
      counts.bad += bucket.bad;
      counts.slow += bucket.slow;
    }
  }
  return counts;
}

/** How many times faster than allowed the window spends the error budget (0 without traffic). */
export function burnRate(counts: WindowCounts, slo: SloDefinition, sli: SliKind): number {
  if (counts.total === 0) return 0;
  const failed = sli === "availability" ? counts.bad : counts.slow;
  const objective = sli === "availability" ? slo.availabilityObjective : slo.latencyObjective;
  return failed / counts.total / (1 - objective);
}

export type BurnRateVerdict = {
  rule: BurnRateRule;
  sli: SliKind;
  firing: boolean;
  longBurnRate: number;
  shortBurnRate: number;
  longRequests: number;
};

/** Every burn-rate rule × SLI of one SLO at `now`: firing when both windows burn at least the rule's rate. */
export function evaluateBurnRates(series: SloSeries, slo: SloDefinition, now: number): BurnRateVerdict[] {
  const verdicts: BurnRateVerdict[] = [];
  for (const rule of BURN_RATE_RULES) {
    const long = windowCounts(series, now, rule.longWindowMs);
    const short = windowCounts(series, now, rule.shortWindowMs);
    for (const sli of ["availability", "latency"] as const) {
      const longBurnRate = burnRate(long, slo, sli);
      const shortBurnRate = burnRate(short, slo, sli);
      verdicts.push({
        rule,
        sli,
        firing: long.total >= BURN_RATE_MIN_REQUESTS && longBurnRate >= rule.burnRate && shortBurnRate >= rule.burnRate,
        longBurnRate,
        shortBurnRate,
        longRequests: long.total,
      });
    }
  }
  return verdicts;
}

/** A 401/403/429 spike: enough responses in the window, and several times the baseline's average. */
export function isSpike(recent: number, baselinePerWindow: number): boolean {
  return recent >= SPIKE_MIN_COUNT && recent >= SPIKE_FACTOR * Math.max(baselinePerWindow, 1);
}
