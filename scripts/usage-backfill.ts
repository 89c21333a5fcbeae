// npm run usage:backfill -- --from 2026-01-01 --to 2026-02-01 [--chunk-hours 24]
// Recomputes the hourly api_usage_rollups over [from, to) from the raw api_usage rows, in hour chunks,
// and then every coarser level over each chunk for every tenant (not only the changed ones: a
// backfill also fills a level an older release did not keep, such as a week's rows written while
// migration 0025 ran).

import { rollupApiUsage } from "@pp/core/usage/rollup-api-usage";
import { closeDb, db, refreshApiUsageRollupLevels } from "@pp/db";
import { openProductDatabase } from "./lib/database";
import { integerFlag, parseFlags, runCli, UsageError } from "./lib/seed-cli";

const USAGE = "Usage: npm run usage:backfill -- --from YYYY-MM-DD[THH:00Z] --to YYYY-MM-DD[THH:00Z] [--chunk-hours 24]";
const HOUR_MS = 60 * 60 * 1000;

function parseInstant(name: string, value: string | undefined): Date {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const parsed = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new UsageError(`--${name} must be a date like 2026-01-01 or 2026-01-01T13:00Z, got "${value}"`);
  }
  return parsed;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    from: { type: "string" },
    to: { type: "string" },
    "chunk-hours": { type: "string" },
  });
  const from = parseInstant("from", flags.from);
  const to = parseInstant("to", flags.to);
  if (to.getTime() <= from.getTime()) throw new UsageError("--to must be after --from");
  const chunkMs = integerFlag("chunk-hours", flags["chunk-hours"], 24, 1, 24 * 31) * HOUR_MS;

  const database = await openProductDatabase({ log: () => {} });
  try {
    const started = performance.now();
    const first = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
    const last = Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS;
    const hours = (last - first) / HOUR_MS;
    let done = 0;
    let rows = 0;
    let removed = 0;
    for (let at = first; at < last; at += chunkMs) {
      const chunk = await rollupApiUsage({ from: new Date(at), to: new Date(Math.min(at + chunkMs, last)) });
      await db.transaction((tx) => refreshApiUsageRollupLevels(tx, { from: chunk.from, to: chunk.to }));
      done += (chunk.to.getTime() - chunk.from.getTime()) / HOUR_MS;
      rows += chunk.rows;
      removed += chunk.removed;
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `${chunk.from.toISOString()} → ${chunk.to.toISOString()}  ${chunk.rows.toLocaleString("en-US")} rollup rows  ` +
          `(${done}/${hours} hours, ${Math.round((done / hours) * 100)} %, ${seconds.toFixed(1)} s)\n`,
      );
    }
    process.stdout.write(
      `Rolled up ${hours} hours from ${new Date(first).toISOString()} to ${new Date(last).toISOString()}: ` +
        `${rows.toLocaleString("en-US")} rollup rows written, ${removed.toLocaleString("en-US")} stale removed, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await closeDb();
    await database.stop();
  }
}

runCli(main, USAGE);
