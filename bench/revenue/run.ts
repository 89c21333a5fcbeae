// Benchmark: Revenue Intelligence's API calls (the domain functions behind each route) over a
// seed:demo data set, timed from snapshots (closed months) and from the raw ledger, plus the
// nightly metrics.snapshot job for one day. Targets: p95 < 300 ms per call, one day < 60 s.
//   npx tsx bench/revenue/run.ts -- [--tenants 5000] [--months 36] [--runs 20] [--keep] [--json]
//   npx tsx bench/revenue/run.ts -- --database-url postgres://…/db [--runs 20] [--json]
// Uses DATABASE_URL's server (else an embedded PostgreSQL) and a new database it drops afterwards;
// with --database-url, an existing `npm run seed:demo` database (its snapshots already written by
// the seed), migrated and measured as it is: no seeding, no backfill, nothing dropped.
import { parseArgs } from "node:util";
import { getRevenueCohorts } from "@pp/core/revenue/get-revenue-cohorts";
import { getRevenueForecast } from "@pp/core/revenue/get-revenue-forecast";
import { getRevenueSegments } from "@pp/core/revenue/get-revenue-segments";
import { getRevenueSummary } from "@pp/core/revenue/get-revenue-summary";
import { getRevenueWaterfall } from "@pp/core/revenue/get-revenue-waterfall";
import { listRevenueMovements } from "@pp/core/revenue/list-revenue-movements";
import { writeMetricsSnapshots } from "@pp/core/revenue/write-metrics-snapshots";
import { createConnection, type Database } from "@pp/db";
import { DAY_MS, seedDemo, startOfUtcDay } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { BENCH_DATABASE } from "../lib/database";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_P95_MS = 300;
const TARGET_DAY_SECONDS = 60;
const round = (ms: number) => Number(ms.toFixed(1));
const log = (line: string) => process.stderr.write(`${line}\n`);

type CallResult = {
  snapshots: { p50: number; p95: number };
  ledger: { p50: number; p95: number };
  ledgerOverSnapshotsP95: number;
  targetMet: boolean;
};

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

type Prepared = {
  tenants: number;
  seedSeconds: number | null;
  backfill: { days: number; rows: number; seconds: number } | null;
};

/** A fresh seed:demo data set (no API usage), then every closed day's snapshots, as the nightly job writes them. */
async function seedAndBackfill(
  db: Database,
  pool: pg.Pool,
  options: { tenants: number; months: number; now: Date },
): Promise<Prepared> {
  const { tenants, months, now } = options;
  const seedStarted = performance.now();
  await seedDemo({
    pool,
    tenants,
    months,
    now,
    apiUsageRows: 0,
    featureUsageDays: 1,
    log: (line) => {
      if (/copied|rows|ready/.test(line)) log(line);
    },
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`seeded ${tenants} tenants × ${months} months in ${seedSeconds.toFixed(1)} s`);
  // Statistics first, as autovacuum would have them in production: without them the backfill's
  // per-day query scans every invoice line (1.2 s a day instead of 0.1 s at 1,000 tenants).
  await db.execute(sql`analyze`);
  const from = new Date(now.getTime() - Math.ceil(months * 30.5 + 31) * DAY_MS).toISOString().slice(0, 10);
  const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const backfillStarted = performance.now();
  const backfill = await writeMetricsSnapshots(
    {
      from,
      to: yesterday,
      onDay: (day, index, total) => {
        if (index % 100 === 0 || index === total) log(`backfill ${index}/${total} days (${day})`);
      },
    },
    db,
  );
  const backfillSeconds = (performance.now() - backfillStarted) / 1000;
  log(`backfilled ${backfill.days} days (${backfill.rows} rows) in ${backfillSeconds.toFixed(1)} s`);
  return { tenants, seedSeconds: round(seedSeconds), backfill: { ...backfill, seconds: round(backfillSeconds) } };
}

/** An existing seed:demo database: its snapshots were written by the seed. */
async function measureExisting(db: Database): Promise<Prepared> {
  const [row] = (
    await db.execute<{ tenants: number; days: number }>(
      sql`select (select count(*)::int from tenants) as tenants, (select count(distinct day)::int from metrics_snapshots) as days`,
    )
  ).rows;
  if (!row?.days) throw new Error("no metrics_snapshots here: seed it with `npm run seed:demo` (it writes them)");
  log(`existing database: ${row.tenants} tenants, ${row.days} snapshot days`);
  return { tenants: row.tenants, seedSeconds: null, backfill: null };
}

async function main() {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string" },
      months: { type: "string" },
      runs: { type: "string" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
      "database-url": { type: "string" },
    },
    strict: true,
  });
  const tenants = Number(values.tenants ?? 5_000);
  const months = Number(values.months ?? 36);
  const runs = Number(values.runs ?? 20);
  const existing = values["database-url"];
  const server = existing ? null : await startDatabaseServer(BENCH_DATABASE);
  const name = `pp_bench_revenue_${process.pid}`;
  if (server) await dropDatabase(server.adminUrl, name);
  const url = existing ?? (await ensureDatabase((server as NonNullable<typeof server>).adminUrl, name));
  const connection = createConnection(url, 4);
  const db = connection.db;
  try {
    await migrateDatabase(url);
    const now = startOfUtcDay(new Date());
    const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
    const prepared = existing
      ? await measureExisting(db)
      : await seedAndBackfill(db, connection.pool, { tenants, months, now });
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
    // Each call of the page, from the snapshots (closed days) + the ledger for today, and all from the raw ledger.
    type Source = { source?: "auto" | "ledger" };
    type Query = { from?: string; to?: string; now: Date } & Source;
    const pageCalls: Record<string, (query: Query) => Promise<unknown>> = {
      summary: (query) => getRevenueSummary(query, db),
      waterfall: (query) => getRevenueWaterfall(query, db),
      cohorts: (query) => getRevenueCohorts(query, db),
      forecast: (query) => getRevenueForecast(query, db),
      segments: (query) => getRevenueSegments(query, db),
      "movements (first page)": (query) => listRevenueMovements({ ...query, limit: 25 }, db),
      "movements (segment source:web)": (query) =>
        listRevenueMovements({ ...query, segment: "source:web", limit: 25 }, db),
    };
    const calls: Record<string, Record<string, CallResult>> = {};
    for (const [label, range] of Object.entries(ranges)) {
      calls[label] = {};
      for (const [name, call] of Object.entries(pageCalls)) {
        const snapshots = await time(runs, () => call({ ...range, now }));
        const ledger = await time(runs, () => call({ ...range, now, source: "ledger" }));
        calls[label][name] = {
          snapshots,
          ledger,
          ledgerOverSnapshotsP95: Number((ledger.p95 / Math.max(snapshots.p95, 0.1)).toFixed(2)),
          targetMet: snapshots.p95 < TARGET_P95_MS,
        };
        log(`${label} ${name}: ${JSON.stringify(calls[label][name])}`);
      }
    }
    const events = (await db.execute<{ n: string }>(sql`select count(*)::text as n from subscription_events`)).rows[0]
      ?.n;
    const result = {
      tenants: prepared.tenants,
      months,
      runs,
      database: existing ? "existing (--database-url)" : "fresh",
      subscriptionEvents: Number(events ?? 0),
      seedSeconds: prepared.seedSeconds,
      backfill: prepared.backfill,
      nightlyOneDaySeconds: round(nightlySeconds),
      nightlyTargetMet: nightlySeconds < TARGET_DAY_SECONDS,
      calls,
      targetP95Ms: TARGET_P95_MS,
      machine: describeMachine(),
    };
    process.stdout.write(`${JSON.stringify(result, null, values.json ? 0 : 2)}\n`);
  } finally {
    await connection.pool.end();
    if (server) {
      if (!values.keep) await dropDatabase(server.adminUrl, name);
      await server.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
