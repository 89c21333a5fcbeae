// npm run seed:demo -- [--tenants 200] [--months 24] [--seed 1] [--api-usage-rows N] [--now YYYY-MM-DD]
// Replaces the demo data set (tenants `demo-…`, users `….demo`) with a fresh deterministic one.

import { ensureOnboardingTemplates } from "@pp/core/onboarding/ensure-onboarding-templates";
import { writeMetricsSnapshots } from "@pp/core/revenue/write-metrics-snapshots";
import { rollupApiUsage } from "@pp/core/usage/rollup-api-usage";
import { closeDb, getPool } from "@pp/db";
import { DEFAULT_API_USAGE_ROWS_PER_TENANT, seedDemo } from "@pp/db/factories";
import { openProductDatabase } from "./lib/database";
import { integerFlag, parseFlags, runCli, UsageError } from "./lib/seed-cli";

const USAGE =
  "Usage: npm run seed:demo -- [--tenants 200] [--months 24] [--seed 1] [--api-usage-rows N] [--api-usage-days 30] [--now YYYY-MM-DD] [--json]";

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--now must be a date like 2025-01-31, got "${value}"`);
  }
  return new Date(`${value}T00:00:00Z`);
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    tenants: { type: "string" },
    months: { type: "string" },
    seed: { type: "string" },
    "api-usage-rows": { type: "string" },
    "api-usage-days": { type: "string" },
    now: { type: "string" },
    json: { type: "boolean" },
  });
  const tenants = integerFlag("tenants", flags.tenants, 200, 1, 100_000);
  const options = {
    tenants,
    months: integerFlag("months", flags.months, 24, 1, 120),
    seed: integerFlag("seed", flags.seed, 1, 0, 2 ** 32 - 1),
    apiUsageRows: integerFlag(
      "api-usage-rows",
      flags["api-usage-rows"],
      tenants * DEFAULT_API_USAGE_ROWS_PER_TENANT,
      0,
      1_000_000_000,
    ),
    apiUsageDays: integerFlag("api-usage-days", flags["api-usage-days"], 30, 1, 400),
    now: parseNow(flags.now),
  };
  const database = await openProductDatabase({ log: () => {} });
  const log = (line: string) => {
    if (!flags.json) process.stderr.write(`${line}\n`);
  };
  try {
    // Demo tenants in onboarding get real checklists: the templates must exist first.
    await ensureOnboardingTemplates();
    const result = await seedDemo({ ...options, pool: getPool(), log });
    const rollups = await fillRollups({ to: result.now, days: options.apiUsageDays, log });
    result.rows.api_usage_rollups = rollups.rows;
    result.rows.metrics_snapshots = await fillSnapshots({ to: result.now, months: options.months, log });
    await settleTables(log);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const width = Math.max(...Object.keys(result.rows).map((table) => table.length));
    const table = Object.entries(result.rows).map(
      ([name, rows]) => `  ${name.padEnd(width)}  ${rows.toLocaleString("en-US").padStart(12)}`,
    );
    const total = Object.values(result.rows).reduce((sum, rows) => sum + rows, 0);
    process.stdout.write(
      [
        `Demo data: ${result.tenants} tenants × ${options.months} months, seed ${options.seed}, history up to ${result.now.toISOString()}`,
        "",
        `  ${"table".padEnd(width)}  ${"rows".padStart(12)}`,
        ...table,
        `  ${"total".padEnd(width)}  ${total.toLocaleString("en-US").padStart(12)}`,
        "",
        `api_usage: ${result.apiUsage.rows.toLocaleString("en-US")} rows in ${result.apiUsage.seconds.toFixed(1)} s = ${result.apiUsage.rowsPerSecond.toLocaleString("en-US")} rows/s`,
        `api_usage_rollups: ${rollups.rows.toLocaleString("en-US")} hourly rows in ${rollups.seconds.toFixed(1)} s`,
        `Total time: ${result.seconds.toFixed(1)} s`,
        "",
        `Staff sign-in (Provider Portal): ${result.staffEmails.join(", ")}`,
        `Tenant owners (tenant app): owner@<tenant slug>.demo`,
        `Password for every demo user: ${result.password}`,
        "",
      ].join("\n"),
    );
  } finally {
    await closeDb();
    await database.stop();
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The dashboards read hourly rollups: recompute them for the days of raw rows just generated, a day
 * per statement, with the same function the every-minute job runs (hours with raw rows are
 * recomputed whole, so a previous demo data set's groups in them are replaced).
 */
async function fillRollups(input: { to: Date; days: number; log: (line: string) => void }) {
  const started = performance.now();
  let rows = 0;
  for (let day = input.days; day > 0; day--) {
    const from = new Date(input.to.getTime() - day * DAY_MS);
    const chunk = await rollupApiUsage({ from, to: new Date(from.getTime() + DAY_MS) });
    rows += chunk.rows;
    input.log(
      `api_usage_rollups ${from.toISOString().slice(0, 10)}: ${chunk.rows} rows (${input.days - day + 1}/${input.days} days)`,
    );
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/**
 * What autovacuum does on a live database after traffic: summarise the BRIN ranges of the raw usage
 * rows just bulk-written and mark their pages all-visible, and give every table statistics (the
 * planner otherwise guesses a third of `leads` for "received since midnight"), so the pages are
 * read (and benchmarked) in the state they would be in, not straight after a bulk load.
 */
async function settleTables(log: (line: string) => void) {
  const started = performance.now();
  await getPool().query(
    "vacuum (analyze) api_usage, api_usage_rollups, api_usage_rollups_hourly_global, api_usage_rollups_hourly_tenants, api_usage_rollups_daily, api_usage_rollups_daily_tenants, api_usage_rollups_weekly",
  );
  await getPool().query("analyze");
  log(
    `api_usage and its rollups vacuumed, every table analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Revenue Intelligence reads closed days from metrics_snapshots: fill every closed day of the demo history. */
async function fillSnapshots(input: { to: Date; months: number; log: (line: string) => void }) {
  const from = new Date(input.to.getTime() - Math.ceil(input.months * 30.5 + 31) * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(input.to.getTime() - DAY_MS).toISOString().slice(0, 10);
  const result = await writeMetricsSnapshots({
    from,
    to,
    onDay: (day, done, total) => {
      if (done % 30 === 0 || done === total) input.log(`metrics_snapshots ${day}: ${done}/${total} days`);
    },
  });
  return result.rows;
}

runCli(main, USAGE);
