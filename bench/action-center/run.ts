// Benchmark: the Action Center (every bucket's count and first page) over a seed:demo data set of
// 5,000 tenants in a fresh database, ≥ 50 timed calls of the domain function, p50/p95.
// Target: p95 < 100 ms.
//   npm run bench:action-center -- [--tenants 5000] [--months 6] [--api-usage-rows 2000000] [--runs 50] [--keep] [--json]
// Uses DATABASE_URL's server (else an embedded PostgreSQL) and a new database it drops afterwards
// (--keep leaves it for EXPLAIN). api_usage_rollups is filled from the seeded raw rows with the
// rollup job's own statement, a day at a time, as the hourly job would have.
import { parseArgs } from "node:util";
import { ACTION_BUCKETS } from "@pp/core/action-center/buckets";
import { getActionCenter } from "@pp/core/action-center/get-action-center";
import { cachedUsageDrops, findUsageDrops } from "@pp/core/action-center/usage-drops";
import { rollupApiUsage } from "@pp/core/usage/rollup-api-usage";
import { createConnection } from "@pp/db";
import { DAY_MS, seedDemo, startOfUtcDay } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { sql } from "drizzle-orm";
import { BENCH_DATABASE } from "../lib/database";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_P95_MS = 100;

const round = (ms: number) => Number(ms.toFixed(1));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string" },
      months: { type: "string" },
      "api-usage-rows": { type: "string" },
      runs: { type: "string" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const tenants = Number(values.tenants ?? 5_000);
  const months = Number(values.months ?? 6);
  const runs = Number(values.runs ?? 50);
  const apiUsageRows = Number(values["api-usage-rows"] ?? tenants * 400);
  for (const [name, value] of Object.entries({ tenants, months, runs, apiUsageRows })) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  }
  const server = await startDatabaseServer(BENCH_DATABASE);
  const name = `pp_bench_action_center_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const url = await ensureDatabase(server.adminUrl, name);
  const connection = createConnection(url, 8);
  try {
    await migrateDatabase(url);
    const now = startOfUtcDay(new Date());
    // 60 days of API usage, so "usage down against the prior 30 days" has a prior window.
    const apiUsageDays = Math.min(60, Math.round((months * 365) / 12));
    const seedStarted = performance.now();
    const seeded = await seedDemo({
      pool: connection.pool,
      tenants,
      months,
      now,
      apiUsageRows,
      apiUsageDays,
      featureUsageDays: 30,
      log,
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const rollupStarted = performance.now();
    let rollupRows = 0;
    for (let day = apiUsageDays; day >= 0; day--) {
      const from = new Date(now.getTime() - day * DAY_MS);
      const result = await rollupApiUsage({ from, to: new Date(from.getTime() + DAY_MS) }, connection.db);
      rollupRows += result.rows;
    }
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    log(`rollups: ${rollupRows} rows in ${rollupSeconds.toFixed(1)} s`);
    await connection.db.execute(sql`analyze`);

    const at = new Date();
    // Cold: the first call also computes the 60-day usage trend (then cached for 15 minutes).
    const coldStarted = performance.now();
    const first = await getActionCenter({ now: at, usageDrops: cachedUsageDrops }, connection.db);
    const coldMs = performance.now() - coldStarted;
    const trendSamples: number[] = [];
    for (let index = 0; index < 5; index++) {
      const started = performance.now();
      await findUsageDrops(at, connection.db);
      trendSamples.push(performance.now() - started);
    }
    trendSamples.sort((a, b) => a - b);
    const counts = Object.fromEntries(ACTION_BUCKETS.map((bucket) => [bucket, first.buckets[bucket]?.count ?? 0]));
    log(`bucket counts: ${JSON.stringify(counts)}`);
    // Warm-up, then the timed runs: all buckets, first page, no filters (the page's first load).
    const options = { now: at, usageDrops: cachedUsageDrops };
    for (let index = 0; index < 5; index++) await getActionCenter(options, connection.db);
    const timings: number[] = [];
    for (let index = 0; index < runs; index++) {
      const started = performance.now();
      await getActionCenter(options, connection.db);
      timings.push(performance.now() - started);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    // One bucket alone (what paging through a queue costs), and one client's view.
    const perBucket: Record<string, { p50: number; p95: number }> = {};
    for (const bucket of ACTION_BUCKETS) {
      const samples: number[] = [];
      for (let index = 0; index < 20; index++) {
        const started = performance.now();
        await getActionCenter({ ...options, bucket }, connection.db);
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      perBucket[bucket] = { p50: round(percentile(samples, 0.5)), p95: round(percentile(samples, 0.95)) };
    }
    const postgres =
      (await connection.db.execute<{ v: string }>(sql`select current_setting('server_version') as v`)).rows[0]?.v ??
      "unknown";
    const tableRows = Object.fromEntries(
      (
        await connection.db.execute<{ relname: string; n: string }>(sql`
          select relname, n_live_tup::text as n from pg_stat_user_tables
          where relname in ('tenants', 'invoices', 'payments', 'lead_disputes', 'subscriptions', 'incidents', 'api_usage_rollups')`)
      ).rows.map((row) => [row.relname, Number(row.n)]),
    );
    const p95 = percentile(sorted, 0.95);
    const result = {
      tenants,
      months,
      seed: {
        seconds: round(seedSeconds),
        apiUsageRows: seeded.apiUsage.rows,
        rollupRows,
        rollupSeconds: round(rollupSeconds),
      },
      tableRows,
      counts,
      runs,
      allBuckets: {
        p50: round(percentile(sorted, 0.5)),
        p95: round(p95),
        min: round(sorted[0] ?? 0),
        max: round(sorted.at(-1) ?? 0),
      },
      perBucket,
      coldFirstCallMs: round(coldMs),
      usageTrend: { p50: round(percentile(trendSamples, 0.5)), max: round(trendSamples.at(-1) ?? 0) },
      target: TARGET_P95_MS,
      passed: p95 < TARGET_P95_MS,
      machine: { ...describeMachine(), postgres, embedded: server.embedded },
      date: new Date().toISOString(),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
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
