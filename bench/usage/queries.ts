// Benchmark (c): every /provider/api-usage query against the demo data set, ≥ 30 runs each, p50/p95.
//   npm run seed:demo -- --tenants 5000 --months 36 --api-usage-rows 20000000
//   npm run bench:usage-queries -- [--runs 30] [--json]
// Uses the same database as seed:demo (DATABASE_URL, else the embedded one). When api_usage_rollups
// is empty (the rollup job has not run there), it is filled first from the raw rows with the rollup
// job's own statement, a day at a time, and the time that took is reported.
import { parseArgs } from "node:util";
import type { TApiUsageFilters } from "@pp/core/usage/api-usage-filters";
import { getApiUsageTrend } from "@pp/core/usage/get-api-usage-trend";
import { listEndpointUsage } from "@pp/core/usage/list-endpoint-usage";
import { listTenantUsage } from "@pp/core/usage/list-tenant-usage";
import { previewRateLimit } from "@pp/core/usage/preview-rate-limit";
import { rollupApiUsage } from "@pp/core/usage/rollup-api-usage";
import { streamApiUsageCsv } from "@pp/core/usage/stream-api-usage-csv";
import { closeDb, db } from "@pp/db";
import { sql } from "drizzle-orm";
import { openProductDatabase } from "../../scripts/lib/database";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_P95_MS = 150;
const MIN_RUNS = 10;
const BUDGET_MS_PER_QUERY = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

type Timing = { name: string; runs: number; p50: number; p95: number; max: number; detail: string };

/**
 * One warm-up, then `runs` timed runs; a query slower than the budget allows stops early (after
 * at least MIN_RUNS) so a slow query cannot hold the whole benchmark for half an hour. The run
 * count is reported with the figures.
 */
async function time(name: string, runs: number, query: () => Promise<string>): Promise<Timing> {
  let detail = await query();
  const samples: number[] = [];
  const budgetEnds = performance.now() + BUDGET_MS_PER_QUERY;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    detail = await query();
    samples.push(performance.now() - started);
    if (samples.length >= MIN_RUNS && performance.now() > budgetEnds) break;
  }
  const runsDone = samples.length;
  samples.sort((a, b) => a - b);
  const timing = {
    name,
    runs: runsDone,
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    max: samples.at(-1) ?? 0,
    detail,
  };
  process.stderr.write(
    `${name.padEnd(44)} ${String(runsDone).padStart(3)} runs  p50 ${timing.p50.toFixed(1).padStart(7)} ms  p95 ${timing.p95.toFixed(1).padStart(7)} ms  ${detail}\n`,
  );
  return timing;
}

async function scalar<T>(query: ReturnType<typeof sql>): Promise<T | undefined> {
  const result = await db.execute<{ value: T }>(query);
  return result.rows[0]?.value;
}

/** Reads the CSV stream until `rows` data lines have arrived, then cancels it (as a closed download would). */
async function csvFirstRows(filters: TApiUsageFilters, now: Date, rows: number): Promise<number> {
  const reader = streamApiUsageCsv({ filters, now }).getReader();
  const decoder = new TextDecoder();
  let lines = -1; // the header
  try {
    while (lines < rows) {
      const { done, value } = await reader.read();
      if (done) break;
      lines += decoder.decode(value).split("\r\n").length - 1;
    }
  } finally {
    await reader.cancel();
  }
  return lines;
}

async function fillRollupsIfEmpty(log: (line: string) => void): Promise<{ seconds: number; rows: number } | null> {
  const present = await scalar<boolean>(sql`select exists (select 1 from api_usage_rollups) as value`);
  if (present) return null;
  const oldest = await scalar<Date>(sql`select min(at) as value from api_usage`);
  const newest = await scalar<Date>(sql`select max(at) as value from api_usage`);
  if (!oldest || !newest) return { seconds: 0, rows: 0 };
  log(
    `api_usage_rollups is empty: rolling up ${new Date(oldest).toISOString()} – ${new Date(newest).toISOString()} a day at a time`,
  );
  const started = performance.now();
  let rows = 0;
  const firstDay = Math.floor(new Date(oldest).getTime() / DAY_MS) * DAY_MS;
  for (let at = firstDay; at <= new Date(newest).getTime(); at += DAY_MS) {
    const result = await rollupApiUsage({
      from: new Date(at),
      to: new Date(at + DAY_MS),
    });
    rows += result.rows;
  }
  await db.execute(sql`analyze api_usage_rollups`);
  const seconds = (performance.now() - started) / 1000;
  log(`rolled up into ${rows.toLocaleString("en-US")} rollup rows in ${seconds.toFixed(1)} s`);
  return { seconds, rows };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: "string" }, json: { type: "boolean" } }, strict: true });
  const runs = Number(values.runs ?? 30);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive whole number, got ${values.runs}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await openProductDatabase({ log: () => {} });
  try {
    // Planner statistics first: a freshly seeded table has none (and no row estimate to report).
    await db.execute(sql`analyze api_usage`);
    const rawRows = Number(
      await scalar<string>(
        sql`select coalesce(sum(c.reltuples), 0)::bigint as value from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'api_usage'::regclass`,
      ),
    );
    if (rawRows <= 0) throw new Error("api_usage is empty: run `npm run seed:demo -- --api-usage-rows 20000000` first");
    const rollupFill = await fillRollupsIfEmpty(log);
    const rollupRows = Number(await scalar<string>(sql`select count(*) as value from api_usage_rollups`));
    // "Now" is half past the last hour of the demo's history: the dashboards then read half an hour
    // of raw rows for the hour in progress, as they would live.
    const newest = await scalar<Date>(sql`select max(hour) as value from api_usage_rollups`);
    const newestRaw = newest
      ? await scalar<Date>(
          sql`select max(at) as value from api_usage where at >= ${new Date(newest).toISOString()}::timestamptz`,
        )
      : undefined;
    const lastAt = new Date(newestRaw ?? Date.now()).getTime();
    const halfPast = Math.floor(lastAt / 3_600_000) * 3_600_000 + 1_800_000;
    const now = new Date(Math.min(lastAt + 1000, halfPast));
    const busiest = await db.execute<{ tenant_id: string; requests: string }>(sql`
      select tenant_id, sum(requests) as requests from api_usage_rollups
       where hour >= ${new Date(now.getTime() - 30 * DAY_MS).toISOString()}::timestamptz
         and tenant_id <> '00000000-0000-0000-0000-000000000000'
       group by tenant_id order by 2 desc limit 1`);
    const tenantId = busiest.rows[0]?.tenant_id;
    if (!tenantId) throw new Error("no tenant has usage in the last 30 days");
    const postgres = (await scalar<string>(sql`select current_setting('server_version') as value`)) ?? "unknown";
    log(
      `api_usage ≈ ${rawRows.toLocaleString("en-US")} rows, api_usage_rollups ${rollupRows.toLocaleString("en-US")} rows; now = ${now.toISOString()}; busiest tenant ${tenantId} (${Number(busiest.rows[0]?.requests).toLocaleString("en-US")} requests in 30 days)`,
    );

    const d30: TApiUsageFilters = { range: "30d" };
    const byTenant: TApiUsageFilters = { range: "30d", tenantId };
    const byRoute: TApiUsageFilters = { range: "30d", route: "/api/v1/leads", method: "GET" };
    const timings: Timing[] = [];
    const trendDetail = (trend: Awaited<ReturnType<typeof getApiUsageTrend>>) =>
      `${trend.totals.requests.toLocaleString("en-US")} requests (prior ${trend.priorTotals.requests.toLocaleString("en-US")})`;
    timings.push(
      await time("trend, 30 days, unfiltered", runs, async () =>
        trendDetail(await getApiUsageTrend({ filters: d30, now })),
      ),
    );
    timings.push(
      await time("trend, 30 days, one tenant", runs, async () =>
        trendDetail(await getApiUsageTrend({ filters: byTenant, now })),
      ),
    );
    timings.push(
      await time("trend, 30 days, one route", runs, async () =>
        trendDetail(await getApiUsageTrend({ filters: byRoute, now })),
      ),
    );
    timings.push(
      await time("trend, 24 hours, unfiltered", runs, async () =>
        trendDetail(await getApiUsageTrend({ filters: { range: "24h" }, now })),
      ),
    );
    timings.push(
      await time(
        "endpoint breakdown, 30 days",
        runs,
        async () => `${(await listEndpointUsage({ filters: d30, now })).length} endpoints`,
      ),
    );
    timings.push(
      await time(
        "endpoint breakdown, 30 days, one tenant",
        runs,
        async () => `${(await listEndpointUsage({ filters: byTenant, now })).length} endpoints`,
      ),
    );
    timings.push(
      await time("tenant table, 30 days, by requests", runs, async () => {
        const page = await listTenantUsage({ filters: d30, now });
        return `${page.data.length} rows, top ${page.data[0]?.requests.toLocaleString("en-US")} requests`;
      }),
    );
    timings.push(
      await time("tenant table, 30 days, by peak % of limit", runs, async () => {
        const page = await listTenantUsage({ filters: d30, sort: "peak", now });
        return `top ${page.data[0]?.peakPercentOfLimit}% of limit`;
      }),
    );
    timings.push(
      await time(
        "tenant table, 30 days, one route",
        runs,
        async () => `${(await listTenantUsage({ filters: byRoute, now })).data.length} rows`,
      ),
    );
    timings.push(
      await time("rate-limit preview, busiest tenant, 30 days", runs, async () => {
        const preview = await previewRateLimit({ tenantId, limit: 5, now });
        return `${preview.requests.toLocaleString("en-US")} requests, ${preview.refusedRequests.toLocaleString("en-US")} refused at 5/min`;
      }),
    );
    timings.push(
      await time("CSV export, first 10,000 rows", runs, async () => `${await csvFirstRows(d30, now, 10_000)} rows`),
    );
    timings.push(
      await time(
        "CSV export, one tenant, first 10,000 rows",
        runs,
        async () => `${await csvFirstRows(byTenant, now, 10_000)} rows`,
      ),
    );

    const result = {
      date: new Date().toISOString(),
      machine: { ...describeMachine(), postgres },
      apiUsageRows: rawRows,
      rollupRows,
      rollupFill,
      now: now.toISOString(),
      runs,
      targetP95Ms: TARGET_P95_MS,
      timings,
      allUnderTarget: timings.every((timing) => timing.p95 < TARGET_P95_MS),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const width = Math.max(...timings.map((timing) => timing.name.length));
      process.stdout.write(
        [
          "",
          `| ${"query".padEnd(width)} | runs | p50 ms | p95 ms |`,
          `| ${"-".repeat(width)} | ---- | ------ | ------ |`,
          ...timings.map(
            (timing) =>
              `| ${timing.name.padEnd(width)} | ${String(timing.runs).padStart(4)} | ${timing.p50.toFixed(1).padStart(6)} | ${timing.p95.toFixed(1).padStart(6)} |`,
          ),
          "",
          `machine: nproc ${result.machine.nproc}, ${result.machine.cpu}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}, PostgreSQL ${postgres}, load average ${result.machine.loadAverage}`,
          `all p95 < ${TARGET_P95_MS} ms: ${result.allUnderTarget ? "yes" : "no"}`,
          "",
        ].join("\n"),
      );
    }
  } finally {
    await closeDb();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
