import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { areaUnderCurve, type BacktestObservation, liftOf } from "./backtest-metrics";
import type { HealthSignals } from "./health-components";
import { bandOf, type HealthBand, scoreHealth } from "./health-components";
import { readHealthSignals } from "./health-signals";

export const BACKTEST_HORIZON_DAYS = 90;
const DAY_MS = 86_400_000;

export type HealthBacktest = {
  months: number;
  observations: number;
  churned: number;
  baseRate: number;
  /** Null when the history holds no churn (or only churn). */
  auc: number | null;
  byBand: Record<HealthBand, { count: number; churned: number; rate: number }>;
  /** The at-risk band's churn rate ÷ the overall rate. */
  atRiskLift: number | null;
};

/** One tenant on one backtest day: what the score could read then, and whether it churned within the horizon. */
export type BacktestCase = { tenantId: string; asOf: Date; signals: HealthSignals; churned: boolean };

/**
 * The backtest's cases: on the 1st of every month whose 90 days have passed, every tenant live
 * then (its latest MRR movement is not a churn), with its signals from the data dated before that
 * day and whether a `churn` movement followed within 90 days. Weight tuning reads these too
 * (scripts/health-backtest.ts), so the tuned and the reported figures come from the same cases.
 */
export async function collectBacktestCases(
  { now = new Date(), months = 24 }: { now?: Date; months?: number } = {},
  executor: Executor = db,
): Promise<{ months: number; cases: BacktestCase[] }> {
  const cases: BacktestCase[] = [];
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  let monthsUsed = 0;
  for (let back = 0; back < months + 3; back++) {
    const asOf = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - back, 1));
    const horizon = new Date(asOf.getTime() + BACKTEST_HORIZON_DAYS * DAY_MS);
    if (horizon > now) continue;
    if (monthsUsed >= months) break;
    const cohort = await executor.execute<{ tenant_id: string; churned: boolean }>(sql`
      with state as (
        select tenant_id,
          (array_agg(type order by effective_at desc, id desc) filter (where effective_at <= ${asOf.toISOString()}::timestamptz))[1] as last_type,
          bool_or(type = 'churn' and effective_at > ${asOf.toISOString()}::timestamptz
            and effective_at <= ${horizon.toISOString()}::timestamptz) as churned
        from subscription_events group by tenant_id
      )
      select tenant_id, coalesce(churned, false) as churned from state
      where last_type is not null and last_type <> 'churn'`);
    if (cohort.rows.length === 0) continue;
    monthsUsed += 1;
    const signals = await readHealthSignals({ asOf, tenantIds: cohort.rows.map((row) => row.tenant_id) }, executor);
    for (const row of cohort.rows) {
      const tenantSignals = signals.get(row.tenant_id);
      if (tenantSignals) {
        cases.push({ tenantId: row.tenant_id, asOf, signals: tenantSignals, churned: Boolean(row.churned) });
      }
    }
  }
  return { months: monthsUsed, cases };
}

/**
 * Does the score predict churn? Every backtest case (collectBacktestCases) scored with today's
 * rules and weights, against whether it churned in the next 90 days.
 */
export async function backtestHealthScore(
  options: { now?: Date; months?: number } = {},
  executor: Executor = db,
): Promise<HealthBacktest> {
  const { months: monthsUsed, cases } = await collectBacktestCases(options, executor);
  return summarizeBacktest(
    monthsUsed,
    cases.map((c) => ({ score: scoreHealth(c.signals).score, churned: c.churned })),
  );
}

/** AUC, churn by band and the at-risk lift of scored observations. */
export function summarizeBacktest(monthsUsed: number, observations: BacktestObservation[]): HealthBacktest {
  const churned = observations.filter((o) => o.churned).length;
  const byBand = { healthy: [], watch: [], at_risk: [] } as Record<HealthBand, BacktestObservation[]>;
  for (const observation of observations) byBand[bandOf(observation.score)].push(observation);
  const summary = (rows: BacktestObservation[]) => {
    const lost = rows.filter((o) => o.churned).length;
    return { count: rows.length, churned: lost, rate: rows.length ? lost / rows.length : 0 };
  };
  return {
    months: monthsUsed,
    observations: observations.length,
    churned,
    baseRate: observations.length ? churned / observations.length : 0,
    auc: areaUnderCurve(observations),
    byBand: { healthy: summary(byBand.healthy), watch: summary(byBand.watch), at_risk: summary(byBand.at_risk) },
    atRiskLift: liftOf(byBand.at_risk, observations),
  };
}

let cached: { at: number; result: Promise<HealthBacktest> } | undefined;

/** The backtest at most once an hour per process: history before last month does not change. */
export function cachedHealthBacktest(): Promise<HealthBacktest> {
  if (!cached || Date.now() - cached.at > 60 * 60 * 1000) {
    const result = backtestHealthScore();
    cached = { at: Date.now(), result };
    result.catch(() => {
      cached = undefined;
    });
  }
  return cached.result;
}
