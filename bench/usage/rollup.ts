// Benchmark: the every-minute rollup pass (rollupRecentApiUsage) on the demo data set.
//   npm run seed:demo -- --tenants 5000 --months 36 --api-usage-rows 20000000
//   npm run bench:usage-queries            (fills the rollups once if they are empty)
//   npm run bench:rollup -- [--runs 20] [--json]
// Each run is one transaction, rolled back at the end so the data set is left as it was: the last
// minute's raw rows are written again one minute later (new ids), as the next minute's traffic, then
// the pass runs at "now" = the end of that minute — it re-reads the late-row window (the newest
// rolled-up hour minus two hours, to the end of the current hour) from raw rows, writes the per-tenant
// hourly groups that changed, and recomputes every coarser level for the (hour, tenant) pairs that
// changed. Interleaved with it, in the same kind of transaction, the coarser levels recomputed over
// the pass's whole range (every tenant's hours and days: what each pass did before it tracked changes).
import { parseArgs } from "node:util";
import { rollupRecentApiUsage } from "@pp/core/usage/rollup-recent-api-usage";
import { closeDb, db, type Executor, refreshApiUsageRollupLevels } from "@pp/db";
import { sql } from "drizzle-orm";
import { openProductDatabase } from "../../scripts/lib/database";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const LATE_WINDOW_MS = 2 * HOUR_MS;

class RolledBack extends Error {}

/** Runs `work` in a transaction that is always rolled back; returns what it measured. */
async function inRolledBackTransaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  let measured: T | undefined;
  try {
    await db.transaction(async (tx) => {
      measured = await work(tx);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  if (measured === undefined) throw new Error("nothing measured");
  return measured;
}

/** The last minute's raw rows written again one minute later: the next minute's traffic. */
async function writeNextMinute(tx: Executor, lastMinute: Date): Promise<number> {
  const result = await tx.execute(sql`
    insert into api_usage (id, tenant_id, api_key_id, actor, app, route, method, status, bytes, duration_ms, at)
    select gen_random_uuid(), tenant_id, api_key_id, actor, app, route, method, status, bytes, duration_ms,
           at + interval '1 minute'
      from api_usage
     where at >= ${lastMinute.toISOString()}::timestamptz
       and at < ${new Date(lastMinute.getTime() + MINUTE_MS).toISOString()}::timestamptz`);
  return result.rowCount ?? 0;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? 0 };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: "string" }, json: { type: "boolean" } }, strict: true });
  const runs = Number(values.runs ?? 20);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive whole number, got ${values.runs}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await openProductDatabase({ log: () => {} });
  try {
    const newestHour = (
      await db.execute<{ hour: Date | string | null }>(sql`select max(hour) as hour from api_usage_rollups`)
    ).rows[0]?.hour;
    if (!newestHour) throw new Error("api_usage_rollups is empty: run `npm run bench:usage-queries` once first");
    const lastAt = (
      await db.execute<{ at: Date | string | null }>(
        sql`select max(at) as at from api_usage where at >= ${new Date(newestHour).toISOString()}::timestamptz`,
      )
    ).rows[0]?.at;
    if (!lastAt) throw new Error("no raw api_usage rows in the newest rolled-up hour");
    // Hours a seed or backfill marked pending would make every run's pass recompute them: settle them once (committed), as the job would.
    const pending = (await db.execute<{ n: string }>(sql`select count(*) as n from api_usage_rollup_pending`)).rows[0];
    if (Number(pending?.n) > 0) {
      log(`settling ${pending?.n} pending hours first`);
      await rollupRecentApiUsage({ now: new Date(lastAt) });
    }
    const lastMinute = new Date(Math.floor(new Date(lastAt).getTime() / MINUTE_MS) * MINUTE_MS);
    // The pass runs at the end of the next minute, as the job would a minute after the last one.
    const now = new Date(lastMinute.getTime() + 2 * MINUTE_MS - 1);
    const from = new Date(new Date(newestHour).getTime() - LATE_WINDOW_MS);
    const to = new Date(Math.ceil((now.getTime() + 1) / HOUR_MS) * HOUR_MS);
    const counts = (
      await db.execute<{ raw: string; tenants: string; hourly: string }>(sql`
        select (select count(*) from api_usage where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz) as raw,
               (select count(*) from tenants) as tenants,
               (select count(*) from api_usage_rollups where hour >= date_trunc('day', ${from.toISOString()}::timestamptz, 'UTC') and hour < ${to.toISOString()}::timestamptz) as hourly`)
    ).rows[0];
    log(
      `${counts?.tenants} tenants; pass range ${from.toISOString()} – ${to.toISOString()} (${Number(counts?.raw).toLocaleString("en-US")} raw rows; ${Number(counts?.hourly).toLocaleString("en-US")} per-tenant hourly rows in its days); now = ${now.toISOString()}`,
    );

    const pass: number[] = [];
    const fullLevels: number[] = [];
    let lastPass: Awaited<ReturnType<typeof rollupRecentApiUsage>> | undefined;
    let nextMinuteRows = 0;
    // One warm-up of each, then interleaved runs so machine load hits both alike.
    for (let run = -1; run < runs; run++) {
      const passMs = await inRolledBackTransaction(async (tx) => {
        nextMinuteRows = await writeNextMinute(tx, lastMinute);
        const started = performance.now();
        lastPass = await rollupRecentApiUsage({ now }, tx);
        return performance.now() - started;
      });
      const fullMs = await inRolledBackTransaction(async (tx) => {
        await writeNextMinute(tx, lastMinute);
        const started = performance.now();
        await refreshApiUsageRollupLevels(tx, { from, to });
        return performance.now() - started;
      });
      if (run < 0) continue;
      pass.push(passMs);
      fullLevels.push(fullMs);
      log(`run ${run + 1}: pass ${passMs.toFixed(1)} ms; levels over the whole range ${fullMs.toFixed(1)} ms`);
    }
    const result = {
      date: new Date().toISOString(),
      machine: describeMachine(),
      tenants: Number(counts?.tenants),
      rawRowsInRange: Number(counts?.raw),
      nextMinuteRows,
      range: { from: from.toISOString(), to: to.toISOString() },
      lastPass,
      targetMs: TARGET_MS,
      pass: summarise(pass),
      levelsOverWholeRange: summarise(fullLevels),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const line = (name: string, timing: ReturnType<typeof summarise>) =>
        `| ${name.padEnd(52)} | ${String(timing.runs).padStart(4)} | ${timing.p50.toFixed(1).padStart(8)} | ${timing.p95.toFixed(1).padStart(8)} |`;
      process.stdout.write(
        [
          "",
          `| ${"5,000-tenant data set".padEnd(52)} | runs |   p50 ms |   p95 ms |`,
          `| ${"-".repeat(52)} | ---- | -------- | -------- |`,
          line("every-minute pass (raw window + changed levels)", result.pass),
          line("coarser levels over the pass's whole range (before)", result.levelsOverWholeRange),
          "",
          `next minute: ${nextMinuteRows} raw rows; last pass: ${JSON.stringify(lastPass)}`,
          `machine: nproc ${result.machine.nproc}, ${result.machine.cpu}, load average ${result.machine.loadAverage}`,
          `pass p95 < ${TARGET_MS} ms: ${result.pass.p95 < TARGET_MS ? "yes" : "no"}`,
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
  process.exitCode = 1;
});
