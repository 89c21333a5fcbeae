// Benchmark: the health job and /provider/tenant-health over a seed:demo data set in a fresh
// database. Times computeHealthScores for every tenant (the nightly job; target < 60 s for 5,000),
// then ≥ 50 calls of listTenantHealth's first page (target p95 < 200 ms), and runs the backtest
// on the seeded history (AUC, at-risk lift).
//   npx tsx bench/tenant-health/run.ts -- [--tenants 5000] [--months 12] [--runs 50] [--keep] [--json]
import { parseArgs } from "node:util";
import { backtestHealthScore } from "@pp/core/health/backtest-health-score";
import { computeHealthScores } from "@pp/core/health/compute-health-scores";
import { listTenantHealth } from "@pp/core/health/list-tenant-health";
import { rollupApiUsage } from "@pp/core/usage/rollup-api-usage";
import { createConnection } from "@pp/db";
import { DAY_MS, seedDemo, startOfUtcDay } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { sql } from "drizzle-orm";
import { BENCH_DATABASE } from "../lib/database";
import { describeMachine, percentile } from "../lib/measure";

const JOB_TARGET_SECONDS = 60;
const PAGE_TARGET_P95_MS = 200;
const round = (ms: number) => Number(ms.toFixed(1));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string" },
      months: { type: "string" },
      runs: { type: "string" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const tenants = Number(values.tenants ?? 5_000);
  const months = Number(values.months ?? 12);
  const runs = Number(values.runs ?? 50);
  for (const [name, value] of Object.entries({ tenants, months, runs })) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  }
  const server = await startDatabaseServer(BENCH_DATABASE);
  const name = `pp_bench_tenant_health_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const url = await ensureDatabase(server.adminUrl, name);
  const connection = createConnection(url, 8);
  try {
    await migrateDatabase(url);
    const now = startOfUtcDay(new Date());
    const apiUsageDays = 60;
    const seedStarted = performance.now();
    await seedDemo({
      pool: connection.pool,
      tenants,
      months,
      now,
      apiUsageRows: tenants * 200,
      apiUsageDays,
      featureUsageDays: 30,
      log,
    });
    log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    for (let day = apiUsageDays; day >= 0; day--) {
      const from = new Date(now.getTime() - day * DAY_MS);
      await rollupApiUsage({ from, to: new Date(from.getTime() + DAY_MS) }, connection.db);
    }
    await connection.db.execute(sql`analyze`);

    // A week ago first, so today's run has a trend and "largest drop" has something to sort.
    await computeHealthScores({ now: new Date(now.getTime() - 7 * DAY_MS) }, connection.db);
    const jobStarted = performance.now();
    const job = await computeHealthScores({ now: new Date() }, connection.db);
    const jobSeconds = (performance.now() - jobStarted) / 1000;
    log(`health job: ${job.scored} tenants in ${jobSeconds.toFixed(1)} s`);
    await connection.db.execute(sql`analyze health_scores`);

    for (let index = 0; index < 5; index++) await listTenantHealth({ limit: 24 }, connection.db);
    const samples: Record<string, number[]> = { score: [], drop: [] };
    for (const sort of ["score", "drop"] as const) {
      for (let index = 0; index < runs; index++) {
        const started = performance.now();
        await listTenantHealth({ limit: 24, sort }, connection.db);
        samples[sort]?.push(performance.now() - started);
      }
      samples[sort]?.sort((a, b) => a - b);
    }
    const backtestStarted = performance.now();
    const backtest = await backtestHealthScore({ now: new Date(), months: Math.max(1, months - 3) }, connection.db);
    const backtestSeconds = (performance.now() - backtestStarted) / 1000;
    const p95 = percentile(samples.score ?? [], 0.95);
    const result = {
      tenants,
      months,
      job: {
        tenantsScored: job.scored,
        seconds: round(jobSeconds),
        target: JOB_TARGET_SECONDS,
        passed: jobSeconds < JOB_TARGET_SECONDS,
      },
      firstPage: {
        runs,
        byScore: { p50: round(percentile(samples.score ?? [], 0.5)), p95: round(p95) },
        byDrop: { p50: round(percentile(samples.drop ?? [], 0.5)), p95: round(percentile(samples.drop ?? [], 0.95)) },
        target: PAGE_TARGET_P95_MS,
        passed: p95 < PAGE_TARGET_P95_MS,
      },
      backtest: { ...backtest, seconds: round(backtestSeconds) },
      machine: { ...describeMachine(), embedded: server.embedded },
      date: new Date().toISOString(),
    };
    process.stdout.write(`${JSON.stringify(result, null, values.json ? undefined : 2)}\n`);
  } finally {
    await connection.pool.end().catch(() => {});
    if (!values.keep) await dropDatabase(server.adminUrl, name);
    else log(`kept database ${url}`);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
