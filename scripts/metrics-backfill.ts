// npm run metrics:backfill -- --from 2025-01-01 --to 2025-12-31
// Recomputes the metrics_snapshots of every UTC day in [from, to] (inclusive) from the MRR ledger,
// invoices, leads, disputes and API usage rollups, replacing what was there, with a progress bar.

import { writeMetricsSnapshots } from "@pp/core/revenue/write-metrics-snapshots";
import { closeDb } from "@pp/db";
import { openProductDatabase } from "./lib/database";
import { parseFlags, runCli, UsageError } from "./lib/seed-cli";

const USAGE = "Usage: npm run metrics:backfill -- --from YYYY-MM-DD --to YYYY-MM-DD";
const BAR_WIDTH = 30;

function parseDay(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--${name} must be a day like 2025-01-31, got "${value}"`);
  }
  return value;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), { from: { type: "string" }, to: { type: "string" } });
  const from = parseDay("from", flags.from);
  const to = parseDay("to", flags.to);
  if (to < from) throw new UsageError("--to must be on or after --from");
  const database = await openProductDatabase({ log: () => {} });
  try {
    const started = performance.now();
    const result = await writeMetricsSnapshots({
      from,
      to,
      onDay: (day, done, total) => {
        const filled = Math.round((done / total) * BAR_WIDTH);
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write(
          `\r[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} days  ${day}  ${seconds.toFixed(1)} s`,
        );
      },
    });
    process.stderr.write("\n");
    process.stdout.write(
      `Snapshots for ${result.days} days from ${from} to ${to}: ${result.rows.toLocaleString("en-US")} rows, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await closeDb();
    await database.stop();
  }
}

runCli(main, USAGE);
