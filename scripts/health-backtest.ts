// npm run health:backtest -- [--now YYYY-MM-DD] [--months 24] [--tune]
// The health score's backtest on whatever history the database holds (seed:demo's, typically):
// AUC, churn by band and at-risk lift with today's weights, each component's own AUC, and with
// --tune the weights a coordinate search over the same cases finds (docs/health-score.md, "Weights").

import { collectBacktestCases, summarizeBacktest } from "@pp/core/health/backtest-health-score";
import { areaUnderCurve } from "@pp/core/health/backtest-metrics";
import { HEALTH_COMPONENTS, type HealthComponentKey } from "@pp/core/health/health-components";
import { closeDb } from "@pp/db";
import { openProductDatabase } from "./lib/database";
import { integerFlag, parseFlags, runCli, UsageError } from "./lib/seed-cli";

const USAGE = "Usage: npm run health:backtest -- [--now YYYY-MM-DD] [--months 24] [--tune] [--weights JSON]";
const STEP = 5;
/** Every component keeps some weight: the breakdown explains a score with all eight signals. */
const MIN_WEIGHT = 5;

type Weights = Record<HealthComponentKey, number>;

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    now: { type: "string" },
    months: { type: "string" },
    tune: { type: "boolean" },
    weights: { type: "string" },
  });
  if (flags.now !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.now)) {
    throw new UsageError(`--now must be a date like 2025-01-31, got "${flags.now}"`);
  }
  const now = flags.now ? new Date(`${flags.now}T00:00:00Z`) : new Date();
  const months = integerFlag("months", flags.months, 24, 1, 120);
  const database = await openProductDatabase({ log: () => {} });
  try {
    const { months: used, cases } = await collectBacktestCases({ now, months });
    // Each case's component scores once; every weight setting is then arithmetic on them.
    const parts = cases.map((c) => ({
      churned: c.churned,
      scores: Object.fromEntries(HEALTH_COMPONENTS.map((k) => [k.key, k.score(c.signals).score])) as Weights,
    }));
    const scoreWith = (weights: Weights) =>
      parts.map((p) => {
        let sum = 0;
        let total = 0;
        for (const component of HEALTH_COMPONENTS) {
          sum += p.scores[component.key] * weights[component.key];
          total += weights[component.key];
        }
        return { score: Math.round(sum / Math.max(total, 1)), churned: p.churned };
      });
    const current = Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c.key, c.weight])) as Weights;
    const report = (label: string, weights: Weights) => {
      const summary = summarizeBacktest(used, scoreWith(weights));
      const bands = Object.entries(summary.byBand)
        .map(([band, b]) => `${band} ${b.churned}/${b.count} (${(100 * b.rate).toFixed(1)}%)`)
        .join(", ");
      process.stdout.write(
        `${label}: AUC ${summary.auc?.toFixed(3)} · at-risk lift ${summary.atRiskLift?.toFixed(2)}× · ` +
          `${summary.observations} tenant-months, ${summary.churned} churned (${(100 * summary.baseRate).toFixed(1)}%) · ${bands}\n` +
          `  weights ${JSON.stringify(weights)}\n`,
      );
      return summary;
    };
    report("current weights", current);
    // --weights '{"apiUsageTrend":25,…}': score the same cases with another setting (e.g. tuned on another seed).
    if (flags.weights) report("given weights", { ...current, ...(JSON.parse(flags.weights) as Partial<Weights>) });
    for (const component of HEALTH_COMPONENTS) {
      const alone = areaUnderCurve(parts.map((p) => ({ score: p.scores[component.key], churned: p.churned })));
      process.stdout.write(`  ${component.key.padEnd(16)} alone: AUC ${alone?.toFixed(3)}\n`);
    }
    if (!flags.tune) return;
    // Coordinate search: move STEP points from one component to another while the AUC rises.
    const aucOf = (weights: Weights) => areaUnderCurve(scoreWith(weights)) ?? 0;
    let best = { ...current };
    let bestAuc = aucOf(best);
    for (let improved = true; improved; ) {
      improved = false;
      for (const from of HEALTH_COMPONENTS) {
        for (const to of HEALTH_COMPONENTS) {
          if (from.key === to.key || best[from.key] - STEP < MIN_WEIGHT) continue;
          const trial = { ...best, [from.key]: best[from.key] - STEP, [to.key]: best[to.key] + STEP };
          const auc = aucOf(trial);
          if (auc > bestAuc + 1e-4) {
            best = trial;
            bestAuc = auc;
            improved = true;
          }
        }
      }
    }
    report("tuned weights", best);
  } finally {
    await closeDb();
    await database.stop();
  }
}

runCli(main, USAGE);
