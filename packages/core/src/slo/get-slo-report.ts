import { db, type Executor } from "@pp/db";
import { alerts } from "@pp/db/schema";
import { and, desc, like, ne, sql } from "drizzle-orm";
import { estimateLatencyPercentile, type LatencyEstimate } from "../usage/api-usage-percentiles";
import { LATENCY_BUCKET_BOUNDS_MS } from "../usage/rollup-api-usage";
import { evaluateBurnRates, type SloBucket, windowCounts } from "./burn-rate";
import { loadSloSeries } from "./load-slo-series";
import { SLO_WINDOW_DAYS, SLOS, type SloDefinition } from "./slo-definitions";

export type SloReport = {
  slo: SloDefinition;
  requests: number;
  /** Share of requests not answered 5xx over 28 days; null without traffic. */
  availability: number | null;
  /** Share of requests within the latency threshold over 28 days. */
  withinLatency: number | null;
  p95: LatencyEstimate | null;
  /** Error budget left (1 = untouched, 0 = spent, below 0 = overspent), per SLI. */
  availabilityBudgetLeft: number | null;
  latencyBudgetLeft: number | null;
  /** Current burn rate of each alert rule's long and short window, per SLI. */
  burnRates: { rule: string; sli: string; long: number; short: number; threshold: number; firing: boolean }[];
  /** Hourly availability burn rate over the last 7 days, oldest first. */
  hourly: { hour: string; burnRate: number; latencyBurnRate: number }[];
  openAlerts: (typeof alerts.$inferSelect)[];
};

const HOUR_MS = 3_600_000;

/** Reliability: every SLO over 28 days from the rollups, with its budget, burn rates and open alerts. */
export async function getSloReport(options: { now?: Date } = {}, executor: Executor = db): Promise<SloReport[]> {
  const now = options.now ?? new Date();
  const [series, latency, open] = await Promise.all([
    loadSloSeries({ now, days: SLO_WINDOW_DAYS }, executor),
    latencyBuckets(now, executor),
    executor
      .select()
      .from(alerts)
      .where(and(ne(alerts.status, "resolved"), like(alerts.fingerprint, "slo:%")))
      .orderBy(desc(alerts.firedAt)),
  ]);
  return SLOS.map((slo) => {
    const sloSeries = series.get(slo.key) ?? { minutes: [], hours: [] };
    const total = windowCounts(sloSeries, now.getTime(), SLO_WINDOW_DAYS * 86_400_000);
    const badShare = total.total > 0 ? total.bad / total.total : null;
    const slowShare = total.total > 0 ? total.slow / total.total : null;
    const byHour = new Map<number, SloBucket>(sloSeries.hours.map((bucket) => [bucket.start, bucket]));
    const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const hourly = Array.from({ length: 168 }, (_, index) => {
      const start = currentHour - (167 - index) * HOUR_MS;
      const bucket = byHour.get(start);
      const share = (count: number) => (bucket && bucket.total > 0 ? count / bucket.total : 0);
      return {
        hour: new Date(start).toISOString(),
        burnRate: round(share(bucket?.bad ?? 0) / (1 - slo.availabilityObjective)),
        latencyBurnRate: round(share(bucket?.slow ?? 0) / (1 - slo.latencyObjective)),
      };
    });
    return {
      slo,
      requests: total.total,
      availability: badShare === null ? null : 1 - badShare,
      withinLatency: slowShare === null ? null : 1 - slowShare,
      p95: estimateLatencyPercentile(latency.get(slo.key) ?? [], 0.95),
      availabilityBudgetLeft: badShare === null ? null : 1 - badShare / (1 - slo.availabilityObjective),
      latencyBudgetLeft: slowShare === null ? null : 1 - slowShare / (1 - slo.latencyObjective),
      burnRates: evaluateBurnRates(sloSeries, slo, now.getTime()).map((verdict) => ({
        rule: verdict.rule.key,
        sli: verdict.sli,
        long: round(verdict.longBurnRate),
        short: round(verdict.shortBurnRate),
        threshold: verdict.rule.burnRate,
        firing: verdict.firing,
      })),
      hourly,
      openAlerts: open.filter((alert) => alert.fingerprint.startsWith(`slo:${slo.key}:`)),
    };
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Latency bucket counts per SLO over 28 days (for p95), from the global hourly rollups. */
async function latencyBuckets(now: Date, executor: Executor): Promise<Map<string, number[]>> {
  const from = new Date(now.getTime() - SLO_WINDOW_DAYS * 86_400_000).toISOString();
  const width = LATENCY_BUCKET_BOUNDS_MS.length + 1;
  const sums = sql.raw(
    Array.from({ length: width }, (_, i) => `sum((r.latency_buckets->>${i})::bigint) as b${i}`).join(", "),
  );
  const parts = SLOS.map((slo) => {
    const filters = [sql`r.route like ${slo.routePattern}`];
    if (slo.app) filters.push(sql`r.app = ${slo.app}`);
    if (slo.method) filters.push(sql`r.method = ${slo.method}`);
    return sql`select ${slo.key} as slo, ${sums} from api_usage_rollups_hourly_global r
      where r.hour >= ${from}::timestamptz and r.hour <= ${now.toISOString()}::timestamptz and ${sql.join(filters, sql` and `)}`;
  });
  const result = await executor.execute<Record<string, string | null>>(sql.join(parts, sql` union all `));
  return new Map(
    result.rows.map((row) => [String(row.slo), Array.from({ length: width }, (_, i) => Number(row[`b${i}`] ?? 0))]),
  );
}
