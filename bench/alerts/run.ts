// Benchmark: one pass of the every-minute alert evaluation (SLO burn rates + 401/403/429 spikes).
//   npm run seed:demo -- --tenants 5000 --months 36 --api-usage-rows 20000000
//   npm run bench:alerts -- [--runs 30] [--json]
// Target: under 1 s per pass. "Now" is the newest raw row, so the 5-minute to 6-hour windows read
// the busiest raw partitions as they would live; the 3-day window reads the hourly rollups.
import { parseArgs } from "node:util";
import { evaluateAlerts } from "@pp/core/alerts/evaluate-alerts";
import { closeDb, db } from "@pp/db";
import { sql } from "drizzle-orm";
import { openProductDatabase } from "../../scripts/lib/database";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_MS = 1_000;

async function main() {
  const { values } = parseArgs({ options: { runs: { type: "string" }, json: { type: "boolean" } }, strict: true });
  const runs = Number(values.runs ?? 30);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive whole number, got ${values.runs}`);
  const database = await openProductDatabase({ log: () => {} });
  try {
    await db.execute(sql`analyze api_usage`);
    const raw = await db.execute<{ rows: string; newest: string | null }>(sql`
      select (select coalesce(sum(c.reltuples), 0)::bigint from pg_inherits i join pg_class c on c.oid = i.inhrelid
              where i.inhparent = 'api_usage'::regclass) as rows,
             (select max(at) from api_usage) as newest`);
    const rawRows = Number(raw.rows[0]?.rows ?? 0);
    const newest = raw.rows[0]?.newest;
    if (!newest) throw new Error("api_usage is empty: run `npm run seed:demo -- --api-usage-rows 20000000` first");
    const tenants = await db.execute<{ n: number }>(sql`select count(*)::int as n from tenants`);
    const now = new Date(new Date(newest).getTime() + 1_000);
    await evaluateAlerts({ now });
    const samples: number[] = [];
    let last = { opened: [] as string[], resolved: [] as string[], firing: 0 };
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      last = await evaluateAlerts({ now });
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const result = {
      machine: describeMachine(),
      tenants: tenants.rows[0]?.n ?? 0,
      rawRows,
      runs,
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      max: samples.at(-1) ?? 0,
      firing: last.firing,
      targetMs: TARGET_MS,
    };
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(
        `alert evaluation at ${result.tenants.toLocaleString("en-US")} tenants, ${rawRows.toLocaleString("en-US")} raw rows: ` +
          `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms over ${runs} runs ` +
          `(${result.firing} conditions firing; target < ${TARGET_MS} ms) — ${result.p95 < TARGET_MS ? "PASS" : "FAIL"}`,
      );
    }
  } finally {
    await closeDb();
    await database.stop();
  }
}

await main();
