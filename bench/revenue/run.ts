// Benchmark: Revenue Intelligence's API calls (the domain functions behind each route) over a
// seed:demo data set, timed from snapshots (closed months) and from the raw ledger, plus the
// nightly metrics.snapshot job for one day. Targets: p95 < 300 ms per call, one day < 60 s.
//   npx tsx bench/revenue/run.ts -- [--tenants 5000] [--months 36] [--runs 20] [--keep] [--json]
// Uses DATABASE_URL's server (else an embedded PostgreSQL) and a new database it drops afterwards.
import { parseArgs } from "node:util";
import { getRevenueCohorts } from "@pp/core/revenue/get-revenue-cohorts";
import { getRevenueForecast } from "@pp/core/revenue/get-revenue-forecast";
import { getRevenueSegments } from "@pp/core/revenue/get-revenue-segments";
import { getRevenueSummary } from "@pp/core/revenue/get-revenue-summary";
import { getRevenueWaterfall } from "@pp/core/revenue/get-revenue-waterfall";
import { listRevenueMovements } from "@pp/core/revenue/list-revenue-movements";
import { writeMetricsSnapshots } from "@pp/core/revenue/write-metrics-snapshots";
import { createConnection } from "@pp/db";
import { DAY_MS, seedDemo, startOfUtcDay } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { sql } from "drizzle-orm";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_P95_MS = 300;
const TARGET_DAY_SECONDS = 60;
const round = (ms: number) => Number(ms.toFixed(1));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function time(runs: number, call: () => Promise<unknown>) {
  for (let index = 0; index < 3; index++) await call();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 0.5)), p95: round(percentile(samples, 0.95)) };
}

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
  const months = Number(values.months ?? 36);
  const runs = Number(values.runs ?? 20);
  const server = await startDatabaseServer({ dataDir: ".data/bench-postgres", port: 54349 });
  const name = `pp_bench_revenue_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const url = await ensureDatabase(server.adminUrl, name);
  const connection = createConnection(url, 4);
  const db = connection.db;
  try {
    await migrateDatabase(url);
    const now = startOfUtcDay(new Date());
    const seedStarted = performance.now();
    await seedDemo({
      pool: connection.pool,
      tenants,
      months,
      now,
      apiUsageRows: 0,
      featureUsageDays: 1,
      log: () => {},
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`seeded ${tenants} tenants × ${months} months in ${seedSeconds.toFixed(1)} s`);
    const from = new Date(now.getTime() - Math.ceil(months * 30.5 + 31) * DAY_MS).toISOString().slice(0, 10);
    const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
    const backfillStarted = performance.now();
    const backfill = await writeMetricsSnapshots({ from, to: yesterday }, db);
    const backfillSeconds = (performance.now() - backfillStarted) / 1000;
    log(`backfilled ${backfill.days} days (${backfill.rows} rows) in ${backfillSeconds.toFixed(1)} s`);
    await db.execute(sql`analyze`);
    const dayStarted = performance.now();
    await writeMetricsSnapshots({ from: yesterday, to: yesterday }, db);
    const nightlySeconds = (performance.now() - dayStarted) / 1000;

    const to = now.toISOString().slice(0, 7);
    const ranges = {
      "12 months": {},
      [`${months} months`]: {
        from: new Date(now.getTime() - (months - 1) * 30.5 * DAY_MS).toISOString().slice(0, 7),
        to,
      },
    };
    const calls: Record<string, Record<string, { p50: number; p95: number }>> = {};
    for (const [label, range] of Object.entries(ranges)) {
      const query = { ...range, now };
      calls[label] = {
        summary: await time(runs, () => getRevenueSummary(query, db)),
        "waterfall (snapshots)": await time(runs, () => getRevenueWaterfall(query, db)),
        "waterfall (ledger)": await time(runs, () => getRevenueWaterfall({ ...query, source: "ledger" }, db)),
        cohorts: await time(runs, () => getRevenueCohorts(query, db)),
        forecast: await time(runs, () => getRevenueForecast(query, db)),
        segments: await time(runs, () => getRevenueSegments(query, db)),
        movements: await time(runs, () => listRevenueMovements({ ...query, limit: 25 }, db)),
      };
      log(`${label}: ${JSON.stringify(calls[label])}`);
    }
    const events = (await db.execute<{ n: string }>(sql`select count(*)::text as n from subscription_events`)).rows[0]
      ?.n;
    const result = {
      tenants,
      months,
      runs,
      subscriptionEvents: Number(events ?? 0),
      seedSeconds: round(seedSeconds),
      backfill: { days: backfill.days, rows: backfill.rows, seconds: round(backfillSeconds) },
      nightlyOneDaySeconds: round(nightlySeconds),
      nightlyTargetMet: nightlySeconds < TARGET_DAY_SECONDS,
      calls,
      targetP95Ms: TARGET_P95_MS,
      machine: describeMachine(),
    };
    process.stdout.write(`${JSON.stringify(result, null, values.json ? 0 : 2)}\n`);
  } finally {
    await connection.pool.end();
    if (!values.keep) await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
